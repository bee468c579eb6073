"""Charts and exports through the bot (R8.4): a coordinator's of their region, the operator's of everyone, a
participant's own progress chart; each a real PNG or workbook read back from what the bot uploaded."""

from __future__ import annotations

import csv
from datetime import timedelta
from io import BytesIO, StringIO
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from PIL import Image

from bot.callbacks import ReportCb
from bot.charts import CHARTS
from core.programme import Role
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text
from tests.e2e.test_diary import session_report

EXPERT, MENTOR, ASTANA, ALMATY, OPERATOR = 7200, 7201, 7202, 7203, 7204
NAME = "Абайұлы Нұрлан Серікұлы"
ZONE = ZoneInfo("Asia/Almaty")


def uploaded(world: World, message: Any) -> bytes:
    stored = world.emu.state.files.get(message.file_id)
    assert stored is not None
    return stored.data


def png_size(data: bytes) -> tuple[int, int]:
    """Decodes the whole image, so a truncated or fake PNG fails here."""
    image = Image.open(BytesIO(data))
    image.load()
    assert image.format == "PNG"
    return image.size


async def programme(world: World) -> tuple[Any, Any, Any, Any, Any, Any]:
    """Two active participants in Astana, one with an approved week of sport."""
    t = tr("en")
    await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    astana = await become_staff(world, ASTANA, "en", Role.COORDINATOR, "Astana Coord", region="astana")
    almaty = await become_staff(world, ALMATY, "en", Role.COORDINATOR, "Almaty Coord", region="almaty-city")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    user, _ = await activated(world, 7005, "en", mentor, MENTOR)
    second, _ = await activated(world, 7006, "en", mentor, MENTOR)
    await session_report(user, t)
    await mentor.click(text=t("button-review-approve"))
    return mentor, astana, almaty, operator, user, second


async def test_a_coordinator_gets_a_chart_drawn_once_until_the_figures_change(world: World) -> None:
    t = tr("en")
    mentor, astana, _, _, _, second = await programme(world)
    await astana.send_text(t("menu-analytics"))
    drawn = CHARTS.drawn
    await astana.click(text=t("button-chart"))
    chart = astana.last
    assert chart.media == "photo"
    assert chart.caption == plain(t("chart-caption", scope="Astana city", count=2))
    width, height = png_size(uploaded(world, chart))
    assert width > 600 and height > 400
    assert CHARTS.drawn == drawn + 1

    await astana.click(data=ReportCb(kind="chart").pack())
    assert astana.last.media == "photo" and astana.last.message_id != chart.message_id
    assert astana.last.file_id == chart.file_id, "the same figures: Telegram's file is sent again"
    assert CHARTS.drawn == drawn + 1

    await session_report(second, t)
    await mentor.click(text=t("button-review-approve"))
    await astana.click(data=ReportCb(kind="chart").pack())
    assert CHARTS.drawn == drawn + 2, "an approval changed the figures: drawn again"
    assert astana.last.file_id != chart.file_id


