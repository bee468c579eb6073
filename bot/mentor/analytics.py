"""A mentor's figures over their own participants (R8.4); the rules are `core/analytics.py`."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.figures import team_lines
from bot.filters import MenuButton, RoleFilter
from core import analytics
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


async def show(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    figures = await analytics.mentor_figures(uow, staff)
    await message.answer(team_lines(t, t("analytics-mentor-title"), figures))


def router() -> Router:
    r = Router(name="mentor-analytics")
    r.message.register(show, RoleFilter(Role.MENTOR), MenuButton("menu-analytics"))
    return r
