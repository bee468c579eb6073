"""Applications, with the individual schedule that belongs to each (R2, R5.1)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.application_status import OPEN
from core.ports import ApplicationRecord
from core.programme import ApplicationStatus, Role
from storage.batches import rows_by_id
from storage.models import Application, Centre, ScheduleItem, Staff

LOAD_STATUSES = [s.value for s in OPEN if s != ApplicationStatus.DRAFT]


@dataclass(frozen=True)
class MentorOption:
    """A proposed mentor with the centre and how many participants they already have (R2.4)."""

    mentor: Staff
    centre: Centre
    load: int
    match: int


class Applications:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, app_id: int, *, for_update: bool = False) -> Application | None:
        if not for_update:
            return await self._session.get(Application, app_id)
        return await self._session.scalar(select(Application).where(Application.id == app_id).with_for_update())

    async def many(self, app_ids: set[int]) -> list[Application]:
        """Several applications; while the caller holds the list, `get` finds them without a query."""
        return await rows_by_id(self._session, Application.id, app_ids)

    async def open_of(self, user_id: int) -> Application | None:
        """The user's live application, locked: at most one exists (a partial unique index says so)."""
        return await self._session.scalar(
            select(Application)
            .where(Application.user_id == user_id, Application.status.in_([s.value for s in OPEN]))
            .with_for_update()
        )

    async def of_user(self, user_id: int) -> list[Application]:
        return list(
            await self._session.scalars(
                select(Application).where(Application.user_id == user_id).order_by(Application.id)
            )
        )

    async def new(self, user_id: int, year: int) -> Application:
        app = Application(
            user_id=user_id, programme_year=year, status="draft", step="consent", directions=[], partners={}
        )
        self._session.add(app)
        await self._session.flush()
        return app

    async def delete(self, app: Application) -> None:
        await self._session.delete(app)

    @staticmethod
    def fields_of(app: Application) -> dict[str, Any]:
        """Every stored column of the application, by name: what a personal-data export shows."""
        return {c.name: getattr(app, c.key) for c in Application.__table__.columns}

    async def mentor_options(self, app: ApplicationRecord, limit: int = 5) -> list[MentorOption]:
        """Mentors by match (place of study, locality, region, elsewhere), then the least loaded. The centres,
        a few hundred, are matched in Python; then, best match first, only that group's mentors are counted
        and ranked in SQL, until `limit` are found: usually the applicant's region settles it."""
        study = (app.study_place or "").casefold()
        groups: defaultdict[int, dict[int, Centre]] = defaultdict(dict)
        for centre in await self._session.scalars(select(Centre).where(Centre.active)):
            if study and study in {i.casefold() for i in centre.institutions}:
                match = 0
            elif centre.locality_code and centre.locality_code == app.locality_code:
                match = 1
            elif centre.region_code == app.region_code:
                match = 2
            else:
                match = 3
            groups[match][centre.id] = centre
        load = (
            select(func.count())
            .where(Application.mentor_id == Staff.user_id, Application.status.in_(LOAD_STATUSES))
            .correlate(Staff)
            .scalar_subquery()
        )
        options: list[MentorOption] = []
        for match, centres in sorted(groups.items()):
            rows = await self._session.execute(
                select(Staff, load)
                .where(Staff.role == Role.MENTOR.value, Staff.active, Staff.centre_id.in_(list(centres)))
                .order_by(load, Staff.user_id)
                .limit(limit - len(options))
            )
            options += [MentorOption(staff, centres[staff.centre_id or 0], int(n), match) for staff, n in rows.all()]
            if len(options) >= limit:
                break
        return options

    async def of_mentor(self, mentor_id: int) -> list[Application]:
        """The mentor's participants: submitted and not yet decided, oldest submission first."""
        return list(
            await self._session.scalars(
                select(Application)
                .where(Application.mentor_id == mentor_id, Application.status.in_(LOAD_STATUSES))
                .order_by(Application.submitted_at, Application.id)
            )
        )

    async def overdue(self, today: date) -> list[Application]:
        """Applications still under review after their deadline (R2.6)."""
        return list(
            await self._session.scalars(
                select(Application)
                .where(Application.status == ApplicationStatus.UNDER_REVIEW.value, Application.review_deadline < today)
                .order_by(Application.id)
            )
        )

    async def load_of_mentors(self, mentor_ids: list[int]) -> dict[int, int]:
        """How many participants each of these mentors has (submitted and not yet decided), in one statement."""
        if not mentor_ids:
            return {}
        rows = await self._session.execute(
            select(Application.mentor_id, func.count())
            .where(Application.mentor_id.in_(mentor_ids), Application.status.in_(LOAD_STATUSES))
            .group_by(Application.mentor_id)
        )
        return {mentor: int(n) for mentor, n in rows.all() if mentor is not None}

    async def schedule(self, app_id: int) -> list[ScheduleItem]:
        return list(
            await self._session.scalars(
                select(ScheduleItem).where(ScheduleItem.application_id == app_id).order_by(ScheduleItem.id)
            )
        )

    async def schedule_item(self, app_id: int, direction: str) -> ScheduleItem:
        """The direction's line of the schedule, created empty when there is none yet."""
        item = await self._session.scalar(
            select(ScheduleItem).where(ScheduleItem.application_id == app_id, ScheduleItem.direction == direction)
        )
        if item is None:
            item = ScheduleItem(application_id=app_id, direction=direction, weekdays=[])
            self._session.add(item)
            await self._session.flush()
        return item

    async def clear_schedule(self, app_id: int) -> None:
        await self._session.execute(delete(ScheduleItem).where(ScheduleItem.application_id == app_id))
