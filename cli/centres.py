"""`tosbelgi centre approve | signed CODE`: the operator's record of a centre's approval and signed agreement.

From approval the centre has 10 working days to sign (R6.5); the scheduler warns its staff after 7 and
retires the centre after 10. Approving again (after the centre lost its registration) starts over.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from sqlalchemy import select

from core.settings import Settings
from core.workdays import add_working_days
from storage.db import create_engine, session_factory, upgrade
from storage.models import Centre


async def record(settings: Settings, code: str, action: str) -> int:
    await upgrade(settings.database_url)
    engine = create_engine(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with session_factory(engine)() as session, session.begin():
            centre = await session.scalar(select(Centre).where(Centre.code == code))
            if centre is None:
                print(f"no centre with code {code!r}", file=sys.stderr)
                return 2
            if action == "approve":
                centre.approved_at, centre.agreement_signed_at, centre.active = now, None, True
                deadline = add_working_days(now.astimezone(settings.zone).date(), 10)
                print(f"{code}: approved; the agreement must be signed by {deadline:%d.%m.%Y}")
            else:
                if centre.approved_at is None:
                    print(f"{code}: not approved yet; approve it first", file=sys.stderr)
                    return 2
                centre.agreement_signed_at = now
                print(f"{code}: agreement signed")
    finally:
        await engine.dispose()
    return 0
