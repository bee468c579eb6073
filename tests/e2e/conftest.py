"""The real bot, over HTTP, against the project's Bot API emulator and the database under test.

Updates are delivered by webhook and handled before the webhook answers, so every user action in
a test returns only after the bot has finished with it.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.factory import build_dispatcher
from bot.runner import make_bot
from bot.webhook import UpdateEndpoint
from core.catalog import Catalog, Centre, LocalizedText
from core.invitations import invite
from core.policy import Policy
from core.programme import Role
from core.rules import load_rules
from core.settings import Settings
from emulator.server import BotAPIEmulator
from locales.translations import Translations, Translator
from scheduler.limiter import Limiter, MemoryLimiter, RedisLimiter
from scheduler.sender import Sender
from storage.catalog_files import default_catalog
from storage.catalog_store import apply_catalog
from storage.holder import unit_of_work
from storage.models import Application, AuditRecord, Staff
from tests.conftest import REDIS_URL

TOKEN = "123456789:AAHtest-token-for-the-emulator_0000000"
SECRET = "e2e-secret"
TRANSLATIONS = Translations("kk")


def plain(text: str) -> str:
    """What a user sees of an HTML message: tags gone, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def tr(locale: str) -> Translator:
    return TRANSLATIONS.translator(locale)


def name(text: str) -> LocalizedText:
    return LocalizedText(kk=text, ru=text, en=text)


TEST_CENTRES = (
    Centre("astana-youth", name("Astana Youth Centre"), "astana", None, ("Nazarbayev Intellectual School",)),
    Centre("almaty-centre", name("Almaty Programme Centre"), "almaty-city", None, ()),
)


@dataclass
class Clock:
    """The bot's notion of now; tests move it to cross deadlines and expiry."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 30, 6, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class World:
    emu: BotAPIEmulator
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    settings: Settings
    storage: BaseStorage
    dp: Dispatcher
    bot: Bot
    limiter: Limiter

    async def drain(self) -> None:
        """What the outbox sender would send now; run after every user action, as a live sender would."""
        await Sender(self.sessions, self.bot, self.limiter, self.clock).drain()

    async def application(self, user_id: int) -> Application | None:
        async with self.sessions() as session:
            return await session.scalar(
                select(Application).where(Application.user_id == user_id).order_by(Application.id.desc())
            )

    async def audit(self, app_id: int) -> list[tuple[str | None, str]]:
        async with self.sessions() as session:
            rows = await session.scalars(
                select(AuditRecord).where(AuditRecord.entity_id == app_id).order_by(AuditRecord.id)
            )
            return [(r.from_status, r.to_status) for r in rows]

    async def staff(self, user_id: int) -> Staff | None:
        async with self.sessions() as session:
            return await session.get(Staff, user_id)

    async def invitation(
        self, role: Role, centre_code: str | None = None, region: str | None = None, expert_id: int | None = None
    ) -> str:
        """A deep-link payload, as `tosbelgi invite create` makes it."""
        async with unit_of_work(self.sessions) as uow:
            centre = await uow.catalogue.centre_by_code(centre_code) if centre_code else None
            return await invite(
                uow,
                None,
                role,
                self.clock(),
                Policy(load_rules(), self.settings.zone, invite_ttl=timedelta(hours=72)),
                centre_id=centre.id if centre else None,
                region_code=region,
                expert_id=expert_id,
            )


async def make_storage() -> BaseStorage:
    if REDIS_URL:
        prefix = f"test-{uuid.uuid4().hex[:8]}"
        return RedisStorage(Redis.from_url(REDIS_URL), key_builder=DefaultKeyBuilder(prefix=prefix))
    return MemoryStorage()


def make_limiter(storage: BaseStorage, rate: float = 1000) -> Limiter:
    """The send budget production would use beside this storage: in Redis when the FSM is there."""
    if isinstance(storage, RedisStorage):
        return RedisLimiter(storage.redis, rate, chat_interval=0, prefix=f"test-send-{uuid.uuid4().hex[:8]}")
    return MemoryLimiter(rate, chat_interval=0)


async def start_bot(
    emu: BotAPIEmulator,
    base: str,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    database_url: str,
    storage: BaseStorage,
) -> tuple[Dispatcher, Bot, web.AppRunner]:
    settings = Settings(bot_token=TOKEN, telegram_api_base=base, database_url=database_url, default_locale="kk")
    bot = make_bot(settings)
    dp = build_dispatcher(
        settings=settings,
        sessions=sessions,
        translations=TRANSLATIONS,
        rules=load_rules(),
        clock=clock,
        storage=storage,
    )
    app = web.Application()
    UpdateEndpoint(dp, bot, SECRET).register(app)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    await bot.set_webhook(f"http://127.0.0.1:{port}/webhook", secret_token=SECRET)
    return dp, bot, runner


async def open_world(sessions: async_sessionmaker[AsyncSession], database_url: str, storage: BaseStorage) -> World:
    """The catalogue, the emulator and the bot on a webhook, on this database and conversation state."""
    async with sessions() as session, session.begin():
        await apply_catalog(session, default_catalog())
        await apply_catalog(session, Catalog(regions=(), books=(), partners=(), centres=TEST_CENTRES))
    emu = BotAPIEmulator(TOKEN)
    base = await emu.start()
    clock = Clock()
    dp, bot, runner = await start_bot(emu, base, sessions, clock, database_url, storage)
    world = World(emu, sessions, clock, Settings(bot_token=TOKEN), storage, dp, bot, make_limiter(storage))
    world.runner = runner  # type: ignore[attr-defined]
    emu.sync.after_update.append(world.drain)
    return world


async def close_world(world: World) -> None:
    await world.runner.cleanup()  # type: ignore[attr-defined]
    await world.bot.session.close()
    await world.storage.close()
    await world.emu.stop()


@pytest.fixture
async def world(sessions: async_sessionmaker[AsyncSession], database_url: str) -> AsyncIterator[World]:
    world = await open_world(sessions, database_url, await make_storage())
    yield world
    await close_world(world)


async def restart(world: World, database_url: str) -> None:
    """A new process: a fresh dispatcher, bot and (for memory) an empty FSM storage."""
    await world.runner.cleanup()  # type: ignore[attr-defined]
    await world.bot.session.close()
    if isinstance(world.storage, MemoryStorage):
        world.storage = MemoryStorage()
    base = world.emu.base_url
    world.dp, world.bot, world.runner = await start_bot(  # type: ignore[attr-defined]
        world.emu, base, world.sessions, world.clock, database_url, world.storage
    )
