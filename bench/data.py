"""A programme at national scale, for benchmarks and analytics: `populate` fills an empty, migrated database.

Everything follows from the seed and `now`: two runs with the same arguments write the same rows, ids
included. For `applications` applications it writes, through the project's models (`storage.models`):

- the shipped catalogue (`storage.catalog_store.seed_default`: 20 regions, 191 localities, 48 books);
- a centre per 20 mentors (at least one per region), each with a centre head; two of them approved and
  unsigned, one to be warned today and one to lose its registration today (R6.5);
- a mentor per 25 applications (30% take the daily digest, 2% absent with their expert acting), an expert
  per 10 mentors (5% absent, their regional coordinator acting), a coordinator per region, one operator;
- a user per application (kk 50%, ru 40%, en 10%; 12% with reminder kinds paused, 3% blocked the bot);
- applications: 85% active (activated at any point of their level's length and up to 20 days beyond, so
  some are near or past their end), 7% under review (submitted 1-40 days ago: about half are past their
  14 working days), 2% waiting for a legal representative, 3% drafts, 3% completed; level, directions
  and choices valid under the shipped rules, age fitting the level; region, locality, centre and mentor
  coherent;
- a schedule line per direction of active and completed applications (1-4 weekdays, 08:00-21:45);
- `entries_per_app` diary entries per application on average, on active and completed applications: 78%
  approved, 8% pending (submitted 2.5 days ago on average: 30% are overdue for review, 9% for twice as
  long), 1% appealed 1-21 days ago, the rest rejected, sent back, upheld, overturned or a draft;
- missed weeks (5% of active participants this week, 10% an earlier week), rating ballots (60% of past
  months, 30% this month) each with its anonymous answer;
- `history` sent outbox rows (five per application by default) over the last 60 days, their texts emptied
  where the retention rule already ran (older than 32 days). They hold the keys the ticks would have queued
  by yesterday: deadline milestones reached, reading behind plan this week, overdue entries, appeals and
  applications already escalated. The rest are past session reminders, nudges, digests and news.

How rows are written: on PostgreSQL with asyncpg's binary COPY (`copy_records_to_table`) on the session's
connection, in one transaction, with foreign-key triggers off for it when the role may do so
(`session_replication_role = replica`, superusers only; the rows are consistent by construction), while
the next 20,000 applications are generated in a thread; then `VACUUM (ANALYZE)`, as autovacuum would have
done, so the planner has statistics. Elsewhere (SQLite), or with `method="insert"`, with Core
`insert(table)` executemany in batches of 5,000 rows.

Measured on this project's 2-core machine, PostgreSQL 15 beside it: 100,000 applications with 5 entries each
(1.9 million rows, half a million of them outbox) take 45-50 s when nothing else runs (up to 70 s beside
other work): about 40 s of Python building rows, which hides the COPYs but the last chunk's, and 3 s of
VACUUM. The same with `method="insert"` takes 125 s. 10,000 applications take 5 s, on SQLite 10 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import shutil
import tempfile
import time as timer
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Table, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.programme import PARTNER_DIRECTIONS, Direction, HeritageMode, Level
from core.progress import weeks_for
from core.rating import period_of
from core.rules import Choices, ProgrammeRules, Target, choices_needed, load_rules, resolve_targets
from core.workdays import add_working_days, working_days_between
from storage.catalog_store import seed_default
from storage.db import create_engine, create_scratch_database, drop_scratch_database, upgrade
from storage.models import (
    Application,
    Base,
    Book,
    Centre,
    Entry,
    Locality,
    MissedWeek,
    OutboxMessage,
    Partner,
    RatingAnswer,
    RatingBallot,
    Region,
    ScheduleItem,
    Staff,
    User,
)

T = TypeVar("T")
ZONE = ZoneInfo("Asia/Almaty")
OPERATOR = 1
COORDINATORS = 1_000
CENTRE_HEADS = 100_000
EXPERTS = 200_000
MENTORS = 1_000_000
PARTICIPANTS = 100_000_000
GUARDIANS = 500_000_000
"""User ids by role: the operator is 1, coordinator n is 1,000 + n, ..., participant n is 100,000,000 + n."""
APPS_PER_MENTOR, MENTORS_PER_EXPERT, MENTORS_PER_CENTRE = 25, 10, 20
CHUNK = 20_000
"""Applications generated, then written, at a time, with everything that belongs to them."""
BATCH = 5_000
"""Rows per executemany when not copying."""
HISTORY_DAYS = 60
RETENTION_DAYS = 30
UNPURGED_DAYS = 2
"""Sent rows older than the retention period by more than this were emptied by earlier daily runs."""
REVIEW_DAYS, REVIEW_WORKING_DAYS, COORDINATOR_AFTER = 3, 14, 5
PENDING_DAYS = 2.5
"""Mean age of an entry waiting for review (exponential): 30% are past REVIEW_DAYS, 9% past twice that."""
DIGEST_HOUR = 9
REMINDER_KINDS = ("session", "week", "books", "deadline", "rating")
LEADS = (30, 60, 60, 60, 120, 180)
"""Reminder leads in minutes, 60 (the default) the most common."""
MILESTONES = (30, 14, 7, 1)
"""Days before a level's end with a summary, as `core.reminders` has them (not imported: it changes shape)."""

ACTIVE, UNDER_REVIEW, CONSENT_PENDING, DRAFT, COMPLETED = (
    "active", "under_review", "consent_pending", "draft", "completed",
)  # fmt: skip
APPROVED, PENDING, REJECTED, MORE_WORK, APPEALED, UPHELD, OVERTURNED = (
    "approved", "pending", "rejected", "more_work", "appealed", "upheld", "overturned",
)  # fmt: skip
COUNTED = frozenset({APPROVED, OVERTURNED})
STATUS_WEIGHTS = {ACTIVE: 85, UNDER_REVIEW: 7, CONSENT_PENDING: 2, DRAFT: 3, COMPLETED: 3}
ENTRY_WEIGHTS = {
    APPROVED: 78, PENDING: 8, REJECTED: 3, MORE_WORK: 3, APPEALED: 1, UPHELD: 1, OVERTURNED: 2, DRAFT: 4,
}  # fmt: skip
LEVEL_WEIGHTS = {Level.BRONZE: 50, Level.SILVER: 30, Level.GOLD: 20}
LOCALE_WEIGHTS = {"kk": 50, "ru": 40, "en": 10}
HISTORY_WEIGHTS = {"session": 55, "week": 8, "rating": 3, "digest": 6, "decided": 14, "review": 14}
WIZARD_STEPS = ("full_name", "birth_date", "phone", "photo", "region", "locality", "study_place", "level")
MISSED_REASONS = ("illness", "disaster", "bereavement", "no_internet", "other")
ENTRY_KIND = {
    "sport": "session", "talent": "session", "heritage": "session", "reading": "essay",
    "volunteering": "daily", "tourism": "daily", "work": "work",
}  # fmt: skip
"""The kind of entry a direction's diary holds (`core.diary.kinds_for`); heritage by a book is an essay."""

