"""Every migration walks up and down ("stairway") on the database under test."""

import asyncio
import os
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from storage.db import (
    alembic_config,
    create_engine,
    create_scratch_database,
    downgrade,
    drop_scratch_database,
    schema_is_current,
    upgrade,
)
from storage.models import Base
from tests.conftest import PG_URL


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


async def test_stairway(database_url: str, engine) -> None:  # type: ignore[no-untyped-def]
    """The session fixture already upgraded to head; walk each revision down and up again."""
    revisions = list(ScriptDirectory.from_config(alembic_config(database_url)).walk_revisions())
    assert revisions, "no migrations found"
    for revision in revisions:
        await downgrade(database_url, revision.down_revision or "base")
        await upgrade(database_url, revision.revision)
        await downgrade(database_url, revision.down_revision or "base")
    assert await _tables(database_url) == set()
    await upgrade(database_url, "head")
    assert await _tables(database_url) == set(Base.metadata.tables)


async def test_migrations_build_what_the_models_declare(database_url: str, engine) -> None:  # type: ignore[no-untyped-def]
    """A model changed without a migration (or the reverse) shows up here, on the database under test."""
    await upgrade(database_url, "head")
    async with engine.connect() as conn:
        diff = await conn.run_sync(lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata))
    assert diff == []


@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL: the lock is PostgreSQL's")
async def test_replicas_starting_together_upgrade_one_after_the_other() -> None:
    """Two processes upgrading a fresh database at once: the advisory lock makes the second wait and then
    find the schema at head, instead of both creating the same tables."""
    assert PG_URL is not None
    url = await create_scratch_database(PG_URL, "tosbelgi_lock")
    try:
        env = {**os.environ, "DATABASE_URL": url}
        replicas = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-m", "cli.main", "migrate", env=env, stderr=asyncio.subprocess.PIPE
            )
            for _ in range(3)
        ]
        for replica in replicas:
            _, stderr = await replica.communicate()
            assert replica.returncode == 0, stderr.decode()[-500:]
        assert await schema_is_current(url)
        assert await _tables(url) == set(Base.metadata.tables)
    finally:
        await drop_scratch_database(url)


async def test_schema_check_sees_an_old_schema(database_url: str, engine) -> None:  # type: ignore[no-untyped-def]
    assert await schema_is_current(database_url)
    await downgrade(database_url, "0004")
    try:
        assert not await schema_is_current(database_url)
    finally:
        await upgrade(database_url, "head")


async def test_links_made_before_0008_get_their_subject(database_url: str, engine) -> None:  # type: ignore[no-untyped-def]
    """A guardian link created before the column existed is found, and ended, by a newer link."""
    await downgrade(database_url, "0007")
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO one_time_links (token_hash, purpose, payload, created_at, expires_at) VALUES "
                    "('a', 'guardian', '{\"application_id\": 12}', '2026-12-01', '2026-12-08'),"
                    "('b', 'invite', '{\"role\": \"mentor\", \"centre_id\": 1}', '2026-12-01', '2026-12-08')"
                )
            )
        await upgrade(database_url, "head")
        async with engine.connect() as conn:
            query = text("SELECT token_hash, subject FROM one_time_links ORDER BY token_hash")
            rows = (await conn.execute(query)).all()
        assert [tuple(r) for r in rows] == [("a", "application_id:12"), ("b", None)]
    finally:
        await upgrade(database_url, "head")
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM one_time_links"))


async def test_centres_approved_in_the_bot_before_0020_are_not_the_files(database_url: str, engine) -> None:  # type: ignore[no-untyped-def]
    """A later `catalog import --replace` must keep a centre an approved application made, as it did before."""
    await downgrade(database_url, "0019")
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text("INSERT INTO regions (code, name_kk, name_ru, name_en, active) VALUES ('r', 'R', 'R', 'R', true)")
            )
            for centre_id, code in ((901, "from-bot"), (902, "from-file")):
                await conn.execute(
                    text(
                        "INSERT INTO centres (id, code, name_kk, name_ru, name_en, region_code, institutions, active) "
                        "VALUES (:id, :code, 'C', 'C', 'C', 'r', '[]', true)"
                    ),
                    {"id": centre_id, "code": code},
                )
            await conn.execute(
                text(
                    "INSERT INTO centre_applications "
                    "(status, organisation, region_code, bin, address, centre_id, created_at) VALUES "
                    "('approved', 'Org', 'r', '123456789012', 'A', 901, '2026-12-01')"
                )
            )
        await upgrade(database_url, "head")
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT code, in_file FROM centres ORDER BY code"))).all()
            marked = (await conn.execute(text("SELECT count(*) FROM regions WHERE code = 'r' AND in_file"))).scalar()
        assert [tuple(r) for r in rows] == [("from-bot", False), ("from-file", True)]
        assert marked == 1, "every other item came from a file"
    finally:
        await upgrade(database_url, "head")
        async with engine.begin() as conn:
            await conn.execute(text("DELETE FROM centre_applications"))
            await conn.execute(text("DELETE FROM centres WHERE id IN (901, 902)"))
            await conn.execute(text("DELETE FROM regions WHERE code = 'r'"))
