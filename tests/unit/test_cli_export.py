"""`tosbelgi export`: the operator's files from the shell, read back cell by cell."""

import csv
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from tests.unit.test_cli import run_cli


def programme(tmp_path: Path) -> dict[str, str]:
    """A migrated database with the catalogue, a mentor and two active participants, in Astana and Almaty."""
    db = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/export.sqlite3"}
    assert run_cli("migrate", **db).returncode == 0
    assert run_cli("catalog", "import", "core/data/catalog.yaml", **db).returncode == 0
    with sqlite3.connect(tmp_path / "export.sqlite3") as conn:
        conn.executemany(
            "INSERT INTO users (id, locale, created_at) VALUES (?, 'ru', '2026-12-01 00:00:00')", [(1,), (2,), (3,)]
        )
        conn.execute(
            "INSERT INTO staff (user_id, role, full_name, active, joined_at, review_digest)"
            " VALUES (1, 'mentor', 'Тәлімгер Бір', 1, '2026-12-01 00:00:00', 0)"
        )
        for app_id, user_id, region, rating in ((10, 2, "astana", 33), (11, 3, "almaty-city", 0)):
            conn.execute(
                "INSERT INTO applications (id, user_id, status, step, programme_year, full_name, region_code, level,"
                " rating, directions, partners, confirmed_directions, mentor_id, activated_at, guardian_required,"
                " created_at, updated_at) VALUES (?, ?, 'active', 'done', 2026, ?, ?, 'bronze', ?,"
                " '[\"sport\", \"talent\", \"reading\"]', '{}', '[]', 1, '2026-11-02 05:00:00', 0,"
                " '2026-11-01 00:00:00', '2026-11-01 00:00:00')",
                (app_id, user_id, f"=Қатысушы {app_id}", region, rating),
            )
            for direction, percent in (("sport", 100 if rating else 0), ("talent", 0), ("reading", 0)):
                conn.execute(
                    "INSERT INTO progress (application_id, direction, percent, updated_at)"
                    " VALUES (?, ?, ?, '2026-12-01 00:00:00')",
                    (app_id, direction, percent),
                )
    return db


def test_an_xlsx_of_a_region_from_the_shell(tmp_path: Path) -> None:
    db = programme(tmp_path)
    result = run_cli("export", "--region", "astana", "--lang", "en", "--out", str(tmp_path), **db)
    assert result.returncode == 0, result.stderr
    (path,) = tmp_path.glob("tosbelgi-astana-*.xlsx")
    assert result.stdout.strip() == f"1 participants: {path}"
    book = load_workbook(path)
    rows = list(book["Participants"].iter_rows(values_only=True))
    assert rows[0][:9] == (
        "No.",
        "Full name",
        "Status",
        "Level",
        "Region",
        "Locality",
        "Mentor",
        "Activated on",
        "Personal rating, %",
    )
    assert rows[1][:7] == (10, "=Қатысушы 10", "active", "Bronze", "Astana city", None, "Тәлімгер Бір")
    assert rows[1][8] == 33 and rows[1][9:12] == (100, 0, 0)
    assert len(rows) == 2, "Almaty's participant is not in Astana's export"
    assert list(book["Ratings"].iter_rows(min_row=2, values_only=True)) == [("Astana city", "Bronze", 1, 33)]


def test_csv_of_everyone_and_a_region_that_does_not_exist(tmp_path: Path) -> None:
    db = programme(tmp_path)
    result = run_cli("export", "--format", "csv", "--out", str(tmp_path), **db)
    assert result.returncode == 0, result.stderr
    (participants,) = tmp_path.glob("tosbelgi-kazakhstan-*-participants.csv")
    table = list(csv.reader(participants.read_text(encoding="utf-8-sig").splitlines()))
    assert table[0][1] == "ФИО" and [row[1] for row in table[1:]] == ["'=Қатысушы 10", "'=Қатысушы 11"]
    assert [row[4] for row in table[1:]] == ["город Астана", "город Алматы"]
    wrong = run_cli("export", "--region", "atlantis", "--out", str(tmp_path), **db)
    assert wrong.returncode == 2 and wrong.stderr.strip().endswith("\natlantis: no such region")
