"""R3 as tables: ages, levels, per-direction requirements and the participant's choices."""

from datetime import date

import pytest

from core.errors import DomainError
from core.programme import Direction as D
from core.programme import HeritageMode, Level
from core.rules import Choices, Target, age_on, choices_needed, load_rules, resolve_targets

RULES = load_rules()
ALL_SILVER = {D.SPORT, D.TALENT, D.READING}


@pytest.mark.parametrize(
    ("age", "levels"),
    [
        (13, []),
        (14, [Level.BRONZE]),
        (15, [Level.BRONZE, Level.SILVER]),
        (16, [Level.BRONZE, Level.SILVER, Level.GOLD]),
        (29, [Level.BRONZE, Level.SILVER, Level.GOLD]),
        (30, []),
    ],
)
def test_levels_open_by_age(age: int, levels: list[Level]) -> None:
    assert RULES.levels_for_age(age) == levels


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2012, 11, 28), date(2026, 11, 28), 14),
        (date(2012, 11, 29), date(2026, 11, 28), 13),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("level", "age", "key"),
    [
        (Level.SILVER, 14, "error-level-too-young"),
        (Level.GOLD, 15, "error-level-too-young"),
        (Level.BRONZE, 30, "error-age-range"),
        (Level.BRONZE, 13, "error-age-range"),
    ],
)
def test_check_level_refuses(level: Level, age: int, key: str) -> None:
    with pytest.raises(DomainError) as err:
        RULES.check_level(level, age)
    assert err.value.key == key


MIN = RULES.weekly_minutes


@pytest.mark.parametrize(
    ("level", "direction", "choices", "target"),
    [
        # R3.2 Bronze
        (Level.BRONZE, D.SPORT, Choices(), Target(D.SPORT, months=3, weekly_minutes=MIN)),
        (Level.BRONZE, D.TALENT, Choices(), Target(D.TALENT, months=3, weekly_minutes=MIN)),
        (Level.BRONZE, D.VOLUNTEERING, Choices(), Target(D.VOLUNTEERING, months=3, weekly_minutes=MIN)),
        (Level.BRONZE, D.READING, Choices(), Target(D.READING, books=3, section1_books=1)),
        (
            Level.BRONZE,
            D.HERITAGE,
            Choices(heritage_mode=HeritageMode.SESSIONS),
            Target(D.HERITAGE, months=3, weekly_minutes=MIN),
        ),
        (
            Level.BRONZE,
            D.HERITAGE,
            Choices(heritage_mode=HeritageMode.BOOK),
            Target(D.HERITAGE, books=1, section1_books=1),
        ),
        (Level.BRONZE, D.TOURISM, Choices(), Target(D.TOURISM, trip_days=2)),
        # R3.3 Silver
        (Level.SILVER, D.SPORT, Choices(longer=D.SPORT), Target(D.SPORT, months=6, weekly_minutes=MIN)),
        (Level.SILVER, D.TALENT, Choices(longer=D.SPORT), Target(D.TALENT, months=3, weekly_minutes=MIN)),
        (Level.SILVER, D.TALENT, Choices(longer=D.TALENT), Target(D.TALENT, months=6, weekly_minutes=MIN)),
        (Level.SILVER, D.VOLUNTEERING, Choices(longer=D.SPORT), Target(D.VOLUNTEERING, months=6, weekly_minutes=MIN)),
        (Level.SILVER, D.READING, Choices(longer=D.SPORT), Target(D.READING, books=6, section1_books=2)),
        (
            Level.SILVER,
            D.HERITAGE,
            Choices(longer=D.SPORT, heritage_mode=HeritageMode.SESSIONS, heritage_months=3),
            Target(D.HERITAGE, months=3, weekly_minutes=MIN),
        ),
        (
            Level.SILVER,
            D.HERITAGE,
            Choices(longer=D.SPORT, heritage_mode=HeritageMode.SESSIONS, heritage_months=6),
            Target(D.HERITAGE, months=6, weekly_minutes=MIN),
        ),
        (Level.SILVER, D.TOURISM, Choices(longer=D.SPORT), Target(D.TOURISM, trip_days=3)),
        # R3.4 Gold
        (Level.GOLD, D.SPORT, Choices(longer=D.TALENT), Target(D.SPORT, months=6, weekly_minutes=MIN)),
        (Level.GOLD, D.TALENT, Choices(longer=D.TALENT), Target(D.TALENT, months=9, weekly_minutes=MIN)),
        (Level.GOLD, D.VOLUNTEERING, Choices(longer=D.SPORT), Target(D.VOLUNTEERING, months=12, weekly_minutes=MIN)),
        (Level.GOLD, D.READING, Choices(longer=D.SPORT), Target(D.READING, books=9, section1_books=3)),
        (
            Level.GOLD,
            D.HERITAGE,
            Choices(longer=D.SPORT, heritage_mode=HeritageMode.SESSIONS, heritage_months=9),
            Target(D.HERITAGE, months=9, weekly_minutes=MIN),
        ),
        (Level.GOLD, D.TOURISM, Choices(longer=D.SPORT), Target(D.TOURISM, trip_days=3)),
        (Level.GOLD, D.WORK, Choices(longer=D.SPORT), Target(D.WORK, work_days=5)),
    ],
)
def test_targets(level: Level, direction: D, choices: Choices, target: Target) -> None:
    chosen = ALL_SILVER | {direction}
    assert resolve_targets(RULES, level, chosen, choices)[direction] == target


@pytest.mark.parametrize(
    ("level", "chosen", "needed"),
    [
        (Level.BRONZE, ALL_SILVER, []),
        (Level.BRONZE, ALL_SILVER | {D.HERITAGE}, ["heritage_mode"]),
        (Level.SILVER, ALL_SILVER, ["longer"]),
        (Level.SILVER, ALL_SILVER | {D.HERITAGE}, ["longer", "heritage_mode", "heritage_months"]),
        (Level.GOLD, ALL_SILVER | {D.WORK}, ["longer"]),
    ],
)
def test_choices_needed(level: Level, chosen: set[D], needed: list[str]) -> None:
    assert choices_needed(RULES.levels[level], chosen) == needed


@pytest.mark.parametrize(
    ("level", "chosen", "key"),
    [
        (Level.BRONZE, {D.SPORT, D.TALENT}, "error-mandatory-missing"),
        (Level.BRONZE, ALL_SILVER | {D.WORK}, "error-direction-not-in-level"),
        (Level.SILVER, ALL_SILVER | {D.WORK}, "error-direction-not-in-level"),
        (Level.GOLD, set(), "error-no-directions"),
    ],
)
def test_directions_refused(level: Level, chosen: set[D], key: str) -> None:
    with pytest.raises(DomainError) as err:
        RULES.check_directions(level, chosen)
    assert err.value.key == key


def test_missing_choice_refused() -> None:
    with pytest.raises(DomainError) as err:
        resolve_targets(RULES, Level.SILVER, ALL_SILVER, Choices())
    assert err.value.params == {"choice": "longer"}


def test_work_experience_only_at_gold() -> None:
    assert D.WORK in RULES.levels[Level.GOLD].directions
    assert D.WORK not in RULES.levels[Level.SILVER].directions
    assert D.WORK not in RULES.levels[Level.BRONZE].directions
