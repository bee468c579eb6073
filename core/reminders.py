"""When reminders fall due: pure functions of the schedule, the clock and the user's settings (R5.1, R7.1).

Every function answers "is this reminder due now?" for a window, not "is it exactly time?", so a tick
that runs late or twice still finds the same reminder and its unique key stops a second send.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core import applications
from core.errors import DomainError
from core.notices import BooksBehind, DeadlineNear, Notice, RatingDue, SessionReminder, WeekNudge
from core.policy import Policy
from core.ports import ApplicationRecord, ScheduleRecord, UnitOfWork, UserRecord
from core.programme import Direction
from core.progress import progress, weeks_for
from core.rating import period_of
from core.rules import Target

KINDS = ("session", "week", "books", "deadline", "rating")
"""Reminder kinds a participant can pause one by one."""
LEAD_MINUTES = (30, 60, 120, 180)
DEADLINE_MILESTONES = (30, 14, 7, 1)
"""Days before the level's end when the participant gets a summary of what is left."""
NUDGE_WEEKDAY = 4
"""Friday: a direction with no entry yet this week still has the weekend."""
RATING_DAY = 20
"""From this day of the month, participants who have not rated their mentor this month are asked to."""


@dataclass(frozen=True)
class QuietHours:
    """Local hours with no reminders; the period may cross midnight (22:00-08:00)."""

    start: time
    end: time

    @classmethod
    def parse(cls, value: str) -> QuietHours | None:
        if not value:
            return None
        start, end = value.split("-")
        return cls(time.fromisoformat(start), time.fromisoformat(end))

    def contains(self, moment: time) -> bool:
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def next_allowed(self, moment: datetime, zone: ZoneInfo) -> datetime:
        """`moment` itself outside quiet hours, else the end of the quiet period it falls in (UTC kept)."""
        local = moment.astimezone(zone)
        if not self.contains(local.time()):
            return moment
        end = datetime.combine(local.date(), self.end, zone)
        if end <= local:
            end += timedelta(days=1)
        return end.astimezone(moment.tzinfo)


