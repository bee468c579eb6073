"""Drains the outbox under Telegram's limits; the only place that sends what the outbox holds.

429 pauses every sender for `retry_after` and the row is tried again; network errors and 5xx back off
exponentially; 403 marks the user unreachable and drops what is queued for them; 400 is a permanent
failure kept with Telegram's reason. Results are written per batch, and `lanes` batches are in flight
at once, so claiming and recording one batch overlaps with sending the other instead of leaving the
rate budget idle between batches.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import (
    CopyMessage,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendVideo,
    SendVideoNote,
    SendVoice,
)
from aiogram.methods.base import TelegramMethod

from monitoring.metrics import FLOOD, SENDS
from scheduler.limiter import Limiter
from storage import outbox
from storage.holder import Sessions
from storage.models import OutboxMessage

log = logging.getLogger(__name__)
METHODS: dict[str, type[TelegramMethod]] = {  # type: ignore[type-arg]
    m.__api_method__: m
    for m in (SendMessage, SendPhoto, SendVideo, SendDocument, SendVoice, SendVideoNote, SendMediaGroup, CopyMessage)
}
MAX_BACKOFF = 600.0


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not isinstance(v, Default)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def params_of(call: TelegramMethod[Any]) -> dict[str, Any]:
    """A Bot API call as JSON the outbox can keep; unset defaults (parse mode) are applied when sent."""
    return _plain(call.model_dump(exclude_none=True, exclude={"chat_id"}))  # type: ignore[no-any-return]


SEND_TIMEOUT = 90
"""Seconds a send may wait for Telegram's answer, whatever the bot session's default: longer than Telegram takes
to answer, with an error if need be, so a slow answer is waited for rather than taken for a failure and sent
again. Under the lease, so no other sender claims the row meanwhile."""


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 ... seconds, capped at ten minutes."""
    return timedelta(seconds=min(2.0 ** (attempts + 1), MAX_BACKOFF))


class Sender:
    def __init__(
        self,
        sessions: Sessions,
        bot: Bot,
        limiter: Limiter,
        clock: Callable[[], datetime],
        *,
        batch: int = 100,
        concurrency: int = 32,
        lanes: int = 2,
        max_attempts: int = 10,
        lease: timedelta = timedelta(minutes=2),
        timeout: int = SEND_TIMEOUT,
    ) -> None:
        if lease <= timedelta(seconds=timeout):
            raise ValueError("the lease must outlast a send's timeout, or a slow send is claimed again")
        self.sessions = sessions
        self.bot = bot
        self.limiter = limiter
        self.clock = clock
        self.batch = batch
        self.slots = asyncio.Semaphore(concurrency)
        self.lanes = lanes
        self.max_attempts = max_attempts
        self.lease = lease
        self.timeout = timeout

    async def run_once(self) -> int:
        """Claims one batch of due rows, sends them, records the results; returns how many were claimed."""
        async with self.sessions() as session:
            rows = await outbox.claim(session, self.clock(), self.batch, self.lease)
        if not rows:
            return 0
        outcomes = await asyncio.gather(*(self._guarded(row) for row in rows))
        async with self.sessions() as session:
            await outbox.record(session, outcomes, self.clock())
        return len(rows)

    async def drain(self, stop: asyncio.Event | None = None) -> None:
        """Sends everything due now, or until `stop`; rows waiting for a later time stay. A lane that fails
        lets the others finish their batches (cancelling one mid-send could send its rows twice)."""

        async def lane() -> None:
            while await self.run_once() and not (stop and stop.is_set()):
                pass

        results = await asyncio.gather(*(lane() for _ in range(self.lanes)), return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result

    async def run(self, stop: asyncio.Event, wake: asyncio.Event, poll: float = 1.0) -> None:
        """Until `stop`: drain, then sleep until woken by a commit that enqueued, or `poll` seconds.
        The wake is cleared before draining, so a commit during the drain is not missed."""
        while not stop.is_set():
            wake.clear()
            try:
                await self.drain(stop)
            except Exception:
                log.exception("outbox sender failed; retrying")
            try:
                await asyncio.wait_for(wake.wait(), timeout=poll)
            except TimeoutError:
                pass

    async def _guarded(self, row: OutboxMessage) -> outbox.Outcome:
        async with self.slots:
            outcome = await self._send(row)
        SENDS.labels(outcome.status).inc()
        return outcome

    async def _send(self, row: OutboxMessage) -> outbox.Outcome:
        try:
            call = METHODS[row.method].model_validate({"chat_id": row.chat_id, **row.params})
        except (KeyError, ValueError) as exc:
            return outbox.Outcome(row.id, row.chat_id, outbox.FAILED, f"malformed row: {type(exc).__name__}")
        while True:
            await self.limiter.acquire(row.chat_id)
            try:
                await self.bot(call, request_timeout=self.timeout)
            except TelegramRetryAfter as exc:
                log.warning("429 from Telegram: pausing %s s", exc.retry_after)
                FLOOD.inc()
                await self.limiter.pause(exc.retry_after)
                continue
            except TelegramForbiddenError as exc:
                return outbox.Outcome(row.id, row.chat_id, outbox.DROPPED, exc.message)
            except TelegramBadRequest as exc:
                return outbox.Outcome(row.id, row.chat_id, outbox.FAILED, exc.message)
            except (TelegramNetworkError, TelegramAPIError) as exc:
                return self._retry(row, f"{type(exc).__name__}: {exc.message}")
            except Exception as exc:  # a broken row must not stop the batch
                log.exception("outbox row %s could not be sent", row.id)
                return self._retry(row, type(exc).__name__)
            return outbox.Outcome(row.id, row.chat_id, outbox.SENT)

    def _retry(self, row: OutboxMessage, error: str) -> outbox.Outcome:
        if row.attempts + 1 >= self.max_attempts:
            return outbox.Outcome(row.id, row.chat_id, outbox.FAILED, error)
        return outbox.Outcome(row.id, row.chat_id, outbox.PENDING, error, self.clock() + backoff(row.attempts))
