"""`tosbelgi export [--region CODE] [--format xlsx|csv] [--lang kk|ru|en] [--out DIR]`: the operator's export of
participants with their progress, ratings by region and level and the review backlog, the same files the bot
sends. The shell is the operator's, so every region may be asked for."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from core import reports
from core.errors import NotAllowed
from core.policy import Policy
from core.rules import load_rules
from core.settings import Settings
from locales.translations import Translations
from media.exports import file_stem, sheets_of
from media.tables import csv_bytes, xlsx
from storage.db import Database
from storage.holder import unit_of_work


async def export(settings: Settings, region: str | None, fmt: str, lang: str, out: Path) -> int:
    if not out.is_dir():
        print(f"{out}: no such directory", file=sys.stderr)
        return 2
    policy = Policy.of(settings, load_rules(settings.rules_file))
    now = datetime.now(UTC)
    db = Database.open(settings.database_url)
    try:
        async with unit_of_work(db.sessions) as uow:
            try:
                scope = await reports.region_scope(uow, region)
            except NotAllowed:
                print(f"{region}: no such region", file=sys.stderr)
                return 2
            found = await reports.export(uow, scope, now, policy.today(now))
    finally:
        await db.close()
    t = Translations(lang).translator(lang)
    sheets = sheets_of(found, t, policy.zone)
    stem = out / file_stem(found)
    if fmt == "xlsx":
        written = [stem.with_suffix(".xlsx")]
        written[0].write_bytes(xlsx(sheets))
    else:
        written = [Path(f"{stem}-{part}.csv") for part in ("participants", "ratings", "backlog")]
        for path, sheet in zip(written, sheets, strict=True):
            path.write_bytes(csv_bytes(sheet))
    print(f"{len(found.participants)} participants: " + ", ".join(str(path) for path in written))
    return 0
