"""R8.3 as tables: completion per direction against the R3 requirements, and the personal rating."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.programme import Direction as D
from core.programme import HeritageMode, Level
from core.progress import Done, completion, covered_weeks, progress, rating, weeks_for
from core.rules import Choices, Target, load_rules, resolve_targets

RULES = load_rules()
START = date(2026, 9, 7)
HOUR = RULES.weekly_minutes
BRONZE = resolve_targets(RULES, Level.BRONZE, {D.SPORT, D.TALENT, D.READING, D.TOURISM}, Choices())
SPORT = BRONZE[D.SPORT]
READING = BRONZE[D.READING]
TOURISM = BRONZE[D.TOURISM]
WORK = resolve_targets(RULES, Level.GOLD, {D.SPORT, D.TALENT, D.READING, D.WORK}, Choices(longer=D.SPORT))[D.WORK]
HERITAGE_BOOK = resolve_targets(
    RULES, Level.BRONZE, {D.SPORT, D.TALENT, D.READING, D.HERITAGE}, Choices(heritage_mode=HeritageMode.BOOK)
)[D.HERITAGE]


def weekly(weeks: int, direction: D = D.SPORT, minutes: int = HOUR) -> list[Done]:
    """One session in each of the first `weeks` weeks after START."""
    return [Done(direction, START + timedelta(weeks=k), minutes=minutes) for k in range(weeks)]


def book(code: str, section: int, direction: D = D.READING) -> Done:
    return Done(direction, START, book_code=code, book_section=section)


def days(count: int, direction: D) -> list[Done]:
    return [Done(direction, START + timedelta(days=k)) for k in range(count)]


def test_shipped_bronze_targets_are_what_the_tables_assume() -> None:
    assert SPORT == Target(D.SPORT, months=3, weekly_minutes=60)
    assert READING == Target(D.READING, books=3, section1_books=1)
    assert TOURISM == Target(D.TOURISM, trip_days=2)
    assert WORK == Target(D.WORK, work_days=5)
    assert HERITAGE_BOOK == Target(D.HERITAGE, books=1, section1_books=1)


@pytest.mark.parametrize(("months", "weeks"), [(3, 13), (6, 26), (9, 39), (12, 52)])
def test_weeks_for(months: int, weeks: int) -> None:
    assert weeks_for(months) == weeks


@pytest.mark.parametrize(
    ("done", "weeks"),
    [
        ([], 0),
        (weekly(13), 13),
        # Ten hours crammed into the first week cover that week only.
        ([Done(D.SPORT, START, minutes=10 * HOUR)], 1),
        # Two half-hour sessions in one week add up.
        ([Done(D.SPORT, START, minutes=30), Done(D.SPORT, START + timedelta(days=6), minutes=30)], 1),
        # Half an hour in each of two weeks covers neither.
        ([Done(D.SPORT, START, minutes=30), Done(D.SPORT, START + timedelta(days=7), minutes=30)], 0),
        ([Done(D.SPORT, START, minutes=HOUR - 1)], 0),
        # Before activation does not count, not even towards week 0.
        ([Done(D.SPORT, START - timedelta(days=1), minutes=HOUR)], 0),
        ([Done(D.SPORT, START - timedelta(days=1), minutes=30), Done(D.SPORT, START, minutes=30)], 0),
    ],
)
def test_covered_weeks(done: list[Done], weeks: int) -> None:
    assert covered_weeks(done, START, HOUR) == weeks


def test_weeks_follow_the_activation_date_not_the_calendar() -> None:
    # START is a Monday; a Wednesday start makes Monday-to-Tuesday the end of week 0.
    wednesday = START + timedelta(days=2)
    done = [Done(D.SPORT, wednesday, minutes=30), Done(D.SPORT, wednesday + timedelta(days=6), minutes=30)]
    assert covered_weeks(done, wednesday, HOUR) == 1
    assert covered_weeks(done, START, HOUR) == 0


@pytest.mark.parametrize(
    ("done", "percent"),
    [
        ([], 0),
        (weekly(13), 100),
        (weekly(6), 46),
        (weekly(1), 7),
        ([Done(D.SPORT, START, minutes=10 * HOUR)], 7),
        (weekly(20), 100),
        # Another direction's sessions do not count for sport.
        (weekly(13, D.TALENT), 0),
        (weekly(13, minutes=HOUR - 1), 0),
    ],
)
def test_completion_of_sessions(done: list[Done], percent: int) -> None:
    assert completion(SPORT, done, START) == percent


@pytest.mark.parametrize(
    ("done", "percent"),
    [
        ([], 0),
        ([book("a", 1)], 33),
        ([book("a", 1), book("b", 2), book("c", 3)], 100),
        # Without a section-1 book the third place stays open.
        ([book("a", 2), book("b", 2), book("c", 3)], 66),
        ([book("a", 2), book("b", 2), book("c", 3), book("d", 2)], 66),
        ([book("a", 2), book("b", 2), book("c", 3), book("d", 1)], 100),
        ([book("a", 1), book("b", 1), book("c", 1)], 100),
        # The same book reported twice counts once.
        ([book("a", 1), book("a", 1), book("b", 2)], 66),
        ([book("a", 1), book("b", 2), book("c", 2), book("d", 2)], 100),
        # A heritage book is not a reading book.
        ([book("a", 1, D.HERITAGE)], 0),
    ],
)
def test_completion_of_reading(done: list[Done], percent: int) -> None:
    assert completion(READING, done, START) == percent


@pytest.mark.parametrize(
    ("done", "percent"),
    [
        ([], 0),
        ([book("x", 1, D.HERITAGE)], 100),
        ([book("x", 2, D.HERITAGE)], 0),
        ([book("x", 1)], 0),
    ],
)
def test_completion_of_heritage_by_extra_book(done: list[Done], percent: int) -> None:
    assert completion(HERITAGE_BOOK, done, START) == percent


@pytest.mark.parametrize(
    ("target", "done", "percent"),
    [
        (TOURISM, [], 0),
        (TOURISM, days(1, D.TOURISM), 50),
        (TOURISM, days(2, D.TOURISM), 100),
        (Target(D.TOURISM, trip_days=3), days(2, D.TOURISM), 66),
        (Target(D.TOURISM, trip_days=3), days(1, D.TOURISM) * 3, 33),
        (TOURISM, days(5, D.TOURISM), 100),
        (WORK, days(4, D.WORK), 80),
        (WORK, days(5, D.WORK), 100),
        (WORK, days(5, D.TOURISM), 0),
    ],
)
def test_completion_of_days(target: Target, done: list[Done], percent: int) -> None:
    assert completion(target, done, START) == percent


def test_target_asking_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        completion(Target(D.SPORT), [], START)


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError):
        Done(D.SPORT, START, minutes=-1)


@pytest.mark.parametrize(
    ("percents", "value"),
    [
        ({}, 0),
        ({D.SPORT: 100}, 100),
        ({D.SPORT: 100, D.TALENT: 46, D.READING: 66}, 70),
        ({D.SPORT: 100, D.TALENT: 0}, 50),
        ({D.SPORT: 1, D.TALENT: 0}, 0),
        ({D.SPORT: 66, D.TALENT: 66, D.READING: 67}, 66),
    ],
)
def test_rating(percents: dict[D, int], value: int) -> None:
    assert rating(percents) == value


def test_progress_of_a_bronze_participant() -> None:
    done = [*weekly(13), *weekly(6, D.TALENT), book("a", 2), book("b", 2), book("c", 3), *days(1, D.TOURISM)]
    percents = progress(BRONZE, done, START)
    assert percents == {D.SPORT: 100, D.TALENT: 46, D.READING: 66, D.TOURISM: 50}
    assert rating(percents) == 65


directions = st.sampled_from(list(D))
entries = st.builds(
    Done,
    direction=directions,
    day=st.dates(START - timedelta(days=30), START + timedelta(days=500)),
    minutes=st.integers(0, 600),
    book_code=st.none() | st.sampled_from("abcdefghij"),
    book_section=st.none() | st.integers(1, 4),
)
targets = st.one_of(
    st.builds(Target, direction=directions, months=st.integers(1, 18), weekly_minutes=st.integers(1, 240)),
    st.integers(1, 12).flatmap(
        lambda n: st.builds(Target, direction=directions, books=st.just(n), section1_books=st.integers(0, n))
    ),
    st.builds(Target, direction=directions, trip_days=st.integers(1, 10)),
    st.builds(Target, direction=directions, work_days=st.integers(1, 10)),
)


@given(targets, st.lists(entries, max_size=60))
def test_completion_is_a_percent(target: Target, done: list[Done]) -> None:
    assert 0 <= completion(target, done, START) <= 100


@given(targets, st.lists(entries, max_size=60), entries)
def test_another_approved_entry_never_lowers_completion(target: Target, done: list[Done], extra: Done) -> None:
    assert completion(target, [*done, extra], START) >= completion(target, done, START)


@given(st.dictionaries(directions, st.integers(0, 100), min_size=1))
def test_rating_lies_between_the_lowest_and_highest_percent(percents: dict[D, int]) -> None:
    assert min(percents.values()) <= rating(percents) <= max(percents.values())
