"""Extra tasks: the mentor sets a participant a task beyond the schedule; it shows in their diary (R5.3, R6.2)."""

from __future__ import annotations

from dataclasses import dataclass

from core.access import mentored_application
from core.diary import check_entry_text
from core.errors import DomainError
from core.notices import Notice, TaskSet
from core.ports import ApplicationRecord, StaffRecord, UnitOfWork
from core.programme import ApplicationStatus as S

TASK_MIN, TASK_MAX = 5, 1000


async def assignable(
    uow: UnitOfWork, staff: StaffRecord | None, app_id: int, direction: str | None = None
) -> ApplicationRecord:
    """An active participant this staff member acts as mentor for, and (when given) one of their directions."""
    app = await mentored_application(uow, staff, app_id, S.ACTIVE)
    if direction is not None and direction not in app.directions:
        raise DomainError("error-bad-button")
    return app


def check_task(text: str | None) -> str:
    return check_entry_text(text, limit=TASK_MAX, minimum=TASK_MIN)


@dataclass(frozen=True)
class Assigned:
    app: ApplicationRecord
    notices: tuple[Notice, ...]


async def assign(uow: UnitOfWork, staff: StaffRecord | None, app_id: int, direction: str, text: str) -> Assigned:
    """Stores the task; the participant is told in their language, in the same transaction."""
    app = await mentored_application(uow, staff, app_id, S.ACTIVE)
    if direction not in app.directions:
        raise DomainError("error-stale-button")
    assert staff is not None
    task = check_task(text)
    await uow.journal.add_task(app.id, direction, task, staff.user_id)
    notices = (TaskSet(app.user_id, app.id, direction, task),) if app.user_id else ()
    await uow.commit(notices)
    return Assigned(app, notices)
