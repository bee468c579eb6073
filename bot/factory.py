"""Builds the dispatcher: middlewares, dependencies and the routers in the order they must see updates."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.utils.token import extract_bot_id

from bot.centre import apply as centre_apply
from bot.centre import staff as centre_staff
from bot.common import errors, fallback, links, membership, reminders, start
from bot.coordinator import problems
from bot.expert import appeals, supervision
from bot.mentor import characterisation, completion, messages, participants, queue, review, tasks
from bot.mentor import documents as participant_documents
from bot.middlewares import ContextMiddleware, DbSessionMiddleware, InFlight, MeasureUpdates
from bot.notifications import OutboxPublisher
from bot.once import Claims, MemoryClaims, OncePerUpdate, RedisClaims
from bot.operator import administration, catalogue_admin, invitations, outbox, staff_admin
from bot.operator import centres as operator_centres
from bot.operator import participants as operator_participants
from bot.operator import rules as operator_rules
from bot.participant import application, diary, journal, missed, mydata, rating, status
from bot.participant import documents as my_documents
from bot.staff import absence, cards, figures, profile, reports
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


def claims_beside(storage: BaseStorage, bot_id: int) -> Claims:
    """Where updates are claimed: in Redis when the conversation state is, so every instance sees them; under
    the bot's id, since each bot numbers its updates and bots may share a Redis server."""
    if isinstance(storage, RedisStorage):
        prefix = storage.key_builder.prefix if isinstance(storage.key_builder, DefaultKeyBuilder) else "fsm"
        return RedisClaims(storage.redis, f"{prefix}:update:{bot_id}")
    return MemoryClaims()


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
    isolation = (
        storage.create_isolation(lock_kwargs={"timeout": settings.user_lock_seconds})
        if isinstance(storage, RedisStorage)
        else SimpleEventIsolation()
    )
    publisher = OutboxPublisher(translations, settings.zone, QuietHours.parse(settings.quiet_hours), clock)
    dp = Dispatcher(
        storage=storage,
        events_isolation=isolation,
        translations=translations,
        policy=Policy.of(settings, rules, clock),
        publisher=publisher,
        apologised=errors.Apologised(),
    )
    dp["in_flight"] = InFlight()
    dp.update.outer_middleware(dp["in_flight"])
    dp.update.outer_middleware(MeasureUpdates())
    dp.update.outer_middleware(DbSessionMiddleware(sessions, publisher, outbox_wake))
    dp.update.outer_middleware(
        OncePerUpdate(claims_beside(storage, extract_bot_id(settings.bot_token.get_secret_value())))
    )
    dp.update.outer_middleware(ContextMiddleware(translations))
    dp.include_routers(
        errors.router(),
        membership.router(),
        links.router(),
        start.router(),
        my_documents.router(),
        mydata.router(),
        reminders.router(),
        status.router(),
        journal.router(),
        rating.router(),
        missed.router(),
        diary.router(),
        application.router(),
        participant_documents.router(),
        characterisation.router(),
        participants.router(),
        figures.router(),
        reports.router(),
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
        operator_centres.router(),
        centre_staff.router(),
        administration.router(),
        catalogue_admin.router(),
        staff_admin.router(),
        problems.router(),
        cards.router(),
        profile.router(),
        centre_apply.router(),
        operator_participants.router(),
        operator_rules.router(),
        fallback.router(),
    )
    return dp
