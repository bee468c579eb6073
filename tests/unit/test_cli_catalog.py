"""`tosbelgi catalog import` and `tosbelgi invite create` from the command line."""

import sqlite3
from pathlib import Path

from tests.unit.test_cli import run_cli

HEADER = (
    "kind,code,region,locality,section,directions,name_kk,name_ru,name_en,author_kk,author_ru,author_en,institutions\n"
)


def test_bad_rows_reported_by_line_and_nothing_imported(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite3"
    url = f"sqlite+aiosqlite:///{db}"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "book,good-book,,,1,,Кітап,Книга,Book,А,А,A,\n"
        + "book,bad-section,,,7,,Кітап,Книга,Book,А,А,A,\n"
        + "partner,p1,nowhere,,,volunteering,П,П,P,,,,\n",
        encoding="utf-8",
    )
    result = run_cli("catalog", "import", str(bad), DATABASE_URL=url)
    assert result.returncode == 1
    assert "line 3:" in result.stderr and "line 4:" in result.stderr and "nothing imported" in result.stderr
    rows = sqlite3.connect(db).execute("select count(*) from books where code = 'good-book'").fetchone()
    assert rows == (0,)


def test_good_file_then_invitation(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'c.sqlite3'}"
    good = tmp_path / "centres.yaml"
    good.write_text(
        "regions: []\nbooks: []\npartners: []\ncentres:\n"
        "  - code: c1\n    name: {kk: Орталық, ru: Центр, en: Centre}\n    region: astana\n",
        encoding="utf-8",
    )
    migrated = run_cli("migrate", DATABASE_URL=url)
    assert migrated.returncode == 0
    missing = run_cli("catalog", "import", str(good), DATABASE_URL=url)
    assert missing.returncode == 1 and "astana" in missing.stderr  # no regions yet: the reference is unknown
    seeded = tmp_path / "seed.yaml"
    seeded.write_text("regions:\n  - code: astana\n    name: {kk: Астана, ru: Астана, en: Astana}\n", encoding="utf-8")
    assert run_cli("catalog", "import", str(seeded), DATABASE_URL=url).returncode == 0
    imported = run_cli("catalog", "import", str(good), DATABASE_URL=url)
    assert imported.returncode == 0 and "centres: 1" in imported.stdout
    link = run_cli(
        "invite", "create", "--role", "mentor", "--centre", "c1", "--bot-username", "tosbelgi_bot", DATABASE_URL=url
    )
    assert link.returncode == 0, link.stderr
    assert link.stdout.startswith("https://t.me/tosbelgi_bot?start=i_")
    unknown = run_cli(
        "invite", "create", "--role", "mentor", "--centre", "nope", "--bot-username", "x", DATABASE_URL=url
    )
    assert unknown.returncode == 2 and "nope" in unknown.stderr
    no_centre = run_cli("invite", "create", "--role", "mentor", "--bot-username", "x", DATABASE_URL=url)
    assert no_centre.returncode == 2 and "needs a programme centre" in no_centre.stderr
    no_expert = run_cli(
        "invite",
        "create",
        "--role",
        "mentor",
        "--centre",
        "c1",
        "--expert",
        "12345",
        "--bot-username",
        "x",
        DATABASE_URL=url,
    )
    assert no_expert.returncode == 2 and "no expert" in no_expert.stderr
    assert run_cli("catalog", "import", str(tmp_path / "none.csv"), DATABASE_URL=url).returncode == 2
