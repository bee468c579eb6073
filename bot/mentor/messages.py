"""The mentor writes to a participant through the bot (R6.2): instructions without sharing phone numbers."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MentorCb
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from core import messages
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class MessageFlow(StatesGroup):
    text = State()


async def start(
    query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    await messages.check_writable(uow, staff, callback_data.app_id)
    await state.set_state(MessageFlow.text)
    await state.update_data(app_id=callback_data.app_id)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t("ask-message-to-participant"))


async def relay(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    text = messages.check_message(message.text)
    app_id = int((await state.get_data())["app_id"])
    await state.clear()
    sent = await messages.write(uow, staff, app_id, text)
    await message.answer(t("message-delivered" if sent.delivered else "message-not-delivered"))


def router() -> Router:
    """The mentor-message handlers, in the order they are tried."""
    r = Router(name="mentor-messages")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.register(start, MentorCb.filter(F.action == "msg"))
    r.message.register(relay, MessageFlow.text)
    return r
