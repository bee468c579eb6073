"""`tosbelgi run` itself, unchanged, against the emulator via TELEGRAM_API_BASE: polling and webhook."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sqlite3
import sys
from pathlib import Path

import pytest
from aiohttp import ClientSession

from emulator import BotAPIEmulator
from tests.e2e.conftest import TOKEN, plain, tr


async def wait_for(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the bot did not start in time"
        await asyncio.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_env(emu: BotAPIEmulator, db: Path, webhook_port: int | None = None) -> dict[str, str]:
    """`tosbelgi run`'s environment: the emulator as Telegram, a SQLite file, no Redis; a webhook on the port."""
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": emu.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{db}",
        "REDIS_URL": "",
    }
    if webhook_port is not None:
        env |= {
            "WEBHOOK_URL": f"http://127.0.0.1:{webhook_port}/webhook",
            "WEBHOOK_PORT": str(webhook_port),
            "WEBHOOK_SECRET": "s3cret",
        }
    return env


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_run_migrates_and_answers(tmp_path: Path, mode: str) -> None:
    db = tmp_path / "run.sqlite3"
    async with BotAPIEmulator(TOKEN) as emu:
        port = free_port()
        env = run_env(emu, db, port if mode == "webhook" else None)
        ready = "setWebhook" if mode == "webhook" else "getUpdates"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "cli.main",
            "run",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await wait_for(lambda: emu.calls_to(ready))
            user = emu.user(9001, "Dana", language_code="en")
            await user.send_command("start")
            # A webhook is answered at once and handled after: on a busy machine the first update (first
            # connection to the database) can outlast the emulator's quiet period, so wait for the reply.
            await wait_for(lambda: bool(user.messages), timeout=30)
            assert plain(tr("en")("welcome")) in user.messages[0].text
            assert {c.params.get("language_code") for c in emu.calls_to("setMyCommands")} == {"kk", "ru", "en"}
            # The outbox sender runs beside the bot: a row written by another process goes out by itself.
            with sqlite3.connect(db) as conn:
                conn.execute(
                    "insert into outbox (key, chat_id, kind, method, params, status, attempts, not_before, created_at)"
                    " values ('runner-check', 9001, 'news', 'sendMessage', '{\"text\": \"queued elsewhere\"}',"
                    " 'pending', 0, '2000-01-01 00:00:00', '2000-01-01 00:00:00')"
                )
            await wait_for(lambda: any(m.text == "queued elsewhere" for m in user.messages), timeout=15)
            if mode == "webhook":
                async with ClientSession() as http, http.get(f"http://127.0.0.1:{port}/readyz") as ready:
                    assert ready.status == 200 and (await ready.json())["checks"] == {"database": "ok"}
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert b"Traceback" not in stderr
    assert sqlite3.connect(db).execute("select count(*) from regions").fetchone() == (20,)


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_sigterm_finishes_the_update_in_flight_and_exits_0(tmp_path: Path, mode: str) -> None:
    """An orchestrator stops the container with SIGTERM: the process exits 0, and first finishes the update it
    is handling (its reply held up by a slow Telegram), whose user is stored; a webhook server also answers it
    and closes its port. (By polling, this passes even without the wait: the reply reaches the emulator and the
    user is stored before the process would cancel the update, so `InFlight` is tested on its own.)"""
    port, db = free_port(), tmp_path / "run.sqlite3"
    async with BotAPIEmulator(TOKEN) as emu:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "cli.main",
            "run",
            env=run_env(emu, db, port if mode == "webhook" else None),
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await wait_for(lambda: emu.calls_to("setWebhook" if mode == "webhook" else "getUpdates"))
            user = emu.user(9002, "Dana", language_code="en")
            emu.slow("sendMessage", 1.5)
            started = asyncio.create_task(user.send_command("start"))
            await wait_for(lambda: "sendMessage" in emu.in_flight, timeout=30)
            process.send_signal(signal.SIGTERM)
            if mode == "webhook":
                await asyncio.wait_for(started, 30)
            else:  # the stopped poller never confirms the update; Telegram gives it to the next one, which skips it
                with contextlib.suppress(AssertionError):
                    await asyncio.wait_for(started, 30)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert plain(tr("en")("welcome")) in user.messages[0].text, "the update in flight was finished"
    assert sqlite3.connect(db).execute("select locale from users where id = 9002").fetchall() == [("en",)]
    assert b"Traceback" not in stderr
    if mode == "webhook":
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
