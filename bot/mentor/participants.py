"""The mentor's participants: cards, the individual schedule, activation (R5.1, R6.2)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MentorCb
from bot.entries import STATUS_ICONS, short
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import columns
from bot.notify import notify
from bot.participant.texts import describe_target
from core import applications
from core.errors import DomainError
from core.programme import ApplicationStatus as S
from core.programme import Direction, EntryStatus, Role
from core.progress import progress, rating
from core.rules import ProgrammeRules
from core.staff import check_acting_mentor
from locales.translations import Translations, Translator
from storage.models import Application, ScheduleItem, Staff
from storage.repository import Repository

TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
TIMES = ("08:00", "10:00", "14:00", "16:00", "18:00", "20:00")
MINUTES = (60, 90, 120, 180, 240)
CARD_ENTRIES = 3
"""Latest entries per direction on the card; the whole diary is one tap away in the review queue."""


class ScheduleFlow(StatesGroup):
    activity = State()
    time = State()
    minutes = State()


def mb(text: str, action: str, app_id: int, direction: str = "", value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=MentorCb(action=action, app_id=app_id, direction=direction, value=value).pack()
    )


async def assigned(repo: Repository, staff: Staff | None, app_id: int) -> Application:
    """Role and assignment are checked on the server for every action: callback data is user input."""
    app = await repo.application(app_id, for_update=True)
    return await check_acting_mentor(repo, staff, app)  # type: ignore[return-value]


async def list_participants(message: Message, t: Translator, repo: Repository, staff: Staff) -> None:
    apps = await repo.mentor_applications(staff.user_id)
    if not apps:
        await message.answer(t("mentor-no-participants"))
        return
    rows = [[mb(f"{a.full_name} · {t('status-' + a.status.replace('_', '-'))}", "card", a.id)] for a in apps]
    await message.answer(
        t("mentor-participants", count=len(apps)), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


async def card_lines(
    app: Application, t: Translator, repo: Repository, rules: ProgrammeRules, zone: ZoneInfo
) -> list[str]:
    """The participant's card as text: profile, legal representative, and per direction the target, the
    schedule and, once active, the completion percent and the latest diary entries (R8.1)."""
    region = await repo.region(app.region_code or "")
    place = await repo.locality(app.locality_code or "")
    items = {i.direction: i for i in await repo.schedule(app.id)}
    lines = [
        t("card-title", name=app.full_name or "", status=t("status-" + app.status.replace("_", "-"))),
        t(
            "card-profile",
            birth_date=app.birth_date.strftime("%d.%m.%Y") if app.birth_date else "",
            phone=app.phone or "",
            region=t.name(region) if region else "",
            locality=t.name(place) if place else "",
            study_place=app.study_place or "",
            about=app.about or "",
            hobbies=app.hobbies or "",
            level=t(f"level-{app.level}"),
        ),
    ]
    if app.guardian_required:
        lines.append(t("card-guardian", name=app.guardian_name or "—", phone=app.guardian_phone or "—"))
    targets = applications.targets_of(rules, app)
    percents, entries = {}, []
    if app.activated_at is not None:
        percents = progress(targets, await repo.done_entries(app.id), applications.started_on(app, zone))
        lines.insert(1, t("card-rating", rating=rating(percents)))
        entries = [e for e in await repo.entries_of(app.id) if e.status != EntryStatus.DRAFT.value]
    for direction, target in targets.items():
        item = items.get(direction.value)
        lines.append(
            f"• <b>{t(f'direction-{direction.value}')}</b>: {describe_target(t, target)}\n  "
            + (schedule_line(t, item) if item and applications.schedule_item_complete(item) else t("schedule-missing"))
        )
        if direction in percents:
            lines.append("  " + t("card-progress", percent=percents[direction]))
            mine = [e for e in entries if e.direction == direction.value][-CARD_ENTRIES:]
            lines += [f"  {STATUS_ICONS[e.status]} {e.activity_date:%d.%m} {short(e)}" for e in mine]
    return lines


async def send_card(
    message: Message, app: Application, t: Translator, repo: Repository, rules: ProgrammeRules, zone: ZoneInfo
) -> None:
    """The card with the actions its status allows: schedule and activate, or write and complete."""
    rows = []
    if app.status == S.UNDER_REVIEW.value:
        rows = [mb(t("button-schedule", direction=t(f"direction-{d}")), "sched", app.id, d) for d in app.directions]
    keyboard = columns(rows, 2)
    if app.status == S.UNDER_REVIEW.value:
        keyboard.append([mb(t("button-activate"), "activate", app.id)])
    if app.status == S.ACTIVE.value:
        keyboard.append([mb(t("button-message"), "msg", app.id), mb(t("button-complete"), "complete", app.id)])
    lines = await card_lines(app, t, repo, rules, zone)
    if app.photo_file_id:
        await message.answer_photo(app.photo_file_id, caption=app.full_name)
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=keyboard))


def schedule_line(t: Translator, item: ScheduleItem) -> str:
    days = ", ".join(t(f"weekday-{d}") for d in sorted(item.weekdays))
    return t(
        "schedule-line",
        activity=item.activity or "",
        days=days,
        time=item.time or "",
        minutes=item.minutes_per_week or 0,
    )


async def card(
    query: CallbackQuery,
    callback_data: MentorCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    zone: ZoneInfo,
) -> None:
    app = await assigned(repo, staff, callback_data.app_id)
    await query.answer()
    if isinstance(query.message, Message):
        await send_card(query.message, app, t, repo, rules, zone)


async def start_schedule(
    query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator, repo: Repository, staff: Staff
) -> None:
    app = await assigned(repo, staff, callback_data.app_id)
    if app.status != S.UNDER_REVIEW.value or callback_data.direction not in app.directions:
        raise DomainError("error-stale-button")
    await state.set_state(ScheduleFlow.activity)
    await state.update_data(app_id=app.id, direction=callback_data.direction, days=[])
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("ask-schedule-activity", direction=t(f"direction-{callback_data.direction}")))


async def got_activity(message: Message, state: FSMContext, t: Translator) -> None:
    text = (message.text or "").strip()
    if not 2 <= len(text) <= 200 or text.startswith("/"):
        await message.answer(t("error-activity"))
        return
    data = await state.update_data(activity=text)
    await message.answer(t("ask-schedule-days"), reply_markup=days_keyboard(t, data))


def days_keyboard(t: Translator, data: dict) -> InlineKeyboardMarkup:
    chosen = set(data.get("days", []))
    buttons = [
        mb(("✅ " if d in chosen else "") + t(f"weekday-{d}"), "day", data["app_id"], data["direction"], str(d))
        for d in range(7)
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=columns(buttons, 4) + [[mb(t("button-done"), "days-done", data["app_id"], data["direction"])]]
    )


async def flow_data(state: FSMContext, callback_data: MentorCb) -> dict:
    """The schedule being edited; a button from another participant's or an older flow is stale."""
    data = await state.get_data()
    if data.get("app_id") != callback_data.app_id or data.get("direction") != callback_data.direction:
        raise DomainError("error-stale-button")
    return data


