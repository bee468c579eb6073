"""Writes a parsed catalogue (core.catalog) into the database in one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.catalog import Catalog, LocalizedText
from storage.catalog_files import default_catalog
from storage.models import Base, Book, Centre, Locality, Partner, Region

SEED_LOCK = 7_461_737_287
"""PostgreSQL advisory lock key: instances starting together load the catalogue one after the other."""


def _names(prefix: str, text: LocalizedText) -> dict[str, str]:
    return {f"{prefix}_kk": text.kk, f"{prefix}_ru": text.ru, f"{prefix}_en": text.en}


class _Upserter:
    """Upserts rows by code, reading each table once rather than once per row. A row a file writes is marked as
    the file's, even one first added in the bot; a row the bot adds is not."""

    def __init__(self, session: AsyncSession, in_file: bool) -> None:
        self.session = session
        self.in_file = in_file
        self.rows: dict[type[Base], dict[str, Any]] = {}

    async def __call__(self, model: type[Base], code: str, values: dict[str, Any]) -> None:
        if model not in self.rows:
            existing: list[Any] = list(await self.session.scalars(select(model)))
            self.rows[model] = {row.code: row for row in existing}
        row = self.rows[model].get(code)
        if row is None:
            row = self.rows[model][code] = model(code=code, in_file=self.in_file, **values)
            self.session.add(row)
            return
        for name, value in values.items():
            setattr(row, name, value)
        if self.in_file:
            row.in_file = True


async def apply_catalog(
    session: AsyncSession, catalog: Catalog, *, replace: bool = False, in_file: bool = True
) -> dict[str, int]:
    """Upserts every item by code; with `replace`, items of a kind the file lists but omits are retired, unless
    they were added in the bot (`in_file` false: the operator's additions, which no file lists).

    Retired rows are deactivated, not deleted: applications may still point at them.
    """
    upsert = _Upserter(session, in_file)
    counts = {"regions": 0, "localities": 0, "books": 0, "partners": 0, "centres": 0}
    for region in catalog.regions:
        await upsert(Region, region.code, {**_names("name", region.name), "active": True})
        counts["regions"] += 1
    await session.flush()
    places = [(n, place) for region in catalog.regions for n, place in enumerate(region.localities)]
    places += [(len(places) + n, place) for n, place in enumerate(catalog.extra_localities)]
    for position, place in places:
        await upsert(
            Locality,
            place.code,
            {**_names("name", place.name), "region_code": place.region_code, "position": position, "active": True},
        )
        counts["localities"] += 1
    for book in catalog.books:
        await upsert(
            Book,
            book.code,
            {**_names("title", book.title), **_names("author", book.author), "section": book.section, "active": True},
        )
        counts["books"] += 1
    for partner in catalog.partners:
        await upsert(
            Partner,
            partner.code,
            {
                **_names("name", partner.name),
                "directions": sorted(partner.directions),
                "region_code": partner.region_code,
                "active": True,
            },
        )
        counts["partners"] += 1
    await session.flush()
    for centre in catalog.centres:
        await upsert(
            Centre,
            centre.code,
            {
                **_names("name", centre.name),
                "region_code": centre.region_code,
                "locality_code": centre.locality_code,
                "institutions": list(centre.institutions),
                "active": True,
            },
        )
        counts["centres"] += 1
    if replace:
        counts["retired"] = await _retire(session, catalog)
    await session.flush()
    return counts


async def _retire(session: AsyncSession, catalog: Catalog) -> int:
    """Deactivates the active items a file wrote that this file omits; returns how many."""
    kinds: list[tuple[type[Base], Any, set[str]]] = [
        (Region, Region.code, {r.code for r in catalog.regions}),
        (
            Locality,
            Locality.code,
            {p.code for r in catalog.regions for p in r.localities} | {p.code for p in catalog.extra_localities},
        ),
        (Book, Book.code, {b.code for b in catalog.books}),
        (Partner, Partner.code, {p.code for p in catalog.partners}),
        (Centre, Centre.code, {c.code for c in catalog.centres}),
    ]
    retired = 0
    for model, column, codes in kinds:
        if not codes:
            continue
        result = await session.execute(
            update(model).where(~column.in_(codes), model.active, model.in_file).values(active=False)  # type: ignore[attr-defined]
        )
        retired += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return retired


async def known_regions(session: AsyncSession) -> dict[str, frozenset[str]]:
    """Region codes with their locality codes, so an extending file may refer to them."""
    result: dict[str, set[str]] = {code: set() for code in await session.scalars(select(Region.code))}
    for code, region in await session.execute(select(Locality.code, Locality.region_code)):
        result.setdefault(region, set()).add(code)
    return {k: frozenset(v) for k, v in result.items()}


async def seed_default(session: AsyncSession) -> bool:
    """Loads the shipped catalogue on first start; returns whether it did."""
    if await session.scalar(select(Region.code).limit(1)) is not None:
        return False
    await apply_catalog(session, default_catalog())
    return True


async def seed_on_first_start(sessions: async_sessionmaker[AsyncSession]) -> bool:
    """`seed_default` in a transaction of its own, for start-up; the transaction's lock makes a second instance
    wait, then find the catalogue there."""
    async with sessions() as session, session.begin():
        if session.get_bind().dialect.name == "postgresql":
            await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SEED_LOCK})
        return await seed_default(session)
