"""First contact, the language choice and the main menu."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from bot.callbacks import LangCb
from bot.filters import MenuButton
from bot.keyboards import languages, main_menu
from core import users
from core.programme import Role
from locales.translations import Translations, Translator
from storage.holder import Holder
from storage.models import User


async def start(message: Message, t: Translator, role: Role, first_contact: bool, uow: Holder, user: User) -> None:
    """Greets; a first contact also gets the language choice, a returning one a word on their draft."""
    await message.answer(t("welcome"), reply_markup=main_menu(t, role))
    if first_contact:
        await message.answer(t("choose-language"), reply_markup=languages())
    elif role == Role.PARTICIPANT and (app := await uow.applications.open_of(user.id)) and app.status == "draft":
        await message.answer(t("draft-waiting"))


async def ask_language(message: Message, t: Translator) -> None:
    await message.answer(t("choose-language"), reply_markup=languages())


async def set_language(
    query: CallbackQuery, callback_data: LangCb, uow: Holder, user: User, role: Role, translations: Translations
) -> None:
    await users.set_language(uow, user, callback_data.code)
    t = translations.translator(user.locale)
    await query.answer(t("language-set"))
    if query.message is not None:
        await query.message.answer(t("language-set"), reply_markup=main_menu(t, role))


async def help_(message: Message, t: Translator, role: Role) -> None:
    await message.answer(t(f"help-{role.value}"), reply_markup=main_menu(t, role))


def router() -> Router:
    """The start handlers, in the order they are tried."""
    r = Router(name="start")
    r.message.register(start, CommandStart())
    r.message.register(ask_language, Command("language"))
    r.message.register(ask_language, MenuButton("menu-language"))
    r.callback_query.register(set_language, LangCb.filter(F.code.in_({"kk", "ru", "en"})))
    r.message.register(help_, Command("help"))
    return r
