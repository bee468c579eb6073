"""Starts the bot: long polling on one machine, a webhook behind a load balancer on several."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import logging
import signal
from collections.abc import Callable
from datetime import datetime
from typing import Any

import aiogram.methods
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response
from aiogram.webhook.aiohttp_server import setup_application
from aiohttp import web
from redis.asyncio import Redis

from bot.commands import set_common
from bot.factory import build_dispatcher, fsm_storage
from bot.health import Health
from bot.middlewares import InFlight, ReleaseBeforeTelegram
from bot.webhook import UpdateEndpoint
from core import programme_rules
from core.policy import utc_now
from core.rules import load_rules
from core.settings import Settings
from locales.translations import Translations
from scheduler.service import background_jobs
from storage.catalog_store import seed_on_first_start
from storage.db import Database, head_revision, upgrade
from storage.holder import unit_of_work

log = logging.getLogger(__name__)
RESPONSE_MODELS: list[type[Response[Any]]] = []


def pin_response_models() -> None:
    """aiogram validates every answer as `Response[T]`, and pydantic caches such generic models only weakly:
    a full garbage collection dropped them and the next call rebuilt one, about 3 ms of CPU. Built once, kept."""
    if RESPONSE_MODELS:
        return
    methods = (getattr(aiogram.methods, name) for name in aiogram.methods.__all__)
    returning = {
        repr(m.__returning__): m.__returning__
        for m in methods
        if isinstance(m, type) and issubclass(m, TelegramMethod) and m is not TelegramMethod
    }
    RESPONSE_MODELS.extend(Response[r] for r in returning.values())  # type: ignore[valid-type]


def settle_heap() -> None:
    """Moves what start-up built (aiogram's and SQLAlchemy's thousands of classes) out of the collector's
    reach: a full collection over them paused the process for ~130 ms, now it takes well under 1 ms. Turns
    the collector on, which `tosbelgi run` keeps off while it starts (see `cli/main.py`)."""
    gc.collect()
    gc.freeze()
    gc.enable()


def make_bot(settings: Settings) -> Bot:
    pin_response_models()
    session = None
    if settings.telegram_api_base:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    bot = Bot(settings.bot_token.get_secret_value(), session=session, default=DefaultBotProperties(parse_mode="HTML"))
    bot.session.middleware(ReleaseBeforeTelegram())
    return bot


async def prepare(
    settings: Settings, clock: Callable[[], datetime] = utc_now, outbox_wake: asyncio.Event | None = None
) -> tuple[Dispatcher, Database]:
    """Schema to head (one replica at a time), the default catalogue on first start, the rules in force (the
    operator's newest or the shipped file), then the dispatcher."""
    await upgrade(settings.database_url)
    db = Database.open(settings.database_url, settings.database_pool_size)
    if await seed_on_first_start(db.sessions):
        log.info("default catalogue loaded")
    translations = Translations(settings.default_locale)
    async with unit_of_work(db.sessions) as uow:
        rules, since = await programme_rules.in_force(uow, load_rules(settings.rules_file))
    dp = build_dispatcher(
        settings=settings,
        sessions=db.sessions,
        translations=translations,
        rules=rules,
        clock=clock,
        storage=fsm_storage(settings),
        outbox_wake=outbox_wake,
    )
    dp["policy"].adopt(rules, since)
    return dp, db


async def run(settings: Settings) -> None:
    """The bot, the outbox sender and the scheduler's ticks in one process; several processes may share
    one PostgreSQL and Redis."""
    wake = asyncio.Event()
    dp, db = await prepare(settings, outbox_wake=wake)
    try:
        async with make_bot(settings) as bot:
            await set_common(bot, dp["translations"])
            settle_heap()
            health = Health(db, head_revision(settings.database_url), redis_of(dp))
            async with background_jobs(settings, db.sessions, bot, dp["publisher"], dp["policy"], utc_now, wake):
                if settings.webhook_url:
                    await serve_webhook(dp, bot, settings, health)
                else:
                    await poll(dp, bot, settings, health)
    finally:
        await db.close()


def stop_on_signals() -> asyncio.Event:
    """SIGTERM (an orchestrator stopping the container) and SIGINT set the event instead of killing the process
    mid-update."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


WEBHOOK_CLAIM_SECONDS = 300


async def set_webhook_once(bot: Bot, settings: Settings, allowed: list[str], redis: Redis | None) -> bool:
    """Instances starting together set the webhook once: the first to claim this exact configuration in Redis
    sets it (Telegram answers 429 to setWebhook called in a burst); a changed URL, secret, update types or
    connections is a new configuration, set again. Returns whether this instance set it."""
    config = [settings.webhook_url, settings.webhook_secret, sorted(allowed), settings.webhook_max_connections]
    fingerprint = hashlib.sha256(json.dumps(config).encode()).hexdigest()[:16]
    if redis is not None and not await redis.set(f"webhook:{fingerprint}", "set", nx=True, ex=WEBHOOK_CLAIM_SECONDS):
        log.info("webhook already set by another instance")
        return False
    await bot.set_webhook(
        settings.webhook_url or "",
        secret_token=settings.webhook_secret,
        allowed_updates=allowed,
        max_connections=settings.webhook_max_connections,
    )
    return True


def redis_of(dp: Dispatcher) -> Redis | None:
    storage = dp.fsm.storage
    return storage.redis if isinstance(storage, RedisStorage) else None


async def poll(dp: Dispatcher, bot: Bot, settings: Settings, health: Health) -> None:
    """Long polling with /healthz, /readyz and /metrics on `health_port`. aiogram stops polling on SIGTERM or
    SIGINT; the updates in flight then finish, for at most `shutdown_seconds`."""
    runner = None
    if settings.health_port is not None:
        app = web.Application()
        health.register(app)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, settings.webhook_host, settings.health_port).start()
    try:
        await bot.delete_webhook()
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(), close_bot_session=False)
        in_flight: InFlight = dp["in_flight"]
        if in_flight.count:
            log.info("stopping: finishing %d updates in flight", in_flight.count)
        if not await in_flight.drained(settings.shutdown_seconds):
            log.warning("stopping with %d updates unfinished", in_flight.count)
    finally:
        if runner is not None:
            await runner.cleanup()


async def serve_webhook(dp: Dispatcher, bot: Bot, settings: Settings, health: Health) -> None:
    """Serves until SIGTERM or SIGINT; then stops taking connections and lets the updates in flight finish,
    for at most `shutdown_seconds`."""
    stop = stop_on_signals()
    app = web.Application()
    UpdateEndpoint(dp, bot, settings.webhook_secret).register(app)
    health.register(app)
    setup_application(app, dp, bot=bot)
    # aiogram logs each update already, with its duration: no access log
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=settings.shutdown_seconds)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    await set_webhook_once(bot, settings, dp.resolve_used_update_types(), redis_of(dp))
    try:
        await stop.wait()
        log.info("stopping: finishing the updates in flight")
    finally:
        await runner.cleanup()
