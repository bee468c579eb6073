"""The anonymous mentor rating (R6.1, R8.1): participants answer a short survey, mentors see only aggregates.

The answers being given live only in the conversation state until the last one; the rules and the two
unlinked rows written then are `core/rating.py`.
"""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import RatingCb, RatingStartCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core import rating
from core.errors import DomainError
from core.policy import Policy
from core.programme import Role
from core.rating import MIN_ANSWERS, QUESTIONS, SCORES, Survey, check_score
from locales.translations import Translator
from storage.holder import Holder
from storage.models import User


class RatingFlow(StatesGroup):
    answering = State()


def question(t: Translator, number: int) -> tuple[str, InlineKeyboardMarkup]:
    text = t("rating-question", number=number, total=len(QUESTIONS), question=t(f"rating-{QUESTIONS[number - 1]}"))
    stars = [button("⭐" * score, RatingCb(q=number, value=score)) for score in SCORES]
    return text, InlineKeyboardMarkup(inline_keyboard=[[b] for b in stars])


async def begin(message: Message, state: FSMContext, t: Translator, survey: Survey) -> None:
    await state.set_state(RatingFlow.answering)
    await state.set_data({"scores": {}, "app_id": survey.app_id, "period": survey.period})
    text, markup = question(t, 1)
    await message.answer(t("rating-intro") + "\n\n" + text, reply_markup=markup)


async def start_survey(
    message: Message, state: FSMContext, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    try:
        survey = await rating.monthly(uow, user.id, policy.now(), policy)
    except DomainError as error:
        if error.key == "rating-already":
            await state.clear()
        raise
    await begin(message, state, t, survey)


async def start_from_prompt(
    query: CallbackQuery,
    callback_data: RatingStartCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    user: User,
    policy: Policy,
) -> None:
    """The monthly survey (`end` 0) or the one at the end of a level (`end` 1), from a prompt's button."""
    try:
        if callback_data.end:
            survey = await rating.end_of_level(uow, user.id, callback_data.app_id, policy)
        else:
            survey = await rating.monthly(uow, user.id, policy.now(), policy, callback_data.app_id)
    except DomainError as error:
        if error.key == "rating-already":
            await state.clear()
        raise
    assert isinstance(query.message, Message)
    await begin(query.message, state, t, survey)
    await query.answer()


async def score_button(
    query: CallbackQuery, callback_data: RatingCb, state: FSMContext, t: Translator, uow: Holder, user: User
) -> None:
    """Every click is re-checked: a survey under way, the next question, a score of 1..5, still allowed."""
    if await state.get_state() != RatingFlow.answering.state:
        raise DomainError("rating-stale")
    data = await state.get_data()
    survey = Survey(int(data.get("app_id", 0)), str(data.get("period", "")))
    await rating.respondent(uow, user.id, survey.app_id)
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
    try:
        await rating.answer(uow, user.id, survey, scores)
    finally:
        await state.clear()
    await query.answer()
    await query.message.edit_text(t("rating-thanks"))


def summary_lines(t: Translator, result: dict[str, Any]) -> list[str]:
    return [
        t("rating-line", question=t(f"rating-{q}-short"), average=f"{result[q]:.1f}", count=result["count"])
        for q in QUESTIONS
    ]


async def mentor_ratings(message: Message, t: Translator, uow: Holder, user: User) -> None:
    """Per period only with at least three answers, and overall only over those periods."""
    summary = await rating.summary_for(uow, user.id)
    parts: list[str] = []
    for period, result in summary.periods:
        title = t("rating-period", period=period)
        if result is None:
            parts.append(title + "\n" + t("rating-not-enough", min=MIN_ANSWERS))
        else:
            parts.append("\n".join([title, *summary_lines(t, result)]))
    head = [t("rating-title")]
    if summary.overall is None:
        head.append(t("rating-not-enough", min=MIN_ANSWERS))
    else:
        head.append("\n".join([t("rating-overall"), *summary_lines(t, summary.overall)]))
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
