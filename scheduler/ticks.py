"""APScheduler triggers the ticks; each calls a use case that derives due work from the database, so a missed
or doubled tick neither skips nor repeats a message (the outbox keys see to that). The rules are in
`core/reminders.py`, `core/digests.py` and `core/escalations.py`; a tick only opens the unit of work and
remembers which once-a-day parts already ran in this process."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core import analytics, deliveries, digests, escalations, personal_data, programme_rules, reminders
from scheduler.context import JobContext

log = logging.getLogger(__name__)


async def reminders_tick(ctx: JobContext) -> int:
    now = ctx.clock()
    local = now.astimezone(ctx.policy.zone)
    daily = ctx.daily_due("reminders", local)
    async with ctx.unit_of_work() as uow:
        new = await reminders.queue_due(uow, now, ctx.policy, daily=daily)
    if daily:
        ctx.daily_done["reminders"] = local.date()
    return new


async def digests_tick(ctx: JobContext) -> int:
    local = ctx.clock().astimezone(ctx.policy.zone)
    if not ctx.daily_due("digests", local):
        return 0
    async with ctx.unit_of_work() as uow:
        new = await digests.queue_due(uow, local.date())
    ctx.daily_done["digests"] = local.date()
    return new


async def escalations_tick(ctx: JobContext) -> int:
    async with ctx.unit_of_work() as uow:
        return await escalations.queue_due(uow, ctx.clock(), ctx.policy)


async def retention_tick(ctx: JobContext) -> int:
    """Once a day, notifications older than the retention period lose their texts, and old ones are
    deleted; queues nothing."""
    now = ctx.clock()
    local = now.astimezone(ctx.policy.zone)
    if not ctx.daily_due("retention", local):
        return 0
    async with ctx.unit_of_work() as uow:
        purged = await personal_data.purge_notifications(uow, now, ctx.policy.retention, ctx.policy.outbox_keep)
    if purged:
        log.info("retention: emptied or deleted %d old notifications", purged)
    ctx.daily_done["retention"] = local.date()
    return 0


async def figures_tick(ctx: JobContext) -> int:
    """Figures for participants who have none (activated before figures were kept, or after the year's rules
    were replaced and the figures cleared), a batch per tick, then the operator's national snapshot made again;
    queues nothing."""
    async with ctx.unit_of_work() as uow:
        filled = await analytics.fill_missing(uow, ctx.policy, ctx.clock())
        await analytics.refresh_snapshot(uow, ctx.clock())
    if filled:
        log.info("figures: made for %d participants", filled)
    return 0


async def rules_tick(ctx: JobContext) -> int:
    """Rules the operator put in force from another process, adopted before the other ticks read them."""
    async with ctx.unit_of_work() as uow:
        if await programme_rules.follow(uow, ctx.policy):
            log.info("programme rules of %d adopted", ctx.policy.rules.year)
    return 0


async def updates_tick(ctx: JobContext) -> int:
    """Forgets the records of updates handled long ago, a few minutes' worth each tick; queues nothing."""
    async with ctx.unit_of_work() as uow:
        await deliveries.forget_old(uow, ctx.clock())
    return 0


TICKS: tuple[Callable[[JobContext], Awaitable[int]], ...] = (
    rules_tick,
    reminders_tick,
    digests_tick,
    escalations_tick,
    retention_tick,
    figures_tick,
    updates_tick,
)


async def run_ticks(ctx: JobContext) -> int:
    """Every tick once; one failing does not stop the others. Returns how many messages were queued."""
    queued = 0
    for tick in TICKS:
        try:
            queued += await tick(ctx)
        except Exception:
            log.exception("tick %s failed; the next run will pick its work up", tick.__name__)
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
