"""How long the record of a handled Telegram update is kept: while Telegram may still deliver it again."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.ports import UnitOfWork

UPDATES_KEPT = timedelta(days=2)
"""Telegram gives up on an update it could not deliver after 24 hours; a record older than that guards nothing."""


async def forget_old(uow: UnitOfWork, now: datetime) -> int:
    """Deletes the records older than `UPDATES_KEPT`; returns how many."""
    forgotten = await uow.updates.forget(now - UPDATES_KEPT)
    await uow.commit()
    return forgotten
