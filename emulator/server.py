"""The emulator's HTTP face: Bot API routes, call log, flood limits and fault injection."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import web

from .delivery import Delivery
from .editing import Editing
from .errors import ApiError, method_not_found, unauthorized
from .limits import Faults, RateLimits
from .media import Media
from .messaging import Messaging
from .params import Handler, Params, read_request
from .profile import BotProfile, Profile
from .state import State, UserInfo
from .sync import Activity, Sync
from .users import FakeUser

_LONG_POLL = "getupdates"
"""Long polls say nothing about whether the bot is busy."""


@dataclass(frozen=True)
class ApiCall:
    method: str
    """Canonical name, e.g. ``sendMessage`` whatever case the bot used."""
    params: dict[str, Any]
    """Typed where the emulator read them; uploaded files as UploadInfo."""
    ok: bool
    result: Any
    error_code: int | None
    description: str | None
    timestamp: float
    via_webhook_reply: bool = False


class BotAPIEmulator:
    """A Bot API server for one bot token plus the users a test plays."""

    def __init__(
        self,
        token: str,
        *,
        bot_username: str = "tosbelgi_bot",
        bot_id: int | None = None,
        bot_name: str = "Tosbelgi",
        quiet_period: float = 0.05,
        sync_timeout: float = 5.0,
    ) -> None:
        self.token = token
        bot = UserInfo(bot_id or int(token.split(":")[0]), bot_name, username=bot_username, is_bot=True)
        self.state = State(bot)
        self.limits = RateLimits()
        self.calls: list[ApiCall] = []
        self._faults = Faults()
        self._latency: dict[str, float] = {}
        self._activity = Activity()
        self.delivery = Delivery(self._execute_reply)
        self.sync = Sync(self.delivery, self._activity, quiet_period=quiet_period, timeout=sync_timeout)
        self._profile = Profile(bot)
        self._users: dict[int, FakeUser] = {}
        handlers: dict[str, Handler] = {
            **Messaging(self.state).handlers(),
            **Editing(self.state).handlers(),
            **Media(self.state).handlers(),
            **self._profile.handlers(),
            **self.delivery.handlers(),
        }
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    @property
    def profile(self) -> BotProfile:
        return self._profile.data

    # -- lifecycle --------------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on ``host:port`` (0 = any free port); returns the base URL for TelegramAPIServer.from_base."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self.base_url = f"http://{bound_host}:{bound_port}"
        return self.base_url

    async def stop(self) -> None:
        await self.delivery.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # -- test-side API ----------------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Aruzhan",
        *,
        username: str | None = None,
        language_code: str | None = "ru",
        last_name: str | None = None,
    ) -> FakeUser:
        """The user with this id (created on first use); their private chat id equals ``user_id``."""
        if user_id not in self._users:
            info = UserInfo(user_id, first_name, last_name, username, language_code)
            chat = self.state.add_user(info)
            self._users[user_id] = FakeUser(chat, self.state, self.delivery, self.sync)
        return self._users[user_id]

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        times: int = 1,
        retry_after: int | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (to ``chat_id``, if given) fail with this error."""
        self._faults.add(method, error_code, description, times=times, retry_after=retry_after, chat_id=chat_id)

    @property
    def in_flight(self) -> list[str]:
        """Bot API methods being answered right now (long polls excluded)."""
        return list(self._activity.in_flight)

    def slow(self, method: str, seconds: float) -> None:
        """Answer every call of ``method`` only after ``seconds`` (0: at once again), as a slow Telegram would."""
        if seconds > 0:
            self._latency[method] = seconds
        else:
            self._latency.pop(method, None)

    async def redeliver(self, update_ids: list[int] | None = None) -> list[int]:
        """Deliver these updates again (by default those the webhook did not acknowledge), as Telegram does,
        and wait until they are handled; returns their ids."""
        if update_ids is None:
            update_ids = [u.update_id for u in self.delivery.unacknowledged]
            self.delivery.unacknowledged.clear()
        await self.sync.deliver(self.delivery.again(update_ids))
        return update_ids

    async def settle(self) -> None:
        """Wait until pending updates are handled and the bot stopped calling the API (quiet period)."""
        await self.sync.settle()

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    # -- HTTP -------------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._respond(unauthorized().payload())
        try:
            params = await read_request(request)
        except ApiError as error:
            return self._respond(error.payload())
        return self._respond(await self.execute(request.match_info["method"], params))

    @staticmethod
    def _respond(body: dict[str, Any]) -> web.Response:
        return web.json_response(body, status=200 if body["ok"] else body["error_code"])

    async def _download(self, request: web.Request) -> web.StreamResponse:
        stored = self.state.files.by_path(request.match_info["path"])
        if request.match_info["token"] != self.token or stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def execute(self, method: str, params: Params, *, via_webhook_reply: bool = False) -> dict[str, Any]:
        """Run one Bot API call and log it; returns Telegram's response body."""
        name, handler = self._handlers.get(method.lower(), (method, None))
        busy = name.lower() != _LONG_POLL
        if busy:
            self._activity.begin(name)
        try:
            if handler is None:
                raise method_not_found()
            if (latency := self._latency.get(name)) is not None:
                await asyncio.sleep(latency)
            chat_id = _chat_id(params)
            fault = self._faults.take(name, chat_id)
            if fault is not None:
                raise fault
            self.limits.check(name, chat_id, time.monotonic())
            body: dict[str, Any] = {"ok": True, "result": await handler(params)}
        except ApiError as error:
            body = error.payload()
        finally:
            if busy:
                self._activity.end(name)
        self.calls.append(
            ApiCall(
                method=name,
                params=params.logged(),
                ok=body["ok"],
                result=body.get("result"),
                error_code=body.get("error_code"),
                description=body.get("description"),
                timestamp=time.time(),
                via_webhook_reply=via_webhook_reply,
            )
        )
        return body

    async def _execute_reply(self, method: str, params: Params) -> None:
        await self.execute(method, params, via_webhook_reply=True)


def _chat_id(params: Params) -> int | None:
    try:
        return int(params.values["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None
