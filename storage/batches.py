"""Long lists of ids or keys in a statement: drivers cap one statement at 32,767 parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

PER_STATEMENT = 10_000


def batches(values: Sequence[T], size: int = PER_STATEMENT) -> list[Sequence[T]]:
    return [values[n : n + size] for n in range(0, len(values), size)]
