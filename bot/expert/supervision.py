"""The expert's read-only view of the mentors they supervise, and their journal on them (R6.3).

Every click re-checks on the server that the expert supervises the mentor or participant it names:
callback data is user input. Nothing here changes a participant; an expert's forged mentor button
is refused.
"""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import select

from bot.callbacks import MentorCb
from bot.entries import show_entry, summary
from bot.filters import MenuButton, RoleFilter
from bot.mentor.participants import card_lines
from core.diary import check_entry_text
from core.errors import NotAllowed
from core.programme import Role
from core.rules import ProgrammeRules
from locales.translations import Translator
from storage.models import Application, ExpertNote, Staff
from storage.repository import Repository

NOTES_SHOWN = 5


class SupervisionCb(CallbackData, prefix="sv"):
    action: str
    target: int = 0


class NoteFlow(StatesGroup):
    text = State()


def sv(text: str, action: str, target: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=SupervisionCb(action=action, target=target).pack())


async def supervised_mentors(repo: Repository, expert: Staff) -> list[Staff]:
    return list(
        await repo.session.scalars(
            select(Staff)
            .where(Staff.expert_id == expert.user_id, Staff.role == Role.MENTOR.value)
            .order_by(Staff.full_name, Staff.user_id)
        )
    )


async def supervised_mentor(repo: Repository, expert: Staff, mentor_id: int) -> Staff:
    mentor = await repo.staff(mentor_id)
    if mentor is None or mentor.role != Role.MENTOR.value or mentor.expert_id != expert.user_id:
        raise NotAllowed()
    return mentor


async def supervised_application(repo: Repository, expert: Staff, app_id: int) -> tuple[Application, Staff]:
    app = await repo.application(app_id)
    if app is None or app.mentor_id is None:
        raise NotAllowed()
    return app, await supervised_mentor(repo, expert, app.mentor_id)


async def list_mentors(message: Message, t: Translator, repo: Repository, staff: Staff) -> None:
    mentors = await supervised_mentors(repo, staff)
    if not mentors:
        await message.answer(t("sv-no-mentors"))
        return
    rows = []
    for mentor in mentors:
        count = len(await repo.mentor_applications(mentor.user_id))
        label = html.unescape(t("sv-mentor-row", name=mentor.full_name or str(mentor.user_id), count=count))
        rows.append([sv(label, "mentor", mentor.user_id)])
    await message.answer(t("sv-mentors", count=len(mentors)), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def mentor_page(message: Message, t: Translator, repo: Repository, mentor: Staff) -> None:
    apps = await repo.mentor_applications(mentor.user_id)
    lines = [t("sv-mentor-title", name=mentor.full_name or "", count=len(apps))]
    if mentor.absent_since is not None:
        substitute = await repo.staff(mentor.substitute_id or 0)
        lines.append(t("sv-mentor-absent", substitute=(substitute.full_name if substitute else None) or "—"))
    notes = list(
        await repo.session.scalars(
            select(ExpertNote)
            .where(ExpertNote.mentor_id == mentor.user_id, ExpertNote.expert_id == mentor.expert_id)
            .order_by(ExpertNote.created_at.desc(), ExpertNote.id.desc())
            .limit(NOTES_SHOWN)
        )
    )
    if notes:
        lines.append(t("sv-notes-title"))
        lines += [t("sv-note-line", date=n.created_at.strftime("%d.%m.%Y"), text=n.text) for n in notes]
    rows = [[sv(f"{a.full_name} · {t('status-' + a.status.replace('_', '-'))}", "app", a.id)] for a in apps]
    rows.append([sv(t("button-sv-add-note"), "note", mentor.user_id)])
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def open_mentor(
    query: CallbackQuery, callback_data: SupervisionCb, t: Translator, repo: Repository, staff: Staff
) -> None:
    mentor = await supervised_mentor(repo, staff, callback_data.target)
    await query.answer()
    if isinstance(query.message, Message):
        await mentor_page(query.message, t, repo, mentor)


async def readonly_card(
    message: Message,
    app: Application,
    mentor: Staff,
    t: Translator,
    repo: Repository,
    rules: ProgrammeRules,
    zone: ZoneInfo,
) -> None:
    """The participant's card as the mentor sees it, without a single action button."""
    lines = await card_lines(app, t, repo, rules, zone)
    lines.insert(1, t("sv-card-mentor", name=mentor.full_name or ""))
    if app.photo_file_id:
        await message.answer_photo(app.photo_file_id, caption=app.full_name)
    await message.answer("\n".join(lines))


async def open_application(
    query: CallbackQuery,
    callback_data: SupervisionCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    bot: Bot,
    zone: ZoneInfo,
) -> None:
    app, mentor = await supervised_application(repo, staff, callback_data.target)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    await readonly_card(query.message, app, mentor, t, repo, rules, zone)
    entries = await repo.entries_of(app.id)
    if not entries:
        await query.message.answer(t("sv-no-entries"))
        return
    await query.message.answer(t("sv-entries", count=len(entries)))
    for entry in entries:
        book = await repo.book(entry.book_code) if entry.book_code else None
        media = await repo.media_of(entry.id)
        await show_entry(bot, query.message.chat.id, summary(t, entry, book, len(media)), media)


async def ask_note(
    query: CallbackQuery, callback_data: SupervisionCb, state: FSMContext, t: Translator, repo: Repository, staff: Staff
) -> None:
    mentor = await supervised_mentor(repo, staff, callback_data.target)
    await state.set_state(NoteFlow.text)
    await state.update_data(mentor_id=mentor.user_id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("sv-ask-note", name=mentor.full_name or ""))


async def note_text(message: Message, state: FSMContext, t: Translator, repo: Repository, staff: Staff) -> None:
    text = check_entry_text(message.text, limit=2000)
    data = await state.get_data()
    await state.clear()
    mentor = await supervised_mentor(repo, staff, int(data["mentor_id"]))
    repo.session.add(ExpertNote(expert_id=staff.user_id, mentor_id=mentor.user_id, text=text))
    await repo.session.commit()
    await message.answer(t("sv-note-saved"))
    await mentor_page(message, t, repo, mentor)


async def refuse(query: CallbackQuery) -> None:
    """An expert's mentor button other than the acting card (handled in absence) changes nothing."""
    raise NotAllowed()


def router() -> Router:
    """The supervision handlers, in the order they are tried."""
    r = Router(name="supervision")
    r.message.filter(RoleFilter(Role.EXPERT))
    r.callback_query.filter(RoleFilter(Role.EXPERT))
    r.message.register(list_mentors, MenuButton("menu-my-mentors"))
    r.callback_query.register(open_mentor, SupervisionCb.filter(F.action == "mentor"))
    r.callback_query.register(open_application, SupervisionCb.filter(F.action == "app"))
    r.callback_query.register(ask_note, SupervisionCb.filter(F.action == "note"))
    r.message.register(note_text, NoteFlow.text)
    r.callback_query.register(refuse, MentorCb.filter())
    return r
