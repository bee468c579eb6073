"""A fast stand-in for the Bot API, for throughput benchmarks: every method answers at once, and is counted.

Run as ``python -m bench.fakeapi --port 0``: it prints ``ready <port>`` and serves until its stdin closes. Each
``/bot<token>/<method>`` call gets ``{"ok": true, "result": ...}``: a Message for send*, edit* and forward*
(with the chat and text the bot sent), a MessageId for copyMessage, the bot for getMe, a File for getFile and
true for anything else (answerCallbackQuery, setWebhook, setMyCommands, ...). Nothing is kept but counts,
which ``GET /stats`` returns: calls per method, and how many answerCallbackQuery calls were alerts (the bot's
way of reporting a refused or failed button). Unlike `emulator/`, it checks nothing and records no call, so
it costs a few hundred microseconds a call and never becomes what a benchmark measures.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import time
from collections import Counter
from typing import Any

from aiohttp import web

MESSAGE_METHODS = ("send", "edit", "forward")
DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class FakeBotAPI:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.alerts = 0
        self.message_ids = itertools.count(1)

    def bot_user(self, token: str) -> dict[str, Any]:
        bot_id = int(token.split(":")[0])
        return {"id": bot_id, "is_bot": True, "first_name": "Bench", "username": "bench_bot", "can_join_groups": True}

    def message(self, token: str, params: Any) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 1)
        message_id = int(params.get("message_id") or next(self.message_ids))
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "User"},
            "from": self.bot_user(token),
        }
        if text := params.get("text"):
            message["text"] = text
        elif caption := params.get("caption"):
            message["caption"] = caption
        return message

    async def handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = await request.post() if request.can_read_body else {}
        self.calls[method] += 1
        result: Any = True
        if method.startswith(MESSAGE_METHODS) and method != "sendChatAction":
            result = self.message(token, params)
            if method == "sendMediaGroup":
                result = [result]
        elif method == "copyMessage":
            result = {"message_id": next(self.message_ids)}
        elif method == "getMe":
            result = self.bot_user(token)
        elif method == "getFile":
            file_id = str(params.get("file_id") or "file")
            result = {"file_id": file_id, "file_unique_id": file_id[:16], "file_size": 1024, "file_path": "f/1"}
        elif method == "answerCallbackQuery" and params.get("show_alert") in ("true", "True", "1"):
            self.alerts += 1
        return web.Response(body=DUMPS({"ok": True, "result": result}), content_type="application/json")

    async def stats(self, _request: web.Request) -> web.Response:
        return web.json_response({"calls": dict(self.calls), "alerts": self.alerts})


def application(api: FakeBotAPI) -> web.Application:
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    app.router.add_get("/stats", api.stats)
    return app


async def serve(host: str, port: int) -> None:
    runner = web.AppRunner(application(FakeBotAPI()), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port, backlog=1024)
    await site.start()
    print(f"ready {runner.addresses[0][1]}", flush=True)
    try:
        await asyncio.to_thread(sys.stdin.read)
    finally:
        await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fakeapi", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="0.0.0.0: also for containers (bench.updates --compose)")
    parser.add_argument("--port", type=int, default=0, help="0: any free port (printed)")
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
