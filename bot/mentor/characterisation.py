"""«✍️ Characterisation» on the participant's card: the mentor writes or rewrites a short text (R8.1); the
rules are `core/characterisation.py`. A text that is refused keeps the form open and the old text stored."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import CharacterisationCb
from bot.common.errors import localize
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from bot.keyboards import button, is_menu_button
from bot.mentor.participants import send_card
from core import characterisation
from core.characterisation import CHARACTERISATION_MAX
from core.errors import DomainError
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

ASK_AGAIN = ("characterisation-too-long", "error-text-expected", "error-text-too-short-min")
"""Refusals of the text itself: the form stays and the mentor sends a better one."""


class CharacterisationFlow(StatesGroup):
    text = State()


def cancel_markup(t: Translator, app_id: int) -> InlineKeyboardMarkup:
    cancel = button(t("button-cancel"), CharacterisationCb(action="cancel", app_id=app_id))
    return InlineKeyboardMarkup(inline_keyboard=[[cancel]])


async def start(
    query: CallbackQuery,
    callback_data: CharacterisationCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    staff: Staff,
) -> None:
    app = await characterisation.writable(uow, staff, callback_data.app_id)
    await state.set_state(CharacterisationFlow.text)
    await state.update_data(app_id=app.id)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    lines = [t("characterisation-ask", name=app.full_name or "", limit=CHARACTERISATION_MAX)]
    if app.characterisation:
        lines.append(t("characterisation-current", text=app.characterisation))
    await query.message.answer("\n\n".join(lines), reply_markup=cancel_markup(t, app.id))


async def got_text(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, role: Role, policy: Policy
) -> None:
    if is_menu_button(message.text, t, role):
        await state.clear()
        raise SkipHandler()
    app_id = int((await state.get_data())["app_id"])
    try:
        app = await characterisation.write(uow, staff, app_id, message.text)
    except DomainError as error:
        if error.key not in ASK_AGAIN:
            await state.clear()
            raise
        await message.answer(localize(t, error), reply_markup=cancel_markup(t, app_id))
        return
    await state.clear()
    await message.answer(t("characterisation-saved", name=app.full_name or ""))
    await send_card(message, app, t, uow, policy)


async def cancel(query: CallbackQuery, callback_data: CharacterisationCb, state: FSMContext, t: Translator) -> None:
    """Only the characterisation being written for this participant; an old button must not end another form."""
    data = await state.get_data()
    if await state.get_state() != CharacterisationFlow.text.state or data.get("app_id") != callback_data.app_id:
        raise DomainError("error-stale-button")
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("characterisation-cancelled"))


def router() -> Router:
    """The characterisation handlers, for the mentor and whoever acts for them."""
    r = Router(name="characterisation")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.register(start, CharacterisationCb.filter(F.action == "write"))
    r.callback_query.register(cancel, CharacterisationCb.filter(F.action == "cancel"))
    r.message.register(got_text, CharacterisationFlow.text)
    return r
