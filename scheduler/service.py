"""Starts and stops what runs beside the bot: the outbox sender and the scheduler's periodic ticks.

Every process runs both; with several processes the outbox claims and unique keys keep the work single.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from aiogram import Bot
from redis.asyncio import Redis

from core.policy import Policy
from core.settings import Settings
from scheduler.context import JobContext
from scheduler.limiter import Limiter, MemoryLimiter, RedisLimiter
from scheduler.sender import Sender
from scheduler.ticks import start_scheduler
from storage.holder import Publisher, Sessions


def limiter_for(settings: Settings, redis: Redis | None) -> Limiter:
    """Shared through Redis when there is one, so every process spends one budget."""
    if redis is not None:
        return RedisLimiter(redis, settings.send_rate, settings.send_chat_interval)
    return MemoryLimiter(settings.send_rate, settings.send_chat_interval)


@contextlib.asynccontextmanager
async def background_jobs(
    settings: Settings,
    sessions: Sessions,
    bot: Bot,
    publisher: Publisher,
    policy: Policy,
    clock: Callable[[], datetime],
    wake: asyncio.Event,
) -> AsyncIterator[None]:
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    sender = Sender(sessions, bot, limiter_for(settings, redis), clock)
    stop = asyncio.Event()
    task = asyncio.create_task(sender.run(stop, wake, settings.outbox_poll_seconds))
    scheduler = start_scheduler(JobContext(sessions, publisher, policy, settings, clock), wake.set)
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        stop.set()
        wake.set()
        await task
        if redis is not None:
            await redis.aclose()
