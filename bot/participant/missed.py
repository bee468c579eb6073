"""'I can't do it this week': the participant tells the mentor why, from the bot (R5.5)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import DiaryCb
from bot.filters import RoleFilter
from bot.keyboards import button
from core import drafts, missed
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import User


class MissedFlow(StatesGroup):
    details = State()


def cant_button(t: Translator) -> list[InlineKeyboardButton]:
    return [button(t("button-cant"), DiaryCb(action="cant"))]


async def ask_reason(query: CallbackQuery, t: Translator, uow: Holder, user: User) -> None:
    await drafts.active_application(uow, user.id)
    buttons = [
        [button(t(f"missed-{code.replace('_', '-')}"), DiaryCb(action="cant-reason", value=code))]
        for code in missed.REASONS
    ]
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t("ask-missed-reason"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def reason_button(
    query: CallbackQuery,
    callback_data: DiaryCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    user: User,
    policy: Policy,
) -> None:
    """ "Other" asks for the details first; the rest are recorded at once."""
    reason = missed.check_reason(callback_data.value)
    await query.answer()
    assert isinstance(query.message, Message)
    if reason == "other":
        await state.set_state(MissedFlow.details)
        await query.message.answer(t("ask-missed-details"))
        return
    await missed.report(uow, user.id, reason, None, policy.now(), policy)
    await query.message.answer(t("missed-recorded"))


async def details(message: Message, state: FSMContext, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    text = missed.check_details(message.text)
    await state.clear()
    await missed.report(uow, user.id, "other", text, policy.now(), policy)
    await message.answer(t("missed-recorded"))


def router() -> Router:
    """The missed-week handlers, in the order they are tried."""
    r = Router(name="missed-week")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.register(ask_reason, DiaryCb.filter(F.action == "cant"))
    r.callback_query.register(reason_button, DiaryCb.filter(F.action == "cant-reason"))
    r.message.register(details, MissedFlow.details)
    return r
