"""Programme centres made from the bot (R6.5): organisations' applications, the centre an approval creates,
and the staff a centre head sees."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Centre, CentreApplication, Staff

PENDING = "pending"


class Centres:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_application(self, user_id: int, **fields: Any) -> CentreApplication:
        request = CentreApplication(user_id=user_id, status=PENDING, **fields)
        self._session.add(request)
        await self._session.flush()
        return request

    async def application(self, request_id: int) -> CentreApplication | None:
        return await self._session.get(CentreApplication, request_id)

    async def pending_of(self, user_id: int) -> CentreApplication | None:
        return await self._session.scalar(
            select(CentreApplication).where(CentreApplication.user_id == user_id, CentreApplication.status == PENDING)
        )

    async def pending(self, limit: int) -> list[CentreApplication]:
        """Oldest first, as the operator should decide them."""
        return list(
            await self._session.scalars(
                select(CentreApplication)
                .where(CentreApplication.status == PENDING)
                .order_by(CentreApplication.created_at, CentreApplication.id)
                .limit(limit)
            )
        )

    async def applications_of(self, user_id: int) -> list[CentreApplication]:
        return list(
            await self._session.scalars(
                select(CentreApplication).where(CentreApplication.user_id == user_id).order_by(CentreApplication.id)
            )
        )

    async def decide(
        self, request_id: int, status: str, by: int, now: datetime, reason: str | None = None
    ) -> CentreApplication | None:
        """Moves a pending application to `status` in one conditional statement, so of two operators (or two
        clicks) deciding at once exactly one does; None for the other."""
        done = await self._session.execute(
            update(CentreApplication)
            .where(CentreApplication.id == request_id, CentreApplication.status == PENDING)
            .values(status=status, decided_by=by, decided_at=now, reason=reason)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return await self._session.get(CentreApplication, request_id, populate_existing=True)

    async def delete_application(self, request: CentreApplication) -> None:
        await self._session.execute(delete(CentreApplication).where(CentreApplication.id == request.id))

    async def codes_from(self, prefix: str) -> set[str]:
        """Centre codes taken that start with `prefix`, active or not."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return set(await self._session.scalars(select(Centre.code).where(Centre.code.like(f"{escaped}%", escape="\\"))))

    async def add_centre(self, code: str, name: str, region_code: str) -> Centre:
        """The catalogue row of an approved applicant, named alike in the three languages."""
        centre = Centre(
            code=code, name_kk=name, name_ru=name, name_en=name, region_code=region_code, institutions=[], in_file=False
        )
        self._session.add(centre)
        await self._session.flush()
        return centre

    async def staff_of(self, centre_id: int) -> list[Staff]:
        """Everyone bound to the centre (its heads and mentors), active or not, by role and name."""
        return list(
            await self._session.scalars(
                select(Staff).where(Staff.centre_id == centre_id).order_by(Staff.role, Staff.full_name, Staff.user_id)
            )
        )
