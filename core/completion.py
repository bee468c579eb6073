"""The mentor completes a participant's level (R5.4, R6.2): every direction at 100%, then an assessment
and recommendation, stored with the application for the coordinator and the award commission (R9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.access import mentored_application
from core.applications import move, progress_of
from core.diary import check_entry_text
from core.errors import DomainError
from core.notices import LevelCompleted, Notice
from core.policy import Policy
from core.ports import ApplicationRecord, StaffRecord, UnitOfWork
from core.programme import ApplicationStatus as S
from core.programme import Direction

ASSESSMENT_MIN, ASSESSMENT_MAX = 20, 2000


@dataclass(frozen=True)
class Standing:
    app: ApplicationRecord
    percents: dict[Direction, int]

    @property
    def complete(self) -> bool:
        return all(p >= 100 for p in self.percents.values())


async def standing(uow: UnitOfWork, staff: StaffRecord | None, app_id: int, policy: Policy) -> Standing:
    """An active participant of this mentor, with completion per direction."""
    app = await mentored_application(uow, staff, app_id, S.ACTIVE)
    return Standing(app, await progress_of(uow, app, policy))


def check_assessment(text: str | None) -> str:
    return check_entry_text(text, limit=ASSESSMENT_MAX, minimum=ASSESSMENT_MIN)


@dataclass(frozen=True)
class Completed:
    app: ApplicationRecord
    notices: tuple[Notice, ...]


async def complete(
    uow: UnitOfWork, staff: StaffRecord | None, app_id: int, assessment: str, now: datetime, policy: Policy
) -> Completed:
    """Only a level whose every direction is at 100% is completed; the mentor confirms every direction."""
    current = await standing(uow, staff, app_id, policy)
    unfinished = [d.value for d, p in current.percents.items() if p < 100]
    if unfinished:
        raise DomainError("error-directions-unfinished", directions=unfinished)
    app = current.app
    assert staff is not None
    text = check_assessment(assessment)
    await move(uow, app, S.COMPLETED, staff.user_id, text)
    app.assessment = text
    app.completed_at = now
    app.confirmed_directions = list(app.directions)
    notices = (LevelCompleted(app.user_id, app.id),) if app.user_id else ()
    await uow.commit(notices)
    return Completed(app, notices)
