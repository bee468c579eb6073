"""Completion per direction and the personal rating (SPEC R8.3), computed from approved diary entries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from core.programme import Direction
from core.rules import Target


@dataclass(frozen=True)
class Done:
    """One approved diary entry, reduced to what counts."""

    direction: Direction
    day: date  # the date the activity happened
    minutes: int = 0  # session length
    book_code: str | None = None
    book_section: int | None = None

    def __post_init__(self) -> None:
        # Negative time would let an approved entry lower progress.
        if self.minutes < 0:
            raise ValueError("minutes must be non-negative")


def weeks_for(months: int) -> int:
    """Weeks a session period of `months` must cover.

    Months differ in length, so a month is taken as 52/12 weeks and rounded to whole weeks:
    3 -> 13, 6 -> 26, 9 -> 39, 12 -> 52.
    """
    return round(months * 52 / 12)


def covered_weeks(done: Iterable[Done], start: date, weekly_minutes: int) -> int:
    """Weeks since `start` whose entries add up to at least `weekly_minutes`.

    Week k is [start + 7k, start + 7k + 7), so weeks follow the activation date, not the calendar.
    Minutes are summed within a week only: cramming hours into one week covers just that week.
    Entries before `start` predate the participation and do not count.
    """
    minutes: defaultdict[int, int] = defaultdict(int)
    for entry in done:
        if entry.day >= start:
            minutes[(entry.day - start).days // 7] += entry.minutes
    return sum(1 for total in minutes.values() if total >= weekly_minutes)


def _countable_books(done: Iterable[Done], books: int, section1_books: int) -> int:
    """Distinct books that count, keeping the places that only section-1 books may fill."""
    codes = {e.book_code for e in done if e.book_code is not None}
    section1 = {e.book_code for e in done if e.book_code is not None and e.book_section == 1}
    missing_section1 = max(0, section1_books - len(section1))
    return min(len(codes), books - missing_section1)


@dataclass(frozen=True)
class Standing:
    """How far one direction is: `reached` of `required` units, weeks of sessions, books or days."""

    direction: Direction
    unit: str
    reached: int
    required: int

    @property
    def percent(self) -> int:
        """Whole percent, floored, 0..100."""
        return min(100, 100 * self.reached // self.required)

    @property
    def left(self) -> int:
        return max(0, self.required - self.reached)


def standing(target: Target, done: Sequence[Done], start: date) -> Standing:
    """The entries of the target's direction measured in its own unit."""
    own = [e for e in done if e.direction == target.direction]
    if target.months > 0:
        return Standing(
            target.direction, "weeks", covered_weeks(own, start, target.weekly_minutes), weeks_for(target.months)
        )
    if target.books > 0:
        books = _countable_books(own, target.books, target.section1_books)
        return Standing(target.direction, "books", books, target.books)
    if target.trip_days > 0:
        return Standing(target.direction, "days", len({e.day for e in own}), target.trip_days)
    if target.work_days > 0:
        return Standing(target.direction, "days", len({e.day for e in own}), target.work_days)
    raise ValueError(f"target for {target.direction} asks for nothing")


def completion(target: Target, done: Sequence[Done], start: date) -> int:
    """Whole percent (floored, 0..100) of the target reached by the entries of its direction."""
    return standing(target, done, start).percent


def level_end(targets: Mapping[Direction, Target], started: date) -> date:
    """The level's end: its longest session period from the start, counted in whole weeks as progress is."""
    months = max((t.months for t in targets.values()), default=0)
    return started + timedelta(weeks=weeks_for(months))


def rating(percents: Mapping[Direction, int] | Mapping[str, int]) -> int:
    """Personal rating: the floored mean of the completion percents, 0 before any direction is chosen."""
    if not percents:
        return 0
    return sum(percents.values()) // len(percents)


def progress(targets: Mapping[Direction, Target], done: Sequence[Done], start: date) -> dict[Direction, int]:
    """Completion percent of every direction the participant takes."""
    return {direction: completion(target, done, start) for direction, target in targets.items()}
