"""The anonymous mentor rating (R6.1, R8.1): periods, score checks and aggregates; no I/O here."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.errors import DomainError

QUESTIONS = ("q1", "q2", "q3")
SCORES = range(1, 6)
MIN_ANSWERS = 3


def period_of(day: date) -> str:
    """The calendar month a day belongs to, e.g. "2026-12"; one answer per participant per period."""
    return f"{day.year:04d}-{day.month:02d}"


def end_of_level_period(completed: date) -> str:
    """The survey at the end of a level, e.g. "2026-12-end": kept apart from the monthly answers and shared
    by everyone who completed a level that month, so it points to no one."""
    return f"{period_of(completed)}-end"


def check_score(value: Any) -> int:
    """A score of 1 to 5 stars, whatever a forged button claims."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCORES:
        raise DomainError("rating-bad-score")
    return value


def check_scores(scores: dict[str, Any]) -> dict[str, int]:
    """A complete answer: every question once, each 1 to 5, nothing else."""
    if set(scores) != set(QUESTIONS):
        raise DomainError("rating-bad-score")
    return {q: check_score(scores[q]) for q in QUESTIONS}


def aggregate(scores: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Per question the average (one decimal) and the number of answers; None under three answers."""
    if len(scores) < MIN_ANSWERS:
        return None
    valid = [check_scores(s) for s in scores]
    result: dict[str, Any] = {"count": len(valid)}
    for q in QUESTIONS:
        result[q] = round(sum(s[q] for s in valid) / len(valid), 1)
    return result
