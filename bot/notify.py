"""Messages to someone other than the user who acted (mentor alerts, participant news).

A failed delivery never undoes the change that caused it: callers commit first.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

log = logging.getLogger(__name__)


async def notify(bot: Bot, chat_id: int, text: str, **kwargs: Any) -> bool:
    try:
        await bot.send_message(chat_id, text, **kwargs)
    except TelegramAPIError as exc:
        log.warning("notification not delivered: %s", type(exc).__name__)
        return False
    return True
