"""The mentor's participants: cards, the individual schedule, activation (R5.1, R6.2).

The rules of the schedule and of activation are `core/schedule.py`; the schedule being edited lives in
the conversation state until its last answer, then it is stored in one use case.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import MentorCb
from bot.entries import STATUS_ICONS, short
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button, columns
from bot.mentor.card_extras import extra_lines, extra_rows
from bot.participant.texts import describe_target, profile, schedule_line
from core import applications, schedule
from core.access import mentored_application
from core.errors import DomainError
from core.policy import Policy
from core.ports import ApplicationRecord
from core.programme import ApplicationStatus as S
from core.programme import Role
from core.progress import rating
from core.text_input import ascii_int
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

TIMES = ("08:00", "10:00", "14:00", "16:00", "18:00", "20:00")
MINUTES = (60, 90, 120, 180, 240)
CARD_ENTRIES = 3
"""Latest entries per direction on the card; the whole diary is one tap away in the review queue."""


class ScheduleFlow(StatesGroup):
    activity = State()
    time = State()
    minutes = State()


def message_of(query: CallbackQuery) -> Message:
    assert isinstance(query.message, Message)
    return query.message


async def list_participants(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    apps = await uow.applications.of_mentor(staff.user_id)
    if not apps:
        await message.answer(t("mentor-no-participants"))
        return
    rows = [
        [button(f"{a.full_name} · {t('status-' + a.status.replace('_', '-'))}", MentorCb(action="card", app_id=a.id))]
        for a in apps
    ]
    await message.answer(
        t("mentor-participants", count=len(apps)), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


async def card_lines(app: ApplicationRecord, t: Translator, uow: Holder, policy: Policy) -> list[str]:
    """The participant's card as text: profile, legal representative, the characterisation, the documents and
    the mentor's anonymous rating, and per direction the target, the schedule and, once active, the completion
    percent and the latest diary entries (R8.1)."""
    items = {i.direction: i for i in await uow.applications.schedule(app.id)}
    lines = [
        t("card-title", name=app.full_name or "", status=t("status-" + app.status.replace("_", "-"))),
        t("card-profile", **await profile(t, uow, app), level=t(f"level-{app.level}")),
    ]
    if app.guardian_required:
        lines.append(t("card-guardian", name=app.guardian_name or "—", phone=app.guardian_phone or "—"))
    lines += await extra_lines(app, t, uow)
    targets = applications.targets_of(policy.rules, app)
    percents: dict[Any, int] = {}
    entries = []
    if app.activated_at is not None:
        percents = await applications.progress_of(uow, app, policy)
        lines.insert(1, t("card-rating", rating=rating(percents)))
        entries = await uow.entries.of_application(app.id)
    for direction, target in targets.items():
        item = items.get(direction.value)
        lines.append(
            f"• <b>{t(f'direction-{direction.value}')}</b>: {describe_target(t, target)}\n  "
            + (schedule_line(t, item) if item and schedule.item_complete(item) else t("schedule-missing"))
        )
        if direction in percents:
            lines.append("  " + t("card-progress", percent=percents[direction]))
            mine = [e for e in entries if e.direction == direction.value][-CARD_ENTRIES:]
            lines += [f"  {STATUS_ICONS[e.status]} {e.activity_date:%d.%m} {short(e)}" for e in mine]
    return lines


async def send_card(message: Message, app: ApplicationRecord, t: Translator, uow: Holder, policy: Policy) -> None:
    """The card with the actions its status allows: schedule and activate, or write and complete."""
    rows = []
    if app.status == S.UNDER_REVIEW.value:
        rows = [
            button(
                t("button-schedule", direction=t(f"direction-{d}")),
                MentorCb(action="sched", app_id=app.id, direction=d),
            )
            for d in app.directions
        ]
    keyboard = columns(rows, 2)
    if app.status == S.UNDER_REVIEW.value:
        keyboard.append([button(t("button-activate"), MentorCb(action="activate", app_id=app.id))])
    if app.status == S.ACTIVE.value:
        keyboard.append(
            [
                button(t("button-message"), MentorCb(action="msg", app_id=app.id)),
                button(t("button-complete"), MentorCb(action="complete", app_id=app.id)),
            ]
        )
    keyboard += extra_rows(app, t)
    lines = await card_lines(app, t, uow, policy)
    if app.photo_file_id:
        await message.answer_photo(app.photo_file_id, caption=app.full_name)
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=keyboard))


async def card(
    query: CallbackQuery, callback_data: MentorCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    """The mentor's card of a participant; the expert or coordinator acting for an absent mentor gets it too."""
    app = await mentored_application(uow, staff, callback_data.app_id)
    await query.answer()
    await send_card(message_of(query), app, t, uow, policy)


