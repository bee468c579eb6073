"""A PostgreSQL connection that died in the pool (a database restart, a proxy's idle timeout) costs an update
nothing when it had rested, and at most one failed statement when it was in use a moment before: the failure
invalidates the pool, so no stale connection is handed out again."""

from __future__ import annotations

import pytest
from sqlalchemy import exc, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.db import create_engine, ping_when_idle
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason="pooled connections to a server: PostgreSQL only")


async def backend_of(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int(await conn.scalar(text("SELECT pg_backend_pid()")))


async def kill(database_url: str, pid: int) -> None:
    """What a restart does to one connection, without restarting the server the other tests share."""
    admin = create_async_engine(database_url)
    async with admin.connect() as conn:
        assert await conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    await admin.dispose()


async def test_a_rested_connection_found_dead_is_replaced_before_use(database_url: str) -> None:
    engine = create_async_engine(database_url)
    ping_when_idle(engine, idle=0)
    first = await backend_of(engine)
    await kill(database_url, first)
    second = await backend_of(engine)
    assert second != first, "a fresh connection, and no error"
    await engine.dispose()


async def test_a_busy_connection_is_not_pinged_and_one_failure_renews_the_pool(database_url: str) -> None:
    engine = create_engine(database_url)
    async with engine.connect() as a, engine.connect() as b:
        pids = [await a.scalar(text("SELECT pg_backend_pid()")), await b.scalar(text("SELECT pg_backend_pid()"))]
    for pid in pids:
        await kill(database_url, int(pid))
    with pytest.raises(exc.DBAPIError) as failure:
        await backend_of(engine)
    assert failure.value.connection_invalidated
    assert await backend_of(engine) not in pids, "the other dead connection is not handed out"
    await engine.dispose()
