"""Per-year programme rules (R3) loaded from data, and the pure checks built on them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from core.errors import DomainError
from core.programme import Direction, HeritageMode, Level


@dataclass(frozen=True)
class Requirement:
    """What one direction asks at one level; only the fields that apply are non-zero."""

    direction: Direction
    session_months: tuple[int, ...] = ()
    books: int = 0
    section1_books: int = 0
    trip_days: int = 0
    work_days: int = 0
    extra_book: bool = False


@dataclass(frozen=True)
class Target:
    """The concrete goal of one direction for one participant, after their choices."""

    direction: Direction
    months: int = 0
    weekly_minutes: int = 0
    books: int = 0
    section1_books: int = 0
    trip_days: int = 0
    work_days: int = 0


Adjusted = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
"""Individual requirements as a hashable value: (direction, ((field, value), ...)), sorted."""
ADJUSTABLE = ("months", "weekly_minutes", "books", "section1_books", "trip_days", "work_days")
"""The fields of a target the operator may set for one participant (R3.5)."""


def individual_key(individual: Mapping[str, Mapping[str, int]]) -> Adjusted:
    return tuple(
        (direction, tuple(sorted((k, int(v)) for k, v in fields.items() if k in ADJUSTABLE)))
        for direction, fields in sorted(individual.items())
    )


def adjusted(
    targets: Mapping[Direction, Target], individual: Mapping[str, Mapping[str, int]]
) -> dict[Direction, Target]:
    """The level's targets with a participant's individual requirements in place of the numbers they replace."""
    found = dict(targets)
    for direction, target in targets.items():
        fields = {k: int(v) for k, v in individual.get(direction.value, {}).items() if k in ADJUSTABLE}
        if fields:
            found[direction] = replace(target, **fields)  # type: ignore[arg-type]
    return found


@dataclass(frozen=True)
class Choices:
    """Options the level leaves to the participant (R3.3, R3.4)."""

    longer: Direction | None = None
    heritage_mode: HeritageMode | None = None
    heritage_months: int | None = None


@dataclass(frozen=True)
class LevelRules:
    level: Level
    min_age: int
    duration_months: int
    requirements: dict[Direction, Requirement]
    pair: tuple[Direction, ...] = ()

    @property
    def directions(self) -> tuple[Direction, ...]:
        return tuple(d for d in Direction if d in self.requirements)


@dataclass(frozen=True)
class ProgrammeRules:
    year: int
    min_age: int
    max_age: int
    weekly_minutes: int
    mandatory: frozenset[Direction]
    levels: dict[Level, LevelRules] = field(default_factory=dict)

    def age_allowed(self, age: int) -> bool:
        return self.min_age <= age <= self.max_age

    def levels_for_age(self, age: int) -> list[Level]:
        """Levels open at this age (R3.1); empty outside the programme's age range."""
        if not self.age_allowed(age):
            return []
        return [lv for lv, rules in self.levels.items() if age >= rules.min_age]

    def check_level(self, level: Level, age: int) -> LevelRules:
        if not self.age_allowed(age):
            raise DomainError("error-age-range", min=self.min_age, max=self.max_age)
        rules = self.levels[level]
        if age < rules.min_age:
            raise DomainError("error-level-too-young", min=rules.min_age)
        return rules

    def check_directions(self, level: Level, chosen: set[Direction]) -> None:
        """All chosen directions exist at the level and the year's mandatory ones are there (R2.2)."""
        rules = self.levels[level]
        if not chosen:
            raise DomainError("error-no-directions")
        unavailable = chosen - set(rules.directions)
        if unavailable:
            raise DomainError("error-direction-not-in-level", directions=sorted(unavailable))
        missing = (self.mandatory & set(rules.directions)) - chosen
        if missing:
            raise DomainError("error-mandatory-missing", directions=sorted(missing))


