"""The operator's hand on the notifications queue (R6.6): failed messages go out again once the cause is fixed."""

from __future__ import annotations

from datetime import datetime

from core.ports import UnitOfWork


async def retry_failed(uow: UnitOfWork, now: datetime) -> int:
    """Queues every permanently failed message again; returns how many."""
    count = await uow.outbox.retry_failed(now)
    await uow.commit()
    return count
