"""The operator's staff administration from the bot and the CLI (R6.6): who supervises a mentor, which region's
coordinator an expert answers to, and deactivating a staff member.

Deactivation passes duties on exactly as an absence does (`core.absence.hand_over`): a mentor's participants
to their expert, who keeps them or hands them to another of their mentors; an expert's appeals and the
mentors they act for to the region's coordinator. Every rule that follows an absence (alerts, reviews,
arbitration) then follows the deactivation too. Reactivation restores the role only: the duties stay with
whoever took them until the person says they are back (the absence menu), so nobody loses work they hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from core import absence
from core.access import active_staff
from core.errors import DomainError, NotAllowed
from core.notices import ExpertAssigned, Notice, RegionAssigned
from core.ports import StaffRecord, UnitOfWork
from core.programme import Role

PAGE: Final = 10
HANDED_OVER: Final = (Role.MENTOR.value, Role.EXPERT.value)
"""Roles whose duties pass on when they go; a coordinator's, a centre's and an operator's are not held by them alone."""


def operator_of(staff: StaffRecord | None) -> StaffRecord | None:
    """The acting operator, or None for the operator's shell; anyone else is refused."""
    return None if staff is None else active_staff(staff, Role.OPERATOR)


@dataclass(frozen=True)
class Changed:
    member: StaffRecord
    notices: tuple[Notice, ...] = ()


async def member_of(uow: UnitOfWork, user_id: int) -> StaffRecord:
    """The staff member a button or a command names; anyone else is refused."""
    member = await uow.staff.get(user_id)
    if member is None:
        raise DomainError("admin-error-not-staff")
    return member


async def assign_expert(
    uow: UnitOfWork, staff: StaffRecord | None, mentor_id: int, expert_id: int, now: datetime
) -> Changed:
    """Puts a mentor under an active expert; both are told. An absent mentor's duties follow them to the new
    expert, who is asked to keep them or hand them on, and a previous substitute is released."""
    operator_of(staff)
    mentor = await member_of(uow, mentor_id)
    if mentor.role != Role.MENTOR.value:
        raise DomainError("admin-error-not-mentor")
    expert = await uow.staff.get(expert_id)
    if expert is None or expert.role != Role.EXPERT.value or not expert.active:
        raise DomainError("admin-error-not-expert")
    if mentor.expert_id == expert.user_id:
        raise DomainError("admin-error-already-assigned")
    mentor.expert_id = expert.user_id
    notices: tuple[Notice, ...] = (
        ExpertAssigned(mentor.user_id, mentor.user_id, expert.user_id),
        ExpertAssigned(expert.user_id, mentor.user_id, expert.user_id),
    )
    if mentor.absent_since is not None:
        previous = mentor.substitute_id
        moved = await absence.hand_over(uow, mentor, expert, now, deactivated=not mentor.active)
        notices += moved.notices + absence.released(previous, expert.user_id, mentor)
    await uow.commit(notices)
    return Changed(mentor, notices)


async def assign_region(
    uow: UnitOfWork, staff: StaffRecord | None, expert_id: int, region_code: str, now: datetime
) -> Changed:
    """Sets the region whose coordinator acts for an expert who is away (by default their mentors' centres'
    region); the expert is told. If they are away now, that region's coordinator takes over."""
    operator_of(staff)
    expert = await member_of(uow, expert_id)
    if expert.role != Role.EXPERT.value:
        raise DomainError("admin-error-not-expert")
    region = await uow.admin.item("region", region_code)
    if region is None or not region.active:
        raise DomainError("admin-error-region")
    if expert.region_code == region_code:
        raise DomainError("admin-error-already-assigned")
    expert.region_code = region_code
    notices: tuple[Notice, ...] = (RegionAssigned(expert.user_id, region_code),)
    if expert.absent_since is not None:
        coordinator = await absence.substitute_for(uow, expert)
        if coordinator is not None and coordinator.user_id != expert.substitute_id:
            notices += (await absence.hand_over(uow, expert, coordinator, now, deactivated=not expert.active)).notices
    await uow.commit(notices)
    return Changed(expert, notices)


async def deactivate(uow: UnitOfWork, staff: StaffRecord | None, user_id: int, now: datetime) -> Changed:
    """The staff member loses their role's menu and buttons; a mentor's or an expert's duties pass on as in an
    absence (one already away keeps their substitute). With duties and nobody to take them, refused."""
    operator = operator_of(staff)
    member = await member_of(uow, user_id)
    if operator is not None and member.user_id == operator.user_id:
        raise DomainError("admin-error-self")
    if not member.active:
        raise DomainError("error-stale-button")
    notices: tuple[Notice, ...] = ()
    if member.role in HANDED_OVER and member.absent_since is None:
        substitute = await absence.substitute_for(uow, member)
        if substitute is not None:
            notices = (await absence.hand_over(uow, member, substitute, now, deactivated=True)).notices
        elif await uow.admin.has_duties(member):
            raise DomainError(f"admin-error-no-substitute-{member.role}")
    member.active = False
    await uow.commit(notices)
    return Changed(member, notices)


async def reactivate(uow: UnitOfWork, staff: StaffRecord | None, user_id: int) -> Changed:
    """The role comes back; the duties stay with whoever took them until the person says they are back."""
    operator_of(staff)
    member = await member_of(uow, user_id)
    if member.active:
        raise DomainError("error-stale-button")
    if await uow.applications.open_of(member.user_id) is not None:
        raise DomainError("error-participant-cannot-be-staff")
    member.active = True
    await uow.commit()
    return Changed(member)


def check_role(role: str) -> Role:
    """A role a staff list may be asked for; a forged one is refused."""
    if role not in {r.value for r in Role} or role == Role.PARTICIPANT.value:
        raise NotAllowed()
    return Role(role)
