"""'I can't do it this week': the participant tells the mentor why, from the bot (R5.5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.diary import check_entry_text
from core.drafts import active_application
from core.errors import DomainError
from core.notices import Notice, WeekMissed
from core.policy import Policy
from core.ports import UnitOfWork
from core.reminders import week_start

REASONS = ("illness", "disaster", "bereavement", "no_internet", "other")
DETAILS_MIN, DETAILS_MAX = 3, 1000


def check_reason(reason: str) -> str:
    if reason not in REASONS:
        raise DomainError("error-bad-button")
    return reason


def check_details(text: str | None) -> str:
    return check_entry_text(text, limit=DETAILS_MAX, minimum=DETAILS_MIN)


@dataclass(frozen=True)
class Reported:
    notices: tuple[Notice, ...]


async def report(
    uow: UnitOfWork, user_id: int, reason: str, details: str | None, now: datetime, policy: Policy
) -> Reported:
    """Kept with the week it concerns, so the weekly nudge leaves that week alone; the mentor (or whoever
    acts for them) is told in the same transaction."""
    app = await active_application(uow, user_id)
    check_reason(reason)
    text = check_details(details) if reason == "other" else None
    await uow.journal.add_missed_week(app.id, reason, text, week_start(policy.today(now)))
    mentor = await uow.users.get(await uow.staff.acting_for(app.mentor_id or 0))
    notices = (WeekMissed(mentor.id, app.id, reason, text),) if mentor is not None else ()
    await uow.commit(notices)
    return Reported(notices)
