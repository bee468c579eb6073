"""Engine, sessions and schema upgrades."""

from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, exc, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

MIGRATIONS = Path(__file__).with_name("migrations")
PARAMETER_LOGGERS = {"aiosqlite": logging.INFO, "sqlalchemy.engine": logging.INFO}
"""Below these levels, aiosqlite logs every statement with its parameters and SQLAlchemy every row it reads:
names, phones, birth dates of minors. Held at these levels whatever level the process logs at."""


def keep_personal_data_out_of_logs() -> None:
    for name, floor in PARAMETER_LOGGERS.items():
        logger = logging.getLogger(name)
        logger.setLevel(max(floor, logger.getEffectiveLevel()))


def private_file(url: str) -> None:
    """Creates a SQLite database file readable and writable by its owner only; SQLite gives its journal
    and WAL files the same mode."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def create_engine(url: str, *, foreign_keys: bool = True, pool_size: int | None = None) -> AsyncEngine:
    """An engine; SQLite gets foreign keys on and a busy timeout, as production semantics need. Statement
    parameters are hidden from logs and error messages, which would otherwise quote personal data.

    Migrations turn foreign keys off: SQLite alters a table by copying it, which a live key would refuse.
    `pool_size` (PostgreSQL) is the connections kept open; as many again may be opened at a peak.
    """
    keep_personal_data_out_of_logs()
    if url.startswith("sqlite"):
        private_file(url)
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_conn.cursor()
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    sized = {"pool_size": pool_size, "max_overflow": pool_size} if pool_size else {}
    engine = create_async_engine(url, hide_parameters=True, **sized)
    ping_when_idle(engine)
    return engine


IDLE_BEFORE_PING = 10.0
"""Seconds a pooled connection may rest before it is tested on checkout."""


def ping_when_idle(engine: AsyncEngine, idle: float = IDLE_BEFORE_PING) -> None:
    """A pre-ping only for a connection that rested in the pool: asyncpg's ping is three round trips (BEGIN,
    a query, ROLLBACK), which `pool_pre_ping` would add to every update. A connection in use under load was
    just shown alive; a database restarted meanwhile fails one statement, and that failure invalidates the
    whole pool, so the next checkout connects afresh."""
    pool = engine.sync_engine.pool
    dialect = engine.sync_engine.dialect

    @event.listens_for(pool, "checkin")
    def _rested_from(_dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        if record is not None:
            record.info["checked_in"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _ping_if_rested(dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        since = record.info.get("checked_in")
        if since is None or time.monotonic() - since < idle:
            return
        try:
            dialect.do_ping(dbapi_conn)
        except Exception as error:
            raise exc.InvalidatePoolError("the connection did not answer a ping") from error


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@dataclass(frozen=True)
class Database:
    """One database: its engine, and the sessions the units of work run on."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]

    @classmethod
    def open(cls, url: str, pool_size: int | None = None) -> Database:
        engine = create_engine(url, pool_size=pool_size)
        return cls(engine, session_factory(engine))

    async def close(self) -> None:
        await self.engine.dispose()

    async def revision(self) -> str | None:
        """The migration the schema is at (None: not migrated); a round trip, so it also says the database
        answers."""
        async with self.engine.connect() as conn:
            return await conn.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())


def head_revision(url: str) -> str | None:
    """The newest migration this code ships."""
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


async def upgrade(url: str, revision: str = "head") -> None:
    """Alembic's env runs its own event loop, so it gets a thread of its own."""
    await asyncio.to_thread(command.upgrade, alembic_config(url), revision)


async def schema_is_current(url: str) -> bool:
    """Whether the database is at the newest migration: commands that only read or add a row check this
    instead of upgrading, which is `tosbelgi migrate`'s (and start-up's) job."""
    db = Database.open(url)
    try:
        return await db.revision() == head_revision(url)
    finally:
        await db.close()


async def downgrade(url: str, revision: str) -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(url), revision)


async def _on_server(url: str, statement: str) -> None:
    """Runs a statement outside any transaction on the `postgres` database of `url`'s server."""
    admin = create_engine(make_url(url).set(database="postgres").render_as_string(hide_password=False))
    try:
        async with admin.connect() as conn:
            await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(text(statement))
    finally:
        await admin.dispose()


async def create_scratch_database(server_url: str, prefix: str) -> str:
    """A new, empty PostgreSQL database on `server_url`'s server, and its URL: tests and benchmarks each
    run in one of their own, so runs never see each other's rows."""
    url = make_url(server_url).set(database=f"{prefix}_{uuid.uuid4().hex[:10]}")
    await _on_server(server_url, f'CREATE DATABASE "{url.database}"')
    return url.render_as_string(hide_password=False)


async def drop_scratch_database(url: str) -> None:
    await _on_server(url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
