"""Staff onboarding by invitation (R6.7) and the checks every staff action goes through."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.errors import DomainError, NotAllowed
from core.links import INVITE, consume, create_link, valid_link
from core.ports import ApplicationRecord, Repository, StaffRecord
from core.programme import Role


async def invite(
    repo: Repository,
    role: Role,
    now: datetime,
    ttl: timedelta,
    *,
    centre_id: int | None = None,
    region_code: str | None = None,
    expert_id: int | None = None,
    created_by: int | None = None,
) -> str:
    """A one-time invitation payload; mentors need a centre, coordinators a region."""
    if role == Role.PARTICIPANT:
        raise DomainError("error-invite-role")
    if role in (Role.MENTOR, Role.CENTRE) and centre_id is None:
        raise DomainError("error-invite-needs-centre")
    if role == Role.COORDINATOR and region_code is None:
        raise DomainError("error-invite-needs-region")
    payload = {"role": role.value, "centre_id": centre_id, "region_code": region_code, "expert_id": expert_id}
    return await create_link(repo, INVITE, payload, now, ttl, created_by)


async def accept_invitation(repo: Repository, token: str, user_id: int, now: datetime) -> StaffRecord:
    """Binds the Telegram account to the invited role; the first entry wins, once."""
    link = await valid_link(repo, INVITE, token, now)
    if await repo.staff(user_id) is not None:
        raise DomainError("error-already-staff")
    if await repo.open_application(user_id) is not None:
        raise DomainError("error-participant-cannot-be-staff")
    payload = link.payload
    staff = await repo.add_staff(
        user_id,
        payload["role"],
        payload.get("centre_id"),
        payload.get("region_code"),
        payload.get("expert_id"),
    )
    consume(link, user_id, now)
    return staff


async def check_acting_mentor(
    repo: Repository, staff: StaffRecord | None, app: ApplicationRecord | None
) -> ApplicationRecord:
    """The assigned mentor, or while they are absent whoever acts for them: their expert or a mentor
    the expert chose (R6.2). Everyone else is refused, whatever the button claims."""
    if app is None or staff is None or not staff.active:
        raise NotAllowed()
    if staff.role == Role.MENTOR and app.mentor_id == staff.user_id:
        return app
    mentor = await repo.staff(app.mentor_id or 0)
    if mentor is not None and mentor.absent_since is not None:
        if staff.user_id in (mentor.substitute_id, await repo.acting_for(mentor.user_id)):
            return app
    raise NotAllowed()


async def check_arbiter(repo: Repository, arbiter: StaffRecord | None, mentor: StaffRecord | None) -> None:
    """The mentor's expert, or while the expert is absent the regional coordinator acting for them (R6.3)."""
    if arbiter is None or not arbiter.active or arbiter.role not in (Role.EXPERT, Role.COORDINATOR):
        raise NotAllowed()
    if mentor is None or mentor.expert_id is None:
        raise NotAllowed()
    if arbiter.user_id not in (mentor.expert_id, await repo.acting_for(mentor.expert_id)):
        raise NotAllowed()
