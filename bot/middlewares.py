"""Outer middlewares: a database session per update, then who the user is and their language."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TgUser

from core import users
from core.programme import Role
from locales.translations import Translations
from monitoring.metrics import UPDATE_SECONDS, UPDATES
from storage.holder import Holder, Publisher, Sessions, unit_of_work

if TYPE_CHECKING:
    from aiogram import Bot

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
UPDATE_UNIT: ContextVar[Holder | None] = ContextVar("update_unit_of_work", default=None)
"""The unit of work of the update being handled in this task, for `ReleaseBeforeTelegram`."""


class InFlight(BaseMiddleware):
    """The updates being handled, so a stopping process can let them finish: aiogram's polling stops taking
    updates on SIGTERM but leaves those it started to be cancelled with the event loop."""

    def __init__(self) -> None:
        self.count = 0
        self.idle = asyncio.Event()
        self.idle.set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        self.count += 1
        self.idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.count -= 1
            if self.count == 0:
                self.idle.set()

    async def drained(self, timeout: float) -> bool:
        """Waits for the updates in flight, `timeout` seconds at most; whether they all finished."""
        try:
            await asyncio.wait_for(self.idle.wait(), timeout)
            return True
        except TimeoutError:
            return False


class MeasureUpdates(BaseMiddleware):
    """Counts and times each update by type for `/metrics`."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        kind = event.event_type if isinstance(event, Update) else type(event).__name__
        started = time.perf_counter()
        try:
            return await handler(event, data)
        finally:
            UPDATE_SECONDS.labels(kind).observe(time.perf_counter() - started)
            UPDATES.labels(kind).inc()


class DbSessionMiddleware(BaseMiddleware):
    """One session per update, behind a unit of work; the use cases commit, and whatever they did not
    commit is rolled back when the session closes. When the update queued notifications, the outbox
    sender is woken instead of waiting for its next poll."""

    def __init__(self, sessions: Sessions, publisher: Publisher, wake: asyncio.Event | None = None) -> None:
        self.sessions = sessions
        self.publisher = publisher
        self.wake = wake

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with unit_of_work(self.sessions, self.publisher) as uow:
            data["uow"] = uow
            token = UPDATE_UNIT.set(uow)
            try:
                return await handler(event, data)
            finally:
                UPDATE_UNIT.reset(token)
                if self.wake is not None and uow.outbox.written:
                    uow.outbox.forget_written()
                    self.wake.set()


class ContextMiddleware(BaseMiddleware):
    """Loads the user (creating them on first contact), their role and translator."""

    def __init__(self, translations: Translations) -> None:
        self.translations = translations

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: TgUser | None = data.get("event_from_user")
        if tg_user is None or tg_user.is_bot:
            return await handler(event, data)
        uow: Holder = data["uow"]
        membership_change = isinstance(event, Update) and event.my_chat_member is not None
        seen = await users.seen(
            uow, tg_user.id, self.translations.pick(tg_user.language_code), membership_change=membership_change
        )
        user = seen.user
        data["first_contact"] = seen.first_contact
        staff = seen.staff
        data["user"] = user
        data["staff"] = staff
        # A deactivated staff member gets the plain menu, and their role's old buttons are refused (R6.6).
        data["role"] = Role(staff.role) if staff is not None and staff.active else Role.PARTICIPANT
        data["t"] = self.translations.translator(user.locale)
        return await handler(event, data)


class ReleaseBeforeTelegram(BaseRequestMiddleware):
    """Before every Bot API call made while an update is handled, the update's read-only transaction ends:
    a handler renders from what it read, then waits tens of milliseconds (or seconds) for Telegram, and
    meanwhile holds no PostgreSQL connection from the pool and no SQLite read snapshot. Unsaved changes
    are never committed here: a transaction with changes pending is left as it is."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        uow = UPDATE_UNIT.get()
        if uow is not None:
            await uow.release_if_clean()
        return await make_request(bot, method)
