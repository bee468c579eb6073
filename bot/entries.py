"""Showing a diary entry with its media, to its participant, their mentor or an expert."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiogram.methods import (
    SendDocument,
    SendMediaGroup,
    SendPhoto,
    SendVideo,
    SendVideoNote,
    SendVoice,
)
from aiogram.methods.base import TelegramMethod
from aiogram.types import InputMediaPhoto, InputMediaVideo

from core.ports import EntryRecord, MediaRecord
from core.programme import MediaKind
from locales.translations import Translator

STATUS_ICONS = {
    "pending": "⏳",
    "approved": "✅",
    "rejected": "❌",
    "more_work": "✏️",
    "appealed": "⚖️",
    "upheld": "❌",
    "overturned": "✅",
    "draft": "📝",
}


def short(entry: EntryRecord) -> str:
    """An entry in one line of a list: its title or the start of its text."""
    text = entry.title or entry.text or ""
    return text if len(text) <= 40 else text[:39] + "…"


def summary(t: Translator, entry: EntryRecord, book: Any, files: int) -> str:
    """The entry as text: direction, date, what the participant wrote, how many files."""
    lines = [
        t(
            "entry-title",
            icon=STATUS_ICONS[entry.status],
            direction=t(f"direction-{entry.direction}"),
            kind=t(f"entry-kind-{entry.kind.replace('_', '-')}"),
            date=entry.activity_date.strftime("%d.%m.%Y") if entry.activity_date else "—",
        )
    ]
    if book is not None:
        lines.append(t("entry-book", title=t.name(book, "title"), author=t.name(book, "author"), section=book.section))
    if entry.title:
        lines.append(t("entry-action", title=entry.title))
    if entry.minutes:
        lines.append(t("entry-minutes", minutes=entry.minutes))
    if entry.text:
        lines.append(t("entry-text", text=entry.text))
    if files:
        lines.append(t("entry-files", count=files))
    if entry.kind == "work" and entry.status != "draft":
        if entry.employer_confirmed_at is not None:
            lines.append(t("work-entry-employer-confirmed", employer=entry.employer_name or "—"))
        else:
            lines.append(t("work-entry-employer-waiting"))
    if entry.reason:
        lines.append(t("entry-reason", reason=entry.reason))
    if entry.appeal_reason:
        lines.append(t("entry-appeal", reason=entry.appeal_reason))
    if entry.arbiter_reason:
        lines.append(t("entry-arbiter", reason=entry.arbiter_reason))
    return "\n".join(lines)


def media_calls(chat_id: int, media: Sequence[MediaRecord]) -> list[TelegramMethod[Any]]:
    """An entry's files by file_id: photos and videos as albums of up to ten, the rest one by one."""
    calls: list[TelegramMethod[Any]] = []
    album: list[InputMediaPhoto | InputMediaVideo] = []
    for item in media:
        kind = MediaKind(item.kind)
        if kind == MediaKind.PHOTO:
            album.append(InputMediaPhoto(media=item.file_id))
        elif kind == MediaKind.VIDEO:
            album.append(InputMediaVideo(media=item.file_id))
        elif kind == MediaKind.DOCUMENT:
            calls.append(SendDocument(chat_id=chat_id, document=item.file_id))
        elif kind == MediaKind.VOICE:
            calls.append(SendVoice(chat_id=chat_id, voice=item.file_id))
        else:
            calls.append(SendVideoNote(chat_id=chat_id, video_note=item.file_id))
    for start in range(0, len(album), 10):
        chunk = album[start : start + 10]
        if len(chunk) > 1:
            calls.append(SendMediaGroup(chat_id=chat_id, media=list(chunk)))
        elif isinstance(chunk[0], InputMediaPhoto):
            calls.append(SendPhoto(chat_id=chat_id, photo=chunk[0].media))
        else:
            calls.append(SendVideo(chat_id=chat_id, video=chunk[0].media))
    return calls
