"""The operator's catalogue as the bot offers it: regions, localities, books, partners and centres."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Book, Centre, Locality, Partner, Region


class Catalogue:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def regions(self) -> list[Region]:
        return list(await self._session.scalars(select(Region).where(Region.active).order_by(Region.code)))

    async def region(self, code: str) -> Region | None:
        return await self._session.get(Region, code)

    async def localities(self, region_code: str) -> list[Locality]:
        return list(
            await self._session.scalars(
                select(Locality)
                .where(Locality.region_code == region_code, Locality.active)
                .order_by(Locality.position, Locality.code)
            )
        )

    async def locality(self, code: str) -> Locality | None:
        return await self._session.get(Locality, code)

    async def partners(self, direction: str, region_code: str | None) -> list[Partner]:
        rows = await self._session.scalars(select(Partner).where(Partner.active).order_by(Partner.code))
        return [p for p in rows if direction in p.directions and p.region_code in (None, region_code)]

    async def partner(self, code: str) -> Partner | None:
        return await self._session.get(Partner, code)

    async def books(self, section: int) -> list[Book]:
        return list(
            await self._session.scalars(
                select(Book).where(Book.section == section, Book.active).order_by(Book.author_ru, Book.code)
            )
        )

    async def book(self, code: str | None) -> Book | None:
        return await self._session.get(Book, code) if code else None

    async def books_by_code(self, codes: set[str]) -> dict[str, Book]:
        """Several books in one statement, by code."""
        if not codes:
            return {}
        return {b.code: b for b in await self._session.scalars(select(Book).where(Book.code.in_(codes)))}

    async def centre(self, centre_id: int) -> Centre | None:
        return await self._session.get(Centre, centre_id)

    async def centre_by_code(self, code: str) -> Centre | None:
        return await self._session.scalar(select(Centre).where(Centre.code == code))

    async def centres(self) -> list[Centre]:
        return list(
            await self._session.scalars(select(Centre).where(Centre.active).order_by(Centre.region_code, Centre.code))
        )

    async def unsigned_centres(self) -> list[Centre]:
        """Approved, still registered centres whose agreement is not signed yet (R6.5)."""
        return list(
            await self._session.scalars(
                select(Centre)
                .where(Centre.active, Centre.approved_at.is_not(None), Centre.agreement_signed_at.is_(None))
                .order_by(Centre.id)
            )
        )
