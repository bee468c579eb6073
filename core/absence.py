"""Staff who cannot work pass their duties on until they are back (R6.2, R6.3).

A mentor's participants pass to their expert, who may keep them or hand them to another mentor they
supervise. An expert's duties (appeals, and the mentors they act for) pass to the regional coordinator.
"I am back" restores everything. Alerts follow `acting_for` along this chain, reviews and cards
`core.access.check_acting_mentor`, arbitration `check_arbiter`. The absent person may still act on their
own people: absence moves the alerts and the duty, it does not lock anyone out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.errors import DomainError, NotAllowed
from core.notices import Notice, StaffAbsent, StaffBack, SubstituteChosen, SubstituteReleased
from core.ports import StaffRecord, UnitOfWork
from core.programme import Role


@dataclass(frozen=True)
class Changed:
    staff: StaffRecord
    """The absent staff member (or the one back)."""
    substitute: StaffRecord | None
    notices: tuple[Notice, ...] = ()


async def substitute_for(uow: UnitOfWork, staff: StaffRecord) -> StaffRecord | None:
    """Who takes over: a mentor's expert, an expert's regional coordinator."""
    if staff.role == Role.MENTOR.value:
        candidate = await uow.staff.get(staff.expert_id or 0)
    else:
        region = await uow.staff.region_of(staff)
        candidate = await uow.staff.regional_coordinator(region) if region else None
    return candidate if candidate is not None and candidate.active and candidate.user_id != staff.user_id else None


async def go(uow: UnitOfWork, staff: StaffRecord, now: datetime) -> Changed:
    """The mentor's expert, or the expert's coordinator, acts from now on and is told."""
    if staff.absent_since is not None:
        raise DomainError("error-stale-button")
    substitute = await substitute_for(uow, staff)
    if substitute is None or await uow.users.get(substitute.user_id) is None:
        raise DomainError(f"absence-no-substitute-{staff.role}")
    changed = await hand_over(uow, staff, substitute, now)
    await uow.commit(changed.notices)
    return changed


async def hand_over(
    uow: UnitOfWork, staff: StaffRecord, substitute: StaffRecord, now: datetime, *, deactivated: bool = False
) -> Changed:
    """Marks `staff` away with `substitute` acting, uncommitted: absence and the operator's deactivation
    (`core.staff_admin`) pass duties the same way. The substitute is told, for an expert with how many
    appeals wait (one message, not one per appeal: the coordinator opens them one at a time)."""
    staff.absent_since, staff.substitute_id = now, substitute.user_id
    appeals = len(await uow.entries.appeals_waiting(staff.user_id)) if staff.role == Role.EXPERT.value else 0
    notices = (StaffAbsent(substitute.user_id, staff.user_id, now, appeals, deactivated),)
    return Changed(staff, substitute, notices)


async def absent_mentor(uow: UnitOfWork, expert: StaffRecord, mentor_id: int) -> StaffRecord:
    """Re-checked for every click: the mentor is this expert's and is still absent."""
    mentor = await uow.staff.get(mentor_id)
    if mentor is None or mentor.role != Role.MENTOR.value or mentor.expert_id != expert.user_id:
        raise NotAllowed()
    if mentor.absent_since is None:
        raise DomainError("error-stale-button")
    return mentor


def released(previous: int | None, new: int, mentor: StaffRecord) -> tuple[Notice, ...]:
    """A mentor who acted until now and no longer does is told so."""
    if previous is None or previous in (new, mentor.expert_id):
        return ()
    return (SubstituteReleased(previous, mentor.user_id),)


async def keep(uow: UnitOfWork, expert: StaffRecord, mentor_id: int) -> Changed:
    """The expert takes the absent mentor's participants over themself."""
    mentor = await absent_mentor(uow, expert, mentor_id)
    previous, mentor.substitute_id = mentor.substitute_id, expert.user_id
    notices = released(previous, expert.user_id, mentor)
    await uow.commit(notices)
    return Changed(mentor, expert, notices)


async def hand(uow: UnitOfWork, expert: StaffRecord, mentor_id: int, to: int) -> Changed:
    """The expert hands the absent mentor's participants to another active, present mentor of theirs."""
    mentor = await absent_mentor(uow, expert, mentor_id)
    target = next(
        (m for m in await uow.staff.present_mentors_of(expert.user_id, mentor.user_id) if m.user_id == to), None
    )
    if target is None:
        raise NotAllowed()
    previous, mentor.substitute_id = mentor.substitute_id, target.user_id
    notices = (SubstituteChosen(target.user_id, mentor.user_id), *released(previous, target.user_id, mentor))
    await uow.commit(notices)
    return Changed(mentor, target, notices)


async def back(uow: UnitOfWork, staff: StaffRecord) -> Changed:
    """Everything goes back; the expert and whoever acted are told."""
    if staff.absent_since is None:
        raise DomainError("error-stale-button")
    told = sorted(u for u in {staff.expert_id, staff.substitute_id} if u is not None)
    staff.absent_since, staff.substitute_id = None, None
    notices = tuple(StaffBack(user_id, staff.user_id, staff.role) for user_id in told if user_id)
    await uow.commit(notices)
    return Changed(staff, None, notices)
