"""Messages to someone other than the user who acted: written to the outbox, sent by scheduler/sender.py.

They are enqueued in the transaction of the change that causes them, so they are committed together
or not at all, and a failed delivery is retried instead of lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from aiogram.methods import SendMessage
from aiogram.methods.base import TelegramMethod
from aiogram.types import InlineKeyboardMarkup

from scheduler.sender import params_of
from storage import outbox
from storage.repository import Repository


def event_key(event: str, *ids: object) -> str:
    """A key for a one-off event; the transaction, not the key, makes it happen once."""
    return ":".join([event, *(str(i) for i in ids), uuid.uuid4().hex[:12]])


async def enqueue_calls(
    repo: Repository,
    calls: Sequence[TelegramMethod[Any]],
    *,
    key: str,
    chat_id: int,
    now: datetime,
    kind: str = "news",
    not_before: datetime | None = None,
) -> None:
    for n, call in enumerate(calls):
        await outbox.enqueue(
            repo.session,
            key=f"{key}:{n}" if len(calls) > 1 else key,
            chat_id=chat_id,
            kind=kind,
            method=call.__api_method__,
            params=params_of(call),
            now=now,
            not_before=not_before,
        )


async def notify(
    repo: Repository,
    chat_id: int,
    text: str,
    *,
    key: str,
    now: datetime,
    reply_markup: InlineKeyboardMarkup | None = None,
    kind: str = "news",
    not_before: datetime | None = None,
) -> None:
    """Queues one text message; the caller commits."""
    call = SendMessage(chat_id=chat_id, text=text, reply_markup=reply_markup)
    await enqueue_calls(repo, [call], key=key, chat_id=chat_id, now=now, kind=kind, not_before=not_before)
