"""The webhook endpoint: an update is acknowledged (2xx) only once its effects are stored, so Telegram delivers
again what a store out of reach kept from being saved."""

from __future__ import annotations

import hmac
import logging

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.delivery import Delivery
from storage.faults import out_of_reach

log = logging.getLogger(__name__)
PATH = "/webhook"


class UpdateEndpoint:
    """Handles the update before answering (Telegram waits up to a minute); aiogram's own handler answers
    first and handles after, or answers 200 whatever happened."""

    def __init__(self, dp: Dispatcher, bot: Bot, secret: str | None) -> None:
        self.dp = dp
        self.bot = bot
        self.secret = secret

    async def handle(self, request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if self.secret and not hmac.compare_digest(given.encode(), self.secret.encode()):
            return web.Response(status=401, text="Unauthorized")
        try:
            update = Update.model_validate(await request.json(), context={"bot": self.bot})
        except (ValueError, ValidationError):
            return web.Response(status=400, text="Not an update")
        delivery = Delivery()
        try:
            await self.dp.feed_update(self.bot, update, delivery=delivery)
        except Exception as exc:  # past the error handlers: only when telling the user failed as well
            log.error("update %s failed: %s", update.update_id, type(exc).__name__)
            return web.Response(status=503 if out_of_reach(exc) else 500, text="Failed")
        if delivery.again:
            return web.Response(status=503, text="Not stored yet")
        return web.json_response({})

    def register(self, app: web.Application) -> None:
        app.router.add_post(PATH, self.handle)
