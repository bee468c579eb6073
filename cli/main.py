"""The `tosbelgi` command: run, migrate, catalog import/deactivate/reactivate, invite create, staff
assign-expert/assign-region/deactivate/reactivate, centre approve/signed, outbox status/retry, export, rules
show/set."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from core.settings import Settings
from monitoring.logs import configure as configure_logs

PRIVATE_FILES = 0o077
"""The umask of every command: the database file and anything else the bot writes is its owner's alone."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tosbelgi", description="Elbasy Badge programme bot")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="upgrade the schema and run the bot")
    commands.add_parser("migrate", help="upgrade the database schema to the newest revision")
    catalog = commands.add_parser("catalog", help="the catalogue of regions, books, partners, centres")
    catalog_cmd = catalog.add_subparsers(dest="action", required=True)
    importing = catalog_cmd.add_parser("import", help="import a CSV or YAML file")
    importing.add_argument("file", type=Path)
    importing.add_argument("--replace", action="store_true", help="retire items of the same kinds not in the file")
    for action, text in (
        ("deactivate", "stop offering an item to new applications; it stays where it is used"),
        ("reactivate", "offer a deactivated item again"),
    ):
        toggling = catalog_cmd.add_parser(action, help=text)
        toggling.add_argument("kind", choices=["book", "partner", "centre", "region"])
        toggling.add_argument("code")
    invite = commands.add_parser("invite", help="one-time invitation links for staff")
    invite_cmd = invite.add_subparsers(dest="action", required=True)
    create = invite_cmd.add_parser("create", help="print a deep link that binds the first account to open it")
    create.add_argument("--role", required=True, choices=["mentor", "expert", "coordinator", "centre", "operator"])
    create.add_argument("--centre", help="centre code (mentor, centre)")
    create.add_argument("--region", help="region code (coordinator)")
    create.add_argument("--expert", type=int, help="Telegram id of the expert who supervises the mentor")
    create.add_argument("--bot-username", help="the bot's username for the link (default: asks Telegram)")
    centre = commands.add_parser("centre", help="a programme centre's approval and signed agreement (R6.5)")
    centre_cmd = centre.add_subparsers(dest="action", required=True)
    for action, text in (
        ("approve", "record the approval; 10 working days to sign start"),
        ("signed", "record the signed agreement"),
    ):
        centre_cmd.add_parser(action, help=text).add_argument("code", help="centre code")
    staff = commands.add_parser("staff", help="assignments and deactivation of staff members (R6.6)")
    staff_cmd = staff.add_subparsers(dest="action", required=True)
    assigning = staff_cmd.add_parser("assign-expert", help="put a mentor under an active expert; both are told")
    assigning.add_argument("mentor", type=int, help="the mentor's Telegram id")
    assigning.add_argument("expert", type=int, help="the expert's Telegram id")
    assigning = staff_cmd.add_parser("assign-region", help="the region whose coordinator acts for an absent expert")
    assigning.add_argument("expert", type=int, help="the expert's Telegram id")
    assigning.add_argument("region", help="region code")
    for action, text in (
        ("deactivate", "remove the role; a mentor's or an expert's duties pass on as in an absence"),
        ("reactivate", "restore the role; duties passed on stay with whoever took them"),
    ):
        staff_cmd.add_parser(action, help=text).add_argument("user", type=int, help="the staff member's Telegram id")
    box = commands.add_parser("outbox", help="notifications waiting, sent and failed")
    box_cmd = box.add_subparsers(dest="action", required=True)
    box_cmd.add_parser("status", help="counts, the oldest waiting message and the latest failures")
    box_cmd.add_parser("retry", help="queue permanently failed messages again")
    rules = commands.add_parser("rules", help="the year's requirements and mandatory directions in force")
    rules_cmd = rules.add_subparsers(dest="action", required=True)
    rules_cmd.add_parser("show", help="print the rules in force as YAML")
    rules_cmd.add_parser("set", help="check a rules file and put it in force").add_argument("file", type=Path)
    exporting = commands.add_parser("export", help="participants, progress, ratings and backlog as XLSX or CSV")
    exporting.add_argument("--region", help="a region's code (default: the whole programme)")
    exporting.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    exporting.add_argument("--lang", choices=["kk", "ru", "en"], default="ru", help="the headers' language")
    exporting.add_argument("--out", type=Path, default=Path("."), help="the directory to write to")
    args = parser.parse_args(argv)
    os.umask(PRIVATE_FILES)
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        print(f"configuration error: {'.'.join(map(str, first['loc'])).upper()}: {first['msg']}", file=sys.stderr)
        return 2
    configure_logs(settings.log_level, settings.log_format)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    if args.command == "run":
        problem = settings.token_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 2
        gc.disable()  # start-up makes a million objects: collecting among them took a second; settle_heap resumes
        from bot.runner import run

        try:
            asyncio.run(run(settings))
        except KeyboardInterrupt:
            pass
        return 0
    if args.command == "migrate":
        from storage.db import upgrade

        asyncio.run(upgrade(settings.database_url))
        print("database schema is up to date")
        return 0
    if args.command == "catalog" and args.action == "import":
        return asyncio.run(import_catalog(settings, args.file, args.replace))
    if args.command == "centre":
        from cli.centres import record

        return asyncio.run(record(settings, args.code, args.action))
    return asyncio.run(with_current_schema(settings, args))


