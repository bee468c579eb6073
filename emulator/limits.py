"""Flood limits and injected faults: the failures a bot must survive in production, on demand."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from .errors import ApiError, too_many_requests

RATE_LIMITED_METHODS = frozenset(
    name.lower()
    for name in (
        "sendMessage", "sendPhoto", "sendDocument", "sendAudio", "sendVoice", "sendVideo", "sendVideoNote",
        "sendMediaGroup", "sendLocation", "sendContact", "copyMessage", "forwardMessage",
        "editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia",
    )
)  # fmt: skip
"""Methods that produce or change messages: the ones Telegram's flood control counts."""


@dataclass
class RateLimits:
    """Sliding one-second windows; ``None`` disables a limit (the default, for fast tests).

    Only calls made while a limit is enabled count towards it.
    """

    global_per_second: int | None = None
    per_chat_per_second: int | None = None
    _global: deque[float] = field(default_factory=deque, repr=False)
    _chats: dict[int, deque[float]] = field(default_factory=dict, repr=False)

    def check(self, method: str, chat_id: int | None, now: float) -> None:
        """Raise 429 if this call would exceed an enabled limit; otherwise count it."""
        if method.lower() not in RATE_LIMITED_METHODS:
            return
        windows = []
        if self.global_per_second is not None:
            windows.append((self._global, self.global_per_second))
        if self.per_chat_per_second is not None and chat_id is not None:
            windows.append((self._chats.setdefault(chat_id, deque()), self.per_chat_per_second))
        for window, limit in windows:
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= limit:
                raise too_many_requests(max(1, math.ceil(window[0] + 1.0 - now)))
        for window, _ in windows:
            window.append(now)


@dataclass
class Fault:
    method: str
    error: ApiError
    times: int
    chat_id: int | None


@dataclass
class Faults:
    """Errors queued by tests with ``fail_next``; each matching call consumes one."""

    pending: list[Fault] = field(default_factory=list)

    def add(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        times: int,
        retry_after: int | None,
        chat_id: int | None,
    ) -> None:
        error = ApiError(error_code, description, retry_after=retry_after)
        self.pending.append(Fault(method.lower(), error, times, chat_id))

    def take(self, method: str, chat_id: int | None) -> ApiError | None:
        for fault in self.pending:
            if fault.method == method.lower() and fault.chat_id in (None, chat_id):
                fault.times -= 1
                if fault.times <= 0:
                    self.pending.remove(fault)
                return ApiError(fault.error.error_code, fault.error.description, retry_after=fault.error.retry_after)
        return None
