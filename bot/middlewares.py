"""Outer middlewares: a database session per update, then who the user is and their language."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TgUser
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.programme import Role
from locales.translations import Translations
from storage import outbox
from storage.repository import Repository

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class DbSessionMiddleware(BaseMiddleware):
    """One session and one transaction per update; committed only when the handler succeeds.

    When the update queued notifications, the outbox sender is woken instead of waiting for its next poll.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], wake: asyncio.Event | None = None) -> None:
        self.sessions = sessions
        self.wake = wake

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.sessions() as session:
            data["session"] = session
            data["repo"] = Repository(session)
            try:
                result = await handler(event, data)
                await session.commit()
                return result
            finally:
                if self.wake is not None and session.info.pop(outbox.WRITTEN, False):
                    self.wake.set()


class ContextMiddleware(BaseMiddleware):
    """Loads the user (creating them on first contact), their role and translator."""

    def __init__(self, translations: Translations) -> None:
        self.translations = translations

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        if tg_user is None or tg_user.is_bot:
            return await handler(event, data)
        repo: Repository = data["repo"]
        user = await repo.user(tg_user.id)
        data["first_contact"] = user is None
        if user is None:
            user = await repo.add_user(tg_user.id, self.translations.pick(tg_user.language_code))
        elif user.blocked_at is not None and not (isinstance(event, Update) and event.my_chat_member):
            user.blocked_at = None
        staff = await repo.staff(tg_user.id)
        data["user"] = user
        data["staff"] = staff
        data["role"] = Role(staff.role) if staff else Role.PARTICIPANT
        data["t"] = self.translations.translator(user.locale)
        return await handler(event, data)
