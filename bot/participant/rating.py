"""The anonymous mentor rating (R6.1, R8.1): participants answer a short survey, mentors see only aggregates.

What a participant answered and that they answered are two rows in two tables with nothing in common but
the period: `RatingBallot` (application, period) and `RatingAnswer` (random key, mentor, period, scores).
The answers being given live only in the FSM state until the last one, then both rows are written in one
transaction and the state is cleared.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.callbacks import RatingStartCb
from bot.filters import MenuButton, RoleFilter
from bot.participant.diary import active_application
from core.errors import DomainError
from core.programme import ApplicationStatus, Role
from core.rating import (
    MIN_ANSWERS,
    QUESTIONS,
    SCORES,
    aggregate,
    check_score,
    check_scores,
    end_of_level_period,
    period_of,
)
from locales.translations import Translator
from storage.models import Application, RatingAnswer, RatingBallot, User
from storage.repository import Repository


class RatingCb(CallbackData, prefix="rt"):
    """A star button: question number (1..3) and score (1..5), re-checked against the FSM state."""

    q: int
    value: int


class RatingFlow(StatesGroup):
    answering = State()


def current_period(clock: Callable[[], datetime], zone: ZoneInfo) -> str:
    return period_of(clock().astimezone(zone).date())


async def monthly_target(
    repo: Repository, user: User, clock: Callable[[], datetime], zone: ZoneInfo
) -> tuple[Application, str]:
    """The monthly survey: the participant's active application and this month."""
    app = await active_application(repo, user)
    if app.mentor_id is None:
        raise DomainError("rating-no-mentor")
    return app, current_period(clock, zone)


async def end_of_level_target(repo: Repository, user: User, app_id: int, zone: ZoneInfo) -> tuple[Application, str]:
    """The end-of-level survey: the participant's completed application, in a period of its own for the
    month of completion, so it is aggregated apart from the monthly answers."""
    app = await repo.application(app_id)
    if app is None or app.user_id != user.id or app.mentor_id is None:
        raise DomainError("rating-stale")
    if app.status != ApplicationStatus.COMPLETED.value or app.completed_at is None:
        raise DomainError("rating-stale")
    return app, end_of_level_period(app.completed_at.astimezone(zone).date())


async def already_rated(repo: Repository, app_id: int, period: str) -> bool:
    ballot = await repo.session.scalar(
        select(RatingBallot.id).where(RatingBallot.application_id == app_id, RatingBallot.period == period)
    )
    return ballot is not None


def question(t: Translator, number: int) -> tuple[str, InlineKeyboardMarkup]:
    text = t("rating-question", number=number, total=len(QUESTIONS), question=t(f"rating-{QUESTIONS[number - 1]}"))
    stars = [
        InlineKeyboardButton(text="⭐" * score, callback_data=RatingCb(q=number, value=score).pack())
        for score in SCORES
    ]
    return text, InlineKeyboardMarkup(inline_keyboard=[[b] for b in stars])


async def start_survey(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
    zone: ZoneInfo,
) -> None:
    app, period = await monthly_target(repo, user, clock, zone)
    await begin(message, state, t, repo, app, period)


async def start_from_prompt(
    query: CallbackQuery,
    callback_data: RatingStartCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
    zone: ZoneInfo,
) -> None:
    if callback_data.end:
        app, period = await end_of_level_target(repo, user, callback_data.app_id, zone)
    else:
        app, period = await monthly_target(repo, user, clock, zone)
        if app.id != callback_data.app_id:
            raise DomainError("rating-stale")
    assert isinstance(query.message, Message)
    await begin(query.message, state, t, repo, app, period)
    await query.answer()


async def begin(
    message: Message, state: FSMContext, t: Translator, repo: Repository, app: Application, period: str
) -> None:
    if await already_rated(repo, app.id, period):
        await state.clear()
        raise DomainError("rating-already")
    await state.set_state(RatingFlow.answering)
    await state.set_data({"scores": {}, "app_id": app.id, "period": period})
    text, markup = question(t, 1)
    await message.answer(t("rating-intro") + "\n\n" + text, reply_markup=markup)