def age_on(birth: date, on: date) -> int:
    """Completed years on a date (a birthday on 29 February counts from 1 March in common years)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def choices_needed(level: LevelRules, chosen: set[Direction]) -> list[str]:
    """Names of the choices the participant still has to make for these directions."""
    needed: list[str] = []
    if level.pair and set(level.pair) <= chosen and _pair_months(level):
        needed.append("longer")
    heritage = level.requirements.get(Direction.HERITAGE)
    if heritage and Direction.HERITAGE in chosen:
        if heritage.extra_book:
            needed.append("heritage_mode")
        if len(heritage.session_months) > 1:
            needed.append("heritage_months")
    return needed


def _pair_months(level: LevelRules) -> tuple[int, int] | None:
    months = sorted({m for d in level.pair for m in level.requirements[d].session_months})
    return (months[0], months[-1]) if len(months) > 1 else None


def resolve_targets(
    rules: ProgrammeRules, level: Level, chosen: set[Direction], choices: Choices
) -> dict[Direction, Target]:
    """Concrete targets per direction; raises when a needed choice is missing or invalid."""
    lv = rules.levels[level]
    rules.check_directions(level, chosen)
    pair = _pair_months(lv)
    targets: dict[Direction, Target] = {}
    for direction in lv.directions:
        if direction not in chosen:
            continue
        req = lv.requirements[direction]
        if req.session_months and direction in lv.pair and pair:
            if set(lv.pair) <= chosen:
                if choices.longer not in lv.pair:
                    raise DomainError("error-choice-missing", choice="longer")
                months = pair[1] if direction == choices.longer else pair[0]
            else:
                months = pair[1]
            targets[direction] = Target(direction, months=months, weekly_minutes=rules.weekly_minutes)
        elif direction == Direction.HERITAGE:
            targets[direction] = _heritage_target(rules, req, choices)
        elif req.session_months:
            targets[direction] = Target(direction, months=max(req.session_months), weekly_minutes=rules.weekly_minutes)
        else:
            targets[direction] = Target(
                direction,
                books=req.books,
                section1_books=req.section1_books,
                trip_days=req.trip_days,
                work_days=req.work_days,
            )
    return targets


def _heritage_target(rules: ProgrammeRules, req: Requirement, choices: Choices) -> Target:
    mode = choices.heritage_mode if req.extra_book else HeritageMode.SESSIONS
    if mode is None:
        raise DomainError("error-choice-missing", choice="heritage_mode")
    if mode == HeritageMode.BOOK:
        return Target(Direction.HERITAGE, books=1, section1_books=1)
    months = req.session_months[0] if len(req.session_months) == 1 else choices.heritage_months
    if months not in req.session_months:
        raise DomainError("error-choice-missing", choice="heritage_months")
    return Target(Direction.HERITAGE, months=months, weekly_minutes=rules.weekly_minutes)


def parse_rules(data: dict[str, Any]) -> ProgrammeRules:
    """Build rules from the YAML mapping; raises ValueError naming the bad field."""
    try:
        levels: dict[Level, LevelRules] = {}
        for name, raw in data["levels"].items():
            level = Level(name)
            reqs = {
                Direction(d): Requirement(
                    direction=Direction(d),
                    session_months=tuple(int(m) for m in spec.get("sessions", ())),
                    books=int(spec.get("books", 0)),
                    section1_books=int(spec.get("section1", 0)),
                    trip_days=int(spec.get("trip_days", 0)),
                    work_days=int(spec.get("work_days", 0)),
                    extra_book=bool(spec.get("extra_book", False)),
                )
                for d, spec in raw["directions"].items()
            }
            pair = tuple(Direction(d) for d in raw.get("pair", ()))
            if not set(pair) <= set(reqs):
                raise ValueError(f"levels.{name}.pair names a direction the level lacks")
            levels[level] = LevelRules(
                level=level,
                min_age=int(raw["min_age"]),
                duration_months=int(raw["duration_months"]),
                requirements=reqs,
                pair=pair,
            )
        return ProgrammeRules(
            year=int(data["year"]),
            min_age=int(data["age"]["min"]),
            max_age=int(data["age"]["max"]),
            weekly_minutes=int(data.get("weekly_minutes", 60)),
            mandatory=frozenset(Direction(d) for d in data.get("mandatory_directions", ())),
            levels=dict(sorted(levels.items(), key=lambda kv: list(Level).index(kv[0]))),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"rules file lacks or mistypes {exc}") from exc


def load_rules(path: Path | None = None) -> ProgrammeRules:
    """The given rules file, or the newest programme year shipped with the project."""
    if path is not None:
        return parse_rules(yaml.safe_load(path.read_text(encoding="utf-8")))
    shipped = sorted(
        (f for f in resources.files("core.data.rules").iterdir() if f.name.endswith(".yaml")),
        key=lambda f: f.name,
    )
    return parse_rules(yaml.safe_load(shipped[-1].read_text(encoding="utf-8")))
