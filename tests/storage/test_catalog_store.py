"""Loading, extending and replacing the catalogue in the database under test."""

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.catalog_files import default_catalog, load_catalog
from storage.catalog_store import apply_catalog, known_regions, seed_default, seed_on_first_start
from storage.models import Book, Centre, Locality, Partner, Region
from storage.repositories.administration import Administration
from storage.repositories.centres import Centres
from tests.conftest import PG_URL


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
    added_in_bot = tmp_path / "bot.csv"
    added_in_bot.write_text(
        "kind,code,region,locality,section,directions,name_kk,name_ru,name_en,author_kk,author_ru,author_en,institutions\n"
        "book,bot-book,,,3,,Кітап,Книга,A book from the bot,Автор,Автор,Author,\n"
        "partner,bot-partner,astana,,,volunteering,Серік,Партнёр,A partner from the bot,,,,\n",
        encoding="utf-8",
    )
    async with sessions() as session, session.begin():
        await Administration(session).add(load_catalog(added_in_bot, known_regions=await known_regions(session)))
        await Centres(session).add_centre("c-bot", "From the bot", "astana")
        session.add(Centre(code="c-gone", name_kk="Г", name_ru="Г", name_en="Gone", region_code="astana"))
    async with sessions() as session, session.begin():
        before = {m: await count(session, m, active=True) for m in (Book, Partner, Locality, Centre)}
        counts = await apply_catalog(
            session, load_catalog(extra, known_regions=await known_regions(session)), replace=True
        )
    async with sessions() as session:
        after = {m: await count(session, m, active=True) for m in (Book, Partner, Locality, Centre)}
        assert counts["retired"] == sum(before.values()) - sum(after.values()) > 0
        active = set(await session.scalars(select(Centre.code).where(Centre.active)))
        assert active == {"astana-school-1", "c-bot"}, "a centre approved in the bot is in no file, and stays"
        books = set(await session.scalars(select(Book.code).where(Book.active)))
        assert books == {"new-book", "bot-book"}, "the operator's addition in the bot stays"
        assert await count(session, Book) == total_books + 1
        partners = set(await session.scalars(select(Partner.code).where(Partner.active)))
        assert partners == {"eco-club", "bot-partner"}
        assert await count(session, Region, active=True) == 20  # the file lists no regions: kept


async def test_an_item_added_in_the_bot_becomes_the_files_once_a_file_lists_it(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    header = (
        "kind,code,region,locality,section,directions,name_kk,name_ru,name_en,author_kk,author_ru,author_en,"
        "institutions\n"
    )
    first, later = tmp_path / "first.csv", tmp_path / "later.csv"
    first.write_text(header + "book,bot-book,,,3,,Кітап,Книга,Book,Автор,Автор,Author,\n", encoding="utf-8")
    later.write_text(header + "book,other-book,,,3,,Кітап,Книга,Other,Автор,Автор,Author,\n", encoding="utf-8")
    async with sessions() as session, session.begin():
        await seed_default(session)
        await Administration(session).add(load_catalog(first, known_regions=await known_regions(session)))
    async with sessions() as session, session.begin():
        await apply_catalog(session, load_catalog(first, known_regions=await known_regions(session)))
    async with sessions() as session, session.begin():
        await apply_catalog(session, load_catalog(later, known_regions=await known_regions(session)), replace=True)
    async with sessions() as session:
        assert set(await session.scalars(select(Book.code).where(Book.active))) == {"other-book"}


@pytest.mark.skipif(not PG_URL, reason="instances share PostgreSQL; SQLite serves one process")
async def test_instances_starting_together_load_the_catalogue_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    loaded = await asyncio.gather(*(seed_on_first_start(sessions) for _ in range(3)))
    assert sorted(loaded) == [False, False, True]
    async with sessions() as session:
        assert await count(session, Region) == 20