async def toggle_day(query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator) -> None:
    data = await flow_data(state, callback_data)
    if "activity" not in data or callback_data.value not in {str(d) for d in range(7)}:
        raise DomainError("error-stale-button")
    day = int(callback_data.value)
    days = set(data["days"]) ^ {day}
    data = await state.update_data(days=sorted(days))
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=days_keyboard(t, data))


async def days_done(query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator) -> None:
    data = await flow_data(state, callback_data)
    if not data.get("days"):
        await query.answer(t("error-no-days"), show_alert=True)
        return
    await state.set_state(ScheduleFlow.time)
    await query.answer()
    buttons = [mb(x, "time", data["app_id"], data["direction"], x.replace(":", "")) for x in TIMES]
    if isinstance(query.message, Message):
        await query.message.answer(
            t("ask-schedule-time"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons, 3))
        )


async def ask_minutes(message: Message, state: FSMContext, t: Translator, data: dict) -> None:
    await state.set_state(ScheduleFlow.minutes)
    buttons = [mb(t("minutes", minutes=m), "min", data["app_id"], data["direction"], str(m)) for m in MINUTES]
    await message.answer(
        t("ask-schedule-minutes"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons, 3))
    )


async def time_button(query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator) -> None:
    data = await flow_data(state, callback_data)
    value = callback_data.value
    if not TIME_RE.match(f"{value[:2]}:{value[2:]}"):
        raise DomainError("error-bad-button")
    data = await state.update_data(time=f"{value[:2]}:{value[2:]}")
    await query.answer()
    if isinstance(query.message, Message):
        await ask_minutes(query.message, state, t, data)


