"""A regional coordinator reports a problem to the operator from the bot (R6.4): typed, shown back,
sent only after confirmation, to every operator in their own language."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import ProblemCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core import messages
from core.errors import DomainError
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class ProblemFlow(StatesGroup):
    text = State()
    confirm = State()


async def start(message: Message, state: FSMContext, t: Translator) -> None:
    await state.set_state(ProblemFlow.text)
    await message.answer(
        t("ask-problem"),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button(t("button-cancel"), ProblemCb(action="cancel"))]]),
    )


async def got_text(message: Message, state: FSMContext, t: Translator) -> None:
    text = messages.check_problem(message.text)
    await state.update_data(text=text)
    await state.set_state(ProblemFlow.confirm)
    buttons = [
        [
            button(t("button-send-problem"), ProblemCb(action="send")),
            button(t("button-cancel"), ProblemCb(action="cancel")),
        ]
    ]
    await message.answer(t("problem-confirm", text=text), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def send(query: CallbackQuery, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    text = (await state.get_data()).get("text")
    if not text:
        raise DomainError("error-stale-button")
    await messages.report_problem(uow, staff, text)
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("problem-sent"))


async def cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("problem-cancelled"))


def router() -> Router:
    """The problem-report handlers, in the order they are tried."""
    r = Router(name="coordinator-problems")
    r.message.filter(RoleFilter(Role.COORDINATOR))
    r.callback_query.filter(RoleFilter(Role.COORDINATOR))
    r.message.register(start, MenuButton("menu-report-problem"))
    r.callback_query.register(cancel, ProblemCb.filter(F.action == "cancel"))
    r.callback_query.register(send, ProblemFlow.confirm, ProblemCb.filter(F.action == "send"))
    r.message.register(got_text, ProblemFlow.text)
    return r
