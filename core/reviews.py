"""Use cases of a submitted entry: the mentor's decision, the participant's appeal, the arbitration (R5.3, R6.3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from core import analytics
from core.access import check_acting_mentor, check_arbiter, check_arbiter_for, own_entry
from core.entry_status import check_entry_transition
from core.errors import DomainError, NotAllowed
from core.notices import AppealDecided, AppealToArbiter, EntryDecided, Notice
from core.policy import Policy
from core.ports import ApplicationRecord, EntryRecord, StaffRecord, UnitOfWork
from core.programme import EntryKind
from core.programme import EntryStatus as E

DECISIONS = {"approve": E.APPROVED, "reject": E.REJECTED, "more": E.MORE_WORK}
Reason = str | Callable[[str], str]
"""A typed reason, or a common one given as its text in a language (the participant's)."""


async def move(uow: UnitOfWork, entry: EntryRecord, target: E, actor: int | None, reason: str | None = None) -> None:
    """Every status change goes through the state machine and leaves an audit row."""
    current = E(entry.status)
    check_entry_transition(current, target)
    entry.status = target.value
    await uow.audit.add("entry", entry.id, actor, current.value, target.value, reason)


@dataclass(frozen=True)
class Reviewed:
    app: ApplicationRecord
    entry: EntryRecord
    notices: tuple[Notice, ...] = ()


async def reviewable(uow: UnitOfWork, staff: StaffRecord | None, entry_id: int) -> Reviewed:
    """A pending entry, locked, that this staff member may decide: the mentor or whoever acts for them."""
    entry, app = await uow.entries.locked(entry_id) or (None, None)
    await check_acting_mentor(uow, staff, app)
    assert entry is not None and app is not None
    if entry.status != E.PENDING.value:
        raise DomainError("error-already-decided")
    return Reviewed(app, entry)


async def decide(
    uow: UnitOfWork,
    staff: StaffRecord | None,
    entry_id: int,
    decision: str,
    reason: Reason | None,
    now: datetime,
    policy: Policy,
) -> Reviewed:
    """Approve, reject or ask for more (R5.3); the participant is told in their language. An approval
    rewrites the participant's figures in the same transaction."""
    app, entry = (found := await reviewable(uow, staff, entry_id)).app, found.entry
    assert staff is not None
    target = DECISIONS.get(decision)
    if target is None:
        raise DomainError("error-bad-button")
    if target == E.APPROVED and entry.kind == EntryKind.WORK and entry.employer_confirmed_at is None:
        raise DomainError("error-employer-not-confirmed")
    participant = await uow.users.get(app.user_id or 0)
    text = reason(participant.locale if participant else "kk") if callable(reason) else reason
    if target != E.APPROVED and not text:
        raise DomainError("error-reason-required")
    await move(uow, entry, target, staff.user_id, text)
    entry.decided_at = now
    entry.decided_by = staff.user_id
    entry.reason = text
    if target == E.APPROVED:
        await analytics.refresh(uow, app, policy, now)
    notices: tuple[Notice, ...] = ()
    if participant is not None:
        notices = (EntryDecided(participant.id, entry.id, entry.status),)
    await uow.commit(notices)
    return Reviewed(app, entry, notices)


async def check_appealable(uow: UnitOfWork, user_id: int, entry_id: int) -> None:
    """Only a rejected entry of one's own can be appealed."""
    if (await own_entry(uow, user_id, entry_id))[1].status != E.REJECTED.value:
        raise DomainError("error-stale-button")


async def appeal(uow: UnitOfWork, user_id: int, entry_id: int, reason: str, now: datetime) -> Reviewed:
    """The participant disputes a rejection; the mentor's expert (or whoever acts for them) arbitrates,
    and the clock for escalating an undecided appeal starts (R6.3, R7.3)."""
    app, entry = await own_entry(uow, user_id, entry_id)
    await move(uow, entry, E.APPEALED, user_id, reason)
    entry.appeal_reason = reason
    entry.appealed_at = now
    mentor = await uow.staff.get(app.mentor_id or 0)
    notices: tuple[Notice, ...] = ()
    if mentor is not None and mentor.expert_id is not None:
        arbiter = await uow.users.get(await uow.staff.acting_for(mentor.expert_id))
        if arbiter is not None:
            notices = (AppealToArbiter(arbiter.id, entry.id),)
    await uow.commit(notices)
    return Reviewed(app, entry, notices)


async def appealed(uow: UnitOfWork, arbiter: StaffRecord | None, entry_id: int) -> Reviewed:
    """The appeal, locked, if the arbiter is the mentor's expert (or acts for them) and it still waits."""
    entry, app = await uow.entries.locked(entry_id) or (None, None)
    if entry is None or app is None:
        raise NotAllowed()
    await check_arbiter(uow, arbiter, await uow.staff.get(app.mentor_id or 0))
    if entry.status != E.APPEALED.value:
        raise DomainError("error-already-decided")
    return Reviewed(app, entry)


@dataclass(frozen=True)
class Arbitrated(Reviewed):
    expert_id: int = 0
    """The expert whose appeals these are (the arbiter, or the one they act for)."""
    waiting: int = 0
    """That expert's appeals still waiting, for a button to the next one."""


async def arbitrate(
    uow: UnitOfWork,
    arbiter: StaffRecord | None,
    entry_id: int,
    overturn: bool,
    reason: str,
    now: datetime,
    policy: Policy,
) -> Arbitrated:
    """The expert supervising the mentor (or the coordinator acting for them) upholds or overturns the
    mentor's decision (R6.3); the participant and the mentor are told. An entry overturned counts, so the
    participant's figures are rewritten in the same transaction."""
    app, entry = (found := await appealed(uow, arbiter, entry_id)).app, found.entry
    assert arbiter is not None
    await move(uow, entry, E.OVERTURNED if overturn else E.UPHELD, arbiter.user_id, reason)
    entry.arbiter_reason = reason
    entry.decided_at = now
    if overturn:
        await analytics.refresh(uow, app, policy, now)
    mentor = await uow.staff.get(app.mentor_id or 0)
    expert_id = mentor.expert_id if mentor is not None and mentor.expert_id is not None else arbiter.user_id
    waiting = len(await uow.entries.appeals_waiting(expert_id))
    notices = tuple(AppealDecided(user_id, entry.id) for user_id in (app.user_id, app.mentor_id) if user_id)
    await uow.commit(notices)
    return Arbitrated(app, entry, notices, expert_id, waiting)


async def next_appeal(uow: UnitOfWork, arbiter: StaffRecord | None, expert_id: int) -> tuple[EntryRecord | None, int]:
    """The oldest appeal waiting for the expert, for them or whoever acts for them, and how many wait."""
    await check_arbiter_for(uow, arbiter, expert_id)
    waiting = await uow.entries.appeals_waiting(expert_id)
    return (await uow.entries.get(waiting[0]) if waiting else None), len(waiting)
