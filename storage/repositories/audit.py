"""The audit trail: who changed which status, when, from what, to what, and why."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditRecord


class Audit:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self,
        entity: str,
        entity_id: int,
        actor_id: int | None,
        from_status: str | None,
        to_status: str,
        reason: str | None = None,
    ) -> None:
        self._session.add(
            AuditRecord(
                entity=entity,
                entity_id=entity_id,
                actor_id=actor_id,
                from_status=from_status,
                to_status=to_status,
                reason=reason,
            )
        )

    async def trail(self, entity: str, entity_id: int) -> list[AuditRecord]:
        return list(
            await self._session.scalars(
                select(AuditRecord)
                .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
                .order_by(AuditRecord.id)
            )
        )
