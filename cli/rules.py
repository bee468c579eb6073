"""`tosbelgi rules show | set FILE`: the year's requirements and mandatory directions in force (R3.5, R6.6).
`set` checks the file as the bot does (the rules file's format, every active participant's plan) and puts it in
force; running bots adopt it on their next tick."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from core import programme_rules
from core.errors import DomainError
from core.policy import Policy
from core.rules import load_rules
from core.settings import Settings
from locales.translations import Translations
from storage.db import Database
from storage.holder import unit_of_work


async def show(settings: Settings) -> int:
    shipped = load_rules(settings.rules_file)
    db = Database.open(settings.database_url)
    try:
        async with unit_of_work(db.sessions) as uow:
            rules, since = await programme_rules.in_force(uow, shipped)
            policy = Policy.of(settings, rules)
            policy.adopt(rules, since)
            text = await programme_rules.current_text(uow, None, policy, shell=True)
    finally:
        await db.close()
    if text is None:
        path = settings.rules_file or resources.files("core.data.rules") / f"{rules.year}.yaml"
        text = path.read_text(encoding="utf-8")
        print(f"# the shipped rules of {rules.year}", file=sys.stderr)
    else:
        print(f"# put in force on {since:%Y-%m-%d %H:%M} UTC", file=sys.stderr)
    print(text, end="" if text.endswith("\n") else "\n")
    return 0


async def put(settings: Settings, path: Path) -> int:
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    db = Database.open(settings.database_url)
    try:
        async with unit_of_work(db.sessions) as uow:
            rules, since = await programme_rules.in_force(uow, load_rules(settings.rules_file))
            policy = Policy.of(settings, rules)
            policy.adopt(rules, since)
            try:
                done = await programme_rules.put_in_force(
                    uow, None, path.read_bytes(), datetime.now(UTC), policy, shell=True
                )
            except DomainError as error:
                print(f"{path}: " + Translations("en").translator("en")(error.key, **error.params), file=sys.stderr)
                return 1
    finally:
        await db.close()
    print(
        f"the rules of {done.rules.year} are in force; {done.recounted} progress rows are made again by the running"
        " bots, which adopt the rules within a tick"
    )
    return 0
