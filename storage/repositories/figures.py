"""Progress rows: completion per application and direction, and the figures aggregated from them by scope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from statistics import median_low
from typing import Any

from sqlalchemy import ColumnElement, case, exists, func, insert, or_, select, true, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.analytics import DirectionFigure, GroupFigure, MentorBacklog, TeamFigures
from core.programme import ApplicationStatus, EntryStatus, Role
from core.progress import rating
from core.reports import BUCKETS, ParticipantRow, RatingCell
from storage.dialects import conflict_insert, is_postgresql
from storage.models import Application, Centre, Entry, FigureSnapshot, Progress, Staff

ACTIVE = ApplicationStatus.ACTIVE.value
EXPORTED = [ACTIVE, ApplicationStatus.COMPLETED.value, ApplicationStatus.AWARDED.value]
"""Participants an export lists: those with figures, active or done."""
WALK = 1000
"""Waiting entries read per step of the backlog's walk."""
REVIEWED = [EntryStatus.APPROVED.value, EntryStatus.REJECTED.value, EntryStatus.MORE_WORK.value]
"""Entries as their mentor decided them (an arbitration rewrites the decision's time): their time to review."""


Cell = tuple[str | None, str | None, int, int, int | None]
"""Active participants of one level and region: level, region, how many, how many rated, their ratings' sum."""


