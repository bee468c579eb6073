"""Staff join by invitation (R6.7): a one-time link binds the first Telegram account that opens it.

The operator invites any staff role; a programme centre invites mentors of its own centre (R6.5, R6.6).
"""

from __future__ import annotations

from datetime import datetime

from core.errors import DomainError, NotAllowed
from core.links import INVITE, consume, create_link, valid_link
from core.policy import Policy
from core.ports import StaffRecord, UnitOfWork
from core.profile import parse_full_name
from core.programme import STAFF_ROLES, Role


def roles_for(inviter: StaffRecord | None) -> tuple[Role, ...]:
    """Roles an inviter may invite; `None` is the operator's shell (`tosbelgi invite create`)."""
    if inviter is None or inviter.role == Role.OPERATOR:
        return STAFF_ROLES
    if inviter.role == Role.CENTRE:
        return (Role.MENTOR,)
    return ()


async def invite(
    uow: UnitOfWork,
    inviter: StaffRecord | None,
    role: str,
    now: datetime,
    policy: Policy,
    *,
    centre_id: int | None = None,
    region_code: str | None = None,
    expert_id: int | None = None,
) -> str:
    """A one-time invitation payload; mentors and centres need a centre, coordinators a region. A centre,
    region or expert that does not exist is refused like a forged button."""
    if role == Role.PARTICIPANT:
        raise DomainError("error-invite-role")
    if role not in roles_for(inviter):
        raise NotAllowed()
    if inviter is not None and inviter.role == Role.CENTRE:
        centre_id = inviter.centre_id
    if role in (Role.MENTOR, Role.CENTRE) and centre_id is None:
        raise DomainError("error-invite-needs-centre")
    if role == Role.COORDINATOR and region_code is None:
        raise DomainError("error-invite-needs-region")
    if centre_id is not None and await uow.catalogue.centre(centre_id) is None:
        raise NotAllowed()
    if region_code is not None and await uow.catalogue.region(region_code) is None:
        raise NotAllowed()
    if expert_id is not None:
        expert = await uow.staff.get(expert_id)
        if expert is None or expert.role != Role.EXPERT:
            raise NotAllowed()
    payload = {"role": role, "centre_id": centre_id, "region_code": region_code, "expert_id": expert_id}
    link = await create_link(uow, INVITE, payload, now, policy.invite_ttl, inviter.user_id if inviter else None)
    await uow.commit()
    return link


async def accept(uow: UnitOfWork, token: str, user_id: int, now: datetime) -> StaffRecord:
    """Binds the Telegram account to the invited role; the first entry wins, once."""
    link = await valid_link(uow, INVITE, token, now)
    if await uow.staff.get(user_id) is not None:
        raise DomainError("error-already-staff")
    if await uow.applications.open_of(user_id) is not None:
        raise DomainError("error-participant-cannot-be-staff")
    payload = link.payload
    staff = await uow.staff.add(
        user_id, payload["role"], payload.get("centre_id"), payload.get("region_code"), payload.get("expert_id")
    )
    consume(link, user_id, now)
    await uow.commit()
    return staff


async def set_full_name(uow: UnitOfWork, user_id: int, text: str) -> StaffRecord | None:
    """The name a new staff member gives on first entry; participants see it in the mentor proposal."""
    staff = await uow.staff.get(user_id)
    if staff is None:
        return None
    staff.full_name = parse_full_name(text)
    await uow.commit()
    return staff