def due_session(weekdays: list[int], at: str | None, lead: timedelta, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The start of a planned session whose reminder window [start - lead, start) contains now."""
    if not weekdays or not at:
        return None
    local = now.astimezone(zone)
    clock = time.fromisoformat(at)
    for offset in (0, 1):
        day = local.date() + timedelta(days=offset)
        if day.weekday() not in weekdays:
            continue
        start = datetime.combine(day, clock, zone)
        if start - lead <= local < start:
            return start
    return None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def level_end(targets: Mapping[Direction, Target], started: date) -> date:
    """The level's end: its longest session period from the start, counted in whole weeks as progress is."""
    months = max((t.months for t in targets.values()), default=0)
    return started + timedelta(weeks=weeks_for(months))


def deadline_milestone(today: date, end: date) -> int | None:
    """The nearest milestone reached (30, 14, 7 or 1 days left), or None before the first and after the end."""
    left = (end - today).days
    if left < 0:
        return None
    reached = [m for m in DEADLINE_MILESTONES if left <= m]
    return min(reached) if reached else None


def books_expected(target: Target, started: date, end: date, today: date) -> int:
    """Books the reading plan expects by today: spread evenly over the level, rounded down."""
    total = (end - started).days
    if target.books <= 0 or total <= 0:
        return 0
    elapsed = min(max((today - started).days, 0), total)
    return target.books * elapsed // total


async def queue_due(uow: UnitOfWork, now: datetime, policy: Policy, *, daily: bool) -> int:
    """Every reminder due now: before each planned session always; with `daily` (once a local day, after
    the digest hour) the Friday nudge, reading behind plan, the level's deadline summary and from the 20th
    the mentor rating prompt. Each key names the participant and the occasion, so however often this runs
    a reminder is queued once, and only while its kind is not paused; keys already queued are looked up in
    one query. Returns how many were new."""
    participants = await uow.applications.active_with_users()
    items = await uow.applications.active_schedules()
    notices: list[Notice] = []
    for app, user in participants:
        if "session" not in user.reminders_off:
            notices += sessions_due(app, user, items.get(app.id, []), now, policy)
    if daily:
        notices += await daily_reminders(uow, participants, now.astimezone(policy.zone), policy)
    return await uow.commit(notices)


def sessions_due(
    app: ApplicationRecord, user: UserRecord, items: Sequence[ScheduleRecord], now: datetime, policy: Policy
) -> list[Notice]:
    lead = timedelta(minutes=user.reminder_lead_minutes)
    found: list[Notice] = []
    for item in items:
        start = due_session(item.weekdays, item.time, lead, now, policy.zone)
        if start is not None:
            found.append(SessionReminder(user.id, app.id, item.direction, item.activity or "—", start))
    return found


async def daily_reminders(
    uow: UnitOfWork, participants: Sequence[tuple[ApplicationRecord, UserRecord]], local: datetime, policy: Policy
) -> list[Notice]:
    today, monday = local.date(), week_start(local.date())
    period = period_of(today)
    candidates = {
        app.id: {
            "week": f"week:{app.id}:{monday.isoformat()}",
            "books": f"books:{app.id}:{monday.isoformat()}",
            "rating": f"rating:{app.id}:{period}",
        }
        for app, _ in participants
    }
    queued = await uow.outbox.existing_keys([key for keys in candidates.values() for key in keys.values()])
    found: list[Notice] = []
    for app, user in participants:
        off, keys = set(user.reminders_off), candidates[app.id]
        if "week" not in off and local.weekday() >= NUDGE_WEEKDAY and keys["week"] not in queued:
            found += await weekly_nudge(uow, app, user, monday, policy)
        if "books" not in off and keys["books"] not in queued:
            found += await books_behind(uow, app, user, today, policy)
        if "deadline" not in off:
            found += await deadline_summary(uow, app, user, today, policy)
        if "rating" not in off and local.day >= RATING_DAY and keys["rating"] not in queued:
            found += await rating_prompt(uow, app, user, period)
    return found


async def weekly_nudge(
    uow: UnitOfWork, app: ApplicationRecord, user: UserRecord, monday: date, policy: Policy
) -> list[Notice]:
    if app.activated_at is None or app.activated_at.astimezone(policy.zone).date() > monday:
        return []
    if await uow.journal.week_missed(app.id, monday):
        return []
    targets = applications.targets_of(policy.rules, app)
    written = await uow.entries.directions_written_since(app.id, monday)
    empty = tuple(sorted(d.value for d, t in targets.items() if t.months > 0 and d.value not in written))
    return [WeekNudge(user.id, app.id, monday, empty)] if empty else []


async def books_behind(
    uow: UnitOfWork, app: ApplicationRecord, user: UserRecord, today: date, policy: Policy
) -> list[Notice]:
    targets = applications.targets_of(policy.rules, app)
    target = targets.get(Direction.READING)
    if target is None:
        return []
    started = applications.started_on(app, policy.zone)
    expected = books_expected(target, started, level_end(targets, started), today)
    done = {d.book_code for d in await uow.entries.done(app.id) if d.book_code}
    if len(done) >= expected:
        return []
    return [BooksBehind(user.id, app.id, week_start(today), len(done), expected, target.books)]


async def deadline_summary(
    uow: UnitOfWork, app: ApplicationRecord, user: UserRecord, today: date, policy: Policy
) -> list[Notice]:
    try:
        started = applications.started_on(app, policy.zone)
    except DomainError:
        return []
    targets = applications.targets_of(policy.rules, app)
    end = level_end(targets, started)
    milestone = deadline_milestone(today, end)
    if milestone is None or await uow.outbox.existing_keys([f"deadline:{app.id}:{milestone}"]):
        return []
    percents = progress(targets, await uow.entries.done(app.id), started)
    unfinished = tuple((d.value, p) for d, p in percents.items() if p < 100)
    return [DeadlineNear(user.id, app.id, milestone, (end - today).days, end, unfinished)]


async def rating_prompt(uow: UnitOfWork, app: ApplicationRecord, user: UserRecord, period: str) -> list[Notice]:
    if app.mentor_id is None or await uow.ratings.answered(app.id, period):
        return []
    return [RatingDue(user.id, app.id, period)]
