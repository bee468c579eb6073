"""`tosbelgi staff ...` and `tosbelgi catalog deactivate | reactivate` from the command line (R6.6)."""

import sqlite3
from pathlib import Path

from tests.unit.test_cli import run_cli

MENTOR, EXPERT, OTHER_EXPERT, COORDINATOR = 100, 200, 201, 300


def prepared(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A migrated database with the shipped catalogue, a centre in Astana and a small team."""
    db = tmp_path / "admin.sqlite3"
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{db}"}
    assert run_cli("catalog", "import", "core/data/catalog.yaml", **env).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute(
            "insert into centres (code, name_kk, name_ru, name_en, region_code, institutions, active)"
            " values ('c1', 'Орталық', 'Центр', 'Centre', 'astana', '[]', 1)"
        )
        for user_id, role, name, expert, region in (
            (EXPERT, "expert", "Expert One", None, None),
            (OTHER_EXPERT, "expert", "Expert Two", None, None),
            (MENTOR, "mentor", "Mentor One", EXPERT, None),
            (COORDINATOR, "coordinator", "Coordinator", None, "astana"),
        ):
            conn.execute(
                "insert into users (id, locale, created_at) values (?, 'en', '2026-11-30 06:00:00')", (user_id,)
            )
            conn.execute(
                "insert into staff (user_id, role, full_name, centre_id, region_code, expert_id, active, joined_at,"
                " review_digest) values (?, ?, ?, ?, ?, ?, 1, '2026-11-30 06:00:00', 0)",
                (user_id, role, name, 1 if role == "mentor" else None, region, expert),
            )
    return env, db


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_assignments_tell_whoever_they_concern(tmp_path: Path) -> None:
    env, db = prepared(tmp_path)
    moved = run_cli("staff", "assign-expert", str(MENTOR), str(OTHER_EXPERT), **env)
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.strip() == f"mentor {MENTOR}: supervised by expert {OTHER_EXPERT}"
    assert query(db, f"select expert_id from staff where user_id = {MENTOR}") == [(OTHER_EXPERT,)]
    assert sorted(query(db, "select chat_id from outbox")) == [(MENTOR,), (OTHER_EXPERT,)]
    to_mentor = run_cli("staff", "assign-expert", str(MENTOR), str(MENTOR), **env)
    assert to_mentor.returncode == 2 and "Choose an active expert" in to_mentor.stderr
    not_mentor = run_cli("staff", "assign-expert", str(EXPERT), str(OTHER_EXPERT), **env)
    assert not_mentor.returncode == 2 and "not a mentor" in not_mentor.stderr
    region = run_cli("staff", "assign-region", str(EXPERT), "abai", **env)
    assert region.returncode == 0 and query(db, f"select region_code from staff where user_id = {EXPERT}") == [
        ("abai",)
    ]
    unknown = run_cli("staff", "assign-region", str(EXPERT), "atlantis", **env)
    assert unknown.returncode == 2 and "region" in unknown.stderr


def test_deactivation_passes_duties_on(tmp_path: Path) -> None:
    env, db = prepared(tmp_path)
    gone = run_cli("staff", "deactivate", str(MENTOR), **env)
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.strip() == f"{MENTOR}: deactivated; duties pass to {EXPERT}"
    assert query(db, f"select active, substitute_id from staff where user_id = {MENTOR}") == [(0, EXPERT)]
    assert query(db, "select chat_id from outbox") == [(EXPERT,)]
    again = run_cli("staff", "deactivate", str(MENTOR), **env)
    assert again.returncode == 2 and "no longer valid" in again.stderr
    back = run_cli("staff", "reactivate", str(MENTOR), **env)
    assert back.returncode == 0 and query(db, f"select active from staff where user_id = {MENTOR}") == [(1,)]
    nobody = run_cli("staff", "deactivate", "12345", **env)
    assert nobody.returncode == 2 and "no staff member" in nobody.stderr


def test_catalogue_items_retired_and_restored(tmp_path: Path) -> None:
    env, db = prepared(tmp_path)
    retired = run_cli("catalog", "deactivate", "book", "auezov-path-of-abai", **env)
    assert retired.returncode == 0 and "no longer offered" in retired.stdout
    assert query(db, "select active from books where code = 'auezov-path-of-abai'") == [(0,)]
    restored = run_cli("catalog", "reactivate", "book", "auezov-path-of-abai", **env)
    assert restored.returncode == 0
    assert query(db, "select active from books where code = 'auezov-path-of-abai'") == [(1,)]
    assert run_cli("catalog", "deactivate", "book", "no-such-book", **env).returncode == 2
    assert run_cli("catalog", "deactivate", "staff", "astana", **env).returncode == 2
