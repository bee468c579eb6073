"""Use cases of composing a diary entry (R5.2, R5.6): one step at a time, stored after every answer.

The entry being composed is a database row with its step, so a restart between two answers loses
nothing. Each answer is checked by the rules of `core/diary.py`; a button of another step, of another
entry or of a finished one is stale. Submitting hands the entry to the mentor, or whoever acts for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from core.access import own_entry
from core.applications import started_on
from core.diary import (
    LIMITS,
    SPOKEN,
    STEPS,
    check_activity_date,
    check_document_content,
    check_entry_text,
    check_media,
    check_minutes,
    kinds_for,
    media_needed,
)
from core.entry_status import check_entry_transition
from core.errors import DomainError
from core.links import EMPLOYER, renew_link
from core.notices import EntryToReview, Notice
from core.policy import Policy
from core.ports import ApplicationRecord, EntryRecord, UnitOfWork
from core.profile import parse_date
from core.programme import ApplicationStatus, Direction, EntryKind, EntryStatus, MediaKind
from core.speech import SpeechMeasure, UndecodableMedia, is_mostly_silent

Measure = Callable[[str], Awaitable[SpeechMeasure]]
"""Downloads a file by its Telegram id and measures the speech in it; raises UndecodableMedia, or
DownloadFailed."""

Detect = Callable[[str], Awaitable[str | None]]
"""Downloads a document by its Telegram id and tells its real MIME type from its first bytes (None: no known
type); raises DownloadFailed."""


class DownloadFailed(Exception):
    """The file could not be fetched from Telegram to be checked: the participant is asked to send it again."""


@dataclass(frozen=True)
class Draft:
    app: ApplicationRecord
    entry: EntryRecord


@dataclass(frozen=True)
class MediaFile:
    """What Telegram reports about a file the participant sent."""

    kind: MediaKind
    file_id: str
    unique_id: str
    size: int | None = None
    seconds: int | None = None
    mime: str | None = None
    group_id: str | None = None


@dataclass(frozen=True)
class MediaAdded:
    count: int
    """Files the entry has now."""
    album_continues: bool
    """Another file of the same album arrived earlier: one acknowledgement is enough."""


@dataclass(frozen=True)
class Submitted:
    entry: EntryRecord
    notices: tuple[Notice, ...]
    employer_payload: str | None
    """For a work report: the one-time link the participant forwards to the employer."""


async def active_application(uow: UnitOfWork, user_id: int) -> ApplicationRecord:
    app = await uow.applications.open_of(user_id)
    if app is None or app.status != ApplicationStatus.ACTIVE.value:
        raise DomainError("diary-not-active")
    return app


async def unfinished(uow: UnitOfWork, user_id: int) -> Draft | None:
    """The entry the participant left half-way, if any: it is continued rather than a new one begun."""
    app = await active_application(uow, user_id)
    entry = await uow.entries.draft(app.id)
    return Draft(app, entry) if entry is not None else None


async def current(uow: UnitOfWork, user_id: int, step: str | None = None) -> Draft:
    """The entry being composed; a button of another step or of a finished entry is stale."""
    app = await active_application(uow, user_id)
    entry = await uow.entries.draft(app.id)
    if entry is None or (step is not None and entry.step != step):
        raise DomainError("error-stale-button")
    return Draft(app, entry)


async def _open_to_entries(uow: UnitOfWork, user_id: int, direction: str) -> ApplicationRecord:
    """The active application, if it takes this direction and no other entry is being composed."""
    app = await active_application(uow, user_id)
    if direction not in app.directions or await uow.entries.draft(app.id) is not None:
        raise DomainError("error-stale-button")
    return app


async def kinds(uow: UnitOfWork, user_id: int, direction: str) -> tuple[EntryKind, ...]:
    """What an entry of this direction may be; a direction not taken, or a draft in progress, makes it stale."""
    app = await _open_to_entries(uow, user_id, direction)
    return kinds_for(Direction(direction), app.heritage_mode)


async def start(uow: UnitOfWork, user_id: int, direction: str, kind: str) -> Draft:
    app = await _open_to_entries(uow, user_id, direction)
    if kind not in {k.value for k in kinds_for(Direction(direction), app.heritage_mode)}:
        raise DomainError("error-stale-button")
    entry = await uow.entries.new(app.id, direction, kind, STEPS[EntryKind(kind)][0])
    await uow.commit()
    return Draft(app, entry)


async def _advance(uow: UnitOfWork, draft: Draft) -> Draft:
    steps = STEPS[EntryKind(draft.entry.kind)]
    draft.entry.step = steps[steps.index(draft.entry.step) + 1]
    await uow.commit()
    return draft


async def back(uow: UnitOfWork, user_id: int, step: str) -> Draft:
    draft = await current(uow, user_id, step)
    steps = STEPS[EntryKind(draft.entry.kind)]
    draft.entry.step = steps[max(0, steps.index(draft.entry.step) - 1)]
    await uow.commit()
    return draft


async def discard(uow: UnitOfWork, user_id: int, step: str) -> None:
    """A new entry is deleted; a revision is given up and the entry stays as the mentor left it."""
    entry = (await current(uow, user_id, step)).entry
    if entry.revising:
        entry.revising = False
    else:
        await uow.entries.delete(entry)
    await uow.commit()


async def set_date(uow: UnitOfWork, user_id: int, day: date, now: datetime, policy: Policy) -> Draft:
    """The day the activity happened, not the day it is reported (R5.6)."""
    draft = await current(uow, user_id, "date")
    started = started_on(draft.app, policy.zone)
    draft.entry.activity_date = check_activity_date(day, policy.today(now), started, policy.backdate_days)
    return await _advance(uow, draft)


async def set_minutes(uow: UnitOfWork, user_id: int, minutes: int) -> Draft:
    draft = await current(uow, user_id, "minutes")
    draft.entry.minutes = check_minutes(str(minutes))
    return await _advance(uow, draft)


async def answer(uow: UnitOfWork, user_id: int, text: str, now: datetime, policy: Policy) -> Draft:
    """A typed answer to the current step; a step that wants a button or a file refuses it."""
    draft = await current(uow, user_id)
    entry = draft.entry
    if entry.step == "date":
        return await set_date(uow, user_id, parse_date(text), now, policy)
    if entry.step == "minutes":
        entry.minutes = check_minutes(text)
    elif entry.step == "title":
        entry.title = check_entry_text(text, limit=LIMITS.title_max)
    elif entry.step == "text":
        entry.text = check_entry_text(text)
    elif entry.step == "content":
        entry.text = check_entry_text(text, minimum=LIMITS.essay_min_chars)
    else:
        raise DomainError("error-use-buttons" if entry.step in ("book", "confirm") else "error-media-expected")
    return await _advance(uow, draft)


async def books_of_section(uow: UnitOfWork, user_id: int, section: int) -> Draft:
    """Checks the section may be chosen: National heritage by book takes section 1 only (R3.2-R3.4)."""
    draft = await current(uow, user_id, "book")
    if section not in (1, 2, 3) or (draft.entry.direction == Direction.HERITAGE and section != 1):
        raise DomainError("error-bad-button")
    return draft


async def choose_book(uow: UnitOfWork, user_id: int, code: str) -> Draft:
    draft = await current(uow, user_id, "book")
    book = await uow.catalogue.book(code)
    if book is None or not book.active or (draft.entry.direction == Direction.HERITAGE and book.section != 1):
        raise DomainError("error-bad-button")
    draft.entry.book_code = book.code
    return await _advance(uow, draft)


async def add_media(
    uow: UnitOfWork, user_id: int, file: MediaFile | None, measure: Measure, detect: Detect
) -> MediaAdded:
    """A file for the media step, or a spoken essay for the content step (then the step is done).

    Checked against the limits first; a spoken essay is then downloaded and measured, and mostly silence is
    refused before a reviewer spends time on it. A document is downloaded and its first bytes must match its
    declared type. A file that cannot be downloaded is refused and the draft stays as it was. Downloads take
    seconds, so the transaction (and the draft's row lock) is ended before and the draft checked again after."""
    entry_id, step = await _accepts(uow, user_id, file)
    assert file is not None
    speech = None
    if step == "content" or file.kind == MediaKind.DOCUMENT:
        await uow.release()
        speech = await _checked_content(file, step == "content", measure, detect)
    draft = await current(uow, user_id, step)
    if draft.entry.id != entry_id:
        raise DomainError("error-stale-button")
    media = await uow.entries.media(entry_id)
    if any(m.file_unique_id == file.unique_id for m in media):
        raise DomainError("error-media-duplicate")  # sent twice, or the same update delivered again
    check_media(file.kind, file.size, file.seconds, file.mime, len(media))
    await uow.entries.add_media(
        entry_id,
        kind=file.kind.value,
        file_id=file.file_id,
        file_unique_id=file.unique_id,
        duration=file.seconds,
        file_size=file.size,
        mime_type=file.mime,
        media_group_id=file.group_id,
        speech_seconds=speech,
    )
    album = file.group_id is not None and any(m.media_group_id == file.group_id for m in media)
    if step == "content":
        await _advance(uow, draft)
    else:
        await uow.commit()
    return MediaAdded(len(media) + 1, album)


async def _accepts(uow: UnitOfWork, user_id: int, file: MediaFile | None) -> tuple[int, str]:
    """(entry id, step) when the draft's step takes this file by what Telegram says of it."""
    entry = (await current(uow, user_id)).entry
    spoken = entry.step == "content"
    if entry.step not in ("content", "media"):
        raise DomainError("error-use-buttons" if entry.step in ("book", "confirm") else "error-text-expected")
    if file is None:
        raise DomainError("error-essay-expected" if spoken else "error-media-expected")
    check_media(file.kind, file.size, file.seconds, file.mime, len(await uow.entries.media(entry.id)))
    if spoken:
        if file.kind not in SPOKEN:
            raise DomainError("error-essay-expected")
        if (file.seconds or 0) < LIMITS.essay_min_seconds:
            raise DomainError("error-essay-too-short", seconds=LIMITS.essay_min_seconds)
    return entry.id, entry.step


async def _checked_content(file: MediaFile, spoken: bool, measure: Measure, detect: Detect) -> float | None:
    """The speech seconds of a spoken essay, or nothing after a document's content matched its type."""
    try:
        if spoken:
            measured = await measure(file.file_id)
            if is_mostly_silent(measured):
                raise DomainError("error-essay-silent")
            return measured.speech_s
        check_document_content(file.mime, await detect(file.file_id))
        return None
    except UndecodableMedia as exc:
        raise DomainError("error-media-undecodable") from exc
    except DownloadFailed as exc:
        raise DomainError("error-file-not-checked") from exc


async def finish_media(uow: UnitOfWork, user_id: int) -> Draft:
    draft = await current(uow, user_id, "media")
    missing = media_needed(
        EntryKind(draft.entry.kind), [MediaKind(m.kind) for m in await uow.entries.media(draft.entry.id)]
    )
    if missing:
        raise DomainError(missing)
    return await _advance(uow, draft)


async def submit(uow: UnitOfWork, user_id: int, now: datetime, policy: Policy) -> Submitted:
    """The finished entry goes (back) to the mentor, or whoever acts for them, unless they chose the daily
    digest; a work report gets a fresh one-time link for the employer (R5.2)."""
    app, entry = (draft := await current(uow, user_id, "confirm")).app, draft.entry
    missing = media_needed(EntryKind(entry.kind), [MediaKind(m.kind) for m in await uow.entries.media(entry.id)])
    if missing:
        raise DomainError(missing)
    check_entry_transition(EntryStatus(entry.status), EntryStatus.PENDING)
    await uow.audit.add("entry", entry.id, user_id, entry.status, EntryStatus.PENDING.value)
    entry.status = EntryStatus.PENDING.value
    entry.submitted_at = now
    entry.revising = False
    notices: tuple[Notice, ...] = ()
    reviewer_id = await uow.staff.acting_for(app.mentor_id or 0)
    reviewer, staff = await uow.users.get(reviewer_id), await uow.staff.get(reviewer_id)
    if reviewer is not None and not (staff is not None and staff.review_digest):
        notices = (EntryToReview(reviewer.id, entry.id),)
    payload = None
    if entry.kind == EntryKind.WORK and entry.employer_confirmed_at is None:
        payload = await renew_link(uow, EMPLOYER, "entry_id", entry.id, now, policy.consent_ttl, user_id)
    await uow.commit(notices)
    return Submitted(entry, notices, payload)


async def revise(uow: UnitOfWork, user_id: int, entry_id: int) -> Draft:
    """Reopens an entry the mentor asked more of, at its content: what was done, the essay, or the files."""
    app, entry = await own_entry(uow, user_id, entry_id)
    if entry.status != EntryStatus.MORE_WORK.value or entry.revising:
        raise DomainError("error-stale-button")
    if await uow.entries.draft(app.id) is not None:
        raise DomainError("error-finish-draft-first")
    entry.revising = True
    entry.step = next(s for s in STEPS[EntryKind(entry.kind)] if s in ("text", "content", "media"))
    await uow.commit()
    return Draft(app, entry)
