"""The mentor writes to a participant through the bot (R6.2): instructions without sharing phone numbers,
and mentors' problem reports to the operator (R6.4)."""

from __future__ import annotations

from dataclasses import dataclass

from core.access import mentored_application
from core.diary import check_entry_text
from core.errors import DomainError
from core.notices import MentorMessage, Notice, ProblemReported
from core.ports import StaffRecord, UnitOfWork
from core.tokens import new_token

MESSAGE_MAX = 3000
PROBLEM_MIN, PROBLEM_MAX = 10, 2000


@dataclass(frozen=True)
class Sent:
    delivered: bool
    """False when the participant blocked the bot: nothing is queued and the mentor is told so."""
    notices: tuple[Notice, ...] = ()


async def check_writable(uow: UnitOfWork, staff: StaffRecord | None, app_id: int) -> None:
    await mentored_application(uow, staff, app_id)


def check_message(text: str | None) -> str:
    return check_entry_text(text, limit=MESSAGE_MAX)


async def write(uow: UnitOfWork, staff: StaffRecord | None, app_id: int, text: str) -> Sent:
    """Checked again at sending time: the mentor may have lost the participant meanwhile."""
    app = await mentored_application(uow, staff, app_id)
    assert staff is not None
    participant = await uow.users.get(app.user_id or 0)
    if participant is None:
        raise DomainError("error-not-allowed")
    if participant.blocked_at is not None:
        return Sent(False)
    notices = (MentorMessage(participant.id, app.id, staff.user_id, check_message(text)),)
    await uow.commit(notices)
    return Sent(True, notices)


def check_problem(text: str | None) -> str:
    return check_entry_text(text, limit=PROBLEM_MAX, minimum=PROBLEM_MIN)


async def report_problem(uow: UnitOfWork, coordinator: StaffRecord, text: str) -> Sent:
    """A threat to the service's quality, to every operator in their language (R6.4)."""
    operators = await uow.users.operators()
    if not operators:
        raise DomainError("problem-no-operator")
    body, event = check_problem(text), new_token()[:12]
    notices = tuple(ProblemReported(o.id, coordinator.user_id, body, event) for o in operators)
    await uow.commit(notices)
    return Sent(True, notices)
