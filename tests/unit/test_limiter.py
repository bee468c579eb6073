"""The send budget: slots 1/rate apart overall (with headroom), a gap per chat, and a pause after 429 that
every waiting send respects, in one process and shared through Redis."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from scheduler.limiter import HEADROOM, RESERVE, Limiter, MemoryLimiter, RedisLimiter
from tests.conftest import REDIS_URL

needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL")


def test_slots_are_spaced_by_the_rate_less_the_headroom() -> None:
    limiter = MemoryLimiter(rate=10, chat_interval=0)
    waits = [limiter.reserve_at(chat, now=100.0) for chat in range(25)]
    assert waits == [(True, pytest.approx(n / (10 * HEADROOM))) for n in range(25)]
    assert waits[-1][1] * 10 / 24 == pytest.approx(1 / HEADROOM), "24 steps at 95% of 10/s"


def test_a_chat_waits_its_gap_and_others_do_not() -> None:
    """The gap has the same headroom as the rate: 1 s a chat is paced at 1/0.95 s, so jitter draws no 429."""
    gap = 1.0 / HEADROOM
    limiter = MemoryLimiter(rate=1000, chat_interval=1.0)
    assert limiter.reserve_at(1, now=100.0) == (True, 0)
    assert limiter.reserve_at(1, now=100.2) == (False, pytest.approx(gap - 0.2))
    assert limiter.reserve_at(2, now=100.2) == (True, pytest.approx(0.0))
    assert limiter.reserve_at(1, now=101.0) == (False, pytest.approx(gap - 1.0))
    assert limiter.reserve_at(1, now=100.0 + gap) == (True, pytest.approx(0.0))


async def test_a_pause_holds_every_chat() -> None:
    limiter = MemoryLimiter(rate=1000, chat_interval=0)
    await limiter.pause(5)
    assert limiter.reserve_at(7, now=time.monotonic()) == (True, pytest.approx(5, abs=0.1))


async def release_times(limiter: Limiter, chats: int, pause: float) -> list[float]:
    """Every chat reserves its slot, then a 429 pauses everyone: when does each send go out?"""
    released: list[float] = []

    async def send(chat: int) -> None:
        await limiter.acquire(chat)
        released.append(time.monotonic())

    started = time.monotonic()
    tasks = [asyncio.create_task(send(chat)) for chat in range(chats)]
    await asyncio.sleep(0.01)
    await limiter.pause(pause)
    await asyncio.gather(*tasks)
    return sorted(t - started for t in released)


async def assert_no_burst_after_pause(limiter: Limiter, step: float) -> None:
    """The n-th send goes out no earlier than n steps after the pause: measured from the pause, not between
    sends, so a send the event loop runs late (a busy machine) does not make the next gap look short."""
    released = await release_times(limiter, chats=5, pause=0.3)
    assert released[0] >= 0.3 - 0.02, "nothing goes out during the pause"
    early = [(n, t) for n, t in enumerate(released) if t < 0.3 - 0.02 + n * step * 0.8]
    assert not early, f"sends whose slots fell in the pause take fresh slots after it: {released}"


async def test_sends_waiting_through_a_pause_do_not_burst_when_it_ends() -> None:
    limiter = MemoryLimiter(rate=20 / HEADROOM, chat_interval=1.0)
    limiter.reserve_at(99, time.monotonic())  # the slot of the send that drew the 429
    await assert_no_burst_after_pause(limiter, step=0.05)


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    assert REDIS_URL
    client = Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()


@needs_redis
async def test_redis_reservations_are_shared(redis: Redis) -> None:
    """Two clients reserve from one budget on Redis's clock: together they get consecutive slots."""
    assert REDIS_URL
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    second = Redis.from_url(REDIS_URL)
    try:
        scripts = [redis.register_script(RESERVE), second.register_script(RESERVE)]
        started = time.monotonic()
        slots = []
        for n in range(6):
            keys = [f"{prefix}:pause", f"{prefix}:chat:{n}", f"{prefix}:slot"]
            reserved, wait = await scripts[n % 2](keys=keys, args=[100.0, 1000.0])
            slots.append((int(reserved), float(wait) + (time.monotonic() - started) * 1000))
        assert slots == [(1, pytest.approx(100.0 * n, abs=15)) for n in range(6)]
        keys = [f"{prefix}:pause", f"{prefix}:chat:1", f"{prefix}:slot"]
        reserved, wait = await scripts[0](keys=keys, args=[100.0, 1000.0])
        elapsed = (time.monotonic() - started) * 1000
        assert int(reserved) == 0 and float(wait) == pytest.approx(1100.0 - elapsed, abs=15), (
            "chat 1, sent at +100 ms, waits its 1 s gap"
        )
    finally:
        await second.aclose()


@needs_redis
async def test_redis_slots_keep_sub_millisecond_steps(redis: Redis) -> None:
    """At 950/s a step is 1.0526 ms: kept to a double's precision (0.25 µs of an epoch in ms), 100 steps
    make 105.26 ms, where rounding to 0.1 ms would make 110. A pause first puts every slot in the future,
    so the chain does not depend on how fast this test reaches Redis."""
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    limiter = RedisLimiter(redis, rate=950 / HEADROOM, chat_interval=0, prefix=prefix)
    await limiter.pause(1)
    await limiter._reserve(0)
    first = float(await redis.get(f"{prefix}:slot") or 0)
    for chat in range(1, 101):
        await limiter._reserve(chat)
    last = float(await redis.get(f"{prefix}:slot") or 0)
    assert last - first == pytest.approx(100 * 1000 / 950, abs=0.05)


@needs_redis
async def test_redis_sends_waiting_through_a_pause_do_not_burst_when_it_ends(redis: Redis) -> None:
    limiter = RedisLimiter(redis, rate=20 / HEADROOM, chat_interval=1.0, prefix=f"test-{uuid.uuid4().hex[:8]}")
    await limiter._reserve(99)
    await assert_no_burst_after_pause(limiter, step=0.05)


@needs_redis
async def test_a_pause_is_extended_never_shortened(redis: Redis) -> None:
    limiter = RedisLimiter(redis, rate=100, chat_interval=0, prefix=f"test-{uuid.uuid4().hex[:8]}")
    await limiter.pause(2)
    await limiter.pause(0.5)
    assert await limiter._paused_for() == pytest.approx(2, abs=0.1)
    assert (await limiter._reserve(1))[1] == pytest.approx(2, abs=0.1)
