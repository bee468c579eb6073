"""Who may act on what: every staff button is re-checked here, because callback data is user input (R6.2, R6.3)."""

from __future__ import annotations

from core.errors import DomainError, NotAllowed
from core.ports import ApplicationRecord, EntryRecord, StaffRecord, UnitOfWork
from core.programme import ApplicationStatus, Role


async def check_acting_mentor(
    uow: UnitOfWork, staff: StaffRecord | None, app: ApplicationRecord | None
) -> ApplicationRecord:
    """The assigned mentor, or while they are absent whoever acts for them: their expert or a mentor
    the expert chose (R6.2). Everyone else is refused, whatever the button claims."""
    if app is None or staff is None or not staff.active:
        raise NotAllowed()
    if staff.role == Role.MENTOR and app.mentor_id == staff.user_id:
        return app
    mentor = await uow.staff.get(app.mentor_id or 0)
    if mentor is not None and mentor.absent_since is not None:
        if staff.user_id in (mentor.substitute_id, await uow.staff.acting_for(mentor.user_id)):
            return app
    raise NotAllowed()


async def mentored_application(
    uow: UnitOfWork, staff: StaffRecord | None, app_id: int, status: ApplicationStatus | None = None
) -> ApplicationRecord:
    """The application, locked, if this staff member acts as its mentor and it is in `status` (when given);
    otherwise the button that named it is refused or stale."""
    app = await check_acting_mentor(uow, staff, await uow.applications.get(app_id, for_update=True))
    if status is not None and app.status != status.value:
        raise DomainError("error-stale-button")
    return app


async def overseen_application(
    uow: UnitOfWork, staff: StaffRecord | None, app_id: int | None
) -> ApplicationRecord | None:
    """A participant's application as an `overseer` opens it by number (R8.4): the operator any, a regional
    coordinator their region's; None when there is none they may see, so another region's number reads as no
    such number."""
    viewer = overseer(staff)
    app = await uow.applications.get(app_id) if app_id is not None else None
    if app is None or app.anonymised_at is not None:
        return None
    if viewer.role == Role.COORDINATOR and (viewer.region_code is None or app.region_code != viewer.region_code):
        return None
    return app


def overseer(staff: StaffRecord | None) -> StaffRecord:
    """The operator or a regional coordinator at work: who opens participants by number; anyone else is refused."""
    if staff is None or not staff.active or staff.role not in (Role.OPERATOR, Role.COORDINATOR):
        raise NotAllowed()
    return staff


def active_staff(staff: StaffRecord | None, role: Role) -> StaffRecord:
    """A staff member at work in this role; anyone else is refused."""
    if staff is None or not staff.active or staff.role != role.value:
        raise NotAllowed()
    return staff


async def check_arbiter(uow: UnitOfWork, arbiter: StaffRecord | None, mentor: StaffRecord | None) -> None:
    """The mentor's expert, or while the expert is absent the regional coordinator acting for them (R6.3)."""
    if mentor is None or mentor.expert_id is None:
        raise NotAllowed()
    await check_arbiter_for(uow, arbiter, mentor.expert_id)


async def check_arbiter_for(uow: UnitOfWork, arbiter: StaffRecord | None, expert_id: int) -> None:
    """The expert themself, or whoever acts for them."""
    if arbiter is None or not arbiter.active or arbiter.role not in (Role.EXPERT, Role.COORDINATOR):
        raise NotAllowed()
    if arbiter.user_id not in (expert_id, await uow.staff.acting_for(expert_id)):
        raise NotAllowed()


async def own_entry(uow: UnitOfWork, user_id: int, entry_id: int) -> tuple[ApplicationRecord, EntryRecord]:
    """The participant's own entry of their live application, locked; anything else is a forged button."""
    app = await uow.applications.open_of(user_id)
    entry = await uow.entries.get(entry_id, for_update=True)
    if app is None or entry is None or entry.application_id != app.id:
        raise DomainError("error-bad-button")
    return app, entry


DOCUMENT_OWNERS = (Role.MENTOR.value, Role.EXPERT.value)
"""Whose documents (ID scan, diplomas, certificates) are kept (R8.2)."""


async def may_see_staff_card(uow: UnitOfWork, viewer: StaffRecord | None, subject: StaffRecord) -> bool:
    """Only those above the subject (R8.2): a mentor's own expert, the coordinator of the region a mentor or an
    expert works in, the operator for a mentor, an expert or a coordinator. Never a peer, a participant, the
    subject themself (their own screen is «My profile»)."""
    if viewer is None or not viewer.active or viewer.user_id == subject.user_id:
        return False
    if viewer.role == Role.OPERATOR:
        return subject.role in (Role.MENTOR, Role.EXPERT, Role.COORDINATOR)
    if viewer.role == Role.EXPERT:
        return subject.role == Role.MENTOR and subject.expert_id == viewer.user_id
    if viewer.role == Role.COORDINATOR and viewer.region_code is not None:
        return subject.role in (Role.MENTOR, Role.EXPERT) and await uow.profiles.works_in(
            subject.user_id, viewer.region_code
        )
    return False


async def may_see_documents(uow: UnitOfWork, viewer: StaffRecord | None, owner: StaffRecord) -> bool:
    """A mentor's or an expert's documents: their owner and those who may see their card."""
    if owner.role not in DOCUMENT_OWNERS:
        return False
    if viewer is not None and viewer.active and viewer.user_id == owner.user_id:
        return True
    return await may_see_staff_card(uow, viewer, owner)
