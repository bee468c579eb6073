"""Charts' and exports' figures (core/reports.py) and a participant's outlook (core/analytics.outlook): each role
limited to its scope, read from the progress rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core import analytics, reports
from core.errors import NotAllowed
from core.programme import Direction
from core.progress import Done, Standing, standing
from core.rules import Target
from locales.translations import Translations
from media.exports import sheets_of
from media.tables import Sheet, csv_bytes, xlsx
from storage.models import Application
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER,
    PARTICIPANT,
    POLICY,
    Store,
    change,
)
from tests.unit.usecases.test_analytics import OPERATOR, STARTED, THIRD, active, decide, session_in_week, team

__all__ = ["team"]
START = date(2026, 9, 7)


def test_a_standing_counts_in_the_directions_own_unit() -> None:
    sport = Target(Direction.SPORT, months=3, weekly_minutes=60)
    done = [Done(Direction.SPORT, START + timedelta(days=d), 60) for d in (0, 1, 8)]
    assert standing(sport, done, START) == Standing(Direction.SPORT, "weeks", 2, 13)
    assert standing(sport, done, START).left == 11 and standing(sport, done, START).percent == 15
    books = Target(Direction.READING, books=3, section1_books=1)
    read = [Done(Direction.READING, START, book_code=code, book_section=2) for code in "abc"]
    assert standing(books, read, START) == Standing(Direction.READING, "books", 2, 3), "a place kept for section 1"
    trip = Target(Direction.TOURISM, trip_days=2)
    days = [Done(Direction.TOURISM, START + timedelta(days=d)) for d in (0, 0, 1)]
    assert standing(trip, days, START) == Standing(Direction.TOURISM, "days", 2, 2)
    assert standing(trip, days, START).left == 0 and standing(trip, days, START).percent == 100


async def test_an_outlook_says_what_is_left_and_by_when(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    await decide(store, await session_in_week(store, app_id, 0), "approve")
    async with store.session() as uow:
        app = await uow.applications.get(app_id)
        assert app is not None
        found = await analytics.outlook(uow, app, replace(POLICY, clock=lambda: NOW))
    started = STARTED.astimezone(POLICY.zone).date()
    assert found.ends_on == started + timedelta(weeks=13), "Bronze sessions last 3 months: 13 weeks"
    assert found.weeks_left == (found.ends_on - NOW.astimezone(POLICY.zone).date()).days // 7 == 8
    assert [(s.direction.value, s.unit, s.reached, s.required) for s in found.standings] == [
        ("sport", "weeks", 1, 13),
        ("talent", "weeks", 0, 13),
        ("reading", "books", 0, 3),
    ]
    assert found.rating == 2


async def scope_for(store: Store, user_id: int) -> reports.Scope:
    async with store.session() as uow:
        return await reports.scope_of(uow, await uow.staff.get(user_id))


@pytest.mark.parametrize("user_id", [MENTOR, EXPERT, PARTICIPANT])
async def test_only_a_coordinator_and_the_operator_have_a_scope(store: Store, user_id: int) -> None:
    with pytest.raises(NotAllowed):
        await scope_for(store, user_id)


async def test_a_coordinator_sees_their_region_the_operator_everything(store: Store) -> None:
    first = await active(store, PARTICIPANT)
    second = await active(store, OTHER)
    elsewhere = await active(store, THIRD)
    await change(store, Application, elsewhere, region_code="almaty-city")
    await decide(store, await session_in_week(store, first, 0), "approve")
    for week in range(13):
        await decide(store, await session_in_week(store, second, week), "approve")
    assert (await scope_for(store, COORDINATOR)).code == "astana"
    assert (await scope_for(store, OPERATOR)).code is None

    async with store.session() as uow:
        region = await reports.spread(uow, await uow.staff.get(COORDINATOR))
        nation = await reports.spread(uow, await uow.staff.get(OPERATOR))
    assert region.distribution == (1, 0, 0, 1, 0, 0, 0, 0, 0, 0), "ratings 2 and 100 // 3 = 33"
    assert region.team.participants == 2 and region.regions == ()
    assert nation.distribution == (2, 0, 0, 1, 0, 0, 0, 0, 0, 0)
    assert {g.name: (g.participants, g.rating) for g in nation.regions} == {"astana": (2, 17), "almaty-city": (1, 0)}

    async with store.session() as uow:
        scope = await reports.scope_of(uow, await uow.staff.get(COORDINATOR))
        found = await reports.export(uow, scope, NOW, NOW.date())
    assert [row.app_id for row in found.participants] == [first, second]
    assert [(row.rating, row.percents) for row in found.participants] == [
        (2, {"sport": 7, "talent": 0, "reading": 0}),
        (33, {"sport": 100, "talent": 0, "reading": 0}),
    ]
    assert {(c.region, c.level, c.participants, c.rating) for c in found.ratings} == {("astana", "bronze", 2, 17)}


async def test_an_export_reads_every_page(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [await active(store, user_id) for user_id in (PARTICIPANT, OTHER, THIRD)]
    monkeypatch.setattr(reports, "PAGE", 2)
    async with store.session() as uow:
        found = await reports.export(uow, reports.Scope(None), NOW, NOW.date())
    assert [row.app_id for row in found.participants] == ids


async def test_the_export_sheets_are_what_the_figures_say(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    await change(store, Application, app_id, full_name='=HYPERLINK("http://x")')
    async with store.session() as uow:
        found = await reports.export(uow, reports.Scope(None), NOW, NOW.date())
    t = Translations("ru").translator("ru")
    participants, ratings, backlog = sheets_of(found, t, POLICY.zone)
    book = load_workbook(BytesIO(xlsx([participants, ratings, backlog])))
    (row,) = list(book[t("export-sheet-participants")].iter_rows(min_row=2, values_only=True))
    assert row[:5] == (app_id, '=HYPERLINK("http://x")', t("status-active"), t("level-bronze"), "город Астана")
    cell = book[t("export-sheet-participants")]["B2"]
    assert cell.data_type == "s", "a name that looks like a formula stays text"
    text = csv_bytes(participants).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_csv_is_read_by_excel_as_utf8_and_never_runs_a_formula() -> None:
    sheet = Sheet("s", ("a", "b"), [("=1+1", "Әбілқасым"), ("-2", 3), ("@x", None)])
    data = csv_bytes(sheet)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["a,b", "'=1+1,Әбілқасым", "'-2,3", "'@x,"]