def means(cells: Sequence[Cell], by_region: bool) -> tuple[GroupFigure, ...]:
    """Mean ratings (floored) per level or per region, from each cell's rated count and sum."""
    rated: dict[str, list[int]] = {}
    for cell in cells:
        totals = rated.setdefault((cell[1] if by_region else cell[0]) or "", [0, 0])
        totals[0] += cell[3]
        totals[1] += cell[4] or 0
    return tuple(GroupFigure(name, n, total // n) for name, (n, total) in sorted(rated.items()) if n)


class Figures:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def put(self, app_id: int, percents: Mapping[str, int], now: datetime) -> None:
        """Rewrites the application's rows and personal rating, two statements: its directions are those it was
        activated with, so the rows are upserted (new rules of the year delete them all, `Rules.forget_figures`),
        and only a direction whose percent changed is written (an approval changes one)."""
        rows = [
            {"application_id": app_id, "direction": d, "percent": p, "updated_at": now}
            for d, p in sorted(percents.items())
        ]
        if not rows:
            return
        statement = conflict_insert(self._session, Progress)
        upsert = statement.on_conflict_do_update(
            index_elements=[Progress.application_id, Progress.direction],
            set_={"percent": statement.excluded.percent, "updated_at": statement.excluded.updated_at},
            where=Progress.percent != statement.excluded.percent,
        )
        await self._session.execute(upsert, rows)  # rows as parameters: a statement compiled once, then cached
        await self._session.execute(
            update(Application).where(Application.id == app_id).values(rating=rating(percents), updated_at=now)
        )

    async def add(self, percents: Mapping[int, Mapping[str, int]], now: datetime) -> None:
        """Rows for applications that have none, per application and direction, and each application's
        personal rating: two statements."""
        rows = [
            {"application_id": app_id, "direction": d, "percent": p, "updated_at": now}
            for app_id, by_direction in sorted(percents.items())
            for d, p in sorted(by_direction.items())
        ]
        if not rows:
            return
        await self._session.execute(insert(Progress), rows)
        ratings = [{"id": app_id, "rating": rating(by_direction)} for app_id, by_direction in sorted(percents.items())]
        await self._session.execute(update(Application), ratings)

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
        return await self._team(Application.mentor_id.in_(mentor_ids))

    async def of_expert(self, expert_id: int) -> TeamFigures:
        """The participants of the mentors the expert supervises."""
        return await self._team(Application.mentor_id.in_(select(Staff.user_id).where(Staff.expert_id == expert_id)))

    async def of_region(self, region_code: str) -> TeamFigures:
        """The participants who live in the region (their application's region)."""
        return await self._team(Application.region_code == region_code)

    async def national(self) -> tuple[TeamFigures, tuple[GroupFigure, ...]]:
        """Every active participant, and the mean personal rating per region."""
        return await self._team_and_regions(true())

    async def distribution(self, region_code: str | None) -> tuple[int, ...]:
        """Active participants with figures per tenth of the personal rating (100% counts in the last)."""
        tenth = case((Application.rating >= 100, BUCKETS - 1), else_=Application.rating / 10)
        rows = await self._session.execute(
            select(tenth, func.count())
            .where(Application.status == ACTIVE, Application.rating.is_not(None), self._where(region_code))
            .group_by(tenth)
        )
        counts = [0] * BUCKETS
        for bucket, n in rows.all():
            counts[min(BUCKETS - 1, max(0, int(bucket)))] += n
        return tuple(counts)

    async def rating_cells(self, region_code: str | None) -> list[RatingCell]:
        """Active participants per region and level: how many, and their mean rating over those with figures."""
        cells = sorted(await self._cells(self._where(region_code)), key=lambda c: (c[1] or "", c[0] or ""))
        return [
            RatingCell(region or "", level or "", n, (total or 0) // rated if rated else None)
            for level, region, n, rated, total in cells
        ]

    async def participants(self, region_code: str | None, after: int, limit: int) -> list[ParticipantRow]:
        """Active, completed and awarded participants after the id `after`, by id, each with their mentor's name and
        completion per direction: two statements a page."""
        rows = (
            await self._session.execute(
                select(
                    Application.id,
                    Application.full_name,
                    Application.status,
                    Application.level,
                    Application.region_code,
                    Application.locality_code,
                    Staff.full_name,
                    Application.activated_at,
                    Application.rating,
                )
                .outerjoin(Staff, Staff.user_id == Application.mentor_id)
                .where(
                    Application.status.in_(EXPORTED),
                    Application.id > after,
                    self._where(region_code),
                )
                .order_by(Application.id)
                .limit(limit)
            )
        ).all()
        percents: dict[int, dict[str, int]] = {}
        if rows:
            progress = await self._session.execute(
                select(Progress.application_id, Progress.direction, Progress.percent).where(
                    Progress.application_id.in_([row[0] for row in rows])
                )
            )
            for app_id, direction, percent in progress.all():
                percents.setdefault(app_id, {})[direction] = percent
        return [
            ParticipantRow(
                app_id,
                name or "",
                status,
                level or "",
                region or "",
                locality,
                mentor,
                activated,
                rating,
                percents.get(app_id, {}),
            )
            for app_id, name, status, level, region, locality, mentor, activated, rating in rows
        ]

    @staticmethod
    def _where(region_code: str | None) -> ColumnElement[bool]:
        return true() if region_code is None else Application.region_code == region_code

    async def _team(self, scope: ColumnElement[bool]) -> TeamFigures:
        return (await self._team_and_regions(scope))[0]

    async def _team_and_regions(self, scope: ColumnElement[bool]) -> tuple[TeamFigures, tuple[GroupFigure, ...]]:
        """The active participants in scope: their number, the mean completion per direction, and the mean
        personal rating per level and per region. Two statements, one over the team's applications (counted and
        rated per level and region at once) and one over their progress rows, whatever the size of the diaries."""
        team = (Application.status == ACTIVE, scope)
        cells = await self._cells(scope)
        directions = await self._session.execute(
            select(Progress.direction, func.count(), func.avg(Progress.percent))
            .join(Application, Application.id == Progress.application_id)
            .where(*team)
            .group_by(Progress.direction)
            .order_by(Progress.direction)
        )
        figures = TeamFigures(
            sum(cell[2] for cell in cells),
            tuple(DirectionFigure(d, n, int(avg)) for d, n, avg in directions.all()),
            means(cells, by_region=False),
        )
        return figures, means(cells, by_region=True)

    async def _cells(self, scope: ColumnElement[bool]) -> Sequence[Cell]:
        """The active participants in scope counted and rated per level and region, in one statement."""
        rows = await self._session.execute(
            select(
                Application.level,
                Application.region_code,
                func.count(),
                func.count(Application.rating),
                func.sum(Application.rating),
            )
            .where(Application.status == ACTIVE, scope)
            .group_by(Application.level, Application.region_code)
        )
        return rows.all()  # type: ignore[return-value]

    async def applications_by_status(self) -> dict[str, int]:
        rows = await self._session.execute(select(Application.status, func.count()).group_by(Application.status))
        return {status: n for status, n in rows.all()}

    async def snapshot(self, scope: str) -> tuple[datetime, dict[str, Any]] | None:
        row = (
            await self._session.execute(
                select(FigureSnapshot.taken_at, FigureSnapshot.body).where(FigureSnapshot.scope == scope)
            )
        ).first()
        return None if row is None else (row[0], row[1])

    async def keep_snapshot(self, scope: str, body: Mapping[str, Any], now: datetime) -> None:
        """Replaces the scope's snapshot; of two processes keeping one at once, the later wins."""
        statement = conflict_insert(self._session, FigureSnapshot).values(scope=scope, taken_at=now, body=dict(body))
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[FigureSnapshot.scope],
                set_={"taken_at": statement.excluded.taken_at, "body": statement.excluded.body},
            )
        )

    async def staff_by_role(self) -> dict[str, int]:
        """Active staff per role."""
        rows = await self._session.execute(select(Staff.role, func.count()).where(Staff.active).group_by(Staff.role))
        return {role: n for role, n in rows.all()}

    async def waiting_reviews(self, region_code: str | None, limit: int) -> list[MentorBacklog]:
        """Mentors with entries waiting for review (of the region's centres, or all), the oldest wait first.
        A region's are grouped from its mentors' waiting entries (an index holds the waiting ones alone); the
        country's are found by walking the waiting entries oldest first until `limit` mentors are found, and
        only those mentors' entries are counted."""
        if region_code is not None:
            oldest = func.min(Entry.submitted_at)
            rows = await self._session.execute(
                select(Staff.user_id, Staff.full_name, func.count(), oldest)
                .join(Centre, (Centre.id == Staff.centre_id) & (Centre.region_code == region_code))
                .join(Application, Application.mentor_id == Staff.user_id)
                .join(Entry, Entry.application_id == Application.id)
                .where(Entry.status == EntryStatus.PENDING.value, Entry.submitted_at.is_not(None))
                .group_by(Staff.user_id, Staff.full_name)
                .order_by(oldest, Staff.user_id)
                .limit(limit)
            )
            return [MentorBacklog(mentor_id, name or "", n, first) for mentor_id, name, n, first in rows.all() if first]
        return await self._walk_waiting(limit)

    async def _walk_waiting(self, limit: int) -> list[MentorBacklog]:
        oldest: dict[int, datetime] = {}
        after: tuple[datetime, int] | None = None
        while len(oldest) < limit:
            query = (
                select(Application.mentor_id, Entry.submitted_at, Entry.id)
                .join(Application, Application.id == Entry.application_id)
                .where(Entry.status == EntryStatus.PENDING.value, Entry.submitted_at.is_not(None))
                .order_by(Entry.submitted_at, Entry.id)
                .limit(WALK)
            )
            if after is not None:
                query = query.where(tuple_(Entry.submitted_at, Entry.id) > tuple_(*after))
            rows = (await self._session.execute(query)).all()
            for mentor_id, sent, entry_id in rows:
                if mentor_id is not None and sent is not None and len(oldest) < limit:
                    oldest.setdefault(mentor_id, sent)
                after = (sent, entry_id) if sent is not None else after
            if len(rows) < WALK:
                break
        if not oldest:
            return []
        counted = await self._session.execute(
            select(Staff.user_id, Staff.full_name, func.count())
            .join(Application, Application.mentor_id == Staff.user_id)
            .join(Entry, Entry.application_id == Application.id)
            .where(Staff.user_id.in_(oldest), Entry.status == EntryStatus.PENDING.value)
            .group_by(Staff.user_id, Staff.full_name)
        )
        found = [MentorBacklog(mentor_id, name or "", n, oldest[mentor_id]) for mentor_id, name, n in counted.all()]
        return sorted(found, key=lambda b: (b.oldest, b.mentor_id))

    async def review_medians(self, mentor_ids: Sequence[int], since: datetime) -> dict[int, timedelta]:
        """Per mentor, the median (the lower of the middle two) of how long the entries they decided since `since`
        had waited for them; PostgreSQL works it out per mentor, SQLite's rows are read."""
        scope = (
            Entry.decided_by.in_(mentor_ids),
            Entry.decided_at >= since,
            Entry.status.in_(REVIEWED),
            Entry.submitted_at.is_not(None),
        )
        if is_postgresql(self._session):
            waited = Entry.decided_at - Entry.submitted_at
            found = await self._session.execute(
                select(Entry.decided_by, func.percentile_disc(0.5).within_group(waited))
                .where(*scope)
                .group_by(Entry.decided_by)
            )
            return {mentor_id: median for mentor_id, median in found.all() if mentor_id is not None}
        rows = await self._session.execute(select(Entry.decided_by, Entry.submitted_at, Entry.decided_at).where(*scope))
        times: dict[int, list[timedelta]] = {}
        for mentor_id, sent, decided in rows.all():
            if mentor_id is not None and sent is not None and decided is not None:
                times.setdefault(mentor_id, []).append(decided - sent)
        return {mentor_id: median_low(waits) for mentor_id, waits in times.items()}

    async def mentors_of(self, expert_id: int) -> int:
        """Active mentors the expert supervises."""
        found = await self._session.scalar(
            select(func.count()).where(Staff.expert_id == expert_id, Staff.active, Staff.role == Role.MENTOR.value)
        )
        return int(found or 0)

    async def experts_in(self, region_code: str) -> int:
        """Active experts of the region: their own, or their mentors' centres' (as absence finds the region)."""
        mentor = Staff.__table__.alias("mentor")
        in_region = exists().where(
            mentor.c.expert_id == Staff.user_id,
            mentor.c.centre_id == Centre.id,
            Centre.region_code == region_code,
        )
        found = await self._session.scalar(
            select(func.count()).where(
                Staff.role == Role.EXPERT.value,
                Staff.active,
                or_(Staff.region_code == region_code, (Staff.region_code.is_(None)) & in_region),
            )
        )
        return int(found or 0)
