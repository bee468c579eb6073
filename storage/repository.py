"""Queries and writes, one class over one session; the caller owns the transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.application_status import OPEN
from core.entry_status import COUNTED
from core.programme import Direction, EntryStatus, Role
from core.progress import Done
from storage.models import (
    Application,
    AuditRecord,
    Book,
    Centre,
    Entry,
    EntryMedia,
    Locality,
    OneTimeLink,
    Partner,
    Region,
    ScheduleItem,
    Staff,
    User,
)

LOAD_STATUSES = [s.value for s in OPEN if s.value != "draft"]


@dataclass(frozen=True)
class MentorOption:
    """A proposed mentor with the centre and how many participants they already have (R2.4)."""

    mentor: Staff
    centre: Centre
    load: int
    match: int


class Repository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # users and staff
    async def user(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def add_user(self, user_id: int, locale: str) -> User:
        user = User(id=user_id, locale=locale)
        self.session.add(user)
        await self.session.flush()
        return user

    async def staff(self, user_id: int) -> Staff | None:
        return await self.session.get(Staff, user_id)

    async def add_staff(
        self,
        user_id: int,
        role: str,
        centre_id: int | None,
        region_code: str | None,
        expert_id: int | None,
    ) -> Staff:
        staff = Staff(user_id=user_id, role=role, centre_id=centre_id, region_code=region_code, expert_id=expert_id)
        self.session.add(staff)
        await self.session.flush()
        return staff

    async def acting_for(self, staff_id: int) -> int:
        """Who does a staff member's work now: themselves, or while absent whoever acts for them, followed
        along the chain (an absent mentor's expert may be absent too, and then their coordinator acts)."""
        seen = {staff_id}
        while (member := await self.staff(staff_id)) is not None and member.absent_since is not None:
            if member.substitute_id is None or member.substitute_id in seen:
                break
            staff_id = member.substitute_id
            seen.add(staff_id)
        return staff_id

    async def regional_coordinator(self, region_code: str) -> Staff | None:
        return await self.session.scalar(
            select(Staff)
            .where(Staff.role == Role.COORDINATOR.value, Staff.active, Staff.region_code == region_code)
            .order_by(Staff.user_id)
            .limit(1)
        )

    async def staff_region(self, member: Staff) -> str | None:
        """A staff member's region: their own, their centre's, or (an expert) their mentors' centres'."""
        if member.region_code:
            return member.region_code
        centre_ids = select(Staff.centre_id).where(
            or_(Staff.user_id == member.user_id, Staff.expert_id == member.user_id), Staff.centre_id.is_not(None)
        )
        return await self.session.scalar(
            select(Centre.region_code).where(Centre.id.in_(centre_ids)).order_by(Centre.id).limit(1)
        )

    async def centre(self, centre_id: int) -> Centre | None:
        return await self.session.get(Centre, centre_id)

    async def centres(self) -> list[Centre]:
        return list(
            await self.session.scalars(select(Centre).where(Centre.active).order_by(Centre.region_code, Centre.code))
        )

    # catalogue
    async def regions(self) -> list[Region]:
        return list(await self.session.scalars(select(Region).where(Region.active).order_by(Region.code)))

    async def region(self, code: str) -> Region | None:
        return await self.session.get(Region, code)

    async def localities(self, region_code: str) -> list[Locality]:
        return list(
            await self.session.scalars(
                select(Locality)
                .where(Locality.region_code == region_code, Locality.active)
                .order_by(Locality.position, Locality.code)
            )
        )

    async def locality(self, code: str) -> Locality | None:
        return await self.session.get(Locality, code)

    async def partners(self, direction: str, region_code: str | None) -> list[Partner]:
        rows = await self.session.scalars(select(Partner).where(Partner.active).order_by(Partner.code))
        return [p for p in rows if direction in p.directions and p.region_code in (None, region_code)]

    async def partner(self, code: str) -> Partner | None:
        return await self.session.get(Partner, code)

    # applications
    async def application(self, app_id: int, *, for_update: bool = False) -> Application | None:
        query = select(Application).where(Application.id == app_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def open_application(self, user_id: int) -> Application | None:
        return await self.session.scalar(
            select(Application)
            .where(Application.user_id == user_id, Application.status.in_([s.value for s in OPEN]))
            .with_for_update()
        )

    async def applications_of(self, user_id: int) -> list[Application]:
        return list(
            await self.session.scalars(
                select(Application).where(Application.user_id == user_id).order_by(Application.id)
            )
        )

    async def new_application(self, user_id: int, year: int) -> Application:
        app = Application(
            user_id=user_id, programme_year=year, status="draft", step="consent", directions=[], partners={}
        )
        self.session.add(app)
        await self.session.flush()
        return app

    async def mentor_options(self, app: Application, limit: int = 5) -> list[MentorOption]:
        """Mentors by match (place of study, locality, region, elsewhere), then the least loaded."""
        load = (
            select(Application.mentor_id, func.count().label("n"))
            .where(Application.status.in_(LOAD_STATUSES))
            .group_by(Application.mentor_id)
            .subquery()
        )
        rows = await self.session.execute(
            select(Staff, Centre, func.coalesce(load.c.n, 0))
            .join(Centre, Staff.centre_id == Centre.id)
            .outerjoin(load, load.c.mentor_id == Staff.user_id)
            .where(Staff.role == "mentor", Staff.active, Centre.active)
        )
        study = (app.study_place or "").casefold()
        options = []
        for staff, centre, n in rows.all():
            if study and study in {i.casefold() for i in centre.institutions}:
                match = 0
            elif centre.locality_code and centre.locality_code == app.locality_code:
                match = 1
            elif centre.region_code == app.region_code:
                match = 2
            else:
                match = 3
            options.append(MentorOption(staff, centre, int(n), match))
        options.sort(key=lambda o: (o.match, o.load, o.mentor.user_id))
        return options[:limit]

    async def mentor_applications(self, mentor_id: int) -> list[Application]:
        return list(
            await self.session.scalars(
                select(Application)
                .where(Application.mentor_id == mentor_id, Application.status.in_(LOAD_STATUSES))
                .order_by(Application.submitted_at, Application.id)
            )
        )

    async def schedule(self, app_id: int) -> list[ScheduleItem]:
        return list(
            await self.session.scalars(
                select(ScheduleItem).where(ScheduleItem.application_id == app_id).order_by(ScheduleItem.id)
            )
        )

    async def schedule_item(self, app_id: int, direction: str) -> ScheduleItem:
        item = await self.session.scalar(
            select(ScheduleItem).where(ScheduleItem.application_id == app_id, ScheduleItem.direction == direction)
        )
        if item is None:
            item = ScheduleItem(application_id=app_id, direction=direction, weekdays=[])
            self.session.add(item)
            await self.session.flush()
        return item

    # diary
    async def books(self, section: int) -> list[Book]:
        return list(
            await self.session.scalars(
                select(Book).where(Book.section == section, Book.active).order_by(Book.author_ru, Book.code)
            )
        )

    async def book(self, code: str) -> Book | None:
        return await self.session.get(Book, code)

    async def draft_entry(self, app_id: int) -> Entry | None:
        """The entry being composed: a new draft, or one the mentor asked more of and the participant reopened."""
        return await self.session.scalar(
            select(Entry)
            .where(Entry.application_id == app_id, (Entry.status == "draft") | Entry.revising)
            .order_by(Entry.id.desc())
            .limit(1)
            .with_for_update()
        )

    async def new_entry(self, app_id: int, direction: str, kind: str, step: str) -> Entry:
        entry = Entry(application_id=app_id, direction=direction, kind=kind, step=step, status="draft")
        self.session.add(entry)
        await self.session.flush()
        return entry

    async def entry(self, entry_id: int, *, for_update: bool = False) -> Entry | None:
        query = select(Entry).where(Entry.id == entry_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def appeals_for(self, expert_id: int) -> list[Entry]:
        """Appeals waiting for an expert: entries appealed against decisions of the mentors they supervise."""
        mentors = select(Staff.user_id).where(Staff.expert_id == expert_id)
        apps = select(Application.id).where(Application.mentor_id.in_(mentors))
        return list(
            await self.session.scalars(
                select(Entry)
                .where(Entry.application_id.in_(apps), Entry.status == EntryStatus.APPEALED.value)
                .order_by(Entry.id)
            )
        )

    async def entries_of(self, app_id: int) -> list[Entry]:
        return list(
            await self.session.scalars(
                select(Entry)
                .where(Entry.application_id == app_id, Entry.status != "draft")
                .order_by(Entry.activity_date, Entry.id)
            )
        )

    async def pending_entries(
        self, mentor_id: int, offset: int, limit: int
    ) -> tuple[list[tuple[Entry, Application]], int]:
        """Entries waiting for this mentor, oldest submission first, and how many there are in all."""
        where = (Application.mentor_id == mentor_id, Entry.status == "pending")
        total = await self.session.scalar(
            select(func.count())
            .select_from(Entry)
            .join(Application, Entry.application_id == Application.id)
            .where(*where)
        )
        rows = await self.session.execute(
            select(Entry, Application)
            .join(Application, Entry.application_id == Application.id)
            .where(*where)
            .order_by(Entry.submitted_at, Entry.id)
            .offset(offset)
            .limit(limit)
        )
        return [(e, a) for e, a in rows.all()], int(total or 0)

    async def done_entries(self, app_id: int) -> list[Done]:
        """Entries that count towards completion (approved, or overturned on appeal), reduced to what counts."""
        rows = await self.session.execute(
            select(Entry, Book.section)
            .outerjoin(Book, Entry.book_code == Book.code)
            .where(Entry.application_id == app_id, Entry.status.in_([s.value for s in COUNTED]))
        )
        return [
            Done(Direction(e.direction), e.activity_date, e.minutes or 0, e.book_code, section)
            for e, section in rows.all()
            if e.activity_date is not None
        ]

    async def media_of(self, entry_id: int) -> list[EntryMedia]:
        return list(
            await self.session.scalars(
                select(EntryMedia).where(EntryMedia.entry_id == entry_id).order_by(EntryMedia.id)
            )
        )

    async def add_media(self, entry_id: int, **fields: Any) -> EntryMedia:
        media = EntryMedia(entry_id=entry_id, **fields)
        self.session.add(media)
        await self.session.flush()
        return media

    # audit and links
    async def audit(
        self,
        entity: str,
        entity_id: int,
        actor_id: int | None,
        from_status: str | None,
        to_status: str,
        reason: str | None = None,
    ) -> None:
        self.session.add(
            AuditRecord(
                entity=entity,
                entity_id=entity_id,
                actor_id=actor_id,
                from_status=from_status,
                to_status=to_status,
                reason=reason,
            )
        )

    async def audit_trail(self, entity: str, entity_id: int) -> list[AuditRecord]:
        return list(
            await self.session.scalars(
                select(AuditRecord)
                .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
                .order_by(AuditRecord.id)
            )
        )

    async def create_link(
        self,
        token_hash: str,
        purpose: str,
        payload: dict[str, Any],
        expires_at: datetime,
        created_by: int | None,
    ) -> OneTimeLink:
        link = OneTimeLink(
            token_hash=token_hash, purpose=purpose, payload=payload, expires_at=expires_at, created_by=created_by
        )
        self.session.add(link)
        await self.session.flush()
        return link

    async def link_by_hash(self, token_hash: str, *, for_update: bool = False) -> OneTimeLink | None:
        query = select(OneTimeLink).where(OneTimeLink.token_hash == token_hash)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def expire_links(self, purpose: str, key: str, value: Any, now: datetime) -> None:
        links = await self.session.scalars(
            select(OneTimeLink).where(OneTimeLink.purpose == purpose, OneTimeLink.used_at.is_(None))
        )
        for link in links:
            if link.payload.get(key) == value:
                link.expires_at = min(link.expires_at, now)

    async def forget_user(self, user_id: int) -> None:
        """Cuts the Telegram id out of links and audit rows, which outlive an erased account."""
        await self.session.execute(update(OneTimeLink).where(OneTimeLink.created_by == user_id).values(created_by=None))
        await self.session.execute(update(OneTimeLink).where(OneTimeLink.used_by == user_id).values(used_by=None))
        await self.session.execute(update(AuditRecord).where(AuditRecord.actor_id == user_id).values(actor_id=None))
