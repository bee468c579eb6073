"""Telegram failing mid-conversation never loses what the participant gave, and logs hold no personal data."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.types import Update
from aiohttp import ClientSession
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import create_async_engine

from bot.middlewares import DbSessionMiddleware
from core.programme import Role
from storage.db import session_factory
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import ap, become_staff, first_contact, last_text, start_application, submitted

NAME = "Сейітқали Әйгерім"


async def test_failed_reply_keeps_the_answer(world: World, caplog: pytest.LogCaptureFixture) -> None:
    t = tr("kk")
    user = world.emu.user(5001, "A", language_code="kk")
    await first_contact(user, "kk")
    await start_application(user, "kk")
    world.emu.fail_next("sendMessage", 500, "Internal Server Error", times=2, chat_id=5001)
    with caplog.at_level(logging.INFO):
        await user.send_text(NAME)
    app = await world.application(5001)
    assert app is not None and app.full_name == NAME and app.step == "birth_date"
    assert NAME not in caplog.text
    await user.send_text(t("menu-application"))
    assert plain(t("ask-birth-date")) in last_text(user)


async def test_submission_survives_a_failed_confirmation(world: World, caplog: pytest.LogCaptureFixture) -> None:
    await become_staff(world, 520, "ru", Role.MENTOR, "Наставник Два", centre="astana-youth")
    user = await submitted(world, 5002, "ru", 520, accept=False)
    world.emu.fail_next("sendMessage", 502, "Bad Gateway", chat_id=5002)
    with caplog.at_level(logging.INFO):
        await user.click(data=ap("review", "accept"))
    app = await world.application(5002)
    assert app is not None and app.status == "under_review" and app.submitted_at is not None
    assert "+77010000000" not in caplog.text and "Абайұлы" not in caplog.text
    await user.send_text(tr("ru")("menu-application"))
    assert plain(tr("ru")("status-title", status=tr("ru")("status-under-review"))) in last_text(user)


async def test_mentor_unreachable_does_not_block_submission(world: World) -> None:
    mentor = await become_staff(world, 521, "en", Role.MENTOR, "Mentor Blocked", centre="astana-youth")
    await mentor.block()
    user = await submitted(world, 5003, "en", 521)
    app = await world.application(5003)
    assert app is not None and app.status == "under_review"
    assert plain(tr("en")("application-submitted", deadline="21.12.2026")) in last_text(user)


async def test_a_database_down_for_a_moment_gets_an_apology_and_telegram_delivers_the_update_again(
    world: World, tmp_path: Path
) -> None:
    """The user cannot even be read, so the apology is in the language Telegram reports; the webhook does not
    acknowledge the update, so Telegram delivers it again, and once the database is back it is handled. A
    delivery again while still down does not repeat the apology."""
    world.emu.delivery.retry_failed = True
    failures = REGISTRY.get_sample_value("tosbelgi_errors_total", {"kind": "out_of_reach"}) or 0
    user = world.emu.user(5004, "D", language_code="ru")
    await first_contact(user, "ru")
    middleware = next(m for m in world.dp.update.outer_middleware if isinstance(m, DbSessionMiddleware))
    down = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'db.sqlite3'}")
    healthy, middleware.sessions = middleware.sessions, session_factory(down)
    try:
        await user.send_text(tr("ru")("menu-application"))
        assert last_text(user) == plain(tr("ru")("error-unavailable-queued"))
        answers = len(user.messages)
        (waiting,) = [u.update_id for u in world.emu.delivery.unacknowledged]
        await world.emu.redeliver()
        assert len(user.messages) == answers, "told once"
        assert [u.update_id for u in world.emu.delivery.unacknowledged] == [waiting]
    finally:
        middleware.sessions = healthy
        await down.dispose()
    assert "503" in (world.emu.delivery.webhook.last_error_message or "")  # type: ignore[union-attr]
    assert REGISTRY.get_sample_value("tosbelgi_errors_total", {"kind": "out_of_reach"}) == failures + 2
    assert await world.application(5004) is None, "nothing was stored"
    assert await world.emu.redeliver() == [waiting]
    assert not world.emu.delivery.unacknowledged
    assert await world.application(5004) is not None, "handled once delivered again: the application is started"
    assert plain(tr("ru")("error-unavailable-queued")) not in last_text(user)


async def test_redis_down_for_a_moment_gets_an_apology_and_telegram_delivers_the_update_again(world: World) -> None:
    """The conversation state cannot be read, so nothing runs; the user is told in the language Telegram
    reports, and once the state store is back the update Telegram delivers again is handled."""
    world.emu.delivery.retry_failed = True
    user = world.emu.user(5005, "R", language_code="kk")
    await first_contact(user, "kk")
    unreachable = RedisStorage.from_url("redis://127.0.0.1:1/0")
    healthy, world.dp.fsm.storage = world.dp.fsm.storage, unreachable
    try:
        await user.send_text(tr("kk")("menu-application"))
    finally:
        world.dp.fsm.storage = healthy
        await unreachable.close()
    assert last_text(user) == plain(tr("kk")("error-unavailable-queued"))
    assert await world.application(5005) is None
    await world.emu.redeliver()
    assert await world.application(5005) is not None, "handled: the application is started"


async def test_by_polling_a_database_down_asks_the_user_to_send_it_again(world: World, tmp_path: Path) -> None:
    """getUpdates never gives an update twice, so the user, not Telegram, must send it again."""
    user = world.emu.user(5006, "P", language_code="en")
    await first_contact(user, "en")
    await user.send_text(tr("en")("menu-application"))
    sent = world.emu.delivery.posted[max(world.emu.delivery.posted)].payload
    polled = Update.model_validate({**sent, "update_id": sent["update_id"] + 1000})  # the same words sent again
    middleware = next(m for m in world.dp.update.outer_middleware if isinstance(m, DbSessionMiddleware))
    down = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'db.sqlite3'}")
    healthy, middleware.sessions = middleware.sessions, session_factory(down)
    try:
        await world.dp.feed_update(world.bot, polled)  # as aiogram's polling does: no `delivery`
    finally:
        middleware.sessions = healthy
        await down.dispose()
    await world.emu.settle()
    assert last_text(user) == plain(tr("en")("error-unavailable"))


@pytest.mark.filterwarnings("ignore:Detected unknown update type")
async def test_the_webhook_refuses_a_wrong_secret_and_what_is_not_an_update(world: World) -> None:
    assert world.emu.delivery.webhook is not None
    url = world.emu.delivery.webhook.url
    async with ClientSession() as http:
        async with http.post(url, json={"update_id": 1}, headers={"X-Telegram-Bot-Api-Secret-Token": "x"}) as wrong:
            assert wrong.status == 401
        secret = {"X-Telegram-Bot-Api-Secret-Token": world.emu.delivery.webhook.secret_token or ""}
        async with http.post(url, data=b"not json", headers=secret) as garbage:
            assert garbage.status == 400
        async with http.post(url, json={"update_id": 1}, headers=secret) as empty:
            assert empty.status == 200, "an update of a kind the bot does not use is acknowledged"