SURNAMES = (
    "Абаев", "Ахметов", "Байжанов", "Жумабаев", "Искаков", "Касымов", "Нурланов", "Омаров", "Сейткали",
    "Тулегенов", "Ермеков", "Садыков", "Smirnov", "Ivanov", "Kim", "Pak", "Алиев", "Беков", "Кенжебаев",
)  # fmt: skip
FIRST_NAMES = (
    "Нурлан", "Айгерим", "Ерлан", "Дана", "Асель", "Данияр", "Алия", "Арман", "Жанна", "Тимур", "Мадина",
    "Санжар", "Аружан", "Бекзат", "Камила", "Ali", "Anna", "Dmitry", "Ерасыл", "Томирис", "Алихан",
)  # fmt: skip
ACTIVITIES = {
    "sport": ("Футбол", "Плавание", "Бокс", "Шахматы", "Running club", "Волейбол", "Тоғызқұмалақ"),
    "talent": ("Домбыра", "Рисование", "Хор", "Programming club", "Театр", "Фотография"),
    "reading": ("Чтение", "Book club", "Оқу"),
    "heritage": ("Айтыс", "Ою-өрнек", "Краеведение", "Kazakh crafts"),
    "volunteering": ("Приют для животных", "Eco patrol", "Помощь пожилым", "Еріктілер"),
    "tourism": ("Поход", "Trip to Burabay", "Экскурсия"),
    "work": ("Стажировка", "Internship", "Жұмыс"),
}
SENTENCES = (
    "Сегодня отрабатывали технику и выносливость, тренер показал новые упражнения.",
    "Бүгін жаттығуда жаңа әдістерді үйрендік, бәрі жақсы өтті.",
    "We practised for an hour and a half and prepared for the regional competition.",
    "Провёл занятие с младшими ребятами, было непросто, но интересно.",
    "Дайындық барысында командамен бірге жұмыс істедік.",
)
ESSAY = (
    "Эта книга заставила меня задуматься о том, что значит быть честным перед собой и перед людьми. "
    "Герой проходит через испытания, которые меняют его взгляд на мир, и я увидел в нём себя. "
    "Больше всего мне запомнилась глава о дороге домой: автор пишет просто, но каждое слово на месте. "
    "Я бы посоветовал эту книгу друзьям, потому что она учит слушать других и не бояться ошибаться."
)
SCHOOLS = ("School-lyceum No. {}", "Мектеп-гимназия № {}", "NIS {}", "College No. {}", "KazNU, faculty {}")
WEEKDAY_COUNTS = (1, 2, 2, 3, 3, 4)
HOURS = tuple(range(8, 22))
QUARTERS = ("00", "15", "30", "45")
Rows = dict[type[Base], list[dict[str, Any]]]


@dataclass(frozen=True)
class Population:
    """What `populate` wrote, by table (and status where it matters), and how long it took."""

    seed: int
    regions: int
    centres: int
    operators: int
    coordinators: int
    experts: int
    mentors: int
    centre_heads: int
    users: int
    applications: dict[str, int]
    schedule_items: int
    entries: dict[str, int]
    missed_weeks: int
    rating_ballots: int
    rating_answers: int
    outbox_sent: int
    outbox_due_before_today: int
    """Of the sent rows, the keys of occasions the ticks would have queued by yesterday (see the module)."""
    overdue_applications: int
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time: `load` (building rows and writing them, overlapped), `vacuum` (with analyze), `total`."""

    @property
    def staff(self) -> int:
        return self.operators + self.coordinators + self.experts + self.mentors + self.centre_heads

    @property
    def rows(self) -> int:
        """Rows written, the catalogue aside."""
        return (
            self.users
            + self.staff * 2
            + self.centres
            + sum(self.applications.values())
            + self.schedule_items
            + sum(self.entries.values())
            + self.missed_weeks
            + self.rating_ballots
            + self.rating_answers
            + self.outbox_sent
        )

    def summary(self) -> str:
        apps = ", ".join(f"{n} {s}" for s, n in sorted(self.applications.items(), key=lambda kv: -kv[1]))
        entries = ", ".join(f"{n} {s}" for s, n in sorted(self.entries.items(), key=lambda kv: -kv[1]))
        seconds = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        return "\n".join(
            [
                f"applications: {sum(self.applications.values())} ({apps}; {self.overdue_applications} overdue)",
                f"staff: {self.staff} ({self.mentors} mentors, {self.experts} experts, {self.coordinators}"
                f" coordinators, {self.centre_heads} centre heads, 1 operator) in {self.centres} centres",
                f"schedule lines: {self.schedule_items}",
                f"entries: {sum(self.entries.values())} ({entries})",
                f"missed weeks: {self.missed_weeks}; rating ballots and answers: {self.rating_ballots}",
                f"outbox: {self.outbox_sent} sent ({self.outbox_due_before_today} of occasions before today)",
                f"rows: {self.rows}; {seconds}",
            ]
        )


# -- writing ------------------------------------------------------------------------------------------------


@cache
def _template(table: Table) -> tuple[dict[str, Any], Callable[[dict[str, Any]], Any], tuple[int, ...]]:
    """The model's Python defaults for columns a row leaves out (evaluated once: rows set every column whose
    default depends on the moment), a getter of the columns in order, and where the JSON columns are."""
    template: dict[str, Any] = {}
    for column in table.columns:
        default: Any = column.default
        if default is None:
            template[column.name] = None
        elif default.is_callable:
            template[column.name] = default.arg(None)
        else:
            template[column.name] = default.arg
    names = [c.name for c in table.columns]
    json_at = tuple(n for n, c in enumerate(table.columns) if isinstance(c.type, JSON))
    return template, itemgetter(*names), json_at


@dataclass(frozen=True)
class Prepared:
    """Rows of one table ready for the database: tuples in column order (COPY) or complete dicts (insert)."""

    table: Table
    rows: list[Any]


class Writer:
    def __init__(self, session: AsyncSession, copy: bool) -> None:
        self.session = session
        self.copy = copy
        self.seconds: defaultdict[str, float] = defaultdict(float)
        """Per table, time spent writing (much of it hidden behind generation)."""
        self._raw: Any = None

    def prepare(self, model: type[Base], rows: Sequence[dict[str, Any]]) -> Prepared:
        """Pure and thread-safe: columns left out take the model's Python default; for COPY, JSON as text."""
        table: Table = model.__table__  # type: ignore[assignment]
        template, columns, json_at = _template(table)
        if not self.copy:
            return Prepared(table, [{**template, **row} for row in rows])
        encode, records = json.dumps, []  # as SQLAlchemy's JSON type writes it
        for row in rows:
            values = columns({**template, **row})
            if json_at:
                values = list(values)
                for i in json_at:
                    if values[i] is not None:
                        values[i] = encode(values[i])
            records.append(tuple(values))
        return Prepared(table, records)

    async def write(self, prepared: Prepared) -> None:
        if not prepared.rows:
            return
        started = timer.perf_counter()
        table = prepared.table
        if self.copy:
            raw = await self._connection()
            columns = [c.name for c in table.columns]
            await raw.copy_records_to_table(table.name, records=prepared.rows, columns=columns)
        else:
            for start in range(0, len(prepared.rows), BATCH):
                await self.session.execute(insert(table), prepared.rows[start : start + BATCH])
        self.seconds[table.name] += timer.perf_counter() - started

    async def _connection(self) -> Any:
        """The asyncpg connection under the session, inside the session's transaction."""
        if self._raw is None:
            connection = await self.session.connection()
            superuser = await connection.scalar(text("SELECT current_setting('is_superuser')"))
            if superuser == "on":
                await connection.execute(text("SET LOCAL session_replication_role = replica"))
            self._raw = (await connection.get_raw_connection()).driver_connection
        return self._raw


