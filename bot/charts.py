"""Sends a chart, drawn once per distinct set of figures: the file Telegram keeps for the first sending is reused
until the figures (and so the panels) change, so looking again costs neither drawing nor uploading. A file
Telegram no longer knows is drawn again."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, Message

from media.charts import Panel, render

KEPT = 256
"""Charts remembered per process, the least recently sent forgotten first."""


class SentCharts:
    def __init__(self, kept: int = KEPT) -> None:
        self._file_ids: OrderedDict[str, str] = OrderedDict()
        self._kept = kept
        self.drawn = 0

    @staticmethod
    def key(panels: Sequence[Panel]) -> str:
        return hashlib.sha256(repr(tuple(panels)).encode()).hexdigest()

    async def send(self, message: Message, panels: Sequence[Panel], caption: str) -> None:
        key = self.key(panels)
        file_id = self._file_ids.get(key)
        if file_id is not None:
            try:
                await message.answer_photo(file_id, caption=caption)
            except TelegramBadRequest:
                del self._file_ids[key]
            else:
                self._file_ids.move_to_end(key)
                return
        png = await render(panels)
        self.drawn += 1
        sent = await message.answer_photo(BufferedInputFile(png, "chart.png"), caption=caption)
        if sent.photo:
            self._file_ids[key] = sent.photo[-1].file_id
            while len(self._file_ids) > self._kept:
                self._file_ids.popitem(last=False)


CHARTS = SentCharts()
