"""What is stored about one person across the tables, for their export and their erasure.

Rows come back as plain dictionaries of every column, so an export shows a column added later without
anyone remembering to add it here. Which fields are personal is decided in `core/personal_data.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

from core.links import EMPLOYER
from core.programme import EntryStatus
from storage.models import (
    Application,
    AuditRecord,
    Entry,
    EntryMedia,
    ExtraTask,
    MissedWeek,
    OneTimeLink,
    ParticipantDocument,
    RatingBallot,
    StaffDocument,
    StaffProfile,
)


def columns(row: DeclarativeBase) -> dict[str, Any]:
    return {c.name: getattr(row, c.key) for c in type(row).__table__.columns}


class PersonalData:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _entry_ids(self, app_id: int) -> Any:
        return select(Entry.id).where(Entry.application_id == app_id)

    async def entries(self, app_id: int) -> list[dict[str, Any]]:
        """Every entry of the application, drafts too, each with its files."""
        media: dict[int, list[dict[str, Any]]] = {}
        for file in await self._session.scalars(
            select(EntryMedia).where(EntryMedia.entry_id.in_(self._entry_ids(app_id))).order_by(EntryMedia.id)
        ):
            media.setdefault(file.entry_id, []).append(columns(file))
        rows = await self._session.scalars(select(Entry).where(Entry.application_id == app_id).order_by(Entry.id))
        return [columns(e) | {"media": media.get(e.id, [])} for e in rows]

    async def missed_weeks(self, app_id: int) -> list[dict[str, Any]]:
        rows = await self._session.scalars(
            select(MissedWeek).where(MissedWeek.application_id == app_id).order_by(MissedWeek.id)
        )
        return [columns(r) for r in rows]

    async def tasks(self, app_id: int) -> list[dict[str, Any]]:
        rows = await self._session.scalars(
            select(ExtraTask).where(ExtraTask.application_id == app_id).order_by(ExtraTask.id)
        )
        return [columns(r) for r in rows]

    async def rated_periods(self, app_id: int) -> list[str]:
        """Periods whose survey the participant answered; the answers themselves cannot be traced back."""
        return list(
            await self._session.scalars(
                select(RatingBallot.period).where(RatingBallot.application_id == app_id).order_by(RatingBallot.id)
            )
        )

    async def documents(self, app_id: int) -> list[dict[str, Any]]:
        """The copies of the agreement, the ID and certificates the participant sent, with the mentor's decisions."""
        rows = await self._session.scalars(
            select(ParticipantDocument)
            .where(ParticipantDocument.application_id == app_id)
            .order_by(ParticipantDocument.id)
        )
        return [columns(r) for r in rows]

    async def history(self, app_id: int) -> list[dict[str, Any]]:
        """Status changes of the application and of its entries, with the reasons given."""
        rows = await self._session.scalars(
            select(AuditRecord)
            .where(
                or_(
                    (AuditRecord.entity == "application") & (AuditRecord.entity_id == app_id),
                    (AuditRecord.entity == "entry") & AuditRecord.entity_id.in_(self._entry_ids(app_id)),
                )
            )
            .order_by(AuditRecord.id)
        )
        return [columns(r) for r in rows]

    async def as_guardian(self, user_id: int) -> list[Application]:
        """Applications this person confirmed as the legal representative."""
        return list(
            await self._session.scalars(
                select(Application).where(Application.guardian_user_id == user_id).order_by(Application.id)
            )
        )

    async def as_employer(self, user_id: int) -> list[Entry]:
        """Work reports this person confirmed as the employer, found through the links they used."""
        links = await self._session.scalars(
            select(OneTimeLink).where(OneTimeLink.purpose == EMPLOYER, OneTimeLink.used_by == user_id)
        )
        ids = [int(link.payload["entry_id"]) for link in links if "entry_id" in link.payload]
        if not ids:
            return []
        return list(await self._session.scalars(select(Entry).where(Entry.id.in_(ids)).order_by(Entry.id)))

    async def redact_application(self, app_id: int, entry_fields: Sequence[str]) -> None:
        """Drafts, files and documents go; entries, missed weeks, tasks and the audit keep their facts, not their
        words."""
        entry_ids = self._entry_ids(app_id)
        await self._session.execute(delete(ParticipantDocument).where(ParticipantDocument.application_id == app_id))
        await self._session.execute(delete(EntryMedia).where(EntryMedia.entry_id.in_(entry_ids)))
        await self._session.execute(
            update(Entry).where(Entry.application_id == app_id).values(dict.fromkeys(entry_fields))
        )
        await self._session.execute(
            delete(Entry).where(Entry.application_id == app_id, Entry.status == EntryStatus.DRAFT.value)
        )
        await self._session.execute(update(MissedWeek).where(MissedWeek.application_id == app_id).values(details=None))
        await self._session.execute(update(ExtraTask).where(ExtraTask.application_id == app_id).values(text=""))
        await self._session.execute(
            update(AuditRecord)
            .where(
                or_(
                    (AuditRecord.entity == "application") & (AuditRecord.entity_id == app_id),
                    (AuditRecord.entity == "entry") & AuditRecord.entity_id.in_(entry_ids),
                )
            )
            .values(reason=None)
        )

    async def redact_guardian(self, user_id: int, fields: Sequence[str]) -> None:
        await self._session.execute(
            update(Application).where(Application.guardian_user_id == user_id).values(dict.fromkeys(fields))
        )

    async def redact_employer(self, entry_ids: Sequence[int], fields: Sequence[str]) -> None:
        if entry_ids:
            await self._session.execute(update(Entry).where(Entry.id.in_(entry_ids)).values(dict.fromkeys(fields)))

    async def staff_profile(self, user_id: int) -> dict[str, Any] | None:
        profile = await self._session.get(StaffProfile, user_id)
        return columns(profile) if profile is not None else None

    async def staff_documents(self, user_id: int) -> list[dict[str, Any]]:
        rows = await self._session.scalars(
            select(StaffDocument).where(StaffDocument.owner_id == user_id).order_by(StaffDocument.id)
        )
        return [columns(r) for r in rows]

    async def erase_staff_profile(self, user_id: int) -> None:
        """A staff member's photo, phone, region, organisation, bio and documents; the role itself stays."""
        await self._session.execute(delete(StaffDocument).where(StaffDocument.owner_id == user_id))
        await self._session.execute(delete(StaffProfile).where(StaffProfile.user_id == user_id))
