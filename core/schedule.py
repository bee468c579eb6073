"""The individual schedule the mentor agrees with the participant, and activation (R5.1).

Per direction: the kind of activity, the weekdays, the time and the minutes a week, at least the
level's weekly minimum. Once every direction has one, the mentor activates the participant and the
participation clock starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from core import analytics
from core.access import mentored_application
from core.applications import move, targets_of
from core.errors import DomainError
from core.notices import Activated, Notice
from core.policy import Policy
from core.ports import ApplicationRecord, ScheduleRecord, StaffRecord, UnitOfWork
from core.programme import ApplicationStatus as S
from core.programme import Direction
from core.text_input import clean_text, parse_minutes, visible_length

TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$", re.ASCII)
"""ASCII digits only: "١٨:٣٠" would otherwise be stored as "18:٣٠"."""
MIN_WEEKLY, MAX_WEEKLY = 15, 2400
ACTIVITY_MIN, ACTIVITY_MAX = 2, 200


def check_activity(text: str | None) -> str:
    """What the participant does, in 2 to 200 characters that show (zero-width characters do not count)."""
    value = clean_text(text)
    if visible_length(value) < ACTIVITY_MIN or len(value) > ACTIVITY_MAX or value.startswith("/"):
        raise DomainError("error-activity")
    return value


def parse_time(text: str | None) -> str:
    """A time of day as "HH:MM", typed as 7:05, 07.05 or 19:30."""
    match = TIME_RE.match(clean_text(text))
    if match is None:
        raise DomainError("error-time")
    return f"{int(match[1]):02d}:{match[2]}"


def check_weekdays(days: list[int]) -> list[int]:
    if not days or not all(0 <= d <= 6 for d in days):
        raise DomainError("error-no-days")
    return sorted(set(days))


def item_complete(item: ScheduleRecord) -> bool:
    return bool(item.activity and item.weekdays and item.time and item.minutes_per_week)


async def schedulable(uow: UnitOfWork, staff: StaffRecord | None, app_id: int, direction: str) -> ApplicationRecord:
    """An application under review that this staff member acts as mentor for, in one of its directions."""
    app = await mentored_application(uow, staff, app_id)
    if app.status != S.UNDER_REVIEW.value or direction not in app.directions:
        raise DomainError("error-stale-button")
    return app


@dataclass(frozen=True)
class Line:
    direction: str
    activity: str
    weekdays: list[int]
    time: str
    minutes: str


async def save(
    uow: UnitOfWork, staff: StaffRecord | None, app_id: int, line: Line, policy: Policy
) -> ApplicationRecord:
    """One direction's line of the schedule; its minutes a week at least the level's weekly minimum (R3)."""
    app = await schedulable(uow, staff, app_id, line.direction)
    minutes = parse_minutes(line.minutes)
    if minutes is None or not MIN_WEEKLY <= minutes <= MAX_WEEKLY:
        raise DomainError("error-minutes")
    target = targets_of(policy.rules, app)[Direction(line.direction)]
    if target.weekly_minutes and minutes < target.weekly_minutes:
        raise DomainError("error-minutes-too-few", minutes=target.weekly_minutes)
    item = await uow.applications.schedule_item(app.id, line.direction)
    item.activity = check_activity(line.activity)
    item.weekdays = check_weekdays(line.weekdays)
    item.time = parse_time(line.time)
    item.minutes_per_week = minutes
    await uow.commit()
    return app


async def activatable(uow: UnitOfWork, staff: StaffRecord | None, app_id: int) -> ApplicationRecord:
    return await mentored_application(uow, staff, app_id, S.UNDER_REVIEW)


@dataclass(frozen=True)
class Activation:
    app: ApplicationRecord
    notices: tuple[Notice, ...]


async def activate(uow: UnitOfWork, staff: StaffRecord | None, app_id: int, now: datetime) -> Activation:
    """Once every direction has its schedule the participant is activated and the clock starts (R5.1)."""
    app = await mentored_application(uow, staff, app_id)
    scheduled = {item.direction for item in await uow.applications.schedule(app.id) if item_complete(item)}
    if app.status == S.UNDER_REVIEW.value:
        missing = [d for d in app.directions if d not in scheduled]
        if missing:
            raise DomainError("error-schedule-incomplete", directions=missing)
    assert staff is not None
    await move(uow, app, S.ACTIVE, staff.user_id)
    app.activated_at = now
    await analytics.start(uow, app, now)
    notices = (Activated(app.user_id, app.id, staff.user_id),) if app.user_id else ()
    await uow.commit(notices)
    return Activation(app, notices)
