"""Log lines as JSON for a collector, and exceptions reduced to their type and frames in both formats."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from monitoring.logs import JsonLines, TextLines

SECRET = "Абайұлы +77010000000"


def failed_record() -> logging.LogRecord:
    try:
        raise ValueError(f"bad value {SECRET}")
    except ValueError:
        return logging.getLogger("t").makeRecord(
            "t", logging.ERROR, __file__, 1, "update %s failed", (7,), sys.exc_info()
        )


def test_a_json_line_has_the_fields_and_no_exception_message() -> None:
    entry = json.loads(JsonLines().format(failed_record()))
    assert entry["level"] == "ERROR" and entry["logger"] == "t" and entry["message"] == "update 7 failed"
    assert entry["exception"] == "ValueError" and "failed_record" in entry["where"]
    assert entry["time"].endswith("+00:00")
    assert SECRET not in json.dumps(entry, ensure_ascii=False)


def test_a_text_line_shows_the_exception_without_its_message() -> None:
    line = TextLines().format(failed_record())
    assert "update 7 failed" in line and "ValueError at " in line and SECRET not in line


def test_the_command_logs_json_lines(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}", "LOG_FORMAT": "json"}
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "migrate"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    assert lines and all({"time", "level", "logger", "message"} <= set(entry) for entry in lines)
