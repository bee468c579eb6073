"""Every migration walks up and down ("stairway") on the database under test."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from storage.db import alembic_config, create_engine, downgrade, upgrade
from storage.models import Base


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
