"""`tosbelgi staff ...` and `tosbelgi catalog deactivate | reactivate`: the operator's administration from the
shell, by the same use cases as the bot (`core/staff_admin.py`, `core/catalogue_admin.py`). Whoever must be
told is told through the outbox, in their own language, as from the bot."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core import catalogue_admin, staff_admin
from core.errors import DomainError
from core.notices import Notice
from core.policy import utc_now
from core.reminders import QuietHours
from core.settings import Settings
from locales.translations import Translations
from storage.db import Database
from storage.holder import Holder, unit_of_work


class Publisher:
    """The bot's renderer, loaded only when a change has news to queue: aiogram takes seconds to import."""

    def __init__(self, settings: Settings, translations: Translations) -> None:
        self.settings = settings
        self.translations = translations

    async def publish(self, uow: Holder, notices: Sequence[Notice]) -> int:
        from bot.notifications import OutboxPublisher

        quiet = QuietHours.parse(self.settings.quiet_hours)
        return await OutboxPublisher(self.translations, self.settings.zone, quiet, utc_now).publish(uow, notices)


async def run(settings: Settings, args: argparse.Namespace) -> int:
    """Prints what changed, or the refusal as the bot words it in English; 2 on a refusal."""
    translations = Translations(settings.default_locale)
    db = Database.open(settings.database_url)
    try:
        async with unit_of_work(db.sessions, Publisher(settings, translations)) as uow:
            print(await (staff(uow, args) if args.command == "staff" else catalogue(uow, args)))
    except DomainError as error:
        print(translations.translator("en")(error.key, **error.params), file=sys.stderr)
        return 2
    finally:
        await db.close()
    return 0


async def staff(uow: Holder, args: argparse.Namespace) -> str:
    now = utc_now()
    if args.action == "assign-expert":
        await staff_admin.assign_expert(uow, None, args.mentor, args.expert, now)
        return f"mentor {args.mentor}: supervised by expert {args.expert}"
    if args.action == "assign-region":
        await staff_admin.assign_region(uow, None, args.expert, args.region, now)
        return f"expert {args.expert}: region {args.region}"
    if args.action == "deactivate":
        changed = await staff_admin.deactivate(uow, None, args.user, now)
        handed = f"; duties pass to {changed.member.substitute_id}" if changed.notices else ""
        return f"{args.user}: deactivated{handed}"
    await staff_admin.reactivate(uow, None, args.user)
    return f"{args.user}: reactivated"


async def catalogue(uow: Holder, args: argparse.Namespace) -> str:
    active = args.action == "reactivate"
    await catalogue_admin.set_active(uow, None, args.kind, args.code, active)
    return f"{args.kind} {args.code}: {'offered again' if active else 'no longer offered'}"
