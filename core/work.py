"""The employer confirms a participant's work-experience report through a one-time link (R5.2).

The link is made when the report is submitted (`core/drafts.py`); a resubmitted report gets a new one
and the old one stops working. The mentor cannot approve a work report until it is confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.errors import DomainError
from core.links import EMPLOYER, consume, refuse_staff, valid_link
from core.notices import Notice, WorkConfirmed, WorkConfirmedForMentor
from core.ports import ApplicationRecord, EntryRecord, LinkRecord, UnitOfWork
from core.programme import EntryKind, EntryStatus

OPEN_FOR_CONFIRMATION = (EntryStatus.PENDING.value, EntryStatus.MORE_WORK.value)
EMPLOYER_CONFIRMED = "employer confirmed"
"""The audit reason of the employer's confirmation: fixed, never their name or phone."""


@dataclass(frozen=True)
class Report:
    entry: EntryRecord
    app: ApplicationRecord
    link: LinkRecord
    notices: tuple[Notice, ...] = ()


async def report(uow: UnitOfWork, token: str, user_id: int, now: datetime) -> Report:
    """The report a live employer link points to; refuses used, expired, forged links, the participant and
    any staff account (a mentor cannot confirm their own participant's work)."""
    link = await valid_link(uow, EMPLOYER, token, now)
    entry = await uow.entries.get(int(link.payload["entry_id"]), for_update=True)
    if (
        entry is None
        or entry.kind != EntryKind.WORK.value
        or entry.employer_confirmed_at is not None
        or entry.status not in OPEN_FOR_CONFIRMATION
    ):
        raise DomainError("error-link-invalid")
    app = await uow.applications.get(entry.application_id, for_update=True)
    if app is None:
        raise DomainError("error-link-invalid")
    if app.user_id == user_id:
        raise DomainError("error-employer-is-participant")
    await refuse_staff(uow, user_id, "error-employer-is-staff")
    return Report(entry, app, link)


async def confirm(uow: UnitOfWork, token: str, user_id: int, name: str, phone: str, now: datetime) -> Report:
    """Stores who confirmed and when and uses up the link; the participant and the reviewer are told. The
    audit keeps the confirming account as the actor; the entry's status does not change (from = to)."""
    found = await report(uow, token, user_id, now)
    entry, app = found.entry, found.app
    entry.employer_name = name
    entry.employer_phone = phone
    entry.employer_confirmed_at = now
    consume(found.link, user_id, now)
    await uow.audit.add("entry", entry.id, user_id, entry.status, entry.status, EMPLOYER_CONFIRMED)
    notices: list[Notice] = []
    if app.user_id:
        notices.append(WorkConfirmed(app.user_id, entry.id))
    notices.append(WorkConfirmedForMentor(await uow.staff.acting_for(app.mentor_id or 0), entry.id))
    await uow.commit(notices)
    return Report(entry, app, found.link, tuple(notices))
