"""What the repositories need to know about the database behind a session: PostgreSQL in production, SQLite by
default; both have INSERT ... ON CONFLICT, each in its own dialect's construct."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def is_postgresql(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def conflict_insert(session: AsyncSession, target: Any) -> Any:
    """An INSERT into `target` (a model or a table) that takes `on_conflict_do_nothing` / `_do_update`."""
    return (postgresql.insert if is_postgresql(session) else sqlite.insert)(target)
