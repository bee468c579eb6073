"""The participant's view of the diary: entries with status and comments, progress, appeals, revisions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import DiaryCb
from bot.entries import STATUS_ICONS, short
from bot.expert.appeals import send_appeal
from bot.filters import MenuButton, RoleFilter
from bot.mentor.tasks import open_tasks_lines
from bot.participant.diary import active_application, show_step
from bot.participant.missed import cant_button
from core import applications, reviews
from core.application_status import OPEN
from core.diary import STEPS, check_entry_text
from core.errors import DomainError
from core.programme import ApplicationStatus, EntryKind, EntryStatus, Role
from core.progress import progress, rating
from core.rules import ProgrammeRules
from core.settings import Settings
from locales.translations import Translations, Translator
from storage.models import Application, Entry, User
from storage.repository import Repository

SHOWN_PER_DIRECTION = 8


class AppealFlow(StatesGroup):
    reason = State()


async def show_diary(
    message: Message, t: Translator, repo: Repository, user: User, rules: ProgrammeRules, zone: ZoneInfo
) -> None:
    """Per direction: completion towards the level's requirement, then the latest entries (R8.1, R8.3)."""
    app = await active_application(repo, user)
    entries = await repo.entries_of(app.id)
    targets = applications.targets_of(rules, app)
    percents = progress(targets, await repo.done_entries(app.id), applications.started_on(app, zone))
    lines = [t("diary-title", rating=rating(percents))]
    actions = []
    for direction in targets:
        lines.append(t("diary-direction", direction=t(f"direction-{direction.value}"), percent=percents[direction]))
        mine = [e for e in entries if e.direction == direction.value][-SHOWN_PER_DIRECTION:]
        lines += [f"  {STATUS_ICONS[e.status]} {e.activity_date:%d.%m} {short(e)}" for e in mine]
        for e in mine:
            label = f"{e.activity_date:%d.%m} {t(f'direction-{e.direction}')}"
            if e.status == EntryStatus.REJECTED.value:
                actions.append([db(t("button-appeal-entry", entry=label), "appeal", e.id)])
            elif e.status == EntryStatus.MORE_WORK.value:
                actions.append([db(t("button-revise-entry", entry=label), "revise", e.id)])
    lines += await open_tasks_lines(t, repo, app.id)
    actions.append(cant_button(t))
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=actions))


def db(text: str, action: str, entry_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=DiaryCb(action=action, entry_id=entry_id).pack())


async def own_entry(repo: Repository, user: User, entry_id: int) -> tuple[Application, Entry]:
    app = await repo.open_application(user.id)
    entry = await repo.entry(entry_id, for_update=True)
    if app is None or entry is None or entry.application_id != app.id or ApplicationStatus(app.status) not in OPEN:
        raise DomainError("error-bad-button")
    return app, entry


async def revise(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, repo: Repository, user: User, settings: Settings
) -> None:
    """Reopens an entry the mentor asked more of, at its content: what was done, the essay, or the files."""
    app, entry = await own_entry(repo, user, callback_data.entry_id)
    if entry.status != EntryStatus.MORE_WORK.value or entry.revising:
        raise DomainError("error-stale-button")
    if await repo.draft_entry(app.id) is not None:
        raise DomainError("error-finish-draft-first")
    entry.revising = True
    entry.step = next(s for s in STEPS[EntryKind(entry.kind)] if s in ("text", "content", "media"))
    await repo.session.commit()
    await query.answer()
    assert isinstance(query.message, Message)
    await show_step(query.message, entry, t, repo, settings)


async def start_appeal(
    query: CallbackQuery, callback_data: DiaryCb, state: FSMContext, t: Translator, repo: Repository, user: User
) -> None:
    _, entry = await own_entry(repo, user, callback_data.entry_id)
    if entry.status != EntryStatus.REJECTED.value:
        raise DomainError("error-stale-button")
    await state.set_state(AppealFlow.reason)
    await state.update_data(entry_id=entry.id)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t("ask-appeal-reason"))


async def appeal_reason(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    translations: Translations,
    clock: Callable[[], datetime],
) -> None:
    """Records the appeal and sends the whole story to the mentor's expert, or whoever acts for them (R6.3, R7.3)."""
    reason = check_entry_text(message.text, limit=1000, minimum=5)
    app, entry = await own_entry(repo, user, int((await state.get_data())["entry_id"]))
    await reviews.appeal(repo, app, entry, user.id, reason, clock())
    mentor = await repo.staff(app.mentor_id or 0)
    expert = await repo.user(await repo.acting_for(mentor.expert_id)) if mentor and mentor.expert_id else None
    if expert is not None:
        await send_appeal(repo, translations, expert, app, entry, mentor, clock())
    await repo.session.commit()
    await state.clear()
    await message.answer(t("appeal-sent" if expert else "appeal-recorded"))


def router() -> Router:
    """The journal handlers, in the order they are tried."""
    r = Router(name="journal")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(show_diary, MenuButton("menu-diary"))
    r.callback_query.register(revise, DiaryCb.filter(F.action == "revise"))
    r.callback_query.register(start_appeal, DiaryCb.filter(F.action == "appeal"))
    r.message.register(appeal_reason, AppealFlow.reason)
    return r
