"""Builds the dispatcher: middlewares, dependencies and the routers in the order they must see updates."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisStorage

from bot.common import errors, fallback, links, membership, reminders, start
from bot.coordinator import problems
from bot.expert import appeals, supervision
from bot.mentor import completion, messages, participants, queue, review, tasks
from bot.middlewares import ContextMiddleware, DbSessionMiddleware
from bot.notifications import OutboxPublisher
from bot.operator import invitations, outbox
from bot.participant import application, diary, journal, missed, mydata, rating, status
from bot.staff import absence, figures
from core.policy import Policy
from core.reminders import QuietHours
from core.rules import ProgrammeRules
from core.settings import Settings
from locales.translations import Translations
from storage.holder import Sessions


def fsm_storage(settings: Settings) -> BaseStorage:
    if settings.redis_url:
        return RedisStorage.from_url(settings.redis_url)
    return MemoryStorage()


def build_dispatcher(
    *,
    settings: Settings,
    sessions: Sessions,
    translations: Translations,
    rules: ProgrammeRules,
    clock: Callable[[], datetime],
    storage: BaseStorage,
    outbox_wake: asyncio.Event | None = None,
) -> Dispatcher:
    """Updates of one user are handled one at a time, so a double click cannot race itself. Handlers receive
    `uow`, `user`, `staff`, `role`, `t` (middlewares) and `policy`, `translations` (here); nothing reads the
    environment."""
    isolation = storage.create_isolation() if isinstance(storage, RedisStorage) else SimpleEventIsolation()
    publisher = OutboxPublisher(translations, settings.zone, QuietHours.parse(settings.quiet_hours), clock)
    dp = Dispatcher(
        storage=storage,
        events_isolation=isolation,
        translations=translations,
        policy=Policy.of(settings, rules, clock),
        publisher=publisher,
    )
    dp.update.outer_middleware(DbSessionMiddleware(sessions, publisher, outbox_wake))
    dp.update.outer_middleware(ContextMiddleware(translations))
    dp.include_routers(
        errors.router(),
        membership.router(),
        links.router(),
        start.router(),
        mydata.router(),
        reminders.router(),
        status.router(),
        journal.router(),
        rating.router(),
        missed.router(),
        diary.router(),
        application.router(),
        participants.router(),
        figures.router(),
        review.router(),
        queue.router(),
        tasks.router(),
        completion.router(),
        messages.router(),
        absence.router(),
        supervision.router(),
        appeals.router(),
        invitations.router(),
        outbox.router(),
        problems.router(),
        fallback.router(),
    )
    return dp
