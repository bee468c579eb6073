"""«⚙️ Administration» for the operator (R6.6): the catalogue and the staff, each in a module of its own."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import CatalogueAdminCb, IndividualCb, RulesCb, StaffAdminCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core.programme import Role
from locales.translations import Translator


def home_markup(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("button-admin-catalogue"), CatalogueAdminCb(action="kinds")),
                button(t("button-admin-staff"), StaffAdminCb(action="roles")),
            ],
            [
                button(t("button-admin-participant"), IndividualCb(action="ask", app_id=0)),
                button(t("button-admin-rules"), RulesCb(action="show")),
            ],
        ]
    )


async def open_menu(message: Message, state: FSMContext, t: Translator) -> None:
    """Also the way out of a form left half-filled."""
    await state.clear()
    await message.answer(t("admin-home"), reply_markup=home_markup(t))


async def home(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("admin-home"), reply_markup=home_markup(t))


def router() -> Router:
    """The administration menu; the catalogue and staff routers hold the rest."""
    r = Router(name="administration")
    r.message.filter(RoleFilter(Role.OPERATOR))
    r.callback_query.filter(RoleFilter(Role.OPERATOR))
    r.message.register(open_menu, MenuButton("menu-administration"))
    r.callback_query.register(home, CatalogueAdminCb.filter(F.action == "home"))
    return r
