"""What an orchestrator and a load balancer ask of an instance: liveness, readiness, and the webhook set once by
instances starting together."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, web
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from redis.asyncio import Redis

from bot.health import Health
from bot.runner import make_bot, set_webhook_once
from core.settings import Settings
from emulator import BotAPIEmulator
from storage import outbox
from storage.db import Database, head_revision
from tests.conftest import REDIS_URL
from tests.e2e.conftest import TOKEN, World
from tests.e2e.flows import first_contact


async def served(health: Health) -> AsyncIterator[str]:
    app = web.Application()
    health.register(app)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


async def get(url: str) -> tuple[int, Any]:
    async with ClientSession() as http, http.get(url) as response:
        return response.status, await response.json()


async def test_an_instance_with_its_stores_is_alive_and_ready(database_url: str, engine: Any) -> None:
    db = Database.open(database_url)
    redis = Redis.from_url(REDIS_URL) if REDIS_URL else None
    try:
        async for base in served(Health(db, head_revision(database_url), redis)):
            assert await get(f"{base}/healthz") == (200, {"status": "ok"})
            status, body = await get(f"{base}/readyz")
            assert status == 200 and body["status"] == "ready"
            assert body["checks"] == ({"database": "ok", "redis": "ok"} if redis else {"database": "ok"})
    finally:
        await db.close()
        if redis is not None:
            await redis.aclose()


async def test_an_instance_whose_stores_are_out_of_reach_or_behind_is_alive_but_not_ready(tmp_path: Path) -> None:
    missing = Database.open("postgresql+asyncpg://postgres@127.0.0.1:1/closed")
    unreachable = Redis.from_url("redis://127.0.0.1:1/0")
    try:
        async for base in served(Health(missing, "0021", unreachable)):
            assert (await get(f"{base}/healthz"))[0] == 200
            status, body = await get(f"{base}/readyz")
            assert status == 503 and body["status"] == "not ready"
            assert body["checks"]["database"].startswith("unreachable: ")
            assert body["checks"]["redis"].startswith("unreachable: ")
    finally:
        await missing.close()
        await unreachable.aclose()
    empty = Database.open(f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        async for base in served(Health(empty, "0021", None)):
            status, body = await get(f"{base}/readyz")
            assert status == 503 and body["checks"] == {"database": "schema at None, expected 0021"}
    finally:
        await empty.close()


@pytest.mark.skipif(not REDIS_URL, reason="instances share Redis; without it there is one instance")
async def test_instances_starting_together_set_the_webhook_once() -> None:
    async with BotAPIEmulator(TOKEN) as emu:
        settings = Settings(
            bot_token=SecretStr(TOKEN),
            telegram_api_base=emu.base_url,
            webhook_url=f"https://bot.example/{uuid.uuid4().hex}",
            webhook_secret="first",
        )
        redis = Redis.from_url(REDIS_URL or "")
        try:
            async with make_bot(settings) as bot:
                assert [await set_webhook_once(bot, settings, ["message"], redis) for _ in range(3)] == [
                    True,
                    False,
                    False,
                ]
                assert len(emu.calls_to("setWebhook")) == 1
                changed = settings.model_copy(update={"webhook_secret": "second"})
                assert await set_webhook_once(bot, changed, ["message"], redis) is True
                assert [c.params.get("secret_token") for c in emu.calls_to("setWebhook")] == ["first", "second"]
        finally:
            await redis.aclose()


async def test_a_single_instance_without_redis_sets_the_webhook_each_start() -> None:
    async with BotAPIEmulator(TOKEN) as emu:
        settings = Settings(
            bot_token=SecretStr(TOKEN), telegram_api_base=emu.base_url, webhook_url="https://bot.example/h"
        )
        async with make_bot(settings) as bot:
            assert await set_webhook_once(bot, settings, ["message"], None) is True
            assert await set_webhook_once(bot, settings, ["message"], None) is True
            (call, _) = emu.calls_to("setWebhook")
            assert call.params.get("max_connections") in (40, "40")


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_count_updates_by_type_and_read_the_outbox_depth(world: World, database_url: str) -> None:
    db = Database.open(database_url)
    try:
        async for base in served(Health(db, head_revision(database_url), None)):
            async with ClientSession() as http, http.get(f"{base}/metrics") as response:
                assert response.status == 200 and response.content_type == "text/plain"
                before = samples(await response.text())
            user = world.emu.user(9200, "M", language_code="en")
            await first_contact(user, "en")  # /start, then the language button
            async with world.sessions() as session, session.begin():
                for n in range(3):
                    await outbox.enqueue(
                        session,
                        key=f"depth:{n}",
                        chat_id=9200,
                        kind="news",
                        method="sendMessage",
                        params={"text": "x"},
                        now=world.clock(),
                    )
            async with ClientSession() as http, http.get(f"{base}/metrics") as response:
                after = samples(await response.text())
    finally:
        await db.close()

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    assert grew("tosbelgi_updates_total", type="message") == 1
    assert grew("tosbelgi_updates_total", type="callback_query") == 1
    assert grew("tosbelgi_update_seconds_count", type="message") == 1
    assert after[("tosbelgi_outbox_depth", (("status", "pending"),))] == 3
    assert not any("9200" in str(labels) for _, labels in after), "no user in a label"
