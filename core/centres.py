"""Programme centres (R6.5): the operator approves a centre, which then has 10 working days to sign its
agreement; warned after 7, it loses its registration after 10 and is no longer offered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.errors import DomainError
from core.notices import CentreUnsigned, Notice
from core.policy import Policy
from core.ports import CentreRecord, UnitOfWork
from core.workdays import add_working_days, working_days_between

CENTRE_WARNING, CENTRE_LIMIT = 7, 10


@dataclass(frozen=True)
class Recorded:
    code: str
    deadline: date | None
    """The last day to sign, after an approval."""


def start_agreement(centre: CentreRecord, now: datetime, policy: Policy) -> date:
    """Registers the approval: the centre is offered and has 10 working days to sign; returns the last day.
    Not committed: the approving use case is."""
    centre.approved_at, centre.agreement_signed_at, centre.active = now, None, True
    return agreement_deadline(centre, policy.zone)


async def approve(uow: UnitOfWork, code: str, now: datetime, policy: Policy) -> Recorded:
    """Approving again (after the centre lost its registration) starts over."""
    centre = await uow.catalogue.centre_by_code(code)
    if centre is None:
        raise DomainError("error-no-centre", code=code)
    deadline = start_agreement(centre, now, policy)
    await uow.commit()
    return Recorded(code, deadline)


async def signed(uow: UnitOfWork, code: str, now: datetime) -> Recorded:
    centre = await uow.catalogue.centre_by_code(code)
    if centre is None:
        raise DomainError("error-no-centre", code=code)
    if centre.approved_at is None:
        raise DomainError("error-centre-not-approved", code=code)
    centre.agreement_signed_at = now
    await uow.commit()
    return Recorded(code, None)


async def unsigned(uow: UnitOfWork, today: date, zone: ZoneInfo) -> list[Notice]:
    """Centres approved but unsigned: warned after 7 working days; after 10 the centre loses its registration
    (it is no longer offered) and its staff and the operators are told (R6.5). Not committed: the caller's tick is."""
    notices: list[Notice] = []
    for centre in await uow.catalogue.unsigned_centres():
        assert centre.approved_at is not None
        passed = working_days_between(centre.approved_at.astimezone(zone).date(), today)
        deadline = agreement_deadline(centre, zone)
        heads = await uow.staff.centre_heads(centre.id)
        if passed > CENTRE_LIMIT:
            centre.active = False
            notices += [CentreUnsigned(u, centre.id, True, deadline) for u in [*heads, *await uow.staff.operator_ids()]]
        elif passed >= CENTRE_WARNING:
            notices += [CentreUnsigned(u, centre.id, False, deadline) for u in heads]
    return notices


def agreement_deadline(centre: CentreRecord, zone: ZoneInfo) -> date:
    """The last day an approved centre may sign: 10 working days from its approval, local time."""
    assert centre.approved_at is not None
    return add_working_days(centre.approved_at.astimezone(zone).date(), CENTRE_LIMIT)
