"""Use cases run against the real storage (SQLite, or PostgreSQL with TEST_DATABASE_URL), without Telegram:
the publisher only records the notices each commit hands it, so a test asserts on state and on news."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.catalog import Catalog, Centre, LocalizedText
from core.notices import Notice
from core.policy import Policy
from core.programme import Role
from core.rules import load_rules
from storage.catalog_files import default_catalog
from storage.catalog_store import apply_catalog
from storage.db import session_factory
from storage.holder import Holder
from storage.models import Application, Base, Region, ScheduleItem, Staff, User
from storage.models import Centre as CentreRow

T = TypeVar("T")
NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
"""Monday 30 November 2026, 11:00 in Almaty."""
ZONE = ZoneInfo("Asia/Almaty")
POLICY = Policy(load_rules(), ZONE)


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
    async with store.sessions() as session, session.begin():
        centre_id = None
        if with_centre and role in (Role.MENTOR, Role.CENTRE):
            centre_id = await session.scalar(select(CentreRow.id).where(CentreRow.code == "astana-youth"))
        session.add(
            Staff(
                user_id=user_id,
                role=role.value,
                full_name=full_name,
                centre_id=centre_id,
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
