"""The anonymous mentor rating (R6.1, R8.1): periods, score checks, aggregates and the survey's use cases.

What a participant answered and that they answered are two rows with nothing in common but the period
(`Ratings.add`); the answers being given live only in the conversation state until the last one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.errors import DomainError
from core.policy import Policy
from core.ports import ApplicationRecord, UnitOfWork
from core.programme import ApplicationStatus

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


@dataclass(frozen=True)
class Survey:
    app_id: int
    period: str


async def respondent(uow: UnitOfWork, user_id: int, app_id: int) -> ApplicationRecord:
    """The participant's own application with a mentor to rate; an old or forged survey is stale."""
    app = await uow.applications.get(app_id)
    if app is None or app.user_id != user_id:
        raise DomainError("rating-stale")
    if app.mentor_id is None:
        raise DomainError("rating-no-mentor")
    return app


async def monthly(uow: UnitOfWork, user_id: int, now: datetime, policy: Policy, app_id: int | None = None) -> Survey:
    """This month's survey of the participant's active application (R6.1)."""
    app = await uow.applications.open_of(user_id)
    if app is None or app.status != ApplicationStatus.ACTIVE.value:
        raise DomainError("diary-not-active")
    if app.mentor_id is None:
        raise DomainError("rating-no-mentor")
    if app_id is not None and app.id != app_id:
        raise DomainError("rating-stale")
    return await _unanswered(uow, Survey(app.id, period_of(policy.today(now))))


async def end_of_level(uow: UnitOfWork, user_id: int, app_id: int, policy: Policy) -> Survey:
    """The survey at the end of a completed level, in a period of its own for the month of completion,
    so it is aggregated apart from the monthly answers."""
    app = await respondent(uow, user_id, app_id)
    if app.status != ApplicationStatus.COMPLETED.value or app.completed_at is None:
        raise DomainError("rating-stale")
    return await _unanswered(uow, Survey(app.id, end_of_level_period(policy.today(app.completed_at))))


async def _unanswered(uow: UnitOfWork, survey: Survey) -> Survey:
    if await uow.ratings.answered(survey.app_id, survey.period):
        raise DomainError("rating-already")
    return survey


async def answer(uow: UnitOfWork, user_id: int, survey: Survey, scores: dict[str, Any]) -> None:
    """The ballot and the answer in one transaction, linked by nothing but the period."""
    app = await respondent(uow, user_id, survey.app_id)
    assert app.mentor_id is not None
    valid = check_scores(scores)
    await _unanswered(uow, survey)
    await uow.ratings.add(app.id, app.mentor_id, survey.period, valid)
    await uow.commit()


@dataclass(frozen=True)
class Summary:
    overall: dict[str, Any] | None
    periods: list[tuple[str, dict[str, Any] | None]]
    """Newest first; None for a period with fewer than three answers."""


async def summary_for(uow: UnitOfWork, mentor_id: int) -> Summary:
    """Per period only with at least three answers; the overall figure only over those periods,
    so that no hidden period can be worked out by subtraction."""
    by_period: dict[str, list[dict[str, Any]]] = {}
    for period, scores in await uow.ratings.answers_about(mentor_id):
        by_period.setdefault(period, []).append(scores)
    shown: list[dict[str, Any]] = []
    periods: list[tuple[str, dict[str, Any] | None]] = []
    for period, answers in sorted(by_period.items(), reverse=True):
        result = aggregate(answers)
        if result is not None:
            shown.extend(answers)
        periods.append((period, result))
    return Summary(aggregate(shown), periods)
