"""What surrounds the diary: mentors' extra tasks, participants' missed weeks, experts' notes on mentors."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ExpertNote, ExtraTask, MissedWeek


class Journal:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_task(self, app_id: int, direction: str, text: str, created_by: int) -> ExtraTask:
        task = ExtraTask(application_id=app_id, direction=direction, text=text, created_by=created_by)
        self._session.add(task)
        await self._session.flush()
        return task

    async def open_tasks(self, app_id: int) -> list[ExtraTask]:
        return list(
            await self._session.scalars(
                select(ExtraTask)
                .where(ExtraTask.application_id == app_id, ExtraTask.done_at.is_(None))
                .order_by(ExtraTask.id)
            )
        )

    async def add_missed_week(self, app_id: int, reason: str, details: str | None, week_of: date) -> MissedWeek:
        missed = MissedWeek(application_id=app_id, reason=reason, details=details, week_of=week_of)
        self._session.add(missed)
        await self._session.flush()
        return missed

    async def add_note(self, expert_id: int, mentor_id: int, text: str) -> ExpertNote:
        note = ExpertNote(expert_id=expert_id, mentor_id=mentor_id, text=text)
        self._session.add(note)
        await self._session.flush()
        return note

    async def notes(self, mentor_id: int, expert_id: int | None, limit: int) -> list[ExpertNote]:
        """The expert's latest notes on a mentor, newest first."""
        return list(
            await self._session.scalars(
                select(ExpertNote)
                .where(ExpertNote.mentor_id == mentor_id, ExpertNote.expert_id == expert_id)
                .order_by(ExpertNote.created_at.desc(), ExpertNote.id.desc())
                .limit(limit)
            )
        )
