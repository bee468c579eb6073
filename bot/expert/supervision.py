"""The expert's read-only view of the mentors they supervise, each on their card (R8.2), and their journal on
them (R6.3).

Every click re-checks on the server that the expert supervises the mentor or participant it names:
callback data is user input. Nothing here changes a participant; an expert's forged mentor button
is refused.
"""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import DocumentCb, MentorCb, SupervisionCb
from bot.entries import media_calls, summary
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from bot.mentor.participants import card_lines
from bot.staff.cards import send_card
from core import notes, staff_profiles
from core.errors import NotAllowed
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class NoteFlow(StatesGroup):
    text = State()


async def list_mentors(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    mentors = await uow.staff.mentors_of(staff.user_id)
    if not mentors:
        await message.answer(t("sv-no-mentors"))
        return
    load = await uow.applications.load_of_mentors([m.user_id for m in mentors])
    rows = []
    for mentor in mentors:
        count = load.get(mentor.user_id, 0)
        label = html.unescape(t("sv-mentor-row", name=mentor.full_name or str(mentor.user_id), count=count))
        rows.append([button(label, SupervisionCb(action="mentor", target=mentor.user_id))])
    await message.answer(t("sv-mentors", count=len(mentors)), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def mentor_page(message: Message, t: Translator, uow: Holder, expert: Staff, mentor: Staff) -> None:
    """The mentor's card (`bot/staff/cards.py`) with what the expert does from it: open a participant, add a note."""
    card = await staff_profiles.card(uow, expert, mentor.user_id)
    apps = await uow.applications.of_mentor(mentor.user_id)
    lines = [t("sv-mentor-title", name=mentor.full_name or "", count=len(apps))]
    if mentor.absent_since is not None:
        substitute = await uow.staff.get(mentor.substitute_id or 0)
        lines.append(t("sv-mentor-absent", substitute=(substitute.full_name if substitute else None) or "—"))
    rows = [
        [
            button(
                f"{a.full_name} · {t('status-' + a.status.replace('_', '-'))}", SupervisionCb(action="app", target=a.id)
            )
        ]
        for a in apps
    ]
    rows.append([button(t("button-sv-add-note"), SupervisionCb(action="note", target=mentor.user_id))])
    await send_card(message, t, uow, card, title="\n".join(lines), more=rows)


async def open_mentor(
    query: CallbackQuery, callback_data: SupervisionCb, t: Translator, uow: Holder, staff: Staff
) -> None:
    mentor = await notes.supervised_mentor(uow, staff, callback_data.target)
    await query.answer()
    if isinstance(query.message, Message):
        await mentor_page(query.message, t, uow, staff, mentor)  # type: ignore[arg-type]


async def open_application(
    query: CallbackQuery, callback_data: SupervisionCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    """The participant's card as the mentor sees it, without a single action button, then every entry."""
    app = await uow.applications.get(callback_data.target)
    if app is None or app.mentor_id is None:
        raise NotAllowed()
    mentor = await notes.supervised_mentor(uow, staff, app.mentor_id)
    await query.answer()
    if not isinstance(query.message, Message) or query.bot is None:
        return
    message = query.message
    lines = await card_lines(app, t, uow, policy)
    lines.insert(1, t("sv-card-mentor", name=mentor.full_name or ""))
    if app.photo_file_id:
        await message.answer_photo(app.photo_file_id, caption=app.full_name)
    documents = button(t("button-docs-list"), DocumentCb(action="list", app_id=app.id))
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[documents]]))
    entries = await uow.entries.of_application(app.id)
    if not entries:
        await message.answer(t("sv-no-entries"))
        return
    await message.answer(t("sv-entries", count=len(entries)))
    files = await uow.entries.media_of([e.id for e in entries])
    books = await uow.catalogue.books_by_code({e.book_code for e in entries if e.book_code})
    for entry in entries:
        media = files[entry.id]
        for call in media_calls(message.chat.id, media):
            await query.bot(call)
        await message.answer(summary(t, entry, books.get(entry.book_code or ""), len(media)))


async def ask_note(
    query: CallbackQuery, callback_data: SupervisionCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    mentor = await notes.supervised_mentor(uow, staff, callback_data.target)
    await state.set_state(NoteFlow.text)
    await state.update_data(mentor_id=mentor.user_id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("sv-ask-note", name=mentor.full_name or ""))


async def note_text(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    text = notes.check_note(message.text)
    data = await state.get_data()
    await state.clear()
    mentor = await notes.add(uow, staff, int(data["mentor_id"]), text)
    await message.answer(t("sv-note-saved"))
    await mentor_page(message, t, uow, staff, mentor)  # type: ignore[arg-type]


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
