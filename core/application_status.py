"""The application's state machine (DESIGN "State machines are explicit")."""

from core.errors import IllegalTransition
from core.programme import ApplicationStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.CONSENT_PENDING, S.UNDER_REVIEW, S.WITHDRAWN}),
    S.CONSENT_PENDING: frozenset({S.UNDER_REVIEW, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.ACTIVE, S.REJECTED, S.WITHDRAWN}),
    S.ACTIVE: frozenset({S.COMPLETED, S.WITHDRAWN}),
    S.COMPLETED: frozenset({S.AWARDED}),
    S.AWARDED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

OPEN = frozenset({S.DRAFT, S.SUBMITTED, S.CONSENT_PENDING, S.UNDER_REVIEW, S.ACTIVE})
"""Statuses in which a participant has a live application and may not start another."""


def check_transition(current: S, target: S) -> None:
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current.value, target.value)
