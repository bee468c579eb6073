"""Start-up refuses a missing or malformed BOT_TOKEN with one clear line, not a traceback."""

import os
import subprocess
import sys

import pytest


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, env={**clean, **env}, timeout=60
    )


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("", "BOT_TOKEN is not set"),
        ("not-a-token", "BOT_TOKEN is malformed"),
        ("123:short", "BOT_TOKEN is malformed"),
    ],
)
def test_bad_token_stops_with_one_line(token: str, expected: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("run", BOT_TOKEN=token, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/x.sqlite3")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_bad_setting_is_one_line() -> None:
    result = run_cli("migrate", TIMEZONE="Mars/Olympus")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "TIMEZONE" in result.stderr and "Traceback" not in result.stderr


def test_migrate_creates_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("migrate", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/m.sqlite3")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.sqlite3").exists()


def test_centre_approval_and_outbox_commands(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/cli.sqlite3"}
    centres = tmp_path / "centres.yaml"
    centres.write_text(
        "centres:\n  - code: astana-centre-1\n    name: {kk: Орталық, ru: Центр, en: Centre}\n    region: astana\n"
    )
    assert run_cli("catalog", "import", "core/data/catalog.yaml", **db).returncode == 0
    assert run_cli("catalog", "import", str(centres), **db).returncode == 0
    missing = run_cli("centre", "signed", "no-such-centre", **db)
    assert missing.returncode == 2 and "no centre" in missing.stderr
    early = run_cli("centre", "signed", "astana-centre-1", **db)
    assert early.returncode == 2 and "approve it first" in early.stderr
    approved = run_cli("centre", "approve", "astana-centre-1", **db)
    assert approved.returncode == 0 and "must be signed by" in approved.stdout
    assert run_cli("centre", "signed", "astana-centre-1", **db).stdout.strip() == "astana-centre-1: agreement signed"
    status = run_cli("outbox", "status", **db)
    assert status.returncode == 0 and status.stdout.startswith(
        "outbox: pending 0, sending 0, failed 0, dropped 0; sent in the last 24 hours 0"
    )
    retry = run_cli("outbox", "retry", **db)
    assert retry.returncode == 0 and "0 failed message(s) queued again" in retry.stdout


def test_reading_commands_leave_the_schema_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`outbox status` and `invite create` do not upgrade: an old schema is `tosbelgi migrate`'s to change."""
    db = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/old.sqlite3"}
    for command in (("outbox", "status"), ("invite", "create", "--role", "operator", "--bot-username", "x")):
        result = run_cli(*command, **db)
        assert result.returncode == 2 and "tosbelgi migrate" in result.stderr, result.stderr
    assert run_cli("migrate", **db).returncode == 0
    assert run_cli("outbox", "status", **db).returncode == 0
