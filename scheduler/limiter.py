"""Telegram's send limits as slot reservations: an overall rate, a gap per chat, and a pause after 429.

Each send reserves the next free slot (one every 1/rate seconds, and not before the chat's previous
send plus the chat gap) and sleeps until it. Reserving rather than counting per window keeps the
rate smooth, so a sliding one-second window on Telegram's side never sees a burst. With Redis the
reservations live in Redis and every sender process shares one budget.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from redis.asyncio import Redis


class Limiter(Protocol):
    async def acquire(self, chat_id: int) -> None:
        """Returns when this chat may be sent to now."""

    async def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody sends for `seconds`."""


class MemoryLimiter:
    """One process's budget."""

    def __init__(self, rate: float, chat_interval: float) -> None:
        self.step = 1.0 / rate
        self.chat_interval = chat_interval
        self.next_slot = 0.0
        self.paused_until = 0.0
        self.chats: dict[int, float] = {}

    def _reserve(self, chat_id: int, now: float) -> tuple[bool, float]:
        """(reserved, seconds to wait). A chat still in its gap reserves nothing: it waits and asks again,
        so it never holds back the other chats' slots."""
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

    async def acquire(self, chat_id: int) -> None:
        while True:
            reserved, wait = self._reserve(chat_id, time.time())
            await asyncio.sleep(wait)
            if reserved:
                break
        while (left := self.paused_until - time.time()) > 0:
            await asyncio.sleep(left)

    async def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, time.time() + seconds)


RESERVE = """
local now = tonumber(ARGV[1])
local ready = tonumber(redis.call('GET', KEYS[2]) or '0')
if ready > now then return {0, tostring(ready - now)} end
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[3]) or '0'))
redis.call('SET', KEYS[3], tostring(slot + tonumber(ARGV[2])), 'PX', 60000)
local gap = tonumber(ARGV[3])
if gap > 0 then
  redis.call('SET', KEYS[2], tostring(slot + gap), 'PX', math.ceil(slot - now + gap) + 1)
end
return {1, tostring(slot - now)}
"""
"""KEYS: pause-until, the chat's next allowed time, the next free slot; ARGV: now, step and chat gap (ms).
Returns {reserved, wait in ms}, with the same meaning as MemoryLimiter._reserve."""


class RedisLimiter:
    """The budget shared by every sender process on one Redis; times are milliseconds since the epoch."""

    def __init__(self, redis: Redis, rate: float, chat_interval: float, prefix: str = "tosbelgi:send") -> None:
        self.redis = redis
        self.step_ms = 1000.0 / rate
        self.gap_ms = chat_interval * 1000.0
        self.prefix = prefix
        self.reserve = redis.register_script(RESERVE)

    async def _paused_for(self) -> float:
        until = await self.redis.get(f"{self.prefix}:pause")
        return (float(until) - time.time() * 1000) / 1000 if until else 0.0

    async def acquire(self, chat_id: int) -> None:
        keys = [f"{self.prefix}:pause", f"{self.prefix}:chat:{chat_id}", f"{self.prefix}:slot"]
        while True:
            reserved, wait_ms = await self.reserve(keys=keys, args=[time.time() * 1000, self.step_ms, self.gap_ms])
            await asyncio.sleep(max(float(wait_ms), 0.0) / 1000)
            if int(reserved):
                break
        while (left := await self._paused_for()) > 0:
            await asyncio.sleep(left)

    async def pause(self, seconds: float) -> None:
        until = time.time() * 1000 + seconds * 1000
        key = f"{self.prefix}:pause"
        current = await self.redis.get(key)
        if current is None or float(current) < until:
            await self.redis.set(key, str(until), px=int(seconds * 1000) + 1)
