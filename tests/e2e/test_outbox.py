"""The outbox against Telegram's failures: 429, 403, 400 and 5xx lose nothing and send nothing twice."""

from __future__ import annotations

import re
import time
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from prometheus_client import REGISTRY
from sqlalchemy import func, select

from cli.outbox import render_status
from scheduler.sender import Sender
from storage import outbox
from storage.models import OutboxMessage, User
from tests.e2e.conftest import TOKEN, World, make_limiter, plain, tr
from tests.e2e.test_diary import MENTOR, entries, rv, session_report, team


async def rows(world: World) -> list[OutboxMessage]:
    async with world.sessions() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def alerts(mentor: Any, t: Any) -> list[str]:
    text = plain(t("mentor-new-entry", name="Абайұлы Нұрлан Серікұлы"))
    return [m.text for m in mentor.messages if text in (m.text or "")]


async def test_entry_alert_goes_through_the_outbox_in_order(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    await session_report(user, t)
    (entry,) = await entries(world)
    queued = [r for r in await rows(world) if r.chat_id == MENTOR and r.key.startswith(f"review:{entry.id}:")]
    assert [r.method for r in queued] == ["sendPhoto", "sendMessage"]
    assert all(r.status == outbox.SENT for r in queued)
    assert mentor.messages[-2].media == "photo" and len(alerts(mentor, t)) == 1


async def test_server_errors_back_off_then_deliver_once(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    world.emu.fail_next("sendMessage", 502, "Bad Gateway", chat_id=MENTOR, times=2)
    await session_report(user, t, with_photo=False)
    assert alerts(mentor, t) == []
    (row,) = [r for r in await rows(world) if r.chat_id == MENTOR and r.key.startswith("review:")]
    assert row.status == outbox.PENDING and row.attempts == 1 and "Bad Gateway" in (row.error or "")
    await world.drain()
    assert alerts(mentor, t) == [], "the retry waits for its backoff"
    world.clock.advance(seconds=2)
    await world.drain()
    assert alerts(mentor, t) == [], "the second failure doubles the wait"
    world.clock.advance(seconds=4)
    await world.drain()
    assert len(alerts(mentor, t)) == 1
    await world.drain()
    assert len(alerts(mentor, t)) == 1


async def test_retry_after_is_honoured(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    world.emu.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=MENTOR)
    started = time.monotonic()
    await session_report(user, t, with_photo=False)
    assert len(alerts(mentor, t)) == 1
    to_mentor = [c for c in world.emu.calls_to("sendMessage") if str(c.params.get("chat_id")) == str(MENTOR)]
    refused, delivered = to_mentor[-2], to_mentor[-1]
    assert refused.error_code == 429 and delivered.ok
    assert delivered.timestamp - refused.timestamp >= 1.0
    assert time.monotonic() - started >= 1.0


async def test_blocked_user_is_marked_and_nothing_more_is_queued_for_them(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    await session_report(user, t, with_photo=False)
    (entry,) = await entries(world)
    await user.block()
    await mentor.click(data=rv("approve", entry.id))
    assert (await entries(world))[0].status == "approved"
    async with world.sessions() as session:
        participant = await session.get(User, user.id)
        assert participant is not None and participant.blocked_at is not None
        news = await session.scalar(select(OutboxMessage).where(OutboxMessage.key.startswith(f"decided:{entry.id}:")))
    assert news is not None and news.status == outbox.DROPPED and "blocked" in (news.error or "")
    await user.unblock()
    await user.send_command("start")
    async with world.sessions() as session:
        participant = await session.get(User, user.id)
        assert participant is not None and participant.blocked_at is None


async def test_permanent_bad_request_is_kept_with_its_reason_and_can_be_retried(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    world.emu.fail_next("sendMessage", 400, "Bad Request: chat not found", chat_id=MENTOR)
    await session_report(user, t, with_photo=False)
    assert alerts(mentor, t) == []
    async with world.sessions() as session:
        report = await outbox.status(session, world.clock())
    assert report.counts.get(outbox.FAILED) == 1
    assert report.failures[0].error == "Bad Request: chat not found"
    assert "chat not found" in render_status(report)
    async with world.sessions() as session, session.begin():
        assert await outbox.retry_failed(session, world.clock()) == 1
    await world.drain()
    assert len(alerts(mentor, t)) == 1


async def test_enqueue_is_idempotent_by_key(world: World) -> None:
    async with world.sessions() as session:
        for _ in range(3):
            await outbox.enqueue(
                session,
                key="reminder:1:2026-11-30",
                chat_id=MENTOR,
                kind="reminder",
                method="sendMessage",
                params={"text": "hi"},
                now=world.clock(),
            )
        await session.commit()
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


async def test_flood_control_loses_nothing_sends_nothing_twice_and_is_waited_out(world: World) -> None:
    """SEND_RATE set above what Telegram allows: its flood control answers 429, every sender waits
    `retry_after`, and each message still arrives exactly once."""
    chats = [9000 + n for n in range(24)]
    async with world.sessions() as session, session.begin():
        for n, chat in enumerate(chats):
            world.emu.user(chat)
            await outbox.enqueue(
                session,
                key=f"flood:{n}",
                chat_id=chat,
                kind="news",
                method="sendMessage",
                params={"text": f"flood {n}"},
                now=world.clock(),
            )
    world.emu.limits.global_per_second = 8
    floods = REGISTRY.get_sample_value("tosbelgi_telegram_429_total") or 0
    sent = REGISTRY.get_sample_value("tosbelgi_outbox_sends_total", {"outcome": outbox.SENT}) or 0
    try:
        await Sender(world.sessions, world.bot, make_limiter(world.storage, rate=40), world.clock).drain()
    finally:
        world.emu.limits.global_per_second = None
    calls = [c for c in world.emu.calls_to("sendMessage") if str(c.params.get("text", "")).startswith("flood")]
    delivered = [c for c in calls if c.ok]
    refused = [c for c in calls if c.error_code == 429]
    assert sorted(c.params["text"] for c in delivered) == sorted(f"flood {n}" for n in range(24))
    assert refused, "the emulator's flood control answered 429"
    assert REGISTRY.get_sample_value("tosbelgi_telegram_429_total") == floods + len(refused)
    assert REGISTRY.get_sample_value("tosbelgi_outbox_sends_total", {"outcome": outbox.SENT}) == sent + 24
    for no in refused:
        retry_after = int(re.findall(r"\d+", no.description or "")[-1])
        in_pause = [c for c in delivered if no.timestamp + 0.1 < c.timestamp < no.timestamp + retry_after - 0.05]
        assert in_pause == [], "nothing is sent while Telegram's retry_after runs, but what was already on the wire"
    async with world.sessions() as session:
        statuses = set(await session.scalars(select(OutboxMessage.status).where(OutboxMessage.key.like("flood:%"))))
    assert statuses == {outbox.SENT}


async def test_a_slow_answer_from_telegram_is_waited_for_and_the_message_sent_once(world: World) -> None:
    """A bot session that gives up after 1 s took Telegram's answer after 2 s for a failure and sent the message
    again; the sender waits `SEND_TIMEOUT` whatever the session's default."""
    world.emu.user(9100)
    async with world.sessions() as session, session.begin():
        await outbox.enqueue(
            session,
            key="slow:1",
            chat_id=9100,
            kind="news",
            method="sendMessage",
            params={"text": "slow"},
            now=world.clock(),
        )
    impatient = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(world.emu.base_url), timeout=1))
    world.emu.slow("sendMessage", 2)
    try:
        await Sender(world.sessions, impatient, make_limiter(world.storage), world.clock).drain()
    finally:
        world.emu.slow("sendMessage", 0)
        await impatient.session.close()
    assert [c.params.get("text") for c in world.emu.calls_to("sendMessage")] == ["slow"]
    async with world.sessions() as session:
        row = await session.scalar(select(OutboxMessage).where(OutboxMessage.key == "slow:1"))
    assert row is not None and row.status == outbox.SENT and row.attempts in (0, 1)
