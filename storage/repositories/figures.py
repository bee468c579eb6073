"""Progress rows: completion per application and direction, and the team figures aggregated from them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.analytics import DirectionFigure, LevelFigure, TeamFigures
from core.programme import ApplicationStatus
from storage.models import Application, Progress

ACTIVE = ApplicationStatus.ACTIVE.value


class Figures:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def put(self, app_id: int, percents: Mapping[str, int], now: datetime) -> None:
        """Replaces the application's rows."""
        await self._session.execute(delete(Progress).where(Progress.application_id == app_id))
        await self.add({app_id: percents}, now)

    async def add(self, percents: Mapping[int, Mapping[str, int]], now: datetime) -> None:
        """Rows for applications that have none, per application and direction: one statement."""
        rows = [
            {"application_id": app_id, "direction": d, "percent": p, "updated_at": now}
            for app_id, by_direction in sorted(percents.items())
            for d, p in sorted(by_direction.items())
        ]
        if rows:
            await self._session.execute(insert(Progress), rows)

    async def of(self, app_id: int) -> dict[str, int]:
        rows = await self._session.execute(
            select(Progress.direction, Progress.percent).where(Progress.application_id == app_id)
        )
        return {direction: percent for direction, percent in rows.all()}

    async def without_figures(self, limit: int) -> list[Application]:
        """Active applications with no progress rows, oldest first."""
        return list(
            await self._session.scalars(
                select(Application)
                .where(
                    Application.status == ACTIVE,
                    Application.activated_at.is_not(None),
                    ~exists().where(Progress.application_id == Application.id),
                )
                .order_by(Application.id)
                .limit(limit)
            )
        )

    async def of_mentors(self, mentor_ids: Sequence[int]) -> TeamFigures:
        """The active participants of these mentors: their number, the mean completion per direction, and per
        level the mean personal rating (the floored mean of a participant's percents). Three statements over
        the team's progress rows, whatever the size of their diaries."""
        team = (Application.status == ACTIVE, Application.mentor_id.in_(mentor_ids))
        count = await self._session.scalar(select(func.count()).select_from(Application).where(*team))
        directions = await self._session.execute(
            select(Progress.direction, func.count(), func.avg(Progress.percent))
            .join(Application, Application.id == Progress.application_id)
            .where(*team)
            .group_by(Progress.direction)
            .order_by(Progress.direction)
        )
        ratings = (
            select(Application.level.label("level"), (func.sum(Progress.percent) / func.count()).label("rating"))
            .join(Progress, Progress.application_id == Application.id)
            .where(*team)
            .group_by(Application.id, Application.level)
            .subquery()
        )
        levels = await self._session.execute(
            select(ratings.c.level, func.count(), func.avg(ratings.c.rating))
            .group_by(ratings.c.level)
            .order_by(ratings.c.level)
        )
        return TeamFigures(
            int(count or 0),
            tuple(DirectionFigure(d, n, int(avg)) for d, n, avg in directions.all()),
            tuple(LevelFigure(level or "", n, int(avg)) for level, n, avg in levels.all()),
        )
