"""The command menus Telegram shows: one for everyone, per language, and a longer one in a mentor's own chat."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeChat

from core.programme import Role
from core.settings import LOCALES
from locales.translations import Translations, Translator

COMMON = ("start", "apply", "centre", "mydata", "language", "help")
STAFF: dict[Role, tuple[str, ...]] = {
    Role.MENTOR: ("start", "task", "ratings", "mydata", "language", "help"),
    Role.COORDINATOR: ("start", "participant", "mydata", "language", "help"),
    Role.OPERATOR: ("start", "participant", "rules", "mydata", "language", "help"),
}


def listed(t: Translator, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(command=c, description=t(f"command-{c}")) for c in names]


async def set_common(bot: Bot, translations: Translations) -> None:
    for locale in LOCALES:
        await bot.set_my_commands(listed(translations.translator(locale), COMMON), language_code=locale)


async def set_for_staff(bot: Bot, t: Translator, chat_id: int, role: Role) -> None:
    """Only roles with commands of their own get a chat-scoped menu; the others keep the common one."""
    if role in STAFF:
        await bot.set_my_commands(listed(t, STAFF[role]), scope=BotCommandScopeChat(chat_id=chat_id))
