"""Staff profiles and documents, and the lists the staff cards are made of (R8.2)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from core.programme import ApplicationStatus as S
from core.programme import Role
from storage.models import Application, Centre, Progress, Staff, StaffDocument, StaffProfile

CARD_STATUSES = [s.value for s in (S.SUBMITTED, S.CONSENT_PENDING, S.UNDER_REVIEW, S.ACTIVE, S.COMPLETED, S.AWARDED)]
"""A mentor's participants on their card: everyone they took on, until the level ends or the badge is awarded."""
ROLE_ORDER = {Role.COORDINATOR.value: 0, Role.EXPERT.value: 1, Role.MENTOR.value: 2}


def in_region(region_code: str) -> ColumnElement[bool]:
    """A staff member who works in the region: their own region, their centre's, or (an expert without one)
    a supervised mentor's, as `StaffMembers.region_of` finds it."""
    mentor = aliased(Staff)
    centres = select(Centre.id).where(Centre.region_code == region_code)
    supervises = exists().where(
        mentor.expert_id == Staff.user_id, or_(mentor.region_code == region_code, mentor.centre_id.in_(centres))
    )
    return or_(
        Staff.region_code == region_code,
        and_(Staff.region_code.is_(None), Staff.centre_id.in_(centres)),
        and_(Staff.region_code.is_(None), Staff.role == Role.EXPERT.value, supervises),
    )


class StaffProfiles:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> StaffProfile | None:
        return await self._session.get(StaffProfile, user_id)

    async def of(self, user_id: int) -> StaffProfile:
        """The profile, made empty on its first change."""
        profile = await self.get(user_id)
        if profile is None:
            profile = StaffProfile(user_id=user_id)
            self._session.add(profile)
            await self._session.flush()
        return profile

    async def documents(self, owner_id: int) -> list[StaffDocument]:
        return list(
            await self._session.scalars(
                select(StaffDocument).where(StaffDocument.owner_id == owner_id).order_by(StaffDocument.id)
            )
        )

    async def document(self, doc_id: int) -> StaffDocument | None:
        return await self._session.get(StaffDocument, doc_id)

    async def add_document(self, owner_id: int, **fields: Any) -> StaffDocument:
        doc = StaffDocument(owner_id=owner_id, **fields)
        self._session.add(doc)
        await self._session.flush()
        return doc

    async def delete_document(self, doc: StaffDocument) -> None:
        await self._session.delete(doc)
        await self._session.flush()

    async def participants_of(self, mentor_id: int) -> list[tuple[Application, dict[str, int]]]:
        """The mentor's participants by name, each with completion per direction: two statements."""
        apps = list(
            await self._session.scalars(
                select(Application)
                .where(Application.mentor_id == mentor_id, Application.status.in_(CARD_STATUSES))
                .order_by(Application.full_name, Application.id)
            )
        )
        percents: dict[int, dict[str, int]] = {a.id: {} for a in apps}
        if apps:
            rows = await self._session.execute(
                select(Progress.application_id, Progress.direction, Progress.percent)
                .where(Progress.application_id.in_(list(percents)))
                .order_by(Progress.direction)
            )
            for app_id, direction, percent in rows.all():
                percents[app_id][direction] = percent
        return [(a, percents[a.id]) for a in apps]

    async def participants_count(self, mentor_ids: Sequence[int]) -> dict[int, int]:
        """How many participants each mentor has on their card, in one statement."""
        if not mentor_ids:
            return {}
        rows = await self._session.execute(
            select(Application.mentor_id, func.count())
            .where(Application.mentor_id.in_(list(mentor_ids)), Application.status.in_(CARD_STATUSES))
            .group_by(Application.mentor_id)
        )
        return {mentor: int(n) for mentor, n in rows.all() if mentor is not None}

    async def members(
        self, region_code: str | None, roles: Sequence[str], offset: int, limit: int
    ) -> tuple[list[Staff], int]:
        """Active staff of these roles, in the region (all of them with `None`): one page, and how many in all."""
        scope = [Staff.active, Staff.role.in_(roles)]
        if region_code is not None:
            scope.append(in_region(region_code))
        total = await self._session.scalar(select(func.count()).select_from(Staff).where(*scope))
        order = (case(ROLE_ORDER, value=Staff.role, else_=len(ROLE_ORDER)), Staff.full_name, Staff.user_id)
        rows = await self._session.scalars(select(Staff).where(*scope).order_by(*order).offset(offset).limit(limit))
        return list(rows), int(total or 0)

    async def works_in(self, user_id: int, region_code: str) -> bool:
        found = await self._session.scalar(
            select(Staff.user_id).where(Staff.user_id == user_id, in_region(region_code))
        )
        return found is not None
