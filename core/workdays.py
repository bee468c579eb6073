"""Working-day arithmetic on Kazakhstan's calendar (R2.6, R6.5)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _kz_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("KZ", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday or its observed (transferred) day off."""
    return day.weekday() < 5 and day not in _kz_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date on which `days` full working days after `start` have passed.

    The start day itself does not count, as with any deadline "within N working days".
    """
    if days < 0:
        raise ValueError("days must be non-negative")
    current = start
    left = days
    while left:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
