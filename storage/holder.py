"""The unit of work: every repository over one session, and the one place a transaction commits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.notices import Notice
from storage.outbox import Outbox
from storage.repositories.applications import Applications
from storage.repositories.audit import Audit
from storage.repositories.catalogue import Catalogue
from storage.repositories.due import Due
from storage.repositories.entries import Entries
from storage.repositories.journal import Journal
from storage.repositories.links import Links
from storage.repositories.personal_data import PersonalData
from storage.repositories.ratings import Ratings
from storage.repositories.staff import StaffMembers
from storage.repositories.users import Users

Sessions = async_sessionmaker[AsyncSession]


class Publisher(Protocol):
    """Turns notices into outbox rows in the recipient's language; the bot provides it."""

    async def publish(self, uow: Holder, notices: Sequence[Notice]) -> int: ...


class Holder:
    """Use cases read and change state through the repositories and end with `commit`: the notices they
    caused become outbox rows in the same transaction, so a change and its news are stored together."""

    def __init__(self, session: AsyncSession, publisher: Publisher | None = None) -> None:
        self._session = session
        self._publisher = publisher
        self.users = Users(session)
        self.staff = StaffMembers(session)
        self.catalogue = Catalogue(session)
        self.applications = Applications(session)
        self.entries = Entries(session)
        self.journal = Journal(session)
        self.links = Links(session)
        self.audit = Audit(session)
        self.ratings = Ratings(session)
        self.outbox = Outbox(session)
        self.personal = PersonalData(session)
        self.due = Due(session)

    async def commit(self, notices: Sequence[Notice] = ()) -> int:
        """Queues the notices, then commits; returns how many outbox rows were new."""
        new = 0
        if notices:
            if self._publisher is None:
                raise RuntimeError("this unit of work cannot notify anyone")
            new = await self._publisher.publish(self, notices)
        await self._session.commit()
        return new

    async def release(self) -> None:
        """Ends a transaction that changed nothing, keeping what it read usable (sessions do not expire
        rows on commit); a use case about to wait seconds for Telegram holds no lock or connection meanwhile."""
        if self._session.new or self._session.dirty or self._session.deleted:
            raise RuntimeError("release() with changes pending: commit them first")
        await self._session.commit()

    async def rollback(self) -> None:
        await self._session.rollback()


@asynccontextmanager
async def unit_of_work(sessions: Sessions, publisher: Publisher | None = None) -> AsyncIterator[Holder]:
    """A unit of work on a fresh session; what was not committed is rolled back when it closes."""
    async with sessions() as session:
        yield Holder(session, publisher)
