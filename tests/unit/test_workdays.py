"""The 14-working-day review deadline (R2.6) over real Kazakhstan holidays."""

from datetime import date

import pytest

from core.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 16), False),  # Independence Day
        (date(2026, 12, 17), True),
        (date(2027, 1, 1), False),  # New Year
        (date(2027, 1, 4), False),  # New Year's day off moved from Saturday
        (date(2027, 1, 7), False),  # Orthodox Christmas
        (date(2026, 3, 23), False),  # Nauryz
        (date(2026, 3, 25), False),  # Nauryz, observed
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 30), True),
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "deadline"),
    [
        # Plain weeks: 14 working days = two weeks and four days from a Monday.
        (date(2026, 11, 2), date(2026, 11, 20)),
        # Over Independence Day (Wed 16 Dec): one day later.
        (date(2026, 12, 7), date(2026, 12, 28)),
        # Over New Year, the day off moved to Monday 4 Jan and Orthodox Christmas.
        (date(2026, 12, 25), date(2027, 1, 19)),
        # Over Nauryz 2026 (23-25 March off).
        (date(2026, 3, 16), date(2026, 4, 8)),
        # Submitted on a Saturday: counting starts on Monday and skips 16 December.
        (date(2026, 11, 28), date(2026, 12, 18)),
    ],
)
def test_fourteen_working_days(start: date, deadline: date) -> None:
    assert add_working_days(start, 14) == deadline
    assert working_days_between(start, deadline) == 14


def test_zero_days_is_the_same_day() -> None:
    assert add_working_days(date(2026, 12, 16), 0) == date(2026, 12, 16)


def test_negative_days_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
