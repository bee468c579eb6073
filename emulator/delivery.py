"""Getting updates to the bot: the getUpdates queue with long polling, or POSTs to its webhook."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientError, ClientResponse, ClientSession, ClientTimeout, MultipartReader

from .errors import ApiError
from .params import Handler, Params, read_multipart

NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
"""Update types Telegram sends only when listed in allowed_updates."""
MAX_BATCH = 100

ReplyExecutor = Callable[[str, Params], Awaitable[None]]


@dataclass
class PendingUpdate:
    update_id: int
    kind: str
    payload: dict[str, Any]
    fetched: bool = False
    """Returned by getUpdates at least once (but maybe not confirmed yet)."""
    done: asyncio.Event = field(default_factory=asyncio.Event)
    """Confirmed by a later getUpdates offset, or answered by the webhook."""

    def describe(self) -> str:
        return f"update {self.update_id} ({self.kind})"


@dataclass
class Webhook:
    url: str
    secret_token: str | None
    last_error_date: int | None = None
    last_error_message: str | None = None


class Delivery:
    def __init__(self, execute_reply: ReplyExecutor) -> None:
        self.queue: list[PendingUpdate] = []
        self.allowed_updates: list[str] | None = None
        self.webhook: Webhook | None = None
        self._execute_reply = execute_reply
        self._update_ids = itertools.count(700_000_001)
        self._changed = asyncio.Event()
        self._poller = 0
        self._closing = False
        self._webhook_lock = asyncio.Lock()
        self._http: ClientSession | None = None
        self.retry_failed = False
        """Like Telegram, keep an update the webhook did not acknowledge (non-2xx, no answer) for `redeliver`,
        instead of raising to the test."""
        self.unacknowledged: list[PendingUpdate] = []
        self.posted: dict[int, PendingUpdate] = {}
        """Every update POSTed to the webhook, by id, so a test can deliver one again."""

    def handlers(self) -> dict[str, Handler]:
        return {
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
        }

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def push(self, kind: str, body: dict[str, Any]) -> PendingUpdate | None:
        """Queue an update; None if the bot's allowed_updates filter drops it, as Telegram would."""
        allowed = self.allowed_updates
        dropped = (kind not in allowed) if allowed else (kind in NOT_BY_DEFAULT)
        if dropped:
            return None
        update_id = next(self._update_ids)
        update = PendingUpdate(update_id, kind, {"update_id": update_id, kind: body})
        self.queue.append(update)
        self._notify()
        return update

    def _confirm(self, offset: int | None) -> None:
        if not offset:
            return
        if offset < 0:
            confirmed, self.queue = self.queue[:offset], self.queue[offset:]
        else:
            confirmed = [u for u in self.queue if u.update_id < offset]
            self.queue = [u for u in self.queue if u.update_id >= offset]
        for update in confirmed:
            update.done.set()

    async def get_updates(self, p: Params) -> Any:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        limit = min(max(p.get_int("limit") or MAX_BATCH, 1), MAX_BATCH)
        if (allowed := p.get_json("allowed_updates")) is not None:
            self.allowed_updates = allowed
        self._confirm(p.get_int("offset"))
        self._poller += 1
        poller = self._poller
        self._notify()  # an older long poll ends with 409, like a second bot instance's would
        deadline = time.monotonic() + (p.get_int("timeout") or 0)
        while not self.queue and not self._closing and (remaining := deadline - time.monotonic()) > 0:
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                break
            if self._poller != poller:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                )
        batch = self.queue[:limit]
        for update in batch:
            update.fetched = True
        return [update.payload for update in batch]

    async def set_webhook(self, p: Params) -> bool:
        url = p.get_str("url")
        if (allowed := p.get_json("allowed_updates")) is not None:
            self.allowed_updates = allowed
        if p.get_bool("drop_pending_updates"):
            self._drop_pending()
        self.webhook = Webhook(url, p.get_str("secret_token")) if url else None
        self._notify()
        return True

    async def delete_webhook(self, p: Params) -> bool:
        if p.get_bool("drop_pending_updates"):
            self._drop_pending()
        self.webhook = None
        return True

    def _drop_pending(self) -> None:
        for update in self.queue:
            update.done.set()
        self.queue.clear()

    async def get_webhook_info(self, p: Params) -> Any:
        info: dict[str, Any] = {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.queue),
        }
        if self.webhook:
            info["max_connections"] = 40
            info["ip_address"] = "127.0.0.1"
            if self.webhook.last_error_date is not None:
                info["last_error_date"] = self.webhook.last_error_date
                info["last_error_message"] = self.webhook.last_error_message
        if self.allowed_updates:
            info["allowed_updates"] = self.allowed_updates
        return info

    async def wait_confirmed(self, updates: list[PendingUpdate], deadline: float) -> None:
        """Polling mode: wait until the bot confirmed each update through a later getUpdates offset."""
        for update in updates:
            try:
                await asyncio.wait_for(update.done.wait(), max(deadline - time.monotonic(), 0))
            except TimeoutError:
                state = "was fetched but never confirmed" if update.fetched else "was never fetched by getUpdates"
                raise AssertionError(
                    f"{update.describe()} {state} in time; is the bot polling this emulator?"
                ) from None

    def again(self, update_ids: list[int]) -> list[PendingUpdate]:
        """Queue these updates again, unchanged (same update_id), first: what Telegram does after a failed or
        slow answer."""
        repeated = [PendingUpdate(u, self.posted[u].kind, self.posted[u].payload) for u in update_ids]
        self.queue[:0] = repeated
        self._notify()
        return repeated

    async def flush_webhook(self, deadline: float) -> None:
        """Webhook mode: POST queued updates in order, each awaiting the bot's HTTP answer.

        A failed delivery is recorded in getWebhookInfo and raised to the test at once; unlike
        Telegram the update is not retried, so one crash does not poison the following steps. With
        `retry_failed` it is kept in `unacknowledged` instead, for the test to deliver again.
        """
        async with self._webhook_lock:
            while self.queue and (webhook := self.webhook) is not None:
                update = self.queue.pop(0)
                try:
                    await self._post(webhook, update, deadline)
                finally:
                    update.done.set()

    async def _post(self, webhook: Webhook, update: PendingUpdate, deadline: float) -> None:
        self.posted[update.update_id] = update
        if self._http is None:
            self._http = ClientSession()
        headers = {"X-Telegram-Bot-Api-Secret-Token": webhook.secret_token} if webhook.secret_token else {}
        timeout = ClientTimeout(total=max(deadline - time.monotonic(), 0.001))
        try:
            async with self._http.post(webhook.url, json=update.payload, headers=headers, timeout=timeout) as response:
                if response.status >= 300:
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
                else:
                    await self._run_reply(response)
                    return
        except (ClientError, TimeoutError) as failure:
            error = f"Connection failed: {type(failure).__name__}: {failure}"
        webhook.last_error_date = int(time.time())
        webhook.last_error_message = error
        if self.retry_failed:
            self.unacknowledged.append(update)
            return
        raise AssertionError(f"webhook {webhook.url} failed on {update.describe()}: {error}")

    async def _run_reply(self, response: ClientResponse) -> None:
        """Execute a method the bot returned in the webhook response body (aiogram's reply-into-webhook)."""
        if response.content_type == "multipart/form-data":
            params = await read_multipart(MultipartReader(response.headers, response.content))
        elif response.content_type == "application/json":
            body = await response.json()
            params = Params(dict(body) if isinstance(body, dict) else {})
        else:
            return
        method = params.values.pop("method", None)
        if method:
            await self._execute_reply(str(method), params)

    async def close(self) -> None:
        self._closing = True
        self._notify()
        if self._http is not None:
            await self._http.close()
