"""Deadlines that escalate, derived from the database on every tick (R2.6, R6.2-R6.5, R7.3).

- An application not decided within its 14 working days goes to the mentor's expert; five working
  days later to the regional coordinator.
- An entry not reviewed within REVIEW_DAYS reminds whoever acts for the mentor; after twice as long
  it goes to the expert (or whoever acts for them).
- An appeal not decided within REVIEW_DAYS goes to the regional coordinator.
- A centre that has not signed its agreement is warned, then loses its registration (`core/centres.py`).
Each message's key names the object and the step, so it is sent once, to whoever acts at that moment.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core.centres import unsigned
from core.notices import AppealOverdue, ApplicationOverdue, EntryOverdue, Notice
from core.policy import Policy
from core.ports import UnitOfWork
from core.workdays import add_working_days

COORDINATOR_AFTER = 5
"""Working days after the application deadline when the coordinator is told too."""


async def queue_due(uow: UnitOfWork, now: datetime, policy: Policy) -> int:
    """Every escalation due now (and centres past their deadline retired), in one commit; returns how many
    messages were new. The database selects only what is overdue and not escalated yet; staff, hundreds
    of them, are loaded once, so whoever acts for whom costs no query."""
    today = policy.today(now)
    await uow.staff.everyone()
    coordinators = Coordinators(uow)
    notices = await late_applications(uow, today, coordinators)
    notices += await late_entries(uow, now, policy)
    notices += await late_appeals(uow, now, policy, coordinators)
    notices += await unsigned(uow, today, policy.zone)
    return await uow.commit(notices)


class Coordinators:
    """The regional coordinator per region, looked up once per tick."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._known: dict[str, int | None] = {}

    async def of(self, region_code: str | None) -> int | None:
        if not region_code:
            return None
        if region_code not in self._known:
            coordinator = await self._uow.staff.regional_coordinator(region_code)
            self._known[region_code] = coordinator.user_id if coordinator else None
        return self._known[region_code]


def coordinator_cutoff(today: date) -> date:
    """The latest review deadline that is COORDINATOR_AFTER working days behind today."""
    day = today - timedelta(days=1)
    while add_working_days(day, COORDINATOR_AFTER) >= today:
        day -= timedelta(days=1)
    return day


async def late_applications(uow: UnitOfWork, today: date, coordinators: Coordinators) -> list[Notice]:
    notices: list[Notice] = []
    for app, to_expert, to_coordinator in await uow.due.overdue_applications(today, coordinator_cutoff(today)):
        assert app.review_deadline is not None
        mentor = await uow.staff.get(app.mentor_id or 0)
        if not to_expert and mentor is not None and mentor.expert_id is not None:
            notices.append(ApplicationOverdue(await uow.staff.acting_for(mentor.expert_id), app.id, "expert"))
        late = today > add_working_days(app.review_deadline, COORDINATOR_AFTER)
        if not to_coordinator and late and (coordinator := await coordinators.of(app.region_code)) is not None:
            notices.append(ApplicationOverdue(coordinator, app.id, "coordinator"))
    return notices


async def late_entries(uow: UnitOfWork, now: datetime, policy: Policy) -> list[Notice]:
    limit = timedelta(days=policy.review_days)
    notices: list[Notice] = []
    for entry, app, to_mentor, to_expert in await uow.due.overdue_entries(now - limit, now - 2 * limit):
        assert entry.submitted_at is not None
        if to_expert:
            continue
        submitted = policy.today(entry.submitted_at)
        if not to_mentor:
            notices.append(EntryOverdue(await uow.staff.acting_for(app.mentor_id or 0), entry.id, "mentor", submitted))
        mentor = await uow.staff.get(app.mentor_id or 0)
        if entry.submitted_at < now - 2 * limit and mentor is not None and mentor.expert_id is not None:
            expert = await uow.staff.acting_for(mentor.expert_id)
            notices.append(EntryOverdue(expert, entry.id, "expert", submitted))
    return notices


async def late_appeals(uow: UnitOfWork, now: datetime, policy: Policy, coordinators: Coordinators) -> list[Notice]:
    notices: list[Notice] = []
    for entry, app in await uow.due.overdue_appeals(now - timedelta(days=policy.review_days)):
        coordinator = await coordinators.of(app.region_code)
        if coordinator is not None:
            notices.append(AppealOverdue(coordinator, entry.id))
    return notices