# -- the programme's shape ----------------------------------------------------------------------------------


class Random(random.Random):
    """`random.Random` with cheaper picks (`choice` and `randrange` cost five times as much)."""

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def below(self, n: int) -> int:
        return int(self.random() * n)


def _table(weights: dict[T, int]) -> tuple[T, ...]:
    """Each value repeated by its weight: a uniform pick from it is a weighted pick."""
    return tuple(value for value, weight in weights.items() for _ in range(weight))


@dataclass(frozen=True)
class Place:
    region: str
    localities: tuple[str, ...]


@dataclass(frozen=True)
class MentorInfo:
    user_id: int
    centre_id: int
    region: str
    expert_id: int
    digest: bool


@dataclass(frozen=True)
class Shape:
    """What one level lets a participant choose (from the rules)."""

    level: Level
    min_age: int
    mandatory: frozenset[Direction]
    optional: tuple[Direction, ...]
    order: tuple[Direction, ...]
    pair: tuple[Direction, ...]
    heritage_extra: bool
    heritage_months: tuple[int, ...]


@dataclass(frozen=True)
class Plan:
    """An application's targets, reduced to what generation needs."""

    targets: dict[Direction, Target]
    length: int
    """Days from the start to the level's end (its longest session period in whole weeks)."""
    books: int


class Clock:
    """`now` and the local calendar around it."""

    def __init__(self, now: datetime, zone: ZoneInfo) -> None:
        self.now, self.zone = now, zone
        self.today = now.astimezone(zone).date()
        self.monday = self.today - timedelta(days=self.today.weekday())
        self.yesterday = self.today - timedelta(days=1)
        self._midnights: dict[date, datetime] = {}

    def at(self, day: date, minutes: float) -> datetime:
        """The UTC moment `minutes` after local midnight of `day`."""
        midnight = self._midnights.get(day)
        if midnight is None:
            midnight = self._midnights[day] = datetime.combine(day, time(0), self.zone).astimezone(UTC)
        return midnight + timedelta(minutes=minutes)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


@cache
def _deadline(day: date, working_days: int) -> date:
    return add_working_days(day, working_days)


def _name(rng: Random) -> str:
    return f"{rng.pick(SURNAMES)} {rng.pick(FIRST_NAMES)}"


def _phone(rng: Random) -> str:
    return f"+77{rng.pick(('01', '02', '05', '07', '47', '71', '75', '78'))}{rng.below(10**7):07d}"


@dataclass
class Cast:
    places: dict[str, Place]
    books: dict[int, list[str]]
    partners: dict[tuple[str, str], list[str]]
    """Partner codes by (direction, region)."""
    mentors: list[MentorInfo]
    experts: int
    coordinators: dict[str, int]
    centres: int
    digest_mentors: list[int]


async def _catalogue(session: AsyncSession) -> tuple[dict[str, Place], dict[int, list[str]], list[Partner]]:
    await seed_default(session)
    await session.flush()
    localities: dict[str, list[str]] = {r: [] for r in await session.scalars(select(Region.code).order_by(Region.code))}
    for code, region in await session.execute(
        select(Locality.code, Locality.region_code).order_by(Locality.position, Locality.code)
    ):
        localities[region].append(code)
    books: dict[int, list[str]] = {1: [], 2: [], 3: []}
    for code, section in await session.execute(select(Book.code, Book.section).order_by(Book.code)):
        books.setdefault(section, []).append(code)
    partners = list(await session.scalars(select(Partner).order_by(Partner.code)))
    return {r: Place(r, tuple(codes)) for r, codes in localities.items()}, books, partners


