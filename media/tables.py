"""Spreadsheets of exported figures: XLSX through openpyxl's write-only workbook (rows are streamed, not held as
cell objects) and CSV that Excel opens with the right encoding. Written on a worker thread, off the event loop.

Names come from people, so a value is never taken for a formula: a text starting with "=" stays text in XLSX,
and in CSV any text starting with a formula sign gets a leading apostrophe, as OWASP advises."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO, StringIO

Value = str | int | float | date | datetime | None

WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tables")
FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")
TITLE_LIMIT = 31
"""Excel's longest sheet name."""


@dataclass(frozen=True)
class Sheet:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[Value, ...]]


def xlsx(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:TITLE_LIMIT])
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        heads = []
        for title in sheet.header:
            cell = WriteOnlyCell(ws, value=title)
            cell.font = bold
            heads.append(cell)
        ws.append(heads)
        for row in sheet.rows:
            ws.append([text_cell(ws, v) if isinstance(v, str) else v for v in row])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def text_cell(ws: object, value: str) -> object:
    """A text cell that stays text even when it looks like a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
    cell.data_type = "s"
    return cell


def csv_bytes(sheet: Sheet) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads Kazakh and Russian letters right."""
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(sheet.header)
    writer.writerows([tuple(defused(v) for v in row) for row in sheet.rows])
    return out.getvalue().encode("utf-8-sig")


def defused(value: Value) -> Value:
    if isinstance(value, str) and value.startswith(FORMULA_SIGNS):
        return "'" + value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value


async def render_xlsx(sheets: Sequence[Sheet]) -> bytes:
    return await asyncio.get_running_loop().run_in_executor(WRITER, xlsx, tuple(sheets))


async def render_csv(sheet: Sheet) -> bytes:
    return await asyncio.get_running_loop().run_in_executor(WRITER, csv_bytes, sheet)
