"""Loading, extending and replacing the catalogue in the database under test."""

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.catalog_files import default_catalog, load_catalog
from storage.catalog_store import apply_catalog, known_regions, seed_default
from storage.models import Book, Locality, Partner, Region


async def count(session: AsyncSession, model: type, active: bool | None = None) -> int:
    query = select(func.count()).select_from(model)
    if active is not None:
        query = query.where(model.active.is_(active))
    return int(await session.scalar(query) or 0)


async def test_default_catalogue_loads_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        assert await seed_default(session) is True
    async with sessions() as session, session.begin():
        assert await seed_default(session) is False
        shipped = default_catalog()
        assert await count(session, Region) == len(shipped.regions) == 20
        assert await count(session, Locality) == sum(len(r.localities) for r in shipped.regions)
        assert await count(session, Book) == len(shipped.books)


async def test_extend_then_replace(sessions: async_sessionmaker[AsyncSession], tmp_path: Path) -> None:
    async with sessions() as session, session.begin():
        await seed_default(session)
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "kind,code,region,locality,section,directions,name_kk,name_ru,name_en,author_kk,author_ru,author_en,institutions\n"
        "locality,astana-new-town,astana,,,,Жаңа қала,Новый город,New Town,,,,\n"
        "book,new-book,,,3,,Кітап,Книга,Book,Автор,Автор,Author,\n"
        "partner,eco-club,astana,,,volunteering,Эко,Эко,Eco club,,,,\n"
        "centre,astana-school-1,astana,astana-new-town,,,Орталық,Центр,Centre,,,,School 1;Lyceum 2\n",
        encoding="utf-8",
    )
    async with sessions() as session, session.begin():
        catalog = load_catalog(extra, known_regions=await known_regions(session))
        counts = await apply_catalog(session, catalog)
    assert counts == {"regions": 0, "localities": 1, "books": 1, "partners": 1, "centres": 1}
    async with sessions() as session:
        place = await session.get(Locality, "astana-new-town")
        assert place is not None and place.region_code == "astana" and place.active
        total_books = await count(session, Book)
    async with sessions() as session, session.begin():
        await apply_catalog(session, load_catalog(extra, known_regions=await known_regions(session)), replace=True)
    async with sessions() as session:
        assert await count(session, Book, active=True) == 1
        assert await count(session, Book) == total_books
        assert await count(session, Partner, active=True) == 1
        assert await count(session, Region, active=True) == 20  # the file lists no regions: kept
