"""Diary entries and their files (R5.2), and what counts of them towards completion (R8.3)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.entry_status import COUNTED
from core.programme import Direction, EntryStatus
from core.progress import Done
from storage.batches import batches, rows_by_id
from storage.models import Application, Book, Entry, EntryMedia, Staff

COUNTED_VALUES = sorted(s.value for s in COUNTED)


async def done_of(session: AsyncSession, app_ids: Sequence[int]) -> dict[int, list[Done]]:
    """The entries of these applications that count towards completion (approved, or overturned on appeal),
    reduced to what counts, in one statement: columns, not entries, as an approval reads a whole diary's."""
    done: defaultdict[int, list[Done]] = defaultdict(list)
    if not app_ids:
        return done
    rows = await session.execute(
        select(Entry.application_id, Entry.direction, Entry.activity_date, Entry.minutes, Entry.book_code, Book.section)
        .outerjoin(Book, Entry.book_code == Book.code)
        .where(Entry.application_id.in_(app_ids), Entry.status.in_(COUNTED_VALUES), Entry.activity_date.is_not(None))
    )
    for app_id, direction, day, minutes, book, section in rows.all():
        if day is not None:
            done[app_id].append(Done(Direction(direction), day, minutes or 0, book, section))
    return done


class Entries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._media: dict[int, list[EntryMedia]] = {}
        """Files read ahead by `preload_media`, by entry."""

    async def get(self, entry_id: int, *, for_update: bool = False) -> Entry | None:
        if not for_update:
            return await self._session.get(Entry, entry_id)
        return await self._session.scalar(select(Entry).where(Entry.id == entry_id).with_for_update())

    async def locked(self, entry_id: int) -> tuple[Entry, Application] | None:
        """The entry, locked, with its application, in one statement: what a decision on it reads first."""
        row = (
            await self._session.execute(
                select(Entry, Application)
                .join(Application, Application.id == Entry.application_id)
                .where(Entry.id == entry_id)
                .with_for_update(of=Entry)
            )
        ).first()
        return None if row is None else (row[0], row[1])

    async def many(self, entry_ids: set[int]) -> list[Entry]:
        """Several entries; while the caller holds the list, `get` finds them without a query."""
        return await rows_by_id(self._session, Entry.id, entry_ids)

    async def draft(self, app_id: int) -> Entry | None:
        """The entry being composed: a new draft, or one the mentor asked more of and the participant reopened."""
        return await self._session.scalar(
            select(Entry)
            .where(Entry.application_id == app_id, (Entry.status == EntryStatus.DRAFT.value) | Entry.revising)
            .order_by(Entry.id.desc())
            .limit(1)
            .with_for_update()
        )

    async def new(self, app_id: int, direction: str, kind: str, step: str) -> Entry:
        entry = Entry(application_id=app_id, direction=direction, kind=kind, step=step, status=EntryStatus.DRAFT.value)
        self._session.add(entry)
        await self._session.flush()
        return entry

    async def delete(self, entry: Entry) -> None:
        await self._session.delete(entry)

    async def of_application(self, app_id: int) -> list[Entry]:
        """Every entry but the draft being composed, in the order the activities happened."""
        return list(
            await self._session.scalars(
                select(Entry)
                .where(Entry.application_id == app_id, Entry.status != EntryStatus.DRAFT.value)
                .order_by(Entry.activity_date, Entry.id)
            )
        )

    async def pending_for(self, mentor_id: int, offset: int, limit: int) -> tuple[list[tuple[Entry, Application]], int]:
        """Entries waiting for this mentor, oldest submission first, and how many there are in all."""
        where = (Application.mentor_id == mentor_id, Entry.status == EntryStatus.PENDING.value)
        total = await self._session.scalar(
            select(func.count())
            .select_from(Entry)
            .join(Application, Entry.application_id == Application.id)
            .where(*where)
        )
        rows = await self._session.execute(
            select(Entry, Application)
            .join(Application, Entry.application_id == Application.id)
            .where(*where)
            .order_by(Entry.submitted_at, Entry.id)
            .offset(offset)
            .limit(limit)
        )
        return [(e, a) for e, a in rows.all()], int(total or 0)

    async def appeals_waiting(self, expert_id: int) -> list[int]:
        """The appeals waiting for an expert (entries appealed against decisions of the mentors they supervise),
        oldest first. Found through the expert's mentors' applications and ordered here: ordered in SQL with a
        limit, PostgreSQL walks every appeal in the country by date."""
        mentors = select(Staff.user_id).where(Staff.expert_id == expert_id)
        apps = select(Application.id).where(Application.mentor_id.in_(mentors))
        waiting = (
            await self._session.execute(
                select(Entry.appealed_at, Entry.id).where(
                    Entry.application_id.in_(apps), Entry.status == EntryStatus.APPEALED.value
                )
            )
        ).all()
        ordered = sorted(waiting, key=lambda row: (row.appealed_at is None, row.appealed_at or datetime.min, row.id))
        return [row.id for row in ordered]

    async def done(self, app_id: int) -> list[Done]:
        """Entries that count towards completion (approved, or overturned on appeal), reduced to what counts."""
        return (await done_of(self._session, [app_id])).get(app_id, [])

    async def media(self, entry_id: int) -> list[EntryMedia]:
        if entry_id in self._media:
            return list(self._media[entry_id])
        return list(
            await self._session.scalars(
                select(EntryMedia).where(EntryMedia.entry_id == entry_id).order_by(EntryMedia.id)
            )
        )

    async def media_of(self, entry_ids: Sequence[int]) -> dict[int, list[EntryMedia]]:
        """The files of several entries, one statement per 10,000 entries, by entry."""
        found: dict[int, list[EntryMedia]] = {entry_id: [] for entry_id in entry_ids}
        for chunk in batches(entry_ids):
            for media in await self._session.scalars(
                select(EntryMedia).where(EntryMedia.entry_id.in_(chunk)).order_by(EntryMedia.id)
            ):
                found[media.entry_id].append(media)
        return found

    async def preload_media(self, entry_ids: set[int]) -> None:
        """Reads the files of these entries at once for the `media` calls that follow: a publisher renders
        each of a hundred entries with its files."""
        self._media.update(await self.media_of(sorted(entry_ids)))

    async def add_media(self, entry_id: int, **fields: Any) -> EntryMedia:
        self._media.pop(entry_id, None)
        media = EntryMedia(entry_id=entry_id, **fields)
        self._session.add(media)
        await self._session.flush()
        return media
