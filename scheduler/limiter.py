"""Telegram's send limits as slot reservations: an overall rate, a gap per chat, and a pause after 429.

Each send reserves the next free slot (one every 1/rate seconds, and not before the chat's previous
send plus the chat gap) and sleeps until it. Reserving rather than counting per window keeps the
rate smooth, so a sliding one-second window on Telegram's side never sees a burst. Slots are paced
at HEADROOM of the configured rate: a send arrives a few milliseconds early or late, and at exactly the
limit that jitter alone puts one send too many in some second, and each 429 stops every sender for
at least a second. With Redis the reservations live in Redis and every sender process shares one budget.
"""

from __future__ import annotations

import asyncio
import time
from abc import ABC, abstractmethod

from redis.asyncio import Redis

HEADROOM = 0.95
"""Share of the configured rate actually paced, and of the per-chat rate: the gap between two messages to
one chat is SEND_CHAT_INTERVAL / HEADROOM. Measured with bench/outbox.py on two cores shared by PostgreSQL,
Redis, the emulator and two senders: 0.97 and 0.98 still drew 429s, 0.95 drew none; a per-chat gap of
exactly the interval drew 429s whenever one chat had several messages waiting."""


class Limiter(ABC):
    """Reserve, sleep to the slot, and reserve again if a 429 pause began meanwhile: a send whose slot
    fell inside the pause takes a fresh slot after it instead of going out with all the others at once."""

    async def acquire(self, chat_id: int) -> None:
        """Returns when this chat may be sent to now."""
        while True:
            reserved, wait = await self._reserve(chat_id)
            await asyncio.sleep(wait)
            if not reserved:
                continue
            left = await self._paused_for()
            if left <= 0:
                return
            await asyncio.sleep(left)
            await self._forget(chat_id)

    @abstractmethod
    async def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody sends for `seconds`."""

    @abstractmethod
    async def _reserve(self, chat_id: int) -> tuple[bool, float]:
        """(reserved, seconds to wait). A chat still in its gap reserves nothing: it waits and asks again,
        so it never holds back the other chats' slots."""

    @abstractmethod
    async def _paused_for(self) -> float:
        """Seconds left of the current pause; zero or less when there is none."""

    @abstractmethod
    async def _forget(self, chat_id: int) -> None:
        """Drops the chat's gap: its reserved slot went to a pause, so nothing was sent in it."""


class MemoryLimiter(Limiter):
    """One process's budget, on the monotonic clock, so a wall-clock step cannot release or hold a slot."""

    def __init__(self, rate: float, chat_interval: float) -> None:
        self.step = 1.0 / (rate * HEADROOM)
        self.chat_interval = chat_interval / HEADROOM
        self.next_slot = 0.0
        self.paused_until = 0.0
        self.chats: dict[int, float] = {}

    def reserve_at(self, chat_id: int, now: float) -> tuple[bool, float]:
        ready = self.chats.get(chat_id, 0.0)
        if ready > now:
            return False, ready - now
        slot = max(now, self.paused_until, self.next_slot)
        self.next_slot = slot + self.step
        if self.chat_interval > 0:
            if len(self.chats) > 50_000:
                self.chats = {c: t for c, t in self.chats.items() if t > now}
            self.chats[chat_id] = slot + self.chat_interval
        return True, slot - now

    async def _reserve(self, chat_id: int) -> tuple[bool, float]:
        return self.reserve_at(chat_id, time.monotonic())

    async def _paused_for(self) -> float:
        return self.paused_until - time.monotonic()

    async def _forget(self, chat_id: int) -> None:
        self.chats.pop(chat_id, None)

    async def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, time.monotonic() + seconds)


NOW_MS = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
"""
RESERVE = (
    NOW_MS
    + """
local ready = tonumber(redis.call('GET', KEYS[2]) or '0')
if ready > now then return {0, string.format('%.17g', ready - now)} end
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[3]) or '0'))
redis.call('SET', KEYS[3], string.format('%.17g', slot + tonumber(ARGV[1])), 'PX', 60000)
local gap = tonumber(ARGV[2])
if gap > 0 then
  redis.call('SET', KEYS[2], string.format('%.17g', slot + gap), 'PX', math.ceil(slot - now + gap) + 1)
end
return {1, string.format('%.17g', slot - now)}
"""
)
"""KEYS: pause-until, the chat's next allowed time, the next free slot; ARGV: step and chat gap (ms).
Returns {reserved, wait in ms}, as Limiter._reserve. Times are Redis's own clock in ms, kept to a double's precision:
one clock for every process, and no slot in the past for a caller that was slow to reach Redis. (Lua's
`tostring` keeps 14 digits, 0.1 ms of an epoch in ms, which would round a 1.05 ms step to 1.1 ms.)"""
PAUSE = (
    NOW_MS
    + """
local ends = now + tonumber(ARGV[1])
if ends > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%.17g', ends), 'PX', math.ceil(tonumber(ARGV[1])) + 1)
end
"""
)
"""KEYS: pause-until; ARGV: the pause in ms. Extends the pause, never shortens it."""
PAUSED_FOR = NOW_MS + "return string.format('%.17g', tonumber(redis.call('GET', KEYS[1]) or '0') - now)"


class RedisLimiter(Limiter):
    """The budget shared by every sender process on one Redis."""

    def __init__(self, redis: Redis, rate: float, chat_interval: float, prefix: str = "tosbelgi:send") -> None:
        self.redis = redis
        self.step_ms = 1000.0 / (rate * HEADROOM)
        self.gap_ms = chat_interval * 1000.0 / HEADROOM
        self.prefix = prefix
        self.pause_key = f"{prefix}:pause"
        self.reserve = redis.register_script(RESERVE)
        self.extend_pause = redis.register_script(PAUSE)
        self.pause_left = redis.register_script(PAUSED_FOR)

    def _keys(self, chat_id: int) -> list[str]:
        return [self.pause_key, self._chat_key(chat_id), f"{self.prefix}:slot"]

    def _chat_key(self, chat_id: int) -> str:
        return f"{self.prefix}:chat:{chat_id}"

    async def _reserve(self, chat_id: int) -> tuple[bool, float]:
        reserved, wait_ms = await self.reserve(keys=self._keys(chat_id), args=[self.step_ms, self.gap_ms])
        return bool(int(reserved)), max(float(wait_ms), 0.0) / 1000

    async def _paused_for(self) -> float:
        return float(await self.pause_left(keys=[self.pause_key])) / 1000

    async def _forget(self, chat_id: int) -> None:
        await self.redis.delete(self._chat_key(chat_id))

    async def pause(self, seconds: float) -> None:
        await self.extend_pause(keys=[self.pause_key], args=[seconds * 1000])
