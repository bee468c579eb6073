"""Use cases run against the real storage (SQLite, or PostgreSQL with TEST_DATABASE_URL), without Telegram:
the publisher only records the notices each commit hands it, so a test asserts on state and on news."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.catalog import Catalog, Centre, LocalizedText
from core.errors import DomainError
from core.notices import Notice
from core.policy import Policy
from core.programme import Role
from core.rules import load_rules
from storage.catalog_files import default_catalog
from storage.catalog_store import apply_catalog
from storage.db import session_factory
from storage.holder import Holder
from storage.models import Application, AuditRecord, Base, Entry, Region, ScheduleItem, Staff, User
from storage.models import Centre as CentreRow

T = TypeVar("T")
NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
"""Monday 30 November 2026, 11:00 in Almaty."""
ZONE = ZoneInfo("Asia/Almaty")
POLICY = Policy(load_rules(), ZONE)

MENTOR, OTHER_MENTOR, THIRD_MENTOR = 100, 101, 102
EXPERT, OTHER_EXPERT, COORDINATOR = 200, 201, 300
PARTICIPANT, OTHER = 1000, 1001
"""The user ids of the usual cast; a test file adds its own for the roles only it needs."""


@dataclass
class RecordingPublisher:
    """Stands in for the bot's renderer: keeps what each commit published, in order."""

    published: list[Notice] = field(default_factory=list)

    async def publish(self, uow: Holder, notices: Sequence[Notice]) -> int:
        self.published.extend(notices)
        return len(notices)


@dataclass
class Store:
    """Fresh units of work on the database under test, all publishing to one recorder."""

    sessions: async_sessionmaker[AsyncSession]
    publisher: RecordingPublisher

    def session(self) -> _UnitOfWork:
        """A unit of work on a new session: `async with store.session() as uow: ...`."""
        return _UnitOfWork(self)

    async def get(self, model: type[T], key: object) -> T | None:
        """A row as stored now, read in a session of its own."""
        async with self.sessions() as session:
            return await session.get(model, key)


class _UnitOfWork:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def __aenter__(self) -> Holder:
        self.raw = self.store.sessions()
        session = await self.raw.__aenter__()
        return Holder(session, self.store.publisher)

    async def __aexit__(self, *exc: object) -> None:
        await self.raw.__aexit__(*exc)


KEPT = frozenset({"regions", "localities", "books", "partners"})
"""Catalogue tables no use case changes: loaded once, kept between tests (hundreds of tests, each would
otherwise load 20 regions and 191 localities again)."""


@pytest.fixture
async def store(engine: AsyncEngine) -> AsyncIterator[Store]:
    """Empty tables but the shipped catalogue, and the test centre as it was created."""
    async with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEPT:
                await conn.execute(table.delete())
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        if await session.scalar(select(Region.code).limit(1)) is None:
            await apply_catalog(session, default_catalog())
        await apply_catalog(session, Catalog(regions=(), books=(), partners=(), centres=CENTRES))
    yield Store(sessions, RecordingPublisher())


def name(text: str) -> LocalizedText:
    return LocalizedText(kk=text, ru=text, en=text)


CENTRES = (Centre("astana-youth", name("Astana Youth Centre"), "astana", None, ("Nazarbayev University",)),)


async def add_user(store: Store, user_id: int, locale: str = "en") -> None:
    async with store.sessions() as session, session.begin():
        session.add(User(id=user_id, locale=locale))


async def add_staff(
    store: Store,
    user_id: int,
    role: Role,
    full_name: str,
    *,
    expert_id: int | None = None,
    region_code: str | None = None,
    with_centre: bool = True,
) -> None:
    """A staff member with a user row, in the test centre (mentors, centre heads) or a region (coordinators)."""
    await add_user(store, user_id)
    centre = await centre_id(store) if with_centre and role in (Role.MENTOR, Role.CENTRE) else None
    async with store.sessions() as session, session.begin():
        session.add(
            Staff(
                user_id=user_id,
                role=role.value,
                full_name=full_name,
                centre_id=centre,
                region_code=region_code,
                expert_id=expert_id,
            )
        )