async def score_button(
    query: CallbackQuery, callback_data: RatingCb, state: FSMContext, t: Translator, repo: Repository, user: User
) -> None:
    """Every click is re-checked: a survey under way, the next question, a score of 1..5, still allowed."""
    if await state.get_state() != RatingFlow.answering.state:
        raise DomainError("rating-stale")
    data = await state.get_data()
    app = await repo.application(int(data.get("app_id", 0)))
    if app is None or app.user_id != user.id:
        raise DomainError("rating-stale")
    if app.mentor_id is None:
        raise DomainError("rating-no-mentor")
    scores: dict[str, Any] = dict(data.get("scores", {}))
    if callback_data.q != len(scores) + 1 or callback_data.q > len(QUESTIONS):
        raise DomainError("rating-stale")
    scores[QUESTIONS[callback_data.q - 1]] = check_score(callback_data.value)
    assert isinstance(query.message, Message)
    if len(scores) < len(QUESTIONS):
        await state.update_data(scores=scores)
        await query.answer()
        text, markup = question(t, len(scores) + 1)
        await query.message.edit_text(text, reply_markup=markup)
        return
    period = str(data["period"])
    if await already_rated(repo, app.id, period):
        await state.clear()
        raise DomainError("rating-already")
    await store(repo, app.id, app.mentor_id, period, check_scores(scores))
    await state.clear()
    await query.answer()
    await query.message.edit_text(t("rating-thanks"))


async def store(repo: Repository, app_id: int, mentor_id: int, period: str, scores: dict[str, int]) -> None:
    """The ballot (who, when-ish) and the answer (what) in one transaction, linked by nothing but the period."""
    repo.session.add(RatingBallot(application_id=app_id, period=period))
    repo.session.add(RatingAnswer(key=secrets.token_hex(16), mentor_id=mentor_id, period=period, scores=scores))
    try:
        await repo.session.commit()
    except IntegrityError:
        await repo.session.rollback()
        raise DomainError("rating-already") from None


def summary_lines(t: Translator, result: dict[str, Any]) -> list[str]:
    return [
        t("rating-line", question=t(f"rating-{q}-short"), average=f"{result[q]:.1f}", count=result["count"])
        for q in QUESTIONS
    ]


async def mentor_ratings(message: Message, t: Translator, repo: Repository, user: User) -> None:
    """Per period only with at least three answers; the overall figure only over those periods,
    so that no hidden period can be worked out by subtraction."""
    rows = await repo.session.execute(
        select(RatingAnswer.period, RatingAnswer.scores)
        .where(RatingAnswer.mentor_id == user.id)
        .order_by(RatingAnswer.period)
    )
    by_period: dict[str, list[dict[str, Any]]] = {}
    for period, scores in rows:
        by_period.setdefault(period, []).append(scores)
    shown: list[dict[str, Any]] = []
    parts: list[str] = []
    for period, answers in sorted(by_period.items(), reverse=True):
        result = aggregate(answers)
        if result is None:
            parts.append(t("rating-period", period=period) + "\n" + t("rating-not-enough", min=MIN_ANSWERS))
            continue
        shown.extend(answers)
        parts.append("\n".join([t("rating-period", period=period), *summary_lines(t, result)]))
    overall = aggregate(shown)
    head = [t("rating-title")]
    if overall is None:
        head.append(t("rating-not-enough", min=MIN_ANSWERS))
    else:
        head.append("\n".join([t("rating-overall"), *summary_lines(t, overall)]))
    await message.answer("\n\n".join(head + parts))


def router() -> Router:
    """The participant's survey and the mentor's view, each behind its own role filter."""
    survey = Router(name="rating-survey")
    survey.message.filter(RoleFilter(Role.PARTICIPANT))
    survey.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    survey.message.register(start_survey, MenuButton("menu-rate-mentor"))
    survey.callback_query.register(score_button, RatingCb.filter())
    survey.callback_query.register(start_from_prompt, RatingStartCb.filter())
    view = Router(name="rating-mentor")
    view.message.filter(RoleFilter(Role.MENTOR))
    view.message.register(mentor_ratings, Command("ratings"))
    r = Router(name="rating")
    r.include_routers(survey, view)
    return r