async def start_schedule(
    query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    app = await schedule.schedulable(uow, staff, callback_data.app_id, callback_data.direction)
    await state.set_state(ScheduleFlow.activity)
    await state.update_data(app_id=app.id, direction=callback_data.direction, days=[])
    await query.answer()
    await message_of(query).answer(t("ask-schedule-activity", direction=t(f"direction-{callback_data.direction}")))


async def got_activity(message: Message, state: FSMContext, t: Translator) -> None:
    data = await state.update_data(activity=schedule.check_activity(message.text))
    await message.answer(t("ask-schedule-days"), reply_markup=days_keyboard(t, data))


def days_keyboard(t: Translator, data: dict[str, Any]) -> InlineKeyboardMarkup:
    chosen = set(data.get("days", []))
    buttons = [
        button(
            ("✅ " if d in chosen else "") + t(f"weekday-{d}"),
            MentorCb(action="day", app_id=data["app_id"], direction=data["direction"], value=str(d)),
        )
        for d in range(7)
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=columns(buttons, 4)
        + [[button(t("button-done"), MentorCb(action="days-done", app_id=data["app_id"], direction=data["direction"]))]]
    )


async def flow_data(state: FSMContext, callback_data: MentorCb) -> dict[str, Any]:
    """The schedule being edited; a button from another participant's or an older flow is stale."""
    data = await state.get_data()
    if data.get("app_id") != callback_data.app_id or data.get("direction") != callback_data.direction:
        raise DomainError("error-stale-button")
    return data


async def toggle_day(query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator) -> None:
    data = await flow_data(state, callback_data)
    if "activity" not in data or callback_data.value not in {str(d) for d in range(7)}:
        raise DomainError("error-stale-button")
    data = await state.update_data(days=sorted(set(data["days"]) ^ {int(callback_data.value)}))
    await query.answer()
    await message_of(query).edit_reply_markup(reply_markup=days_keyboard(t, data))


async def days_done(query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator) -> None:
    data = await flow_data(state, callback_data)
    schedule.check_weekdays(data.get("days", []))
    await state.set_state(ScheduleFlow.time)
    await query.answer()
    buttons = [
        button(x, MentorCb(action="time", app_id=data["app_id"], direction=data["direction"], value=x.replace(":", "")))
        for x in TIMES
    ]
    await message_of(query).answer(
        t("ask-schedule-time"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons, 3))
    )


async def ask_minutes(message: Message, state: FSMContext, t: Translator, data: dict[str, Any]) -> None:
    await state.set_state(ScheduleFlow.minutes)
    buttons = [
        button(
            t("minutes", minutes=m),
            MentorCb(action="min", app_id=data["app_id"], direction=data["direction"], value=str(m)),
        )
        for m in MINUTES
    ]
    await message.answer(
        t("ask-schedule-minutes"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons, 3))
    )


async def time_button(query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator) -> None:
    await flow_data(state, callback_data)
    value = callback_data.value
    try:
        time = schedule.parse_time(f"{value[:2]}:{value[2:]}")
    except DomainError:
        raise DomainError("error-bad-button") from None
    data = await state.update_data(time=time)
    await query.answer()
    await ask_minutes(message_of(query), state, t, data)


async def time_text(message: Message, state: FSMContext, t: Translator) -> None:
    data = await state.update_data(time=schedule.parse_time(message.text))
    await ask_minutes(message, state, t, data)


async def minutes_button(
    query: CallbackQuery,
    callback_data: MentorCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    staff: Staff,
    policy: Policy,
) -> None:
    await flow_data(state, callback_data)
    if ascii_int(callback_data.value) is None:
        raise DomainError("error-bad-button")
    await query.answer()
    await save_schedule(message_of(query), state, t, uow, staff, policy, callback_data.value)


async def minutes_text(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    await save_schedule(message, state, t, uow, staff, policy, (message.text or "").strip())


async def save_schedule(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy, minutes: str
) -> None:
    """A wrong number is refused by the use case and the flow stays here: only the minutes are asked again."""
    data = await state.get_data()
    line = schedule.Line(data["direction"], data["activity"], data["days"], data["time"], minutes)
    app = await schedule.save(uow, staff, int(data["app_id"]), line, policy)
    await state.clear()
    await message.answer(t("schedule-saved", direction=t(f"direction-{data['direction']}")))
    await send_card(message, app, t, uow, policy)


async def ask_activate(query: CallbackQuery, callback_data: MentorCb, t: Translator, uow: Holder, staff: Staff) -> None:
    """Irreversible, so it asks first."""
    app = await schedule.activatable(uow, staff, callback_data.app_id)
    await query.answer()
    confirm = button(t("button-activate-confirm"), MentorCb(action="activate-yes", app_id=app.id))
    await message_of(query).answer(
        t("activate-confirm", name=app.full_name or ""), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[confirm]])
    )


async def activate(
    query: CallbackQuery, callback_data: MentorCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    result = await schedule.activate(uow, staff, callback_data.app_id, policy.now())
    await query.answer(t("activated-toast"))
    await message_of(query).edit_text(t("activated", name=result.app.full_name or ""))


def router() -> Router:
    """The mentor-participants handlers, in the order they are tried."""
    r = Router(name="mentor-participants")
    r.message.filter(RoleFilter(Role.MENTOR))
    r.callback_query.filter(RoleFilter(Role.MENTOR))
    r.message.register(list_participants, MenuButton("menu-my-participants"))
    r.callback_query.register(card, MentorCb.filter(F.action == "card"))
    r.callback_query.register(start_schedule, MentorCb.filter(F.action == "sched"))
    r.message.register(got_activity, ScheduleFlow.activity)
    r.callback_query.register(toggle_day, ScheduleFlow.activity, MentorCb.filter(F.action == "day"))
    r.callback_query.register(days_done, ScheduleFlow.activity, MentorCb.filter(F.action == "days-done"))
    r.callback_query.register(time_button, ScheduleFlow.time, MentorCb.filter(F.action == "time"))
    r.message.register(time_text, ScheduleFlow.time)
    r.callback_query.register(minutes_button, ScheduleFlow.minutes, MentorCb.filter(F.action == "min"))
    r.message.register(minutes_text, ScheduleFlow.minutes)
    r.callback_query.register(ask_activate, MentorCb.filter(F.action == "activate"))
    r.callback_query.register(activate, MentorCb.filter(F.action == "activate-yes"))
    return r
