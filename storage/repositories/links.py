"""One-time links: only the token's hash is stored (R2.5, R5.2, R6.7)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OneTimeLink


class Links:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, token_hash: str, purpose: str, payload: dict[str, Any], expires_at: datetime, created_by: int | None
    ) -> OneTimeLink:
        link = OneTimeLink(
            token_hash=token_hash, purpose=purpose, payload=payload, expires_at=expires_at, created_by=created_by
        )
        self._session.add(link)
        await self._session.flush()
        return link

    async def by_hash(self, token_hash: str) -> OneTimeLink | None:
        """The link, locked for the caller's transaction so that two people cannot use it at once."""
        return await self._session.scalar(
            select(OneTimeLink).where(OneTimeLink.token_hash == token_hash).with_for_update()
        )

    async def expire(self, purpose: str, key: str, value: Any, now: datetime) -> None:
        """Ends every unused link of this purpose whose payload names this object."""
        links = await self._session.scalars(
            select(OneTimeLink).where(OneTimeLink.purpose == purpose, OneTimeLink.used_at.is_(None))
        )
        for link in links:
            if link.payload.get(key) == value:
                link.expires_at = min(link.expires_at, now)