async def _staff(writer: Writer, rng: Random, clock: Clock, applications: int) -> Cast:
    places, books, partners = await _catalogue(writer.session)
    regions = list(places)
    n_mentors = max(1, math.ceil(applications / APPS_PER_MENTOR))
    n_experts = max(1, math.ceil(n_mentors / MENTORS_PER_EXPERT))
    n_centres = max(len(regions), math.ceil(n_mentors / MENTORS_PER_CENTRE))
    now, today = clock.now, clock.today
    locales = _table(LOCALE_WEIGHTS)
    users: list[dict[str, Any]] = []
    staff: list[dict[str, Any]] = []

    def person(user_id: int, role: str, **values: Any) -> None:
        joined = now - timedelta(days=rng.uniform(100, 700))
        users.append({"id": user_id, "locale": rng.pick(locales), "created_at": joined, "reminders_off": []})
        staff.append({"user_id": user_id, "role": role, "full_name": _name(rng), "joined_at": joined, **values})

    centres = []
    for c in range(n_centres):
        place = places[regions[c % len(regions)]]
        approved = now - timedelta(days=rng.uniform(120, 600))
        signed: datetime | None = approved + timedelta(days=rng.uniform(1, 12))
        if c in (1, 2) and n_centres > 3:
            back, wanted = today, 7 if c == 1 else 11  # warned today; registration lost today
            while working_days_between(back, today) < wanted:
                back -= timedelta(days=1)
            approved, signed = clock.at(back, 11 * 60), None
        centres.append(
            {
                "id": c + 1,
                "code": f"centre-{c + 1:04d}",
                "name_kk": f"Жастар орталығы № {c + 1}",
                "name_ru": f"Молодёжный центр № {c + 1}",
                "name_en": f"Youth Centre No. {c + 1}",
                "region_code": place.region,
                "locality_code": place.localities[0] if place.localities else None,
                "institutions": [SCHOOLS[0].format(c + 1)],
                "active": True,
                "approved_at": approved,
                "agreement_signed_at": signed,
            }
        )
    person(OPERATOR, "operator")
    coordinators = {}
    for r, region in enumerate(regions):
        coordinators[region] = COORDINATORS + r
        person(COORDINATORS + r, "coordinator", region_code=region)
    for e in range(n_experts):
        expert_region = str(centres[(e * MENTORS_PER_EXPERT // MENTORS_PER_CENTRE) % n_centres]["region_code"])
        absent = rng.random() < 0.05
        person(
            EXPERTS + e,
            "expert",
            region_code=expert_region,
            absent_since=now - timedelta(days=rng.uniform(1, 20)) if absent else None,
            substitute_id=coordinators[expert_region] if absent else None,
        )
    for c in range(n_centres):
        person(CENTRE_HEADS + c, "centre", centre_id=c + 1)
    mentors = []
    for m in range(n_mentors):
        centre = (m // MENTORS_PER_CENTRE) % n_centres
        expert = EXPERTS + m // MENTORS_PER_EXPERT
        absent, digest = rng.random() < 0.02, rng.random() < 0.3
        person(
            MENTORS + m,
            "mentor",
            centre_id=centre + 1,
            expert_id=expert,
            review_digest=digest,
            absent_since=now - timedelta(days=rng.uniform(1, 14)) if absent else None,
            substitute_id=expert if absent else None,
        )
        mentors.append(MentorInfo(MENTORS + m, centre + 1, str(centres[centre]["region_code"]), expert, digest))
    for model, rows in ((Centre, centres), (User, users), (Staff, staff)):
        await writer.write(writer.prepare(model, rows))
    by_place: dict[tuple[str, str], list[str]] = {}
    for direction in PARTNER_DIRECTIONS:
        for region in regions:
            by_place[(direction.value, region)] = [
                p.code for p in partners if direction.value in p.directions and p.region_code in (None, region)
            ]
    return Cast(
        places=places,
        books=books,
        partners=by_place,
        mentors=mentors,
        experts=n_experts,
        coordinators=coordinators,
        centres=n_centres,
        digest_mentors=[m.user_id for m in mentors if m.digest],
    )


# -- participants -------------------------------------------------------------------------------------------


@dataclass
class Tally:
    applications: Counter[str] = field(default_factory=Counter)
    entries: Counter[str] = field(default_factory=Counter)
    users: int = 0
    schedule_items: int = 0
    missed_weeks: int = 0
    ballots: int = 0
    overdue: int = 0
    next_entry: int = 1
    next_missed: int = 1
    next_ballot: int = 1
    next_item: int = 1
    outbox_sent: int = 0
    outbox_due: int = 0
    keys: set[str] = field(default_factory=set)
    """Every outbox key written, so none is written twice."""
    active: list[tuple[int, int, str]] = field(default_factory=list)
    """Of the chunk: (application, user, a direction) of active participants, for past reminders."""
    decided: list[tuple[int, int, str]] = field(default_factory=list)
    """Of the chunk: (entry, participant, status) of a sample of decided entries, for past news."""
    outbox: list[dict[str, Any]] = field(default_factory=list)
    """Of the chunk: sent rows."""


class Participants:
    """Generates applications with their users, schedules, entries, missed weeks and ballots; not thread-safe,
    but one chunk at a time may run in a thread of its own."""

    def __init__(
        self, rng: Random, clock: Clock, rules: ProgrammeRules, cast: Cast, entries: float, total: int, history: int
    ) -> None:
        self.rng, self.clock, self.rules, self.cast = rng, clock, rules, cast
        self.total, self.history = total, history
        self.statuses = _table(STATUS_WEIGHTS)
        self.levels = _table(LEVEL_WEIGHTS)
        self.entry_statuses = _table(ENTRY_WEIGHTS)
        self.locales = _table(LOCALE_WEIGHTS)
        self.shapes = {level: self._shape(level) for level in rules.levels}
        self.plans: dict[tuple[Any, ...], Plan] = {}
        self.tally = Tally()
        with_entries = STATUS_WEIGHTS[ACTIVE] + STATUS_WEIGHTS[COMPLETED]
        self.entries_mean = entries * sum(STATUS_WEIGHTS.values()) / with_entries
        """Entries go to active and completed applications only, so each of them has more."""

    def _shape(self, level: Level) -> Shape:
        lv = self.rules.levels[level]
        heritage = lv.requirements.get(Direction.HERITAGE)
        return Shape(
            level=level,
            min_age=lv.min_age,
            mandatory=frozenset(d for d in lv.directions if d in self.rules.mandatory),
            optional=tuple(d for d in lv.directions if d not in self.rules.mandatory),
            order=lv.directions,
            pair=lv.pair,
            heritage_extra=bool(heritage and heritage.extra_book),
            heritage_months=heritage.session_months if heritage else (),
        )

    def _plan(self, level: Level, chosen: frozenset[Direction], choices: Choices) -> Plan:
        kind = (level, chosen, choices)
        plan = self.plans.get(kind)
        if plan is None:
            targets = resolve_targets(self.rules, level, set(chosen), choices)
            length = weeks_for(max(t.months for t in targets.values())) * 7
            reading = targets.get(Direction.READING)
            plan = self.plans[kind] = Plan(targets, length, reading.books if reading else 0)
        return plan

    def chunk(self, first: int, count: int, writer: Writer) -> list[Prepared]:
        """Applications `first` to `first + count - 1` and what belongs to them, in the order to write them."""
        rows: Rows = {m: [] for m in (User, Application, ScheduleItem, Entry, MissedWeek, RatingBallot, RatingAnswer)}
        tally = self.tally
        tally.active, tally.decided, tally.outbox = [], [], []
        for n in range(first, first + count):
            self.one(n, rows)
        tally.outbox_due += len(tally.outbox)
        # past occasions, so that the outbox grows with the applications to `history` rows
        outbox = tally.outbox + _history(
            self.rng,
            self.clock,
            self.cast,
            tally,
            self.history * (first + count) // self.total - tally.outbox_sent - len(tally.outbox),
        )
        outbox.sort(key=lambda row: row["created_at"])
        for row in outbox:
            tally.outbox_sent += 1
            row["id"] = tally.outbox_sent
        rows[OutboxMessage] = outbox
        return [writer.prepare(model, chunk) for model, chunk in rows.items()]

    def one(self, n: int, rows: Rows) -> None:
        rng, clock, rules, cast = self.rng, self.clock, self.rules, self.cast
        now, today = clock.now, clock.today
        app_id, user_id = n + 1, PARTICIPANTS + n
        status = rng.pick(self.statuses)
        mentor = cast.mentors[rng.below(len(cast.mentors))]
        place = cast.places[mentor.region]
        shape = self.shapes[rng.pick(self.levels)]
        top = 17 if status == CONSENT_PENDING else rules.max_age
        age = shape.min_age + rng.below(
            (min(top, shape.min_age + 8) if rng.random() < 0.9 else top) - shape.min_age + 1
        )
        chosen = set(shape.mandatory) | {d for d in shape.optional if rng.random() < 0.4}
        needed = choices_needed(rules.levels[shape.level], chosen)
        longer = rng.pick(shape.pair) if "longer" in needed else None
        mode: HeritageMode | None = None
        months: int | None = None
        if "heritage_mode" in needed:
            mode = HeritageMode.BOOK if rng.random() < 0.3 else HeritageMode.SESSIONS
        if mode != HeritageMode.BOOK and "heritage_months" in needed:
            months = rng.pick(shape.heritage_months)
        plan = self._plan(shape.level, frozenset(chosen), Choices(longer, mode, months))
        directions = [d.value for d in shape.order if d in chosen]
        partners = {}
        for d in sorted(chosen & PARTNER_DIRECTIONS):
            options = cast.partners[(d.value, place.region)]
            if options:
                partners[d.value] = rng.pick(options)
        blocked = rng.random() < 0.03
        off: list[str] = []
        if rng.random() < 0.1:
            off = sorted(rng.sample(REMINDER_KINDS, 1 + rng.below(2)))
        elif rng.random() < 0.02:
            off = list(REMINDER_KINDS)

        activated: datetime | None = None
        completed: datetime | None = None
        submitted: datetime | None = None
        if status == ACTIVE:
            activated = now - timedelta(days=rng.uniform(1, plan.length + 20))
            submitted = activated - timedelta(days=rng.uniform(3, 20))
        elif status == COMPLETED:
            activated = now - timedelta(days=rng.uniform(plan.length + 10, plan.length + 120))
            completed = activated + timedelta(days=plan.length + rng.uniform(0, 5))
            submitted = activated - timedelta(days=rng.uniform(3, 20))
        elif status in (UNDER_REVIEW, CONSENT_PENDING):
            submitted = now - timedelta(days=rng.uniform(1, 40))
        created = (submitted or now) - timedelta(hours=rng.uniform(1, 120))
        applied = clock.local_date(submitted or now)  # the age fits the level on the day they applied
        birth = applied - timedelta(days=int((age + 0.02 + rng.random() * 0.95) * 365.25))
        app: dict[str, Any] = {
            "id": app_id,
            "user_id": user_id,
            "status": status,
            "programme_year": rules.year,
            "pd_consent_at": created,
            "full_name": _name(rng),
            "birth_date": birth,
            "created_at": created,
            "updated_at": completed or activated or submitted or created,
            "directions": [],
            "partners": {},
            "confirmed_directions": [],
            "guardian_required": False,
        }
        if submitted is None:
            step = rng.pick(WIZARD_STEPS)
            app["step"] = step
            if WIZARD_STEPS.index(step) > WIZARD_STEPS.index("region"):
                app.update(region_code=place.region, phone=_phone(rng))
        else:
            deadline = _deadline(clock.local_date(submitted), REVIEW_WORKING_DAYS)
            app.update(
                step="review",
                phone=_phone(rng),
                photo_file_id=f"AgACAgIAAxkBAAI{app_id:012d}",
                photo_unique_id=f"AQAD{app_id:012d}",
                region_code=place.region,
                locality_code=rng.pick(place.localities) if place.localities else None,
                study_place=rng.pick(SCHOOLS).format(1 + rng.below(180)),
                about="Люблю спорт и музыку, хочу попробовать себя в волонтёрстве.",
                hobbies="Шахматы, домбыра",
                level=shape.level.value,
                directions=directions,
                longer_direction=longer.value if longer else None,
                heritage_mode=mode.value if mode else None,
                heritage_months=months,
                partners=partners,
                centre_id=mentor.centre_id,
                mentor_id=mentor.user_id,
                agreement_accepted_at=submitted,
                submitted_at=submitted,
                review_deadline=deadline,
                activated_at=activated,
                completed_at=completed,
                guardian_required=age < 18,
            )
            if age < 18 and status != CONSENT_PENDING:
                app.update(
                    guardian_name=_name(rng),
                    guardian_phone=_phone(rng),
                    guardian_user_id=GUARDIANS + n,
                    guardian_confirmed_at=submitted + timedelta(hours=rng.uniform(1, 48)),
                )
            if status == COMPLETED:
                app.update(confirmed_directions=directions, assessment="Все направления выполнены.")
            if status == UNDER_REVIEW and deadline < today:
                self.tally.overdue += 1
                self._escalated_application(app_id, mentor, place.region, deadline)
        self.tally.applications[status] += 1
        rows[User].append(
            {
                "id": user_id,
                "locale": rng.pick(self.locales),
                "created_at": created - timedelta(minutes=rng.uniform(1, 30)),
                "blocked_at": now - timedelta(days=rng.uniform(1, 60)) if blocked else None,
                "reminders_off": off,
                "reminder_lead_minutes": rng.pick(LEADS),
            }
        )
        self.tally.users += 1
        rows[Application].append(app)
        if activated is None:
            return
        started = clock.local_date(activated)
        self._schedule(app_id, directions, rows[ScheduleItem])
        last = min(today, clock.local_date(completed)) if completed else today
        books = self._entries(app_id, user_id, mentor, directions, mode, started, last, completed, rows[Entry])
        if status != ACTIVE:
            return
        self.tally.active.append((app_id, user_id, directions[0]))
        self._missed(app_id, started, rows[MissedWeek])
        self._ballots(app_id, mentor.user_id, started, rows[RatingBallot], rows[RatingAnswer])
        if not blocked:
            self._reminded(app_id, user_id, off, plan, started, books)

    def _schedule(self, app_id: int, directions: list[str], out: list[dict[str, Any]]) -> None:
        rng, tally = self.rng, self.tally
        for d in directions:
            out.append(
                {
                    "id": tally.next_item,
                    "application_id": app_id,
                    "direction": d,
                    "activity": rng.pick(ACTIVITIES[d]),
                    "weekdays": sorted(rng.sample(range(7), rng.pick(WEEKDAY_COUNTS))),
                    "time": f"{rng.pick(HOURS):02d}:{rng.pick(QUARTERS)}",
                    "minutes_per_week": 60 + 15 * rng.below(13),
                }
            )
            tally.next_item += 1
        tally.schedule_items += len(directions)

    def _entries(
        self,
        app_id: int,
        user_id: int,
        mentor: MentorInfo,
        directions: list[str],
        mode: HeritageMode | None,
        started: date,
        last: date,
        completed: datetime | None,
        out: list[dict[str, Any]],
    ) -> set[str]:
        """The entries of one application; returns the books read (in entries that count)."""
        rng, clock, tally = self.rng, self.clock, self.tally
        now, books_by_section = clock.now, self.cast.books
        count = int(rng.random() * 2 * self.entries_mean + 0.5)
        span = max((last - started).days, 0) + 1
        books: set[str] = set()
        has_draft = False
        for _ in range(count):
            direction = rng.pick(directions)
            status = APPROVED if completed else rng.pick(self.entry_statuses)
            if status == DRAFT:
                status, has_draft = (APPROVED if has_draft else DRAFT), True
            kind = ENTRY_KIND[direction]
            if direction == "heritage" and mode == HeritageMode.BOOK:
                kind = "essay"
            entry_id = tally.next_entry
            tally.next_entry += 1
            entry: dict[str, Any] = {
                "id": entry_id,
                "application_id": app_id,
                "direction": direction,
                "kind": kind,
                "status": status,
                "step": "confirm",
                "revising": False,
            }
            if status == PENDING:
                waited = timedelta(days=min(rng.expovariate(1 / PENDING_DAYS), 20))
                submitted = max(now - waited, clock.at(started, 18 * 60))
                day = max(started, clock.local_date(submitted) - timedelta(days=rng.below(4)))
            else:
                day = started + timedelta(days=rng.below(span))
                submitted = min(clock.at(day, rng.uniform(9 * 60, 23 * 60) + rng.uniform(0, 2 * 1440)), now)
            entry["activity_date"] = day
            if kind == "essay":
                section = 1 if rng.random() < 0.4 else 2 + rng.below(2)
                shelf = books_by_section.get(section)
                entry.update(book_code=rng.pick(shelf) if shelf else None, text=ESSAY)
            else:
                entry["text"] = rng.pick(SENTENCES)
                if kind == "daily":
                    entry["title"] = rng.pick(ACTIVITIES[direction])
                else:
                    entry["minutes"] = 30 + 5 * rng.below(31)
                if kind == "work":
                    entry.update(
                        employer_name="ТОО «Жас Өркен»",
                        employer_phone=_phone(rng),
                        employer_confirmed_at=submitted - timedelta(minutes=rng.uniform(10, 600)),
                    )
            if status == DRAFT:
                entry.update(
                    step="book" if kind == "essay" else "media", created_at=now - timedelta(hours=rng.uniform(1, 72))
                )
            else:
                entry.update(submitted_at=submitted, created_at=submitted - timedelta(minutes=rng.uniform(2, 90)))
            if status not in (DRAFT, PENDING):
                decided = min(submitted + timedelta(hours=rng.uniform(1, 60)), now - timedelta(minutes=5))
                entry.update(decided_at=decided, decided_by=mentor.user_id)
                if status != APPROVED:
                    entry["reason"] = "Добавьте фото с занятия и опишите, что получилось."
                if status in (APPEALED, UPHELD, OVERTURNED):
                    if status == APPEALED:
                        appealed = max(now - timedelta(days=rng.uniform(1, 21)), min(decided + timedelta(hours=1), now))
                    else:
                        appealed = min(decided + timedelta(days=rng.uniform(0.1, 3)), now)
                        entry["arbiter_reason"] = "Проверено экспертом."
                    entry.update(appeal_reason="Я выполнил всё по расписанию.", appealed_at=appealed)
                if rng.random() < 0.05:
                    tally.decided.append((entry_id, user_id, status))
            if status in COUNTED and entry.get("book_code"):
                books.add(entry["book_code"])
            if completed is None and status in (PENDING, APPEALED):
                self._escalated_entry(entry, mentor)
            out.append(entry)
            tally.entries[status] += 1
        return books

    def _missed(self, app_id: int, started: date, out: list[dict[str, Any]]) -> None:
        rng, clock = self.rng, self.clock
        weeks = []
        if rng.random() < 0.05 and started <= clock.monday:
            weeks.append(clock.monday)
        if rng.random() < 0.1:
            past = clock.monday - timedelta(weeks=1 + rng.below(8))
            if past >= started - timedelta(days=started.weekday()):
                weeks.append(past)
        for week in weeks:
            out.append(
                {
                    "id": self.tally.next_missed,
                    "application_id": app_id,
                    "reason": rng.pick(MISSED_REASONS),
                    "details": "Болел, есть справка." if rng.random() < 0.5 else None,
                    "week_of": week,
                    "created_at": min(clock.at(week, rng.uniform(0, 5 * 1440)), clock.now),
                }
            )
            self.tally.next_missed += 1
            self.tally.missed_weeks += 1

    def _ballots(
        self, app_id: int, mentor_id: int, started: date, ballots: list[dict[str, Any]], answers: list[dict[str, Any]]
    ) -> None:
        rng, today = self.rng, self.clock.today
        periods = []
        month, this_month = date(started.year, started.month, 1), date(today.year, today.month, 1)
        while month < this_month:
            if rng.random() < 0.6:
                periods.append(period_of(month))
            month = (month + timedelta(days=32)).replace(day=1)
        if rng.random() < 0.3:
            periods.append(period_of(today))
        for period in periods:
            ballots.append({"id": self.tally.next_ballot, "application_id": app_id, "period": period})
            scores = {q: rng.pick((3, 4, 4, 5, 5, 5)) for q in ("q1", "q2", "q3")}
            key = f"{rng.getrandbits(128):032x}"
            answers.append({"key": key, "mentor_id": mentor_id, "period": period, "scores": scores})
            self.tally.next_ballot += 1
        self.tally.ballots += len(periods)

    # -- what the ticks queued before today --

    def _sent(self, key: str, chat_id: int, kind: str, at: datetime, subject: int | None, body: str) -> None:
        if key not in self.tally.keys:
            self.tally.keys.add(key)
            self.tally.outbox.append(_outbox_row(key, chat_id, kind, at, subject, body, self.clock.now))

    def _escalated_application(self, app_id: int, mentor: MentorInfo, region: str, deadline: date) -> None:
        """To the expert from the day after the deadline, to the coordinator five working days later."""
        clock = self.clock
        if deadline < clock.yesterday:
            at = clock.at(deadline + timedelta(days=1), DIGEST_HOUR * 60)
            self._sent(f"esc-app:{app_id}:expert", mentor.expert_id, "escalation", at, app_id, "Заявка просрочена")
        late = _deadline(deadline, COORDINATOR_AFTER)
        if clock.yesterday > late:
            at = clock.at(late + timedelta(days=1), DIGEST_HOUR * 60)
            coordinator = self.cast.coordinators[region]
            self._sent(f"esc-app:{app_id}:coordinator", coordinator, "escalation", at, app_id, "Заявка просрочена")

    def _escalated_entry(self, entry: dict[str, Any], mentor: MentorInfo) -> None:
        """Reviews and appeals overdue by this time yesterday."""
        limit, cutoff = timedelta(days=REVIEW_DAYS), self.clock.now - timedelta(days=1)
        entry_id, app_id = entry["id"], entry["application_id"]
        if entry["status"] == PENDING:
            submitted = entry["submitted_at"]
            if submitted + limit < cutoff:
                key = f"esc-entry:{entry_id}:mentor"
                self._sent(key, mentor.user_id, "escalation", submitted + limit, app_id, "Запись ждёт проверки")
            if submitted + 2 * limit < cutoff:
                key = f"esc-entry:{entry_id}:expert"
                self._sent(key, mentor.expert_id, "escalation", submitted + 2 * limit, app_id, "Запись ждёт проверки")
        elif entry["appealed_at"] + limit < cutoff:
            at, coordinator = entry["appealed_at"] + limit, self.cast.coordinators[mentor.region]
            self._sent(f"esc-appeal:{entry_id}:coordinator", coordinator, "escalation", at, app_id, "Апелляция ждёт")

    def _reminded(self, app_id: int, user_id: int, off: list[str], plan: Plan, started: date, books: set[str]) -> None:
        """Daily reminders queued before today: deadline milestones reached, reading behind plan this week."""
        clock = self.clock
        end = started + timedelta(days=plan.length)
        if "deadline" not in off:
            left = (end - clock.today).days
            for milestone in MILESTONES:
                reached = end - timedelta(days=milestone)
                if left < milestone and reached >= started:
                    at = clock.at(reached, DIGEST_HOUR * 60 + 1)
                    self._sent(f"deadline:{app_id}:{milestone}", user_id, "reminder", at, app_id, "До конца уровня")
        if "books" not in off and plan.books and clock.monday <= clock.yesterday:
            elapsed = min(max((clock.yesterday - started).days, 0), plan.length)
            if len(books) < plan.books * elapsed // plan.length:
                at = clock.at(max(clock.monday, started), DIGEST_HOUR * 60 + 1)
                self._sent(f"books:{app_id}:{clock.monday.isoformat()}", user_id, "reminder", at, app_id, "Книги")


def _outbox_row(
    key: str, chat_id: int, kind: str, at: datetime, subject: int | None, body: str, now: datetime
) -> dict[str, Any]:
    purged = at < now - timedelta(days=RETENTION_DAYS + UNPURGED_DAYS)
    return {
        "key": key,
        "chat_id": chat_id,
        "kind": kind,
        "method": "sendMessage",
        "params": {} if purged else {"text": body},
        "status": "sent",
        "attempts": 1,
        "not_before": at,
        "created_at": at,
        "sent_at": at + timedelta(seconds=2),
        "subject_id": subject,
        "purged_at": at + timedelta(days=RETENTION_DAYS, hours=1) if purged else None,
    }


def _history(rng: Random, clock: Clock, cast: Cast, tally: Tally, rows: int) -> list[dict[str, Any]]:
    """`rows` past occasions of the chunk's participants over HISTORY_DAYS: session reminders, weekly
    nudges, rating prompts and decisions for participants, digests and new entries for mentors."""
    found: list[dict[str, Any]] = []
    keys, now = tally.keys, clock.now
    active, decided, digests = tally.active, tally.decided, cast.digest_mentors
    kinds = _table(HISTORY_WEIGHTS)
    attempts = 0
    while len(found) < rows and attempts < 20 * rows:
        attempts += 1
        kind = rng.pick(kinds)
        day = clock.today - timedelta(days=1 + rng.below(HISTORY_DAYS))
        at = clock.at(day, rng.uniform(8 * 60, 22 * 60))
        if kind in ("session", "week", "rating") and active:
            app_id, user_id, direction = rng.pick(active)
            if kind == "session":
                key, body = f"session:{app_id}:{direction}:{day.isoformat()}", f"Занятие «{direction}» в 18:30"
            elif kind == "week":
                monday = day - timedelta(days=day.weekday())
                key, body = f"week:{app_id}:{monday.isoformat()}", "На этой неделе ещё нет записей"
            else:
                key, body = f"rating:{app_id}:{period_of(day)}", "Оцените работу наставника"
            row = _outbox_row(key, user_id, "reminder", at, app_id, body, now)
        elif kind == "digest" and digests:
            mentor = rng.pick(digests)
            key = f"digest:{mentor}:{day.isoformat()}"
            row = _outbox_row(key, mentor, "digest", at, None, "Ждут проверки: 3", now)
        elif kind in ("decided", "review") and decided:
            entry_id, user_id, status = rng.pick(decided)
            nonce = f"{rng.getrandbits(32):08x}"
            if kind == "decided":
                key, chat, category = f"decided:{entry_id}:{status}:{nonce}", user_id, "news"
            else:
                key, chat, category = f"review:{entry_id}:{nonce}", rng.pick(cast.mentors).user_id, "alert"
            row = _outbox_row(key, chat, category, at, None, "Запись проверена", now)
        else:
            continue
        if key not in keys:
            keys.add(key)
            found.append(row)
    return found


# -- entry point --------------------------------------------------------------------------------------------


async def populate(
    sessions: async_sessionmaker[AsyncSession],
    *,
    applications: int,
    entries_per_app: float,
    now: datetime,
    seed: int = 1,
    history: int | None = None,
    zone: ZoneInfo = ZONE,
    rules: ProgrammeRules | None = None,
    method: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Population:
    """Fills an empty, migrated database as the module says; `history` sent outbox rows (by default five per
    application). `method` is "copy" (PostgreSQL only, its default there) or "insert" (Core executemany).
    `progress` is told how far it got."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    started = timer.perf_counter()
    rng = Random(seed)
    clock = Clock(now, zone)
    rules = rules or load_rules()
    history = 5 * applications if history is None else history
    say = progress or (lambda _: None)
    async with sessions() as session:
        dialect = session.get_bind().dialect.name
        method = method or ("copy" if dialect == "postgresql" else "insert")
        if method not in ("copy", "insert") or (method == "copy" and dialect != "postgresql"):
            raise ValueError(f"method {method!r} on {dialect}: COPY needs PostgreSQL")
        writer = Writer(session, method == "copy")
        cast = await _staff(writer, rng, clock, applications)
        people = Participants(rng, clock, rules, cast, entries_per_app, applications, history)
        writing: asyncio.Task[None] | None = None
        for first in range(0, applications, CHUNK):
            # the next chunk is built in a thread while the event loop writes the previous one
            built = timer.perf_counter()
            prepared = await asyncio.to_thread(people.chunk, first, min(CHUNK, applications - first), writer)
            waited = timer.perf_counter()
            if writing is not None:
                await writing
            writing = asyncio.create_task(_write_all(writer, prepared))
            done = timer.perf_counter()
            so_far = first + len(prepared[1].rows)
            say(f"{so_far} applications: built in {waited - built:.1f} s, waited {done - waited:.1f} s for the writes")
        if writing is not None:
            await writing
        tally = people.tally
        if dialect == "postgresql":
            await _reset_sequences(session)
        await session.commit()
        bind = session.bind
    loaded = timer.perf_counter() - started
    spent = sorted(writer.seconds.items(), key=lambda kv: -kv[1])
    say("writing took: " + ", ".join(f"{name} {took:.1f} s" for name, took in spent))
    if dialect == "postgresql" and isinstance(bind, AsyncEngine):
        async with bind.connect() as conn:
            await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(text("VACUUM (ANALYZE)"))
    total = timer.perf_counter() - started
    return Population(
        seed=seed,
        regions=len(cast.places),
        centres=cast.centres,
        operators=1,
        coordinators=len(cast.coordinators),
        experts=cast.experts,
        mentors=len(cast.mentors),
        centre_heads=cast.centres,
        users=tally.users,
        applications=dict(tally.applications),
        schedule_items=tally.schedule_items,
        entries=dict(tally.entries),
        missed_weeks=tally.missed_weeks,
        rating_ballots=tally.ballots,
        rating_answers=tally.ballots,
        outbox_sent=tally.outbox_sent,
        outbox_due_before_today=tally.outbox_due,
        overdue_applications=tally.overdue,
        seconds={"load": loaded, "vacuum": total - loaded, "total": total},
    )


async def _write_all(writer: Writer, prepared: list[Prepared]) -> None:
    for part in prepared:
        await writer.write(part)


async def _reset_sequences(session: AsyncSession) -> None:
    """Rows were written with their ids: each serial sequence must go on after the largest."""
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key:
            await session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), coalesce(max(id), 0) + 1, false)"
                    f" FROM {table.name} HAVING pg_get_serial_sequence('{table.name}', 'id') IS NOT NULL"
                )
            )


@asynccontextmanager
async def scratch(
    database_url: str, *, sqlite: bool, keep: bool, prefix: str
) -> AsyncIterator[tuple[str, AsyncEngine]]:
    """A migrated throw-away database for a benchmark: beside `database_url` on its server, or a SQLite file
    in a temporary folder; dropped afterwards unless `keep` (then its URL is printed)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}_")) if sqlite else None
    url = (
        f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
        if folder is not None
        else await create_scratch_database(database_url, prefix)
    )
    engine: AsyncEngine | None = None
    try:
        await upgrade(url)
        engine = create_engine(url)
        yield url, engine
        if keep:
            print(f"kept: {url}")
    finally:
        if engine is not None:
            await engine.dispose()
        if not keep:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            else:
                await drop_scratch_database(url)


def add_database_options(parser: argparse.ArgumentParser) -> None:
    """The options of the benchmarks that generate their data: where, which seed, what to keep and say."""
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres",
        help="admin database; the benchmark creates and drops its own beside it",
    )
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file in a temporary folder instead")
    parser.add_argument("--keep", action="store_true", help="keep the databases (their URLs are printed)")
    parser.add_argument("--verbose", action="store_true", help="report the data generation's progress")
