"""Knowing when the bot is done, so tests assert on a settled world instead of sleeping."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from .delivery import Delivery, PendingUpdate

_POLL_STEP = 0.005


class Activity:
    """Bot API calls in flight and when the last one started or ended (long polls excluded)."""

    def __init__(self) -> None:
        self.in_flight: list[str] = []
        self.last_change = time.monotonic()

    def begin(self, method: str) -> None:
        self.in_flight.append(method)
        self.last_change = time.monotonic()

    def end(self, method: str) -> None:
        self.in_flight.remove(method)
        self.last_change = time.monotonic()


class Sync:
    """Waits for an update to be handled.

    Webhook mode: the bot's HTTP answer means it finished (aiogram with handle_in_background=False).
    Polling mode: the update must be confirmed by a later getUpdates offset, then the bot must make
    no API call for ``quiet_period`` seconds. Everything gives up after ``timeout`` seconds.
    """

    def __init__(self, delivery: Delivery, activity: Activity, *, quiet_period: float, timeout: float) -> None:
        self.delivery = delivery
        self.activity = activity
        self.quiet_period = quiet_period
        self.timeout = timeout
        self.after_update: list[Callable[[], Awaitable[None]]] = []
        """Run once the bot has handled a user's action: e.g. a test draining the bot's outbox."""

    async def _after(self) -> None:
        for hook in self.after_update:
            await hook()

    async def deliver(self, updates: list[PendingUpdate]) -> None:
        if not updates:
            return
        deadline = time.monotonic() + self.timeout
        if self.delivery.webhook is not None:
            await self.delivery.flush_webhook(deadline)
        else:
            await self.delivery.wait_confirmed(updates, deadline)
            await self.quiet(deadline)
        await self._after()

    async def settle(self) -> None:
        """Deliver everything pending, then wait until the bot stops calling the API."""
        deadline = time.monotonic() + self.timeout
        if self.delivery.webhook is not None:
            await self.delivery.flush_webhook(deadline)
        else:
            await self.delivery.wait_confirmed(list(self.delivery.queue), deadline)
        await self.quiet(deadline)
        await self._after()

    async def quiet(self, deadline: float) -> None:
        since = time.monotonic()
        while True:
            now = time.monotonic()
            idle = now - max(since, self.activity.last_change)
            if not self.activity.in_flight and idle >= self.quiet_period:
                return
            if now >= deadline:
                busy = ", ".join(self.activity.in_flight) or "none in flight, but calls kept coming"
                raise AssertionError(f"the bot did not go quiet within {self.timeout}s (API calls: {busy})")
            step = _POLL_STEP if self.activity.in_flight else self.quiet_period - idle
            await asyncio.sleep(max(min(step, deadline - now), 0.001))