async def add_application(
    store: Store,
    user_id: int,
    mentor_id: int | None,
    *,
    status: str = "under_review",
    birth: date = date(2000, 5, 15),
    directions: tuple[str, ...] = ("sport", "talent", "reading"),
    level: str = "bronze",
    activated_at: datetime | None = None,
    schedule: bool = False,
) -> int:
    """An application as the form leaves it, already in `status`; `schedule` adds a complete schedule."""
    await add_user(store, user_id)
    async with store.sessions() as session, session.begin():
        app = Application(
            user_id=user_id,
            programme_year=POLICY.rules.year,
            status=status,
            step="review",
            pd_consent_at=NOW - timedelta(days=20),
            full_name="Абайұлы Нұрлан",
            birth_date=birth,
            phone="+77010000000",
            photo_file_id="photo",
            photo_unique_id="photo-u",
            region_code="astana",
            locality_code="astana",
            study_place="Nazarbayev University",
            about="About me",
            hobbies="Chess",
            level=level,
            directions=list(directions),
            partners={},
            mentor_id=mentor_id,
            submitted_at=NOW - timedelta(days=10) if status != "draft" else None,
            review_deadline=(NOW + timedelta(days=10)).date() if status != "draft" else None,
            activated_at=activated_at,
        )
        session.add(app)
        await session.flush()
        if schedule:
            for direction in directions:
                session.add(
                    ScheduleItem(
                        application_id=app.id,
                        direction=direction,
                        activity="Club",
                        weekdays=[1, 3],
                        time="18:30",
                        minutes_per_week=90,
                    )
                )
        return app.id


async def participant(
    store: Store, user_id: int = PARTICIPANT, *, status: str = "active", heritage_mode: str | None = None, **values: Any
) -> int:
    """An application of MENTOR's (who must exist) in `status`; an active one keeps a diary since 30 days ago.
    `values` go to `add_application`."""
    values.setdefault("activated_at", NOW - timedelta(days=30) if status == "active" else None)
    app_id = await add_application(store, user_id, MENTOR, status=status, **values)
    if heritage_mode is not None:
        await change(store, Application, app_id, heritage_mode=heritage_mode)
    return app_id


async def add_entry(
    store: Store,
    app_id: int,
    status: str = "draft",
    *,
    direction: str = "sport",
    kind: str = "session",
    step: str = "date",
    **values: Any,
) -> int:
    """An entry inserted as it would be after some answers (or a decision); `values` are its other columns."""
    async with store.sessions() as session, session.begin():
        entry = Entry(application_id=app_id, direction=direction, kind=kind, status=status, step=step, **values)
        session.add(entry)
        await session.flush()
        return entry.id


async def centre_id(store: Store, code: str = "astana-youth") -> int:
    """The id of a stored centre (the test centre unless `code` says another)."""
    async with store.sessions() as session:
        found = await session.scalar(select(CentreRow.id).where(CentreRow.code == code))
    assert found is not None
    return found


async def stored(store: Store, model: type[T], key: object) -> T:
    """A row as stored now, which must exist."""
    row = await store.get(model, key)
    assert row is not None
    return row


async def all_rows(store: Store, model: type[T]) -> list[T]:
    """Every stored row of a table, in no particular order."""
    async with store.sessions() as session:
        return list(await session.scalars(select(model)))


async def change(store: Store, model: type[Base], key: object, **values: Any) -> None:
    """Sets columns of a stored row, which must exist, in a transaction of its own."""
    async with store.sessions() as session, session.begin():
        row = await session.get(model, key)
        assert row is not None
        for column, value in values.items():
            setattr(row, column, value)


async def trail(
    store: Store, entity_id: int, *, entity: str = "application", reasons: bool = False
) -> list[tuple[str | int | None, ...]]:
    """The audit rows of an application (or of another `entity`), oldest first, as (from, to, actor) or,
    with `reasons`, (from, to, actor, reason)."""
    async with store.sessions() as session:
        rows = await session.scalars(
            select(AuditRecord)
            .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
            .order_by(AuditRecord.id)
        )
        if reasons:
            return [(r.from_status, r.to_status, r.actor_id, r.reason) for r in rows]
        return [(r.from_status, r.to_status, r.actor_id) for r in rows]


@contextmanager
def refused(key: str) -> Iterator[None]:
    """The use case refuses with this locale key."""
    with pytest.raises(DomainError, match=f"^{re.escape(key)}$"):
        yield
