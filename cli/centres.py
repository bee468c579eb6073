"""`tosbelgi centre approve | signed CODE`: the operator's record of a centre's approval and signed agreement.

From approval the centre has 10 working days to sign (R6.5); the scheduler warns its staff after 7 and
retires the centre after 10. Approving again (after the centre lost its registration) starts over.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from core import centres
from core.errors import DomainError
from core.policy import Policy
from core.rules import load_rules
from core.settings import Settings
from locales.translations import Translations
from storage.db import Database, upgrade
from storage.holder import unit_of_work


async def record(settings: Settings, code: str, action: str) -> int:
    await upgrade(settings.database_url)
    db = Database.open(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with unit_of_work(db.sessions) as uow:
            if action == "approve":
                done = await centres.approve(uow, code, now, Policy.of(settings, load_rules(settings.rules_file)))
                print(f"{code}: approved; the agreement must be signed by {done.deadline:%d.%m.%Y}")
            else:
                await centres.signed(uow, code, now)
                print(f"{code}: agreement signed")
    except DomainError as error:
        print(Translations("en").translator("en")(error.key, **error.params), file=sys.stderr)
        return 2
    finally:
        await db.close()
    return 0