async def with_current_schema(settings: Settings, args: argparse.Namespace) -> int:
    """Commands that only read, or add a row, leave upgrading the schema to `tosbelgi migrate`."""
    from storage.db import schema_is_current

    if not await schema_is_current(settings.database_url):
        print("the database schema is not up to date: run `tosbelgi migrate` first", file=sys.stderr)
        return 2
    if args.command == "rules":
        from cli import rules

        return await (rules.show(settings) if args.action == "show" else rules.put(settings, args.file))
    if args.command == "export":
        from cli.export import export

        return await export(settings, args.region, args.format, args.lang, args.out)
    if args.command in ("staff", "catalog"):
        from cli import administration

        return await administration.run(settings, args)
    if args.command == "outbox":
        from cli import outbox

        return await (outbox.status(settings) if args.action == "status" else outbox.retry(settings))
    return await create_invite(settings, args)


async def import_catalog(settings: Settings, path: Path, replace: bool) -> int:
    from core.catalog import CatalogError
    from storage.catalog_files import load_catalog
    from storage.catalog_store import apply_catalog, known_regions
    from storage.db import Database, upgrade

    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    await upgrade(settings.database_url)
    db = Database.open(settings.database_url)
    try:
        async with db.sessions() as session, session.begin():
            try:
                catalog = load_catalog(path, known_regions=await known_regions(session))
            except (CatalogError, ValueError) as error:
                print(f"{path}: nothing imported\n{error}", file=sys.stderr)
                return 1
            counts = await apply_catalog(session, catalog, replace=replace)
    finally:
        await db.close()
    print(", ".join(f"{kind}: {n}" for kind, n in counts.items()))
    return 0


async def create_invite(settings: Settings, args: argparse.Namespace) -> int:
    """A one-time link printed for the operator; codes are resolved here so a typo is named in the error."""
    from core import invitations
    from core.errors import DomainError
    from core.policy import Policy, utc_now
    from core.programme import Role
    from core.rules import load_rules
    from locales.translations import Translations
    from storage.db import Database
    from storage.holder import unit_of_work

    db = Database.open(settings.database_url)
    try:
        async with unit_of_work(db.sessions) as uow:
            centre = await uow.catalogue.centre_by_code(args.centre) if args.centre else None
            if args.centre and centre is None:
                print(f"no centre with code {args.centre!r}", file=sys.stderr)
                return 2
            if args.region and await uow.catalogue.region(args.region) is None:
                print(f"no region with code {args.region!r}", file=sys.stderr)
                return 2
            expert = await uow.staff.get(args.expert) if args.expert else None
            if args.expert and (expert is None or expert.role != Role.EXPERT):
                print(f"no expert with Telegram id {args.expert}", file=sys.stderr)
                return 2
            try:
                payload = await invitations.invite(
                    uow,
                    None,
                    args.role,
                    utc_now(),
                    Policy.of(settings, load_rules(settings.rules_file)),
                    centre_id=centre.id if centre else None,
                    region_code=args.region,
                    expert_id=args.expert,
                )
            except DomainError as error:
                t = Translations("en").translator("en")
                print(f"cannot invite: {t(error.key, **error.params)}", file=sys.stderr)
                return 2
    finally:
        await db.close()
    username = args.bot_username or await bot_username(settings)
    print(f"https://t.me/{username}?start={payload}")
    return 0


async def bot_username(settings: Settings) -> str:
    """Asks Telegram; aiogram is imported only then, it takes seconds to load."""
    from bot.runner import make_bot

    async with make_bot(settings) as bot:
        return (await bot.me()).username or ""


if __name__ == "__main__":
    raise SystemExit(main())
