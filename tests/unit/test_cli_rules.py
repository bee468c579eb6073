"""`tosbelgi rules show | set`: the operator's rules from the shell, checked as the bot checks them."""

from pathlib import Path

import yaml

from tests.unit.test_cli import run_cli


def test_rules_shown_changed_and_refused(tmp_path: Path) -> None:
    db = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/rules.sqlite3"}
    assert run_cli("migrate", **db).returncode == 0
    shown = run_cli("rules", "show", **db)
    assert shown.returncode == 0 and "the shipped rules of 2026" in shown.stderr
    rules = yaml.safe_load(shown.stdout)
    assert rules["year"] == 2026 and rules["weekly_minutes"] == 60

    rules["weekly_minutes"] = 45
    changed = tmp_path / "rules.yaml"
    changed.write_text(yaml.safe_dump(rules, allow_unicode=True))
    done = run_cli("rules", "set", str(changed), **db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("the rules of 2026 are in force; 0 progress rows")
    shown = run_cli("rules", "show", **db)
    assert "put in force on" in shown.stderr and yaml.safe_load(shown.stdout)["weekly_minutes"] == 45

    rules["year"] = 2025
    changed.write_text(yaml.safe_dump(rules, allow_unicode=True))
    older = run_cli("rules", "set", str(changed), **db)
    assert older.returncode == 1 and older.stderr.strip().endswith("the rules of 2026 are in force already.")
    missing = run_cli("rules", "set", str(tmp_path / "none.yaml"), **db)
    assert missing.returncode == 2 and "no such file" in missing.stderr
