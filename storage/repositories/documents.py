"""The copies a mentor collects from each participant (R6.2): agreement, ID, certificates."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ParticipantDocument


class ParticipantDocuments:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, doc_id: int, *, for_update: bool = False) -> ParticipantDocument | None:
        if not for_update:
            return await self._session.get(ParticipantDocument, doc_id)
        return await self._session.scalar(
            select(ParticipantDocument).where(ParticipantDocument.id == doc_id).with_for_update()
        )

    async def of_application(self, app_id: int) -> list[ParticipantDocument]:
        """The application's documents, oldest first."""
        return list(
            await self._session.scalars(
                select(ParticipantDocument)
                .where(ParticipantDocument.application_id == app_id)
                .order_by(ParticipantDocument.id)
            )
        )

    def new(self, app_id: int, kind: str) -> ParticipantDocument:
        """A document added to the session; the caller fills in the file before the commit writes it."""
        document = ParticipantDocument(application_id=app_id, kind=kind)
        self._session.add(document)
        return document
