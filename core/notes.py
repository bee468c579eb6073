"""The expert's journal on the mentors they supervise (R6.3): never shown to the mentor, only on the mentor's card
to the expert and those above them (R8.2)."""

from __future__ import annotations

from core.diary import check_entry_text
from core.errors import NotAllowed
from core.ports import StaffRecord, UnitOfWork
from core.programme import Role

NOTE_MAX = 2000


async def supervised_mentor(uow: UnitOfWork, expert: StaffRecord, mentor_id: int) -> StaffRecord:
    """A mentor this expert supervises; any other id on a button is refused."""
    mentor = await uow.staff.get(mentor_id)
    if mentor is None or mentor.role != Role.MENTOR.value or mentor.expert_id != expert.user_id:
        raise NotAllowed()
    return mentor


def check_note(text: str | None) -> str:
    return check_entry_text(text, limit=NOTE_MAX)


async def add(uow: UnitOfWork, expert: StaffRecord, mentor_id: int, text: str) -> StaffRecord:
    mentor = await supervised_mentor(uow, expert, mentor_id)
    await uow.journal.add_note(expert.user_id, mentor.user_id, check_note(text))
    await uow.commit()
    return mentor
