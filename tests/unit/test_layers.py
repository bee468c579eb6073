"""The shape docs/ARCHITECTURE.md describes, checked on the source: who may import what, and who commits."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offending(package: str, pattern: str) -> list[str]:
    found = re.compile(pattern, re.MULTILINE)
    return [
        f"{p.relative_to(ROOT)}:{m.group(0).strip()}" for p in sources(package) for m in found.finditer(p.read_text())
    ]


@pytest.mark.parametrize("package", ["bot", "scheduler", "core"])
def test_no_sqlalchemy_outside_storage(package: str) -> None:
    assert offending(package, r"^\s*(from|import) sqlalchemy\b.*$") == []


@pytest.mark.parametrize("package", ["core", "storage", "media"])
def test_no_telegram_below_the_bot(package: str) -> None:
    assert offending(package, r"^\s*(from|import) (aiogram|bot)\b.*$") == []


@pytest.mark.parametrize("package", ["bot", "scheduler"])
def test_handlers_and_ticks_never_commit(package: str) -> None:
    """Use cases commit (core/); the bot and the scheduler only call them."""
    assert offending(package, r"\.commit\(") == []


def test_core_imports_no_other_layer() -> None:
    assert offending("core", r"^\s*(from|import) (storage|scheduler|cli|emulator|media)\b.*$") == []
