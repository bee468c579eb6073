"""Last in line: stale or forged buttons and messages nobody expected get a clear answer."""
from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.keyboards import main_menu
from core.programme import Role

router = Router(name="fallback")


@router.callback_query()
async def stale_button(query: CallbackQuery, t: Translator) -> None:
    await query.answer(t("error-stale-button"), show_alert=True)


@router.message()
async def unexpected(message: Message, t: Translator, role: Role) -> None:
    await message.answer(t("use-menu"), reply_markup=main_menu(t, role))
