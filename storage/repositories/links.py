"""One-time links: only the token's hash is stored (R2.5, R5.2, R6.7)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OneTimeLink


def subject_of(payload: dict[str, Any]) -> str | None:
    """The object a link with a one-key payload points to, as the indexed `subject` column holds it."""
    if len(payload) != 1:
        return None
    ((key, value),) = payload.items()
    return f"{key}:{value}"


class Links:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, token_hash: str, purpose: str, payload: dict[str, Any], expires_at: datetime, created_by: int | None
    ) -> OneTimeLink:
        link = OneTimeLink(
            token_hash=token_hash,
            purpose=purpose,
            payload=payload,
            subject=subject_of(payload),
            expires_at=expires_at,
            created_by=created_by,
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
        """Ends every unused link of this purpose that points to this object."""
        await self._session.execute(
            update(OneTimeLink)
            .where(
                OneTimeLink.subject == subject_of({key: value}),
                OneTimeLink.purpose == purpose,
                OneTimeLink.used_at.is_(None),
                OneTimeLink.expires_at > now,
            )
            .values(expires_at=now)
        )
