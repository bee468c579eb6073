"""The unit of work: every repository over one session, and the one place a transaction commits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from core.notices import Notice
from storage.outbox import Outbox
from storage.repositories.administration import Administration
from storage.repositories.applications import Applications
from storage.repositories.audit import Audit
from storage.repositories.catalogue import Catalogue
from storage.repositories.centres import Centres
from storage.repositories.documents import ParticipantDocuments
from storage.repositories.due import Due
from storage.repositories.entries import Entries
from storage.repositories.figures import Figures
from storage.repositories.journal import Journal
from storage.repositories.links import Links
from storage.repositories.personal_data import PersonalData
from storage.repositories.profiles import StaffProfiles
from storage.repositories.ratings import Ratings
from storage.repositories.rules import Rules
from storage.repositories.staff import StaffMembers
from storage.repositories.updates import Updates
from storage.repositories.users import Users

Sessions = async_sessionmaker[AsyncSession]
WROTE = "transaction_wrote"
"""Session.info flag: the open transaction flushed or executed a write, so only a commit may end it."""


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if not state.is_select:
        state.session.info[WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(WROTE, None)


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
        self.documents = ParticipantDocuments(session)
        self.links = Links(session)
        self.audit = Audit(session)
        self.ratings = Ratings(session)
        self.profiles = StaffProfiles(session)
        self.figures = Figures(session)
        self.rules = Rules(session)
        self.outbox = Outbox(session)
        self.personal = PersonalData(session)
        self.due = Due(session)
        self.admin = Administration(session)
        self.centres = Centres(session)
        self.updates = Updates(session)
        self.update: tuple[int, datetime] | None = None
        """The Telegram update this unit of work handles and when it came: its first commit records it."""

    async def commit(self, notices: Sequence[Notice] = ()) -> int:
        """Queues the notices, then commits; returns how many outbox rows were new. The first commit of an
        update's unit of work records the update with its effects, so a delivery of it again is skipped."""
        if self.update is not None:
            self.updates.mark(*self.update)
            self.update = None
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
        if self._session.in_transaction() and not await self.release_if_clean():
            raise RuntimeError("release() with changes pending: commit them first")

    async def release_if_clean(self) -> bool:
        """`release` when the transaction only read; whether it was ended."""
        session = self._session
        if not session.in_transaction() or session.info.get(WROTE) or session.new or session.dirty or session.deleted:
            return False
        await session.commit()
        return True

    async def rollback(self) -> None:
        await self._session.rollback()


@asynccontextmanager
async def unit_of_work(sessions: Sessions, publisher: Publisher | None = None) -> AsyncIterator[Holder]:
    """A unit of work on a fresh session; what was not committed is rolled back when it closes."""
    async with sessions() as session:
        yield Holder(session, publisher)
