"""The programme rules the operator put in force, one row per year."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.programme import ApplicationStatus
from storage.models import Application, Progress, RulesOfYear


class Rules:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def newest(self) -> RulesOfYear | None:
        return await self._session.scalar(select(RulesOfYear).order_by(RulesOfYear.year.desc()).limit(1))

    async def newest_change(self) -> datetime | None:
        """When the newest year's rules were put in force: what a tick compares, without reading the text."""
        return await self._session.scalar(select(RulesOfYear.changed_at).order_by(RulesOfYear.year.desc()).limit(1))

    async def put(self, year: int, text: str, now: datetime, by: int | None) -> None:
        row = await self._session.get(RulesOfYear, year)
        if row is None:
            self._session.add(RulesOfYear(year=year, text=text, changed_at=now, changed_by=by))
        else:
            row.text, row.changed_at, row.changed_by = text, now, by

    async def forget_figures(self) -> int:
        """Every active participant's progress rows, to be made again under new rules by the figures tick."""
        active = select(Application.id).where(Application.status == ApplicationStatus.ACTIVE.value)
        result = await self._session.execute(delete(Progress).where(Progress.application_id.in_(active)))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
