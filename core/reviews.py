"""Use cases of a diary entry's life: submit, mentor decision, resubmission, appeal, arbitration (R5.3, R6.3)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from core.diary import STEPS, media_needed
from core.entry_status import check_entry_transition
from core.errors import DomainError, NotAllowed
from core.ports import ApplicationRecord, Repository, StaffRecord
from core.programme import EntryKind, MediaKind
from core.programme import EntryStatus as E
from core.staff import check_acting_mentor, check_arbiter

DECISIONS = {"approve": E.APPROVED, "reject": E.REJECTED, "more": E.MORE_WORK}


class EntryRecord(Protocol):
    id: int
    application_id: int
    kind: str
    status: str
    step: str
    activity_date: Any
    submitted_at: datetime | None
    decided_at: datetime | None
    decided_by: int | None
    employer_confirmed_at: datetime | None
    reason: str | None
    appeal_reason: str | None
    appealed_at: datetime | None
    arbiter_reason: str | None


async def move(repo: Repository, entry: EntryRecord, target: E, actor: int | None, reason: str | None = None) -> None:
    current = E(entry.status)
    check_entry_transition(current, target)
    entry.status = target.value
    await repo.audit("entry", entry.id, actor, current.value, target.value, reason)


async def submit(repo: Repository, entry: EntryRecord, media: list[MediaKind], user_id: int, now: datetime) -> None:
    """A finished draft, or an entry the mentor asked more of, goes (back) to the mentor."""
    if entry.step != STEPS[EntryKind(entry.kind)][-1]:
        raise DomainError("error-entry-incomplete")
    missing = media_needed(EntryKind(entry.kind), media)
    if missing:
        raise DomainError(missing)
    await move(repo, entry, E.PENDING, user_id)
    entry.submitted_at = now


async def decide(
    repo: Repository,
    staff: StaffRecord | None,
    app: ApplicationRecord | None,
    entry: EntryRecord,
    decision: str,
    reason: str | None,
    now: datetime,
) -> None:
    await check_acting_mentor(repo, staff, app)
    assert staff is not None
    target = DECISIONS.get(decision)
    if target is None:
        raise DomainError("error-bad-button")
    if target == E.APPROVED and entry.kind == EntryKind.WORK and entry.employer_confirmed_at is None:
        raise DomainError("error-employer-not-confirmed")
    if target != E.APPROVED and not reason:
        raise DomainError("error-reason-required")
    await move(repo, entry, target, staff.user_id, reason)
    entry.decided_at = now
    entry.decided_by = staff.user_id
    entry.reason = reason


async def appeal(
    repo: Repository, app: ApplicationRecord, entry: EntryRecord, user_id: int, reason: str, now: datetime
) -> None:
    """The participant disputes a rejection; the mentor's expert will arbitrate (and the clock for
    escalating an undecided appeal starts)."""
    if app.user_id != user_id or entry.application_id != app.id:
        raise NotAllowed()
    await move(repo, entry, E.APPEALED, user_id, reason)
    entry.appeal_reason = reason
    entry.appealed_at = now


async def arbitrate(
    repo: Repository,
    expert: StaffRecord | None,
    mentor: StaffRecord | None,
    entry: EntryRecord,
    overturn: bool,
    reason: str,
    now: datetime,
) -> None:
    """The expert supervising the mentor (or the coordinator acting for them) upholds or overturns
    the mentor's decision (R6.3)."""
    await check_arbiter(repo, expert, mentor)
    assert expert is not None
    await move(repo, entry, E.OVERTURNED if overturn else E.UPHELD, expert.user_id, reason)
    entry.arbiter_reason = reason
    entry.decided_at = now
