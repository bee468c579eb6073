"""The mentor completes a participant's level: every direction at 100%, then an assessment (R5.4, R6.2)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import MentorCb
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from bot.keyboards import button
from core import completion
from core.errors import DomainError
from core.policy import Policy
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class CompletionFlow(StatesGroup):
    assessment = State()


async def start(
    query: CallbackQuery,
    callback_data: MentorCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    staff: Staff,
    policy: Policy,
) -> None:
    """Shows completion per direction; only a fully completed level goes on to the assessment."""
    standing = await completion.standing(uow, staff, callback_data.app_id, policy)
    lines = [t("completion-title", name=standing.app.full_name or "")]
    lines += [
        t("diary-direction", direction=t(f"direction-{d.value}"), percent=p) for d, p in standing.percents.items()
    ]
    await query.answer()
    assert isinstance(query.message, Message)
    if not standing.complete:
        lines.append(t("completion-not-yet"))
        await query.message.answer("\n".join(lines))
        return
    await state.set_state(CompletionFlow.assessment)
    await state.update_data(app_id=standing.app.id)
    lines.append(t("ask-assessment"))
    await query.message.answer("\n".join(lines))


async def assessment(message: Message, state: FSMContext, t: Translator) -> None:
    data = await state.update_data(assessment=completion.check_assessment(message.text))
    confirm = button(t("button-complete-level"), MentorCb(action="complete-yes", app_id=int(data["app_id"])))
    await message.answer(t("completion-confirm"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[confirm]]))


async def confirm(
    query: CallbackQuery,
    callback_data: MentorCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    staff: Staff,
    policy: Policy,
) -> None:
    data = await state.get_data()
    if data.get("app_id") != callback_data.app_id or "assessment" not in data:
        raise DomainError("error-stale-button")
    result = await completion.complete(uow, staff, callback_data.app_id, data["assessment"], policy.now(), policy)
    await state.clear()
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(t("completed", name=result.app.full_name or ""))


def router() -> Router:
    """The level-completion handlers, in the order they are tried."""
    r = Router(name="level-completion")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.register(start, MentorCb.filter(F.action == "complete"))
    r.message.register(assessment, CompletionFlow.assessment)
    r.callback_query.register(confirm, MentorCb.filter(F.action == "complete-yes"))
    return r
