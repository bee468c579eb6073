"""`tosbelgi run` itself, unchanged, in long-polling mode against the emulator via TELEGRAM_API_BASE."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from emulator import BotAPIEmulator
from tests.e2e.conftest import TOKEN, plain, tr


async def wait_for(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "the bot did not start polling in time"
        await asyncio.sleep(0.1)


async def test_run_polls_migrates_and_answers(tmp_path: Path) -> None:
    db = tmp_path / "run.sqlite3"
    async with BotAPIEmulator(TOKEN) as emu:
        base = emu.base_url
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE": base,
            "DATABASE_URL": f"sqlite+aiosqlite:///{db}",
            "REDIS_URL": "",
        }
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
            await wait_for(lambda: emu.calls_to("getUpdates"))
            user = emu.user(9001, "Dana", language_code="en")
            await user.send_command("start")
            assert plain(tr("en")("welcome")) in user.messages[0].text
            assert {c.params.get("language_code") for c in emu.calls_to("setMyCommands")} == {"kk", "ru", "en"}
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert b"Traceback" not in stderr
    regions = sqlite3.connect(db).execute("select count(*) from regions").fetchone()
    assert regions == (20,)
