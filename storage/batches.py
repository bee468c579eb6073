"""Long lists of ids or keys in a statement: drivers cap one statement at 32,767 parameters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.orm.util import identity_key

T = TypeVar("T")

PER_STATEMENT = 10_000


def batches(values: Sequence[T], size: int = PER_STATEMENT) -> list[Sequence[T]]:
    return [values[n : n + size] for n in range(0, len(values), size)]


async def rows_by_id(session: AsyncSession, key: InstrumentedAttribute[Any], ids: Iterable[int]) -> list[Any]:
    """The rows of the model whose primary key `key` is one of `ids`, a statement per batch for those the session
    does not hold already, loaded and current (a query would hand back the same objects, unchanged); while the
    caller holds them, `session.get` finds them without a query (the session keeps a row only while it is
    referred to)."""
    model = cast(type[Any], key.class_)
    held, missing = [], []
    for value in sorted(set(ids)):
        row = session.sync_session.identity_map.get(identity_key(model, value))
        state = inspect(row) if row is not None else None
        if state is None or state.expired_attributes or state.deleted or row in session.deleted:
            missing.append(value)
        else:
            held.append(row)
    return held + [
        row for chunk in batches(missing) for row in await session.scalars(select(model).where(key.in_(chunk)))
    ]
