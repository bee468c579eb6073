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
from core.programme import EntryStatus
from core.workdays import add_working_days

COORDINATOR_AFTER = 5
"""Working days after the application deadline when the coordinator is told too."""


async def queue_due(uow: UnitOfWork, now: datetime, policy: Policy) -> int:
    """Every escalation due now (and centres past their deadline retired), in one commit; returns how many
    messages were new."""
    today = policy.today(now)
    notices = await late_applications(uow, today)
    notices += await late_entries(uow, now, policy)
    notices += await late_appeals(uow, now, policy)
    notices += await unsigned(uow, today, policy.zone)
    return await uow.commit(notices)


async def late_applications(uow: UnitOfWork, today: date) -> list[Notice]:
    notices: list[Notice] = []
    for app in await uow.applications.overdue(today):
        assert app.review_deadline is not None
        mentor = await uow.staff.get(app.mentor_id or 0)
        if mentor is not None and mentor.expert_id is not None:
            notices.append(ApplicationOverdue(await uow.staff.acting_for(mentor.expert_id), app.id, "expert"))
        if today > add_working_days(app.review_deadline, COORDINATOR_AFTER) and app.region_code:
            coordinator = await uow.staff.regional_coordinator(app.region_code)
            if coordinator is not None:
                notices.append(ApplicationOverdue(coordinator.user_id, app.id, "coordinator"))
    return notices


async def late_entries(uow: UnitOfWork, now: datetime, policy: Policy) -> list[Notice]:
    limit = timedelta(days=policy.review_days)
    rows = await uow.entries.waiting_since(EntryStatus.PENDING, now - limit)
    done = await uow.outbox.existing_keys([f"esc-entry:{e.id}:expert" for e, _ in rows])
    notices: list[Notice] = []
    for entry, app in rows:
        assert entry.submitted_at is not None
        if f"esc-entry:{entry.id}:expert" in done:
            continue
        submitted = policy.today(entry.submitted_at)
        notices.append(EntryOverdue(await uow.staff.acting_for(app.mentor_id or 0), entry.id, "mentor", submitted))
        mentor = await uow.staff.get(app.mentor_id or 0)
        if entry.submitted_at < now - 2 * limit and mentor is not None and mentor.expert_id is not None:
            expert = await uow.staff.acting_for(mentor.expert_id)
            notices.append(EntryOverdue(expert, entry.id, "expert", submitted))
    return notices


async def late_appeals(uow: UnitOfWork, now: datetime, policy: Policy) -> list[Notice]:
    rows = await uow.entries.waiting_since(EntryStatus.APPEALED, now - timedelta(days=policy.review_days))
    notices: list[Notice] = []
    for entry, app in rows:
        coordinator = await uow.staff.regional_coordinator(app.region_code) if app.region_code else None
        if coordinator is not None:
            notices.append(AppealOverdue(coordinator.user_id, entry.id))
    return notices
