"""Users: anyone who talked to the bot, with their language and reachability."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.programme import Role
from storage.batches import rows_by_id
from storage.models import AuditRecord, OneTimeLink, Staff, User


class Users:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> User | None:
        return await self._session.get(User, user_id)

    async def many(self, user_ids: set[int]) -> dict[int, User]:
        """Several users by id, one statement per 10,000 (drivers cap a statement at 32,767 parameters)."""
        return {u.id: u for u in await rows_by_id(self._session, User.id, user_ids)}

    async def with_staff(self, user_id: int) -> tuple[User | None, Staff | None]:
        """The user and, for staff, their staff row: one statement, made on every update."""
        row = (
            await self._session.execute(
                select(User, Staff).outerjoin(Staff, Staff.user_id == User.id).where(User.id == user_id)
            )
        ).first()
        return (row[0], row[1]) if row is not None else (None, None)

    async def add(self, user_id: int, locale: str) -> User:
        user = User(id=user_id, locale=locale)
        self._session.add(user)
        await self._session.flush()
        return user

    async def delete(self, user: User) -> None:
        """After what still pointed at the user was changed: those updates go out first."""
        await self._session.flush()
        await self._session.delete(user)

    async def operators(self) -> list[User]:
        """Active operators, who receive coordinators' problem reports and centres' lost registrations."""
        return list(
            await self._session.scalars(
                select(User)
                .join(Staff, Staff.user_id == User.id)
                .where(Staff.role == Role.OPERATOR.value, Staff.active)
                .order_by(User.id)
            )
        )

    async def mark_blocked(self, user_id: int, now: datetime) -> None:
        await self._session.execute(update(User).where(User.id == user_id).values(blocked_at=now))

    async def forget(self, user_id: int) -> None:
        """Cuts the Telegram id out of links and audit rows, which outlive an erased account."""
        await self._session.execute(
            update(OneTimeLink).where(OneTimeLink.created_by == user_id).values(created_by=None)
        )
        await self._session.execute(update(OneTimeLink).where(OneTimeLink.used_by == user_id).values(used_by=None))
        await self._session.execute(update(AuditRecord).where(AuditRecord.actor_id == user_id).values(actor_id=None))
