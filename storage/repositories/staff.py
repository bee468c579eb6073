"""Staff: who has which role, where, who supervises whom, and who acts for whom while absent."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.programme import Role
from storage.batches import rows_by_id
from storage.models import Centre, Staff


class StaffMembers:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._everyone: list[Staff] = []

    async def get(self, user_id: int) -> Staff | None:
        return await self._session.get(Staff, user_id)

    async def many(self, user_ids: set[int]) -> list[Staff]:
        """Several staff rows; while the caller holds the list, `get` finds them without a query."""
        return await rows_by_id(self._session, Staff.user_id, user_ids)

    async def add(
        self, user_id: int, role: str, centre_id: int | None, region_code: str | None, expert_id: int | None
    ) -> Staff:
        staff = Staff(user_id=user_id, role=role, centre_id=centre_id, region_code=region_code, expert_id=expert_id)
        self._session.add(staff)
        await self._session.flush()
        return staff

    async def everyone(self) -> list[Staff]:
        """Every staff member, loaded into the unit of work: `get` and `acting_for` then cost no query.
        Staff are hundreds, so a job that asks about many of them loads them once. The list is held here
        because the session keeps a loaded row only while something refers to it."""
        self._everyone = list(await self._session.scalars(select(Staff).order_by(Staff.user_id)))
        return self._everyone

    async def acting_for(self, staff_id: int) -> int:
        """Who does a staff member's work now: themselves, or while absent whoever acts for them, followed
        along the chain (an absent mentor's expert may be absent too, and then their coordinator acts)."""
        seen = {staff_id}
        while (member := await self.get(staff_id)) is not None and member.absent_since is not None:
            if member.substitute_id is None or member.substitute_id in seen:
                break
            staff_id = member.substitute_id
            seen.add(staff_id)
        return staff_id

    async def regional_coordinator(self, region_code: str) -> Staff | None:
        return await self._session.scalar(
            select(Staff)
            .where(Staff.role == Role.COORDINATOR.value, Staff.active, Staff.region_code == region_code)
            .order_by(Staff.user_id)
            .limit(1)
        )

    async def region_of(self, member: Staff) -> str | None:
        """A staff member's region: their own, their centre's, or (an expert) their mentors' centres'."""
        if member.region_code:
            return member.region_code
        centre_ids = select(Staff.centre_id).where(
            or_(Staff.user_id == member.user_id, Staff.expert_id == member.user_id), Staff.centre_id.is_not(None)
        )
        return await self._session.scalar(
            select(Centre.region_code).where(Centre.id.in_(centre_ids)).order_by(Centre.id).limit(1)
        )

    async def mentors_of(self, expert_id: int) -> list[Staff]:
        """The mentors an expert supervises, by name."""
        return list(
            await self._session.scalars(
                select(Staff)
                .where(Staff.expert_id == expert_id, Staff.role == Role.MENTOR.value)
                .order_by(Staff.full_name, Staff.user_id)
            )
        )

    async def present_mentors_of(self, expert_id: int, besides: int) -> list[Staff]:
        """The expert's other active, present mentors: who an absent mentor's participants can be handed to."""
        return list(
            await self._session.scalars(
                select(Staff)
                .where(
                    Staff.expert_id == expert_id,
                    Staff.role == Role.MENTOR.value,
                    Staff.active,
                    Staff.user_id != besides,
                    Staff.absent_since.is_(None),
                )
                .order_by(Staff.full_name, Staff.user_id)
            )
        )

    async def centre_heads(self, centre_id: int) -> list[int]:
        return list(
            await self._session.scalars(
                select(Staff.user_id).where(Staff.centre_id == centre_id, Staff.role == Role.CENTRE.value, Staff.active)
            )
        )

    async def operator_ids(self) -> list[int]:
        return list(
            await self._session.scalars(
                select(Staff.user_id).where(Staff.role == Role.OPERATOR.value, Staff.active).order_by(Staff.user_id)
            )
        )

    async def digest_mentors(self) -> list[int]:
        """Mentors who chose one daily digest of pending reviews instead of a message per entry."""
        return list(
            await self._session.scalars(
                select(Staff.user_id)
                .where(Staff.role == Role.MENTOR.value, Staff.active, Staff.review_digest)
                .order_by(Staff.user_id)
            )
        )
