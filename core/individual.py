"""Individual requirements for a participant with a disability (R3.5): the operator lowers the numbers of a
direction's target for one participant (fewer months or minutes a week, fewer books or days). Only numbers are
kept, never a reason or a diagnosis; the figures follow in the same transaction, and the participant and their
mentor are told."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from core import analytics
from core.access import active_staff
from core.applications import level_targets_of, targets_of
from core.errors import DomainError
from core.notices import IndividualRequirements, Notice
from core.policy import Policy
from core.ports import ApplicationRecord, StaffRecord, UnitOfWork
from core.programme import ApplicationStatus, Direction, Role
from core.rules import ADJUSTABLE, Target

ADJUSTED_STATUSES = frozenset({ApplicationStatus.UNDER_REVIEW.value, ApplicationStatus.ACTIVE.value})
MINUTES_STEP = 15
AUDIT_REASON = "individual requirements"
"""The audit row's reason: fixed, so the trail says what changed without saying why."""


@dataclass(frozen=True)
class Adjustable:
    """One number of a direction's target: the level's, the participant's now, and what it may be set to."""

    field: str
    standard: int
    current: int
    options: tuple[int, ...]


@dataclass(frozen=True)
class Requirements:
    app: ApplicationRecord
    direction: Direction
    adjustable: tuple[Adjustable, ...]
    standard: Target
    """The level's target of the direction."""


@dataclass(frozen=True)
class Changed:
    app: ApplicationRecord
    direction: Direction
    notices: tuple[Notice, ...]


def options_for(field: str, standard: int) -> tuple[int, ...]:
    """Values below the level's: minutes in steps of 15, other numbers one by one."""
    if field == "weekly_minutes":
        return tuple(range(MINUTES_STEP, standard, MINUTES_STEP))
    return tuple(range(1, standard))


async def adjustable_application(uow: UnitOfWork, staff: StaffRecord | None, app_id: int) -> ApplicationRecord:
    """The operator's alone, and only before the level is over."""
    active_staff(staff, Role.OPERATOR)
    app = await uow.applications.get(app_id, for_update=True)
    if app is None or app.status not in ADJUSTED_STATUSES:
        raise DomainError("individual-not-adjustable")
    return app


async def requirements(
    uow: UnitOfWork, staff: StaffRecord | None, app_id: int, direction: str, policy: Policy
) -> Requirements:
    app = await adjustable_application(uow, staff, app_id)
    chosen = direction_of(app, direction)
    standard = level_targets_of(policy.rules, app)[chosen]
    current = targets_of(policy.rules, app)[chosen]
    found = tuple(
        Adjustable(
            f.name, getattr(standard, f.name), getattr(current, f.name), options_for(f.name, getattr(standard, f.name))
        )
        for f in fields(Target)
        if f.name in ADJUSTABLE and f.name != "section1_books" and getattr(standard, f.name) > 0
    )
    return Requirements(app, chosen, found, standard)


async def adjust(
    uow: UnitOfWork,
    staff: StaffRecord | None,
    app_id: int,
    direction: str,
    field: str,
    value: int,
    now: datetime,
    policy: Policy,
) -> Changed:
    """Sets one number of a direction's target; a value not offered (a forged button) is refused."""
    found = await requirements(uow, staff, app_id, direction, policy)
    allowed = next((a for a in found.adjustable if a.field == field), None)
    if allowed is None or value not in allowed.options:
        raise DomainError("individual-bad-value")
    adjusted = {k: dict(v) for k, v in found.app.individual.items()}
    own = adjusted.setdefault(found.direction.value, {})
    own[field] = value
    if field == "books":
        if found.standard.section1_books > value:
            own["section1_books"] = value
        else:
            own.pop("section1_books", None)
    return await store(uow, staff, found.app, found.direction, adjusted, now, policy)


async def restore(
    uow: UnitOfWork, staff: StaffRecord | None, app_id: int, direction: str, now: datetime, policy: Policy
) -> Changed:
    """The direction's target back to the level's."""
    app = await adjustable_application(uow, staff, app_id)
    chosen = direction_of(app, direction)
    adjusted = {k: dict(v) for k, v in app.individual.items() if k != chosen.value}
    return await store(uow, staff, app, chosen, adjusted, now, policy)


async def store(
    uow: UnitOfWork,
    staff: StaffRecord | None,
    app: ApplicationRecord,
    direction: Direction,
    adjusted: dict[str, dict[str, int]],
    now: datetime,
    policy: Policy,
) -> Changed:
    app.individual = adjusted
    await uow.audit.add("application", app.id, staff.user_id if staff else None, app.status, app.status, AUDIT_REASON)
    await analytics.refresh(uow, app, policy, now)
    target = targets_of(policy.rules, app)[direction]
    recipients = [r for r in (app.user_id, app.mentor_id) if r is not None]
    notices = tuple(IndividualRequirements(r, app.id, target, now.isoformat()) for r in recipients)
    await uow.commit(notices)
    return Changed(app, direction, notices)


def direction_of(app: ApplicationRecord, direction: str) -> Direction:
    if direction not in app.directions:
        raise DomainError("individual-bad-value")
    return Direction(direction)
