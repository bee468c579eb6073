"""Showing a diary entry with its media, to its participant, their mentor or an expert."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InputMediaPhoto, InputMediaVideo

from bot.i18n import Translator
from bot.notify import log, notify
from core.programme import MediaKind
from storage.models import Book, Entry, EntryMedia

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


def summary(t: Translator, entry: Entry, book: Book | None, files: int) -> str:
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


async def send_media(bot: Bot, chat_id: int, media: Sequence[EntryMedia]) -> bool:
    """Re-sends an entry's files by file_id: photos, videos and documents as albums, recordings one by one."""
    album: list[Any] = []
    try:
        for item in media:
            kind = MediaKind(item.kind)
            if kind == MediaKind.PHOTO:
                album.append(InputMediaPhoto(media=item.file_id))
            elif kind == MediaKind.VIDEO:
                album.append(InputMediaVideo(media=item.file_id))
            elif kind == MediaKind.DOCUMENT:
                await bot.send_document(chat_id, item.file_id)
            elif kind == MediaKind.VOICE:
                await bot.send_voice(chat_id, item.file_id)
            else:
                await bot.send_video_note(chat_id, item.file_id)
        for start in range(0, len(album), 10):
            chunk = album[start : start + 10]
            if len(chunk) == 1:
                single = chunk[0]
                send = bot.send_photo if isinstance(single, InputMediaPhoto) else bot.send_video
                await send(chat_id, single.media)
            else:
                await bot.send_media_group(chat_id, chunk)
    except TelegramAPIError as exc:
        log.warning("entry media not delivered: %s", type(exc).__name__)
        return False
    return True


async def show_entry(bot: Bot, chat_id: int, text: str, media: Sequence[EntryMedia], **kwargs: Any) -> bool:
    """The files first, then the summary with its buttons, so the buttons stay at the bottom of the chat."""
    await send_media(bot, chat_id, media)
    return await notify(bot, chat_id, text, **kwargs)