async def time_text(message: Message, state: FSMContext, t: Translator) -> None:
    match = TIME_RE.match((message.text or "").strip())
    if match is None:
        await message.answer(t("error-time"))
        return
    data = await state.update_data(time=f"{int(match[1]):02d}:{match[2]}")
    await ask_minutes(message, state, t, data)


async def minutes_button(
    query: CallbackQuery,
    callback_data: MentorCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    zone: ZoneInfo,
) -> None:
    await flow_data(state, callback_data)
    await query.answer()
    if isinstance(query.message, Message):
        await save_schedule(query.message, state, t, repo, staff, rules, zone, callback_data.value)


async def minutes_text(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    zone: ZoneInfo,
) -> None:
    await save_schedule(message, state, t, repo, staff, rules, zone, (message.text or "").strip())


async def save_schedule(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    zone: ZoneInfo,
    raw: str,
) -> None:
    data = await state.get_data()
    if not raw.isdigit() or not 15 <= int(raw) <= 2400:
        await message.answer(t("error-minutes"))
        return
    app = await assigned(repo, staff, data["app_id"])
    targets = applications.targets_of(rules, app)
    target = targets[Direction(data["direction"])]
    if target.weekly_minutes and int(raw) < target.weekly_minutes:
        await message.answer(t("error-minutes-too-few", minutes=target.weekly_minutes))
        return
    item = await repo.schedule_item(app.id, data["direction"])
    item.activity, item.weekdays, item.time, item.minutes_per_week = (
        data["activity"],
        data["days"],
        data["time"],
        int(raw),
    )
    await state.clear()
    await message.answer(t("schedule-saved", direction=t(f"direction-{data['direction']}")))
    await send_card(message, app, t, repo, rules, zone)


async def ask_activate(
    query: CallbackQuery, callback_data: MentorCb, t: Translator, repo: Repository, staff: Staff
) -> None:
    app = await assigned(repo, staff, callback_data.app_id)
    if app.status != S.UNDER_REVIEW.value:
        raise DomainError("error-stale-button")
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(
            t("activate-confirm", name=app.full_name or ""),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[mb(t("button-activate-confirm"), "activate-yes", app.id)]]
            ),
        )


async def activate(
    query: CallbackQuery,
    callback_data: MentorCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Callable[[], datetime],
    translations: Translations,
) -> None:
    app = await applications.activate(
        repo, staff, await repo.application(callback_data.app_id, for_update=True), clock()
    )
    participant = await repo.user(app.user_id or 0)
    if participant is not None:
        pt = translations.translator(participant.locale)
        lines = [pt("participant-activated", mentor=staff.full_name or "")]
        lines += [
            f"• <b>{pt(f'direction-{i.direction}')}</b>: {schedule_line(pt, i)}" for i in await repo.schedule(app.id)
        ]
        await notify(repo, participant.id, "\n".join(lines), key=f"activated:{app.id}", now=clock())
    await repo.session.commit()
    await query.answer(t("activated-toast"))
    if isinstance(query.message, Message):
        await query.message.edit_text(t("activated", name=app.full_name or ""))


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
