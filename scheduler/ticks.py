"""APScheduler triggers the ticks; each derives due work from the database, so a missed or doubled tick
neither skips nor repeats a message (the outbox keys see to that)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from scheduler import digests, escalations, reminders
from scheduler.context import JobContext

log = logging.getLogger(__name__)
TICKS: tuple[Callable[[JobContext], Awaitable[int]], ...] = (reminders.tick, digests.tick, escalations.tick)


async def run_ticks(ctx: JobContext) -> int:
    """Every tick once; one failing does not stop the others. Returns how many messages were queued."""
    queued = 0
    for tick in TICKS:
        try:
            queued += await tick(ctx)
        except Exception:
            log.exception("tick %s failed; the next run will pick its work up", tick.__module__)
    return queued


def start_scheduler(ctx: JobContext, on_queued: Callable[[], None]) -> AsyncIOScheduler:
    """One job, every TICK_SECONDS, never overlapping itself; late runs are merged into one."""

    async def job() -> None:
        if await run_ticks(ctx):
            on_queued()

    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        job,
        "interval",
        seconds=ctx.settings.tick_seconds,
        id="ticks",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=ctx.settings.tick_seconds,
        next_run_time=datetime.now(UTC),
    )
    scheduler.start()
    return scheduler
