"""Each update handled once across instances: Telegram delivers an update again after a slow or failed answer,
perhaps to another instance behind the load balancer.

Two records, each for what the other cannot see: a short-lived claim in Redis (in memory on one process) that
says an update is being handled or was handled lately, and the `handled_updates` row that the update's first
commit stores with its effects (`Holder.commit`). The claim keeps two instances from handling a duplicate at the
same time and skips one answered lately without reading the database; the row is the truth when the claim is
gone (expired, or the instance holding it died after its commit)."""

from __future__ import annotations

import enum
import logging
import time
from typing import Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from redis.asyncio import Redis

from bot.delivery import Delivery
from bot.middlewares import Handler
from monitoring.metrics import UPDATES_SKIPPED
from storage.holder import Holder

log = logging.getLogger(__name__)
BUSY_SECONDS = 90
"""How long a claim holds while its update is handled: longer than Telegram waits for an answer (60 s). An
instance that died mid-update before storing it has its update handled again when Telegram delivers it after
this; one that died after storing it has it skipped at once (the `handled_updates` row)."""
DONE_SECONDS = 3600
"""How long a handled update is skipped without reading the database."""


class Claim(enum.Enum):
    NEW = "new"
    BUSY = "busy"
    DONE = "done"


class Claims(Protocol):
    async def claim(self, update_id: int) -> Claim:
        """NEW (and now claimed), BUSY (another handler has it) or DONE."""
        ...

    async def done(self, update_id: int) -> None: ...

    async def drop(self, update_id: int) -> None:
        """The handling failed: a delivery again is handled."""
        ...


class RedisClaims:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self.redis = redis
        self.prefix = prefix

    def _key(self, update_id: int) -> str:
        return f"{self.prefix}:{update_id}"

    async def claim(self, update_id: int) -> Claim:
        if await self.redis.set(self._key(update_id), Claim.BUSY.value, nx=True, ex=BUSY_SECONDS):
            return Claim.NEW
        state = await self.redis.get(self._key(update_id))
        return Claim.DONE if state in (Claim.DONE.value, Claim.DONE.value.encode()) else Claim.BUSY

    async def done(self, update_id: int) -> None:
        await self.redis.set(self._key(update_id), Claim.DONE.value, ex=DONE_SECONDS)

    async def drop(self, update_id: int) -> None:
        await self.redis.delete(self._key(update_id))


class MemoryClaims:
    """One process without Redis: claims in a dict, expired ones dropped as it grows."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.clock = clock
        self.claims: dict[int, tuple[Claim, float]] = {}

    async def claim(self, update_id: int) -> Claim:
        now = self.clock()
        held = self.claims.get(update_id)
        if held is not None and held[1] > now:
            return held[0]
        if len(self.claims) > 10_000:
            self.claims = {k: v for k, v in self.claims.items() if v[1] > now}
        self.claims[update_id] = (Claim.BUSY, now + BUSY_SECONDS)
        return Claim.NEW

    async def done(self, update_id: int) -> None:
        self.claims[update_id] = (Claim.DONE, self.clock() + DONE_SECONDS)

    async def drop(self, update_id: int) -> None:
        self.claims.pop(update_id, None)


class OncePerUpdate(BaseMiddleware):
    """Skips an update handled before, answers "deliver again" for one another handler holds and has not
    stored, and lets the first commit record the update (after `DbSessionMiddleware`, which gives the unit of
    work)."""

    def __init__(self, claims: Claims) -> None:
        self.claims = claims

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        update_id = event.update_id
        state = await self.claims.claim(update_id)
        if state is Claim.DONE:
            return self._skipped(update_id, "handled")
        uow: Holder = data["uow"]
        try:
            if await uow.updates.handled(update_id):  # its claim lapsed, or its instance died after committing
                await self.claims.done(update_id)
                return self._skipped(update_id, "handled")
            if state is Claim.BUSY:  # still handled elsewhere, or its instance died before committing
                delivery: Delivery | None = data.get("delivery")
                if delivery is not None:
                    delivery.again = True
                return self._skipped(update_id, "busy")
            uow.update = (update_id, data["policy"].now())
            result = await handler(event, data)
        except BaseException:
            if state is Claim.NEW:
                await self._forget(update_id)
            raise
        await self.claims.done(update_id)
        return result

    @staticmethod
    def _skipped(update_id: int, reason: str) -> None:
        log.info("update %s skipped: %s", update_id, reason)
        UPDATES_SKIPPED.labels(reason).inc()

    async def _forget(self, update_id: int) -> None:
        try:
            await self.claims.drop(update_id)
        except Exception as exc:  # Redis went away too: the claim expires by itself
            log.warning("could not drop the claim of update %s: %s", update_id, type(exc).__name__)
