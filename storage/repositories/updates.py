"""Telegram updates whose effects are stored, so one delivered again is handled once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import HandledUpdate


class Updates:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def handled(self, update_id: int) -> bool:
        return (
            await self._session.scalar(select(HandledUpdate.update_id).where(HandledUpdate.update_id == update_id))
            is not None
        )

    def mark(self, update_id: int, now: datetime) -> None:
        """Stored by the next flush, with the changes it goes with."""
        self._session.add(HandledUpdate(update_id=update_id, handled_at=now))

    async def forget(self, before: datetime) -> int:
        """Deletes the records older than `before`: Telegram no longer re-sends those updates."""
        result = await self._session.execute(delete(HandledUpdate).where(HandledUpdate.handled_at < before))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
