"""When reminders fall due: pure functions of the schedule, the clock and the user's settings (R5.1, R7.1).

Every function answers "is this reminder due now?" for a window, not "is it exactly time?", so a tick
that runs late or twice still finds the same reminder and its unique key stops a second send.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.programme import Direction
from core.progress import weeks_for
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