async def test_an_export_holds_exactly_the_regions_participants(world: World) -> None:
    t = tr("en")
    _, astana, almaty, operator, _, _ = await programme(world)
    await astana.send_text(t("menu-analytics"))
    await astana.click(text=t("button-export-xlsx"))
    document = astana.last
    assert document.media == "document"
    assert document.data["document"]["file_name"] == f"tosbelgi-astana-{world.clock().date():%Y-%m-%d}.xlsx"
    assert document.caption == plain(t("export-caption", scope="Astana city", count=2))
    book = load_workbook(BytesIO(uploaded(world, document)))
    assert book.sheetnames == [t("export-sheet-participants"), t("export-sheet-ratings"), t("export-sheet-backlog")]
    rows = list(book[t("export-sheet-participants")].iter_rows(values_only=True))
    header = rows[0]
    assert header[:9] == (
        t("export-col-id"),
        t("export-col-name"),
        t("export-col-status"),
        t("export-col-level"),
        t("export-col-region"),
        t("export-col-locality"),
        t("export-col-mentor"),
        t("export-col-activated"),
        t("export-col-rating"),
    )
    sport = header.index(t("direction-sport") + ", %")
    reading = header.index(t("direction-reading") + ", %")
    first, second = (await world.application(7005)), (await world.application(7006))
    assert first is not None and second is not None
    assert [row[0] for row in rows[1:]] == [first.id, second.id]
    row = rows[1]
    assert row[1:5] == (NAME, t("status-active"), t("level-bronze"), "Astana city")
    assert row[6] == "Mentor Person"
    assert row[7] is not None and row[7].date() == world.clock().date()
    assert (row[8], row[sport]) == (first.rating, 7) and first.rating == 2
    assert rows[2][sport] == 0 and rows[2][8] == 0
    assert all(len(r) == len(header) for r in rows)
    taken = set(first.directions)
    assert (row[reading] is None) == ("reading" not in taken)
    assert not any("+7" in str(cell) for r in rows for cell in r), "no phone numbers"

    ratings = list(book[t("export-sheet-ratings")].iter_rows(values_only=True))
    assert ratings == [
        (t("export-col-region"), t("export-col-level"), t("export-col-participants"), t("export-col-rating")),
        ("Astana city", t("level-bronze"), 2, 1),
    ]
    backlog = list(book[t("export-sheet-backlog")].iter_rows(values_only=True))
    assert backlog == [
        (t("export-col-mentor"), t("export-col-waiting"), t("export-col-oldest"), t("export-col-median-hours"))
    ], "nothing waits: the only entry was approved"

    await almaty.send_text(t("menu-analytics"))
    await almaty.click(text=t("button-export-xlsx"))
    other = load_workbook(BytesIO(uploaded(world, almaty.last)))
    assert other[t("export-sheet-participants")].max_row == 1, "another region's coordinator: the header alone"

    await operator.send_text(t("menu-analytics"))
    await operator.click(text=t("button-export-csv"))
    files = [m for m in operator.messages if m.media == "document"]
    assert [f.data["document"]["file_name"].rsplit("-", 1)[-1] for f in files] == [
        "participants.csv",
        "ratings.csv",
        "backlog.csv",
    ]
    text = uploaded(world, files[0]).decode("utf-8-sig")
    table = list(csv.reader(StringIO(text)))
    assert table[0][1] == t("export-col-name") and [r[1] for r in table[1:]] == [NAME, NAME]
    assert table[1][4] == "Astana city" and table[1][sport] == "7"


async def test_only_coordinators_and_the_operator_get_charts_and_exports(world: World) -> None:
    t = tr("en")
    mentor, _, _, _, user, _ = await programme(world)
    for kind in ("chart", "xlsx", "csv"):
        sent = len(mentor.messages)
        answer = await mentor.forge_click(ReportCb(kind=kind).pack(), mentor.last.message_id)
        assert answer is not None and answer.show_alert and answer.text == plain(t("error-not-allowed"))
        assert len(mentor.messages) == sent
        answer = await user.forge_click(ReportCb(kind=kind).pack(), user.last.message_id)
        assert answer is not None and not any(m.media in ("document", "photo") for m in user.messages[-2:])


async def test_a_participant_sees_what_is_left_and_their_own_chart(world: World) -> None:
    t = tr("en")
    _, _, _, _, user, _ = await programme(world)
    await user.send_text(t("menu-diary"))
    shown = last_text(user)
    app = await world.application(7005)
    assert app is not None and app.activated_at is not None
    assert plain(t("diary-title", rating=2)) in shown
    assert plain(t("diary-direction", direction=t("direction-sport"), percent=7)) in shown
    by = f"{app.activated_at.astimezone(ZONE).date() + timedelta(weeks=13):%d.%m.%Y}"
    assert plain(t("diary-left-weeks", left=12, by=by)) in shown, "13 weeks of Bronze sport, one covered"
    assert plain(t("diary-behind", weeks=0)) not in shown
    await user.click(text=t("button-chart-mine"))
    assert user.last.media == "photo" and user.last.caption == plain(t("chart-mine-caption", rating=2))
    png_size(uploaded(world, user.last))
