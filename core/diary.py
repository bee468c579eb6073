"""What a diary entry asks for, by direction (R5.2), and the checks on what the participant sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.errors import DomainError
from core.programme import Direction, EntryKind, HeritageMode, MediaKind
from core.text_input import clean_text, parse_minutes, visible_length

STEPS: dict[EntryKind, tuple[str, ...]] = {
    EntryKind.SESSION: ("date", "minutes", "text", "media", "confirm"),
    EntryKind.FINAL_VIDEO: ("date", "media", "confirm"),
    EntryKind.ESSAY: ("book", "date", "content", "confirm"),
    EntryKind.DAILY: ("date", "title", "text", "media", "confirm"),
    EntryKind.WORK: ("date", "minutes", "text", "media", "confirm"),
}
SESSION_DIRECTIONS = frozenset({Direction.SPORT, Direction.TALENT, Direction.HERITAGE})


def kinds_for(direction: Direction, heritage_mode: str | None) -> tuple[EntryKind, ...]:
    """Entry kinds a participant may add in a direction; heritage by book is an essay."""
    if direction == Direction.READING or (direction == Direction.HERITAGE and heritage_mode == HeritageMode.BOOK):
        return (EntryKind.ESSAY,)
    if direction in SESSION_DIRECTIONS:
        return (EntryKind.SESSION, EntryKind.FINAL_VIDEO)
    if direction == Direction.WORK:
        return (EntryKind.WORK,)
    return (EntryKind.DAILY,)


@dataclass(frozen=True)
class Limits:
    """Sensible bounds on what one entry may carry; the bot may only download files up to 20 MB."""

    text_max: int = 3500
    title_max: int = 150
    essay_min_chars: int = 300
    essay_min_seconds: int = 20
    max_files: int = 10
    max_file_bytes: int = 20 * 1024 * 1024
    max_seconds: dict[MediaKind, int] | None = None
    min_minutes: int = 5
    max_minutes: int = 12 * 60

    def seconds_limit(self, kind: MediaKind) -> int:
        limits = self.max_seconds or {MediaKind.VOICE: 600, MediaKind.VIDEO: 600, MediaKind.VIDEO_NOTE: 60}
        return limits.get(kind, 0)


LIMITS = Limits()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"
DOCUMENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/heic", DOCX})
VISUAL = frozenset({MediaKind.PHOTO, MediaKind.VIDEO, MediaKind.VIDEO_NOTE})
SPOKEN = frozenset({MediaKind.VOICE, MediaKind.VIDEO, MediaKind.VIDEO_NOTE})


def check_activity_date(day: date, today: date, activated_on: date, backdate_days: int) -> date:
    """The day the activity happened: not in the future, not before participation started,
    and at most `backdate_days` ago, so work done without internet still counts for its real date (R5.6)."""
    if day > today:
        raise DomainError("error-date-in-future")
    if day < activated_on:
        raise DomainError("error-date-before-start", start=activated_on.strftime("%d.%m.%Y"))
    if day < today - timedelta(days=backdate_days):
        raise DomainError("error-date-too-old", days=backdate_days)
    return day


def check_minutes(text: str) -> int:
    """ASCII digits, alone or with a unit ("90 мин", "90 min"); "²" or "①" is refused, not a crash."""
    minutes = parse_minutes(text)
    if minutes is None or not LIMITS.min_minutes <= minutes <= LIMITS.max_minutes:
        raise DomainError("error-entry-minutes", min=LIMITS.min_minutes, max=LIMITS.max_minutes)
    return minutes


def check_entry_text(text: str | None, *, limit: int = LIMITS.text_max, minimum: int = 2) -> str:
    """Free text without blank ends; zero-width characters alone are no text, nor do they count to `minimum`."""
    value = clean_text(text)
    if not visible_length(value) or value.startswith("/"):
        raise DomainError("error-text-expected")
    if len(value) > limit:
        raise DomainError("error-text-too-long", limit=limit)
    if visible_length(value) < minimum:
        raise DomainError("error-text-too-short-min", min=minimum)
    return value


def check_media(kind: MediaKind, size: int | None, seconds: int | None, mime: str | None, count: int) -> None:
    """Refuses files Telegram would not let the bot download, over-long recordings and odd documents."""
    if count >= LIMITS.max_files:
        raise DomainError("error-too-many-files", max=LIMITS.max_files)
    if size == 0:
        raise DomainError("error-file-empty")
    if size is not None and size > LIMITS.max_file_bytes:
        raise DomainError("error-file-too-big", mb=LIMITS.max_file_bytes // (1024 * 1024))
    limit = LIMITS.seconds_limit(kind)
    if limit and seconds is not None and seconds > limit:
        raise DomainError("error-media-too-long", seconds=limit)
    if kind == MediaKind.DOCUMENT and mime not in DOCUMENT_TYPES:
        raise DomainError("error-document-type")


def check_document_content(declared: str | None, detected: str | None) -> None:
    """The document's first bytes must be what its declared type says: an .exe named .pdf, a PNG declared
    JPEG or bytes of no known type are refused. A Word document is a ZIP container inside."""
    if declared == DOCX and detected == ZIP:
        return
    if detected is None or detected not in DOCUMENT_TYPES or detected != declared:
        raise DomainError("error-document-content")


def media_needed(kind: EntryKind, kinds: list[MediaKind]) -> str | None:
    """The locale key of what is still missing before the media step can finish, if anything."""
    if kind == EntryKind.DAILY and not VISUAL & set(kinds):
        return "error-need-photo-or-video"
    if kind == EntryKind.FINAL_VIDEO and not {MediaKind.VIDEO, MediaKind.VIDEO_NOTE} & set(kinds):
        return "error-need-video"
    return None
