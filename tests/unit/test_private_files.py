"""The SQLite database, its journal files and whatever the bot writes are readable by their owner only,
whatever umask the process was started with; statement parameters never reach the logs."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import Database, upgrade


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_migrate_creates_a_private_database(tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    clean = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    result = subprocess.run(
        ["/bin/sh", "-c", f'umask 022 && exec "{sys.executable}" -m cli.main migrate'],
        capture_output=True,
        text=True,
        env={**clean, "DATABASE_URL": f"sqlite+aiosqlite:///{database}", "LOG_LEVEL": "DEBUG"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    files = sorted(tmp_path.glob("data/bot.sqlite3*"))
    assert files and all(mode(f) == 0o600 for f in files), {f.name: oct(mode(f)) for f in files}


async def test_an_engine_opened_in_process_creates_a_private_file(tmp_path: Path) -> None:
    """Also without the command's umask (the tests' and a library user's way of starting the bot)."""
    database = tmp_path / "bot.sqlite3"
    url = f"sqlite+aiosqlite:///{database}"
    previous = os.umask(0o022)
    try:
        await upgrade(url)
        db = Database.open(url)
        async with db.sessions() as session:
            await session.execute(text("INSERT INTO users (id, locale, created_at) VALUES (1, 'kk', '2026-12-02')"))
            await session.commit()
            files = sorted(tmp_path.glob("bot.sqlite3*"))
            assert {f.name for f in files} >= {"bot.sqlite3", "bot.sqlite3-wal"}
            assert all(mode(f) == 0o600 for f in files), {f.name: oct(mode(f)) for f in files}
        await db.close()
    finally:
        os.umask(previous)


@pytest.mark.parametrize("configured", [logging.DEBUG, logging.INFO, logging.WARNING])
async def test_statement_parameters_stay_out_of_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, configured: int
) -> None:
    for name in ("aiosqlite", "sqlalchemy.engine"):
        logging.getLogger(name).setLevel(logging.NOTSET)
    caplog.set_level(configured)
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.sqlite3"
    await upgrade(url)
    db = Database.open(url)
    async with db.sessions() as session:
        await session.execute(
            text("INSERT INTO users (id, locale, created_at) VALUES (:id, 'kk', :at)"),
            {"id": 987123, "at": "2026-12-02 Qzx-secret"},
        )
        await session.commit()
    await db.close()
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert "Qzx-secret" not in logged and "987123" not in logged
    assert logging.getLogger("aiosqlite").getEffectiveLevel() >= max(logging.INFO, configured)
