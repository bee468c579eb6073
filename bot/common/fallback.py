"""Last in line: stale or forged buttons and messages nobody expected get a clear answer."""

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.keyboards import main_menu
from core.programme import Role
from locales.translations import Translator


async def stale_button(query: CallbackQuery, t: Translator) -> None:
    await query.answer(t("error-stale-button"), show_alert=True)


async def unexpected(message: Message, t: Translator, role: Role) -> None:
    await message.answer(t("use-menu"), reply_markup=main_menu(t, role))


def router() -> Router:
    """The fallback handlers, in the order they are tried."""
    r = Router(name="fallback")
    r.callback_query.register(stale_button)
    r.message.register(unexpected)
    return r
