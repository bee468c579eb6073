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
from core.notices import BooksBehind, DeadlineNear, Notice, RatingDue, SessionReminder, WeekNudge
from core.policy import Policy
from core.ports import ApplicationRecord, UnitOfWork, UserRecord
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


@dataclass(frozen=True)
class SessionWindow:
    """Sessions on `day` starting after `after` (exclusive, none: from midnight) until `until` (inclusive),
    local "HH:MM", remind the participants whose lead time is one of `leads` now."""

    leads: tuple[int, ...]
    day: date
    after: str | None
    until: str


def session_windows(now: datetime, zone: ZoneInfo, leads: Sequence[int] = LEAD_MINUTES) -> list[SessionWindow]:
    """A session is reminded of when its start falls in (now, now + the participant's lead]: as ranges of
    local start times per lead, today's and, past midnight, tomorrow's, so the database returns only the
    schedule lines due."""
    local = now.astimezone(zone)
    today, start = local.date(), local.strftime("%H:%M")
    windows = []
    for lead in leads:
        end = local + timedelta(minutes=lead)
        if end.date() == today:
            windows.append(SessionWindow((lead,), today, start, end.strftime("%H:%M")))
        else:
            windows.append(SessionWindow((lead,), today, start, "23:59"))
            windows.append(SessionWindow((lead,), end.date(), None, end.strftime("%H:%M")))
    return windows


async def queue_due(uow: UnitOfWork, now: datetime, policy: Policy, *, daily: bool) -> int:
    """Every reminder due now: before each planned session always; with `daily` (once a local day, after
    the digest hour) the Friday nudge, reading behind plan, the level's deadline summary and from the 20th
    the mentor rating prompt. Each key names the participant and the occasion, so however often this runs
    a reminder is queued once, and only while its kind is not paused. The database selects what is due and
    not queued yet, in a fixed number of statements whatever the number of participants. Returns how many
    were new."""
    notices: list[Notice] = []
    for item, app, user, day in await uow.due.session_starts(session_windows(now, policy.zone)):
        if "session" not in user.reminders_off and item.time:
            start = datetime.combine(day, time.fromisoformat(item.time), policy.zone)
            notices.append(SessionReminder(user.id, app.id, item.direction, item.activity or "—", start))
    if daily:
        notices += await daily_reminders(uow, now.astimezone(policy.zone), policy)
    return await uow.commit(notices)


class Targets:
    """Targets per kind of application (level, directions, choices): thousands of participants share a few."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self._known: dict[tuple[object, ...], Mapping[Direction, Target]] = {}

    def of(self, app: ApplicationRecord) -> Mapping[Direction, Target]:
        kind = (app.level, tuple(sorted(app.directions)), app.longer_direction, app.heritage_mode, app.heritage_months)
        if kind not in self._known:
            self._known[kind] = applications.targets_of(self._policy.rules, app)
        return self._known[kind]


async def daily_reminders(uow: UnitOfWork, local: datetime, policy: Policy) -> list[Notice]:
    today, monday = local.date(), week_start(local.date())
    period = period_of(today)
    candidates = await uow.due.reminder_candidates(monday, period)
    nudge_day, rating_day = local.weekday() >= NUDGE_WEEKDAY, local.day >= RATING_DAY
    missed = await uow.due.missed_on(monday) if nudge_day else set()
    written = await uow.due.written_since(monday) if nudge_day else {}
    books = await uow.due.books_read()
    rated = await uow.due.rated(period) if rating_day else set()
    targets = Targets(policy)
    found: list[Notice] = []
    near: list[tuple[ApplicationRecord, UserRecord, int, date]] = []
    for app, user, week_queued, books_queued, rating_queued in candidates:
        if app.activated_at is None:
            continue
        off, aims = set(user.reminders_off), targets.of(app)
        started = app.activated_at.astimezone(policy.zone).date()
        end = level_end(aims, started)
        if "week" not in off and nudge_day and not week_queued and started <= monday and app.id not in missed:
            done = written.get(app.id, set())
            empty = tuple(sorted(d.value for d, t in aims.items() if t.months > 0 and d.value not in done))
            if empty:
                found.append(WeekNudge(user.id, app.id, monday, empty))
        reading = aims.get(Direction.READING)
        if "books" not in off and not books_queued and reading is not None:
            expected = books_expected(reading, started, end, today)
            if books.get(app.id, 0) < expected:
                found.append(BooksBehind(user.id, app.id, monday, books.get(app.id, 0), expected, reading.books))
        milestone = deadline_milestone(today, end)
        if "deadline" not in off and milestone is not None:
            near.append((app, user, milestone, end))
        if "rating" not in off and rating_day and not rating_queued and app.mentor_id and app.id not in rated:
            found.append(RatingDue(user.id, app.id, period))
    found += await deadline_summaries(uow, near, today, targets, policy)
    return found


async def deadline_summaries(
    uow: UnitOfWork,
    near: Sequence[tuple[ApplicationRecord, UserRecord, int, date]],
    today: date,
    targets: Targets,
    policy: Policy,
) -> list[Notice]:
    """What is left per direction, for the participants at a milestone not yet told of it."""
    queued = await uow.due.queued_keys([f"deadline:{app.id}:{milestone}" for app, _, milestone, _ in near])
    due = [row for row in near if f"deadline:{row[0].id}:{row[2]}" not in queued]
    done = await uow.due.done_of([app.id for app, *_ in due])
    found: list[Notice] = []
    for app, user, milestone, end in due:
        assert app.activated_at is not None
        percents = progress(targets.of(app), done.get(app.id, []), app.activated_at.astimezone(policy.zone).date())
        unfinished = tuple((d.value, p) for d, p in percents.items() if p < 100)
        found.append(DeadlineNear(user.id, app.id, milestone, (end - today).days, end, unfinished))
    return found
