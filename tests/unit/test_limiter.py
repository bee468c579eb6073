"""The send budget: slots one 1/rate apart overall, a gap per chat, and a pause after 429 (shared through Redis)."""

from __future__ import annotations

import time
import uuid

import pytest
from redis.asyncio import Redis

from scheduler.limiter import RESERVE, MemoryLimiter
from tests.conftest import REDIS_URL


def test_slots_are_spaced_by_the_rate() -> None:
    limiter = MemoryLimiter(rate=10, chat_interval=0)
    waits = [limiter._reserve(chat, now=100.0) for chat in range(25)]
    assert waits == [(True, pytest.approx(n / 10)) for n in range(25)]


def test_a_chat_waits_its_gap_and_others_do_not() -> None:
    limiter = MemoryLimiter(rate=1000, chat_interval=1.0)
    assert limiter._reserve(1, now=100.0) == (True, 0)
    assert limiter._reserve(1, now=100.2) == (False, pytest.approx(0.8))
    assert limiter._reserve(2, now=100.2) == (True, pytest.approx(0.0))
    assert limiter._reserve(1, now=101.0) == (True, pytest.approx(0.0))


async def test_a_pause_holds_every_chat() -> None:
    limiter = MemoryLimiter(rate=1000, chat_interval=0)
    await limiter.pause(5)
    assert limiter._reserve(7, now=time.time()) == (True, pytest.approx(5, abs=0.1))


@pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL")
async def test_redis_reservations_are_shared() -> None:
    """Two clients reserve from one budget: together they get consecutive slots, never the same one."""
    assert REDIS_URL
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    first, second = Redis.from_url(REDIS_URL), Redis.from_url(REDIS_URL)
    try:
        scripts = [first.register_script(RESERVE), second.register_script(RESERVE)]
        now = time.time() * 1000
        waits = []
        for n in range(6):
            keys = [f"{prefix}:pause", f"{prefix}:chat:{n}", f"{prefix}:slot"]
            reserved, wait = await scripts[n % 2](keys=keys, args=[now, 100.0, 1000.0])
            waits.append((int(reserved), float(wait)))
        assert waits == [(1, pytest.approx(100.0 * n, abs=0.1)) for n in range(6)]
        keys = [f"{prefix}:pause", f"{prefix}:chat:1", f"{prefix}:slot"]
        reserved, wait = await scripts[0](keys=keys, args=[now + 200, 100.0, 1000.0])
        assert int(reserved) == 0 and float(wait) == pytest.approx(900.0, abs=0.1), (
            "chat 1 sent at +100 ms waits its 1 s gap"
        )
    finally:
        await first.aclose()
        await second.aclose()
