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
from core.ports import UnitOfWork
from core.programme import Direction
from core.progress import level_end, progress
from core.rating import period_of
from core.rules import Adjusted, Target

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


@dataclass(frozen=True, slots=True)
class Plan:
    """What sets a participant's targets; tens of thousands of participants share a hundred plans."""

    level: str
    directions: tuple[str, ...]
    longer_direction: str | None = None
    heritage_mode: str | None = None
    heritage_months: int | None = None
    adjusted: Adjusted = ()
    """Individual requirements (R3.5), hashable: most plans have none."""

    @property
    def individual(self) -> dict[str, dict[str, int]]:
        return {direction: dict(fields) for direction, fields in self.adjusted}


@dataclass(frozen=True, slots=True)
class Participation:
    """An active participant as the daily reminders read them: who, since when, on which plan."""

    app_id: int
    user_id: int
    activated_at: datetime
    plan: Plan


@dataclass(frozen=True, slots=True)
class StartWindow:
    """Activations from `since` (inclusive) until `until` (exclusive) on this level can near their end."""

    level: str
    since: datetime
    until: datetime


class Targets:
    """Targets and length per plan, each worked out once."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy
        self._known: dict[Plan, Mapping[Direction, Target]] = {}
        self._lengths: dict[Plan, timedelta] = {}

    def of(self, plan: Plan) -> Mapping[Direction, Target]:
        if plan not in self._known:
            self._known[plan] = applications.targets_of(self._policy.rules, plan)
        return self._known[plan]

    def end(self, plan: Plan, started: date) -> date:
        """`level_end` of the plan's targets."""
        if plan not in self._lengths:
            self._lengths[plan] = level_end(self.of(plan), date.min) - date.min
        return started + self._lengths[plan]

    def weeks(self, plan: Plan) -> int:
        return (self.end(plan, date.min) - date.min).days // 7


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone)


def start_windows(plans: Sequence[Plan], today: date, targets: Targets, zone: ZoneInfo) -> list[StartWindow]:
    """Per level, the activations whose level ends between today and the first milestone: a level of W
    weeks started on S ends on S + W, so S lies in [today - W, today + 30 - W], for the plans' shortest
    and longest W."""
    weeks: dict[str, list[int]] = {}
    for plan in plans:
        weeks.setdefault(plan.level, []).append(targets.weeks(plan))
    horizon = max(DEADLINE_MILESTONES)
    return [
        StartWindow(
            level,
            local_midnight(today - timedelta(weeks=max(spans)), zone),
            local_midnight(today + timedelta(days=horizon + 1) - timedelta(weeks=min(spans)), zone),
        )
        for level, spans in sorted(weeks.items())
    ]


async def daily_reminders(uow: UnitOfWork, local: datetime, policy: Policy) -> list[Notice]:
    """Each kind selected apart, so the database returns only participants it may be due for: in a
    steady state (everything due already queued) only the readers, whose pace changes by the day."""
    today, monday, zone = local.date(), week_start(local.date()), policy.zone
    period = period_of(today)
    targets = Targets(policy)
    found: list[Notice] = []
    if local.weekday() >= NUDGE_WEEKDAY:
        found += await week_nudges(uow, monday, targets, zone)
    for who, read in await uow.due.readers(monday):
        aims = targets.of(who.plan)
        reading = aims.get(Direction.READING)
        if reading is None:
            continue
        started = who.activated_at.astimezone(zone).date()
        expected = books_expected(reading, started, targets.end(who.plan, started), today)
        if read < expected:
            found.append(BooksBehind(who.user_id, who.app_id, monday, read, expected, reading.books))
    windows = start_windows(await uow.due.active_plans(), today, targets, zone)
    found += await deadline_summaries(uow, await uow.due.nearing_end(windows), today, targets, policy)
    if local.day >= RATING_DAY:
        found += [RatingDue(user_id, app_id, period) for user_id, app_id in await uow.due.unrated(period)]
    return found


async def week_nudges(uow: UnitOfWork, monday: date, targets: Targets, zone: ZoneInfo) -> list[Notice]:
    """Participants who started by Monday and have a direction with no entry this week."""
    waiting = await uow.due.not_nudged(monday, local_midnight(monday + timedelta(days=1), zone))
    written = await uow.due.written_since(monday, [who.app_id for who in waiting]) if waiting else {}
    found: list[Notice] = []
    for who in waiting:
        done = written.get(who.app_id, set())
        aims = targets.of(who.plan)
        empty = tuple(sorted(d.value for d, t in aims.items() if t.months > 0 and d.value not in done))
        if empty:
            found.append(WeekNudge(who.user_id, who.app_id, monday, empty))
    return found


async def deadline_summaries(
    uow: UnitOfWork, candidates: Sequence[Participation], today: date, targets: Targets, policy: Policy
) -> list[Notice]:
    """What is left per direction, for the participants at a milestone not yet told of it."""
    near: list[tuple[Participation, int, date]] = []
    for who in candidates:
        end = targets.end(who.plan, who.activated_at.astimezone(policy.zone).date())
        milestone = deadline_milestone(today, end)
        if milestone is not None:
            near.append((who, milestone, end))
    queued = await uow.due.queued_keys([f"deadline:{who.app_id}:{milestone}" for who, milestone, _ in near])
    due = [row for row in near if f"deadline:{row[0].app_id}:{row[1]}" not in queued]
    done = await uow.due.done_of([who.app_id for who, *_ in due])
    found: list[Notice] = []
    for who, milestone, end in due:
        started = who.activated_at.astimezone(policy.zone).date()
        percents = progress(targets.of(who.plan), done.get(who.app_id, []), started)
        unfinished = tuple((d.value, p) for d, p in percents.items() if p < 100)
        found.append(DeadlineNear(who.user_id, who.app_id, milestone, (end - today).days, end, unfinished))
    return found
