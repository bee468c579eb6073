"""Which failures mean a store is out of reach for a moment (retry later) rather than a bug (retrying fails again)."""

from __future__ import annotations

import asyncpg
from redis import exceptions as redis_errors
from sqlalchemy import exc as db_errors

OUT_OF_REACH: tuple[type[BaseException], ...] = (
    db_errors.OperationalError,
    db_errors.InterfaceError,
    db_errors.DisconnectionError,
    db_errors.TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.exceptions.OperatorInterventionError,
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
    OSError,
    TimeoutError,
)
"""The database or Redis refused, dropped or timed out a connection, or is starting or shutting down (SQLite:
locked or unreadable); SQLAlchemy and redis wrap the drivers' errors, so the whole chain is looked at."""


def out_of_reach(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OUT_OF_REACH):
            return True
        if isinstance(current, db_errors.DBAPIError) and current.connection_invalidated:
            return True
        current = current.__cause__ or current.__context__
    return False
