"""The participant's view of the diary: entries with status and comments, progress, appeals, revisions."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import DiaryCb, ReportCb
from bot.charts import CHARTS
from bot.entries import STATUS_ICONS, short
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from bot.participant.diary import show_step
from bot.participant.missed import cant_button
from core import analytics, drafts, reviews
from core.analytics import Outlook
from core.diary import check_entry_text
from core.policy import Policy
from core.programme import EntryStatus, Role
from core.progress import Standing
from locales.translations import Translator
from media.charts import Panel
from storage.holder import Holder
from storage.models import User

SHOWN_PER_DIRECTION = 8
APPEAL_MIN, APPEAL_MAX = 5, 1000


class AppealFlow(StatesGroup):
    reason = State()


async def show_diary(message: Message, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    """Per direction: completion towards the level's requirement, then the latest entries (R8.1, R8.3)."""
    app = await drafts.active_application(uow, user.id)
    entries = await uow.entries.of_application(app.id)
    found = await analytics.outlook(uow, app, policy)
    lines = [t("diary-title", rating=found.rating)]
    actions = []
    for standing in found.standings:
        direction = standing.direction
        lines.append(t("diary-direction", direction=t(f"direction-{direction.value}"), percent=standing.percent))
        lines += left_lines(t, standing, found)
        mine = [e for e in entries if e.direction == direction.value][-SHOWN_PER_DIRECTION:]
        lines += [f"  {STATUS_ICONS[e.status]} {e.activity_date:%d.%m} {short(e)}" for e in mine]
        for e in mine:
            label = f"{e.activity_date:%d.%m} {t(f'direction-{e.direction}')}"
            if e.status == EntryStatus.REJECTED.value:
                actions.append([button(t("button-appeal-entry", entry=label), DiaryCb(action="appeal", entry_id=e.id))])
            elif e.status == EntryStatus.MORE_WORK.value:
                actions.append([button(t("button-revise-entry", entry=label), DiaryCb(action="revise", entry_id=e.id))])
    tasks = await uow.journal.open_tasks(app.id)
    if tasks:
        lines.append(t("task-diary-title", count=len(tasks)))
        lines += [t("task-diary-line", direction=t(f"direction-{task.direction}"), text=task.text) for task in tasks]
    actions.append(cant_button(t))
    actions.append([button(t("button-chart-mine"), ReportCb(kind="mine"))])
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=actions))


def left_lines(t: Translator, standing: Standing, found: Outlook) -> list[str]:
    """What is still to do in the direction and by when; a direction of sessions that needs more weeks than
    remain is said to be behind."""
    if standing.left == 0:
        return []
    by = found.ends_on.strftime("%d.%m.%Y")
    lines = ["  " + t(f"diary-left-{standing.unit}", left=standing.left, by=by)]
    if standing.unit == "weeks" and standing.left > found.weeks_left:
        lines.append("  " + t("diary-behind", weeks=found.weeks_left))
    return lines


async def my_chart(query: CallbackQuery, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    """The participant's progress bars per direction (R8.4)."""
    app = await drafts.active_application(uow, user.id)
    found = await analytics.outlook(uow, app, policy)
    await query.answer()
    panel = Panel(
        t("chart-mine"),
        tuple(t(f"direction-{s.direction.value}") for s in found.standings),
        tuple(s.percent for s in found.standings),
    )
    if isinstance(query.message, Message):
        await CHARTS.send(query.message, [panel], t("chart-mine-caption", rating=found.rating))


async def revise(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    """Reopens an entry the mentor asked more of, at its content."""
    draft = await drafts.revise(uow, user.id, callback_data.entry_id)
    await query.answer()
    assert isinstance(query.message, Message)
    await show_step(query.message, draft.entry, t, uow, policy)


async def start_appeal(
    query: CallbackQuery, callback_data: DiaryCb, state: FSMContext, t: Translator, uow: Holder, user: User
) -> None:
    await reviews.check_appealable(uow, user.id, callback_data.entry_id)
    await state.set_state(AppealFlow.reason)
    await state.update_data(entry_id=callback_data.entry_id)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t("ask-appeal-reason"))


async def appeal_reason(
    message: Message, state: FSMContext, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    """The whole story goes to the mentor's expert, or whoever acts for them (R6.3, R7.3)."""
    reason = check_entry_text(message.text, limit=APPEAL_MAX, minimum=APPEAL_MIN)
    result = await reviews.appeal(uow, user.id, int((await state.get_data())["entry_id"]), reason, policy.now())
    await state.clear()
    await message.answer(t("appeal-sent" if result.notices else "appeal-recorded"))


def router() -> Router:
    """The journal handlers, in the order they are tried."""
    r = Router(name="journal")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(show_diary, MenuButton("menu-diary"))
    r.callback_query.register(revise, DiaryCb.filter(F.action == "revise"))
    r.callback_query.register(start_appeal, DiaryCb.filter(F.action == "appeal"))
    r.message.register(appeal_reason, AppealFlow.reason)
    r.callback_query.register(my_chart, ReportCb.filter(F.kind == "mine"))
    return r
