"""The diary entry's state machine: a mentor decides, a participant may appeal, an expert arbitrates."""

from core.errors import IllegalTransition
from core.programme import EntryStatus as E

TRANSITIONS: dict[E, frozenset[E]] = {
    E.DRAFT: frozenset({E.PENDING}),
    E.PENDING: frozenset({E.APPROVED, E.REJECTED, E.MORE_WORK}),
    E.MORE_WORK: frozenset({E.PENDING}),
    E.REJECTED: frozenset({E.APPEALED}),
    E.APPEALED: frozenset({E.UPHELD, E.OVERTURNED}),
    E.APPROVED: frozenset(),
    E.UPHELD: frozenset(),
    E.OVERTURNED: frozenset(),
}

COUNTED = frozenset({E.APPROVED, E.OVERTURNED})
"""Entries that count towards completion: approved by the mentor or by the expert on appeal."""


def check_entry_transition(current: E, target: E) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current.value, target.value)
