"""Charts and exports for regional coordinators and the operator (R8.4): the buttons under their figures.
What each role gets is `core/reports.py`; drawing and writing happen off the event loop (`media/`)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import ReportCb
from bot.charts import CHARTS
from bot.keyboards import button
from core import reports
from core.policy import Policy
from core.reports import BUCKETS, Spread
from locales.translations import Translator
from media.charts import Panel
from media.exports import file_stem, sheets_of
from media.tables import render_csv, render_xlsx
from storage.holder import Holder
from storage.models import Staff


def report_buttons(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("button-chart"), ReportCb(kind="chart")),
                button(t("button-export-xlsx"), ReportCb(kind="xlsx")),
                button(t("button-export-csv"), ReportCb(kind="csv")),
            ]
        ]
    )


def tenths() -> tuple[str, ...]:
    return tuple(f"{10 * i}–{10 * i + 9}" if i < BUCKETS - 1 else f"{10 * i}–100" for i in range(BUCKETS))


def panels_of(spread: Spread, t: Translator) -> list[Panel]:
    """The rating's distribution, then the mean rating per region (the programme) or per direction (a region)."""
    panels = [Panel(t("chart-distribution"), tenths(), spread.distribution, horizontal=False, percent=False)]
    if spread.scope.region is None:
        named = sorted(
            (t.name(spread.region_names[g.name]) if g.name in spread.region_names else g.name, g.rating)
            for g in spread.regions
        )
        panels.append(Panel(t("chart-regions"), tuple(n for n, _ in named), tuple(r for _, r in named)))
    else:
        directions = spread.team.directions
        panels.append(
            Panel(
                t("chart-directions"),
                tuple(t(f"direction-{d.direction}") for d in directions),
                tuple(d.average for d in directions),
            )
        )
    return panels


def scope_name(t: Translator, spread_scope: reports.Scope) -> str:
    return t.name(spread_scope.region) if spread_scope.region is not None else t("export-everyone")


async def chart(query: CallbackQuery, t: Translator, uow: Holder, staff: Staff | None) -> None:
    found = await reports.spread(uow, staff)
    await query.answer()
    if isinstance(query.message, Message):
        caption = t("chart-caption", scope=scope_name(t, found.scope), count=found.team.participants)
        await CHARTS.send(query.message, panels_of(found, t), caption)


async def export(
    query: CallbackQuery, callback_data: ReportCb, t: Translator, uow: Holder, staff: Staff | None, policy: Policy
) -> None:
    """The whole scope as one XLSX with three sheets, or three CSV files."""
    scope = await reports.scope_of(uow, staff)
    await query.answer(t("export-preparing"))
    now = policy.now()
    found = await reports.export(uow, scope, now, policy.today(now))
    if not isinstance(query.message, Message):
        return
    sheets = sheets_of(found, t, policy.zone)
    caption = t("export-caption", scope=scope_name(t, scope), count=len(found.participants))
    stem = file_stem(found)
    if callback_data.kind == "xlsx":
        document = BufferedInputFile(await render_xlsx(sheets), f"{stem}.xlsx")
        await query.message.answer_document(document, caption=caption)
        return
    for sheet, part in zip(sheets, ("participants", "ratings", "backlog"), strict=True):
        document = BufferedInputFile(await render_csv(sheet), f"{stem}-{part}.csv")
        await query.message.answer_document(document, caption=caption if part == "participants" else None)


def router() -> Router:
    r = Router(name="staff-reports")
    r.callback_query.register(chart, ReportCb.filter(F.kind == "chart"))
    r.callback_query.register(export, ReportCb.filter(F.kind.in_({"xlsx", "csv"})))
    return r
