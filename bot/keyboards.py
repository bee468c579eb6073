"""Keyboards shared by several features; each takes the translator, never reads texts itself."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import LangCb
from core.programme import Role
from locales.translations import Translator

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
MENUS: dict[Role, tuple[tuple[str, ...], ...]] = {
    Role.PARTICIPANT: (
        ("menu-add-entry", "menu-diary"),
        ("menu-application", "menu-rate-mentor"),
        ("menu-reminders", "menu-my-data"),
        ("menu-my-documents", "menu-language"),
    ),
    Role.MENTOR: (
        ("menu-review-queue", "menu-my-participants"),
        ("menu-analytics", "menu-reminders"),
        ("menu-absence", "menu-my-profile"),
    ),
    Role.OPERATOR: (
        ("menu-invite", "menu-outbox"),
        ("menu-analytics", "menu-staff"),
        ("menu-my-profile", "menu-administration"),
        ("menu-centres", "menu-language"),
    ),
    Role.CENTRE: (("menu-invite", "menu-my-profile"), ("menu-our-staff", "menu-language")),
    Role.EXPERT: (("menu-my-mentors", "menu-analytics"), ("menu-absence", "menu-language"), ("menu-my-profile",)),
    Role.COORDINATOR: (
        ("menu-analytics", "menu-report-problem"),
        ("menu-staff", "menu-my-profile"),
        ("menu-language",),
    ),
}


def is_menu_button(text: str | None, t: Translator, role: Role) -> bool:
    """A menu button pressed in the middle of a form: the form ends and the button does what it says."""
    return text is not None and any(text == t(key) for row in MENUS[role] for key in row)


def languages() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        builder.button(text=name, callback_data=LangCb(code=code))
    return builder.as_markup()


def main_menu(t: Translator, role: Role) -> ReplyKeyboardMarkup:
    rows = [[KeyboardButton(text=t(key)) for key in row] for row in MENUS[role]]
    return ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, is_persistent=True)


def columns(buttons: Sequence[InlineKeyboardButton], width: int = 2) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    """An inline button whose data is one of `bot/callbacks.py`'s classes."""
    return InlineKeyboardButton(text=text, callback_data=data.pack())
