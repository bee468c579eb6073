"""Long lists of ids or keys in a statement: drivers cap one statement at 32,767 parameters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

T = TypeVar("T")

PER_STATEMENT = 10_000


def batches(values: Sequence[T], size: int = PER_STATEMENT) -> list[Sequence[T]]:
    return [values[n : n + size] for n in range(0, len(values), size)]


async def rows_by_id(session: AsyncSession, key: InstrumentedAttribute[Any], ids: Iterable[int]) -> list[Any]:
    """The rows of `key`'s model whose `key` is one of `ids`, a statement per batch; while the caller holds
    them, `session.get` finds them without a query (the session keeps a row only while it is referred to)."""
    model = key.class_
    return [
        row for chunk in batches(sorted(set(ids))) for row in await session.scalars(select(model).where(key.in_(chunk)))
    ]
