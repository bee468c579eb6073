"""A bot on private PostgreSQL and Redis servers that the tests stop and start. They run in the PostgreSQL and
Redis pass of `.ci/run` (TEST_DATABASE_URL set); the SQLite pass has no server to stop."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio import Redis

from storage.db import create_engine, create_scratch_database, session_factory, upgrade
from tests.conftest import PG_URL
from tests.e2e.conftest import World, close_world, open_world
from tests.faults.servers import PrivatePostgres, PrivateRedis

pytestmark = pytest.mark.skipif(not PG_URL, reason="the fault tests run in the PostgreSQL and Redis pass")


@dataclass
class Servers:
    postgres: PrivatePostgres
    redis: PrivateRedis


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    """In a folder of /tmp the postgres user can reach (pytest's own are the root user's only)."""
    if not PG_URL:
        pytest.skip("the fault tests run in the PostgreSQL and Redis pass")
    folder = Path(tempfile.mkdtemp(prefix="tosbelgi-faults-"))
    folder.chmod(0o755)
    started = Servers(PrivatePostgres(folder / "postgres"), PrivateRedis(folder / "redis"))
    try:
        started.postgres.start()
        started.redis.start()
        yield started
    finally:
        started.redis.stop()
        if started.postgres.running():
            started.postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Faulty:
    world: World
    servers: Servers
    database_url: str


@pytest.fixture
async def faulty(servers: Servers) -> AsyncIterator[Faulty]:
    """Both servers running when the test starts, whatever the last test left."""
    for server in (servers.postgres, servers.redis):
        if not server.running():
            server.start()
    url = await create_scratch_database(servers.postgres.url, "tosbelgi_faults")
    await upgrade(url, "head")
    engine = create_engine(url)
    redis = Redis.from_url(servers.redis.url)
    await redis.flushdb()  # a private server: the default keys, as another process (`tosbelgi run`) uses them
    storage = RedisStorage(redis)
    world = await open_world(session_factory(engine), url, storage)
    world.emu.delivery.retry_failed = True

    async def drain_while_up() -> None:
        """The outbox is sent after each action while PostgreSQL runs, as the sender would once it is back."""
        if servers.postgres.running():
            await world.drain()

    world.emu.sync.after_update[:] = [drain_while_up]
    yield Faulty(world, servers, url)
    for server in (servers.postgres, servers.redis):
        if not server.running():
            server.start()
    await close_world(world)
    await engine.dispose()
