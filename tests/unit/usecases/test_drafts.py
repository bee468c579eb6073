"""Composing a diary entry (core/drafts.py): what each direction asks for (R5.2), the activity date (R5.6),
the limits on what an entry carries, and handing it to the mentor."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from core import drafts
from core.drafts import MediaFile
from core.errors import DomainError
from core.notices import EntryToReview
from core.programme import EntryKind, MediaKind, Role
from core.speech import SpeechMeasure, UndecodableMedia
from storage.models import Entry, EntryMedia, OneTimeLink, Staff
from tests.unit.usecases.conftest import (
    EXPERT,
    MENTOR,
    NOW,
    OTHER,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_entry,
    add_staff,
    add_user,
    change,
    participant,
    refused,
    stored,
    trail,
)

TODAY = date(2026, 11, 30)
"""NOW's local date in Almaty."""
MB = 1024 * 1024
ESSAY = "An essay about the book. " * 13  # 325 characters


@dataclass
class FakeMeasure:
    """Stands in for downloading and measuring a recording; remembers which files it was asked about."""

    result: SpeechMeasure | Exception = field(default_factory=lambda: SpeechMeasure(duration_s=30, speech_s=25))
    calls: list[str] = field(default_factory=list)

    async def __call__(self, file_id: str) -> SpeechMeasure:
        self.calls.append(file_id)
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


@dataclass
class FakeDetect:
    """Stands in for downloading a document and reading its type from its first bytes."""

    result: str | None | Exception = "application/pdf"
    calls: list[str] = field(default_factory=list)

    async def __call__(self, file_id: str) -> str | None:
        self.calls.append(file_id)
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


def photo(n: int = 1, group: str | None = None, size: int | None = 100_000) -> MediaFile:
    return MediaFile(MediaKind.PHOTO, f"photo-{n}", f"photo-u-{n}", size=size, group_id=group)


def voice(seconds: int, n: int = 1) -> MediaFile:
    return MediaFile(MediaKind.VOICE, f"voice-{n}", f"voice-u-{n}", size=50_000, seconds=seconds, mime="audio/ogg")


async def team(store: Store) -> None:
    await add_staff(store, EXPERT, Role.EXPERT, "Expert Person")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person", expert_id=EXPERT)


async def media_of(store: Store, entry_id: int) -> list[EntryMedia]:
    async with store.sessions() as session:
        return list(await session.scalars(select(EntryMedia).where(EntryMedia.entry_id == entry_id)))


async def start(store: Store, direction: str = "sport", kind: str = "session", user_id: int = PARTICIPANT) -> int:
    async with store.session() as uow:
        return (await drafts.start(uow, user_id, direction, kind)).entry.id


# --- what an entry may be ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "heritage_mode", "expected"),
    [
        ("sport", None, (EntryKind.SESSION, EntryKind.FINAL_VIDEO)),
        ("talent", None, (EntryKind.SESSION, EntryKind.FINAL_VIDEO)),
        ("heritage", "sessions", (EntryKind.SESSION, EntryKind.FINAL_VIDEO)),
        ("heritage", "book", (EntryKind.ESSAY,)),
        ("reading", None, (EntryKind.ESSAY,)),
        ("volunteering", None, (EntryKind.DAILY,)),
        ("tourism", None, (EntryKind.DAILY,)),
        ("work", None, (EntryKind.WORK,)),
    ],
)
async def test_kinds_per_direction(
    store: Store, direction: str, heritage_mode: str | None, expected: tuple[EntryKind, ...]
) -> None:
    """R5.2: sport and talent take sessions or the final video, reading an essay, heritage by book an essay."""
    await team(store)
    await participant(
        store,
        directions=("sport", "talent", "reading", "heritage", "volunteering", "tourism", "work"),
        level="gold",
        heritage_mode=heritage_mode,
    )
    async with store.session() as uow:
        assert await drafts.kinds(uow, PARTICIPANT, direction) == expected


@pytest.mark.parametrize(
    ("direction", "kind", "first_step"),
    [("sport", "session", "date"), ("talent", "final_video", "date"), ("reading", "essay", "book")],
)
async def test_start_stores_a_draft_at_its_first_step(store: Store, direction: str, kind: str, first_step: str) -> None:
    """The entry is a row from the first answer on, so a restart loses nothing."""
    await team(store)
    app_id = await participant(store)
    entry = await stored(store, Entry, await start(store, direction, kind))
    assert (entry.application_id, entry.direction, entry.kind) == (app_id, direction, kind)
    assert (entry.status, entry.step, entry.revising) == ("draft", first_step, False)
    async with store.session() as uow:
        found = await drafts.unfinished(uow, PARTICIPANT)
    assert found is not None and found.entry.id == entry.id


async def test_second_draft_while_one_exists_is_stale(store: Store) -> None:
    """One entry is composed at a time: the direction buttons of an older message are stale."""
    await team(store)
    app_id = await participant(store)
    await start(store)
    with refused("error-stale-button"):
        await start(store, "reading", "essay")
    async with store.sessions() as session:
        assert len(list(await session.scalars(select(Entry).where(Entry.application_id == app_id)))) == 1


@pytest.mark.parametrize(
    ("direction", "kind"),
    [("tourism", "daily"), ("sport", "essay"), ("reading", "session"), ("sport", "nonsense")],
    ids=["direction-not-taken", "essay-for-sport", "session-for-reading", "unknown-kind"],
)
async def test_start_refuses_what_the_direction_does_not_take(store: Store, direction: str, kind: str) -> None:
    """A direction the participant did not choose, or a kind that direction does not take, is a stale button."""
    await team(store)
    await participant(store)
    with refused("error-stale-button"):
        await start(store, direction, kind)
    async with store.session() as uow:
        assert await drafts.unfinished(uow, PARTICIPANT) is None


@pytest.mark.parametrize("status", ["under_review", "completed", None])
async def test_diary_needs_an_active_application(store: Store, status: str | None) -> None:
    """Only an activated participant keeps a diary (R5.1)."""
    await team(store)
    if status is None:
        await add_user(store, PARTICIPANT)
    else:
        await add_application(store, PARTICIPANT, MENTOR, status=status)
    with refused("diary-not-active"):
        await start(store)
    async with store.session() as uow:
        with refused("diary-not-active"):
            await drafts.kinds(uow, PARTICIPANT, "sport")


# --- the session flow --------------------------------------------------------------------------------


async def test_session_report_from_start_to_review(store: Store) -> None:
    """R5.2: date, minutes, what was done, files, confirm; the mentor gets it to review (R7.2)."""
    await team(store)
    await participant(store)
    entry_id = await start(store)
    measure = FakeMeasure()
    async with store.session() as uow:
        assert (await drafts.set_date(uow, PARTICIPANT, TODAY, NOW, POLICY)).entry.step == "minutes"
    async with store.session() as uow:
        assert (await drafts.set_minutes(uow, PARTICIPANT, 45)).entry.step == "text"
    async with store.session() as uow:
        assert (await drafts.answer(uow, PARTICIPANT, "  Ran 5 km in the park  ", NOW, POLICY)).entry.step == "media"
    async with store.session() as uow:
        added = await drafts.add_media(uow, PARTICIPANT, photo(), measure, FakeDetect())
    assert added == drafts.MediaAdded(count=1, album_continues=False)
    async with store.session() as uow:
        assert (await drafts.finish_media(uow, PARTICIPANT)).entry.step == "confirm"
    async with store.session() as uow:
        result = await drafts.submit(uow, PARTICIPANT, NOW, POLICY)

    entry = await stored(store, Entry, entry_id)
    assert (entry.activity_date, entry.minutes, entry.text) == (TODAY, 45, "Ran 5 km in the park")
    assert (entry.status, entry.submitted_at, entry.revising) == ("pending", NOW, False)
    assert [(m.kind, m.file_id, m.file_unique_id, m.file_size) for m in await media_of(store, entry_id)] == [
        ("photo", "photo-1", "photo-u-1", 100_000)
    ]
    assert await trail(store, entry_id, entity="entry") == [("draft", "pending", PARTICIPANT)]
    assert result.notices == (EntryToReview(MENTOR, entry_id),)
    assert store.publisher.published == list(result.notices)
    assert result.employer_payload is None
    assert measure.calls == []
    async with store.session() as uow:
        assert await drafts.unfinished(uow, PARTICIPANT) is None


@pytest.mark.parametrize("days_ago", [0, 1, 14], ids=["today", "yesterday", "14-days-ago"])
async def test_activity_date_accepted(store: Store, days_ago: int) -> None:
    """R5.6: the day the activity happened, up to 14 days back."""
    await team(store)
    await participant(store)
    entry_id = await start(store)
    async with store.session() as uow:
        await drafts.set_date(uow, PARTICIPANT, TODAY - timedelta(days=days_ago), NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.activity_date, entry.step) == (TODAY - timedelta(days=days_ago), "minutes")


@pytest.mark.parametrize(
    ("activated_at", "day", "key"),
    [
        (NOW - timedelta(days=30), TODAY + timedelta(days=1), "error-date-in-future"),
        (NOW - timedelta(days=30), TODAY - timedelta(days=15), "error-date-too-old"),
        (NOW - timedelta(days=3), TODAY - timedelta(days=4), "error-date-before-start"),
        # activated at 01:00 on 27 November in Almaty, still the 26th in UTC: the 26th is before the start
        (datetime(2026, 11, 26, 20, 0, tzinfo=UTC), date(2026, 11, 26), "error-date-before-start"),
    ],
    ids=["future", "older-than-14-days", "before-activation", "before-local-activation-day"],
)
async def test_activity_date_refused(store: Store, activated_at: datetime, day: date, key: str) -> None:
    """R5.6: never in the future, never before activation (a local date), at most 14 days back."""
    await team(store)
    await participant(store, activated_at=activated_at)
    entry_id = await start(store)
    async with store.session() as uow:
        with refused(key):
            await drafts.set_date(uow, PARTICIPANT, day, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.activity_date, entry.step) == (None, "date")


async def test_activity_date_typed(store: Store) -> None:
    """A typed date is read as people write it (DD.MM.YYYY) and checked like a button's."""
    await team(store)
    await participant(store)
    entry_id = await start(store)
    async with store.session() as uow:
        with refused("error-not-a-date"):
            await drafts.answer(uow, PARTICIPANT, "last Tuesday", NOW, POLICY)
    async with store.session() as uow:
        with refused("error-date-in-future"):
            await drafts.answer(uow, PARTICIPANT, "01.12.2026", NOW, POLICY)
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, "29.11.2026", NOW, POLICY)
    assert (await stored(store, Entry, entry_id)).activity_date == date(2026, 11, 29)


@pytest.mark.parametrize("typed", ["5", " 90 ", "720"])
async def test_minutes_typed(store: Store, typed: str) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="minutes", activity_date=TODAY)
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, typed, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.minutes, entry.step) == (int(typed), "text")


@pytest.mark.parametrize("typed", ["4", "721", "abc", "0", "-5", "1.5", ""])
async def test_minutes_refused(store: Store, typed: str) -> None:
    """Minutes are a whole number from 5 to 720."""
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="minutes", activity_date=TODAY)
    async with store.session() as uow:
        with refused("error-entry-minutes"):
            await drafts.answer(uow, PARTICIPANT, typed, NOW, POLICY)
    async with store.session() as uow:
        with refused("error-entry-minutes"):
            await drafts.set_minutes(uow, PARTICIPANT, 721)
    entry = await stored(store, Entry, entry_id)
    assert (entry.minutes, entry.step) == (None, "minutes")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("x" * 3501, "error-text-too-long"),
        ("   ", "error-text-expected"),
        ("/start", "error-text-expected"),
        ("\u200b\u200d\ufeff", "error-text-expected"),
        ("\u200b \u00ad", "error-text-expected"),
        ("a\u200b", "error-text-too-short-min"),
    ],
    ids=["over-3500", "blank", "a-command", "zero-width", "zero-width-and-soft-hyphen", "one-visible-letter"],
)
async def test_session_text_refused(store: Store, text: str, key: str) -> None:
    """What was done: at most 3500 characters, and not a command."""
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="text", activity_date=TODAY, minutes=30)
    async with store.session() as uow:
        with refused(key):
            await drafts.answer(uow, PARTICIPANT, text, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.text, entry.step) == (None, "text")


async def test_session_text_of_3500_characters_accepted(store: Store) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="text", activity_date=TODAY, minutes=30)
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, "x" * 3500, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (len(entry.text or ""), entry.step) == (3500, "media")


@pytest.mark.parametrize(
    ("kind", "step", "key"),
    [("session", "media", "error-media-expected"), ("essay", "book", "error-use-buttons")],
)
async def test_typed_answer_at_a_step_that_wants_a_file_or_a_button(
    store: Store, kind: str, step: str, key: str
) -> None:
    await team(store)
    app_id = await participant(store)
    direction = "reading" if kind == "essay" else "sport"
    entry_id = await add_entry(store, app_id, direction=direction, kind=kind, step=step)
    async with store.session() as uow:
        with refused(key):
            await drafts.answer(uow, PARTICIPANT, "Some words", NOW, POLICY)
    assert (await stored(store, Entry, entry_id)).step == step


# --- files -------------------------------------------------------------------------------------------


async def media_step(store: Store, *, direction: str = "sport", kind: str = "session") -> int:
    """A draft of the participant waiting for its files."""
    app_id = await participant(store, directions=("sport", "talent", "reading", "volunteering"))
    return await add_entry(store, app_id, direction=direction, kind=kind, step="media", activity_date=TODAY)


async def test_eleventh_file_refused(store: Store) -> None:
    """At most 10 files an entry."""
    await team(store)
    entry_id = await media_step(store)
    for n in range(1, 11):
        async with store.session() as uow:
            assert (await drafts.add_media(uow, PARTICIPANT, photo(n), FakeMeasure(), FakeDetect())).count == n
    async with store.session() as uow:
        with refused("error-too-many-files"):
            await drafts.add_media(uow, PARTICIPANT, photo(11), FakeMeasure(), FakeDetect())
    assert len(await media_of(store, entry_id)) == 10


@pytest.mark.parametrize(
    ("file", "key"),
    [
        (photo(size=25 * MB), "error-file-too-big"),
        (voice(seconds=700), "error-media-too-long"),
        (MediaFile(MediaKind.VIDEO_NOTE, "vn", "vn-u", size=MB, seconds=61), "error-media-too-long"),
        (MediaFile(MediaKind.DOCUMENT, "doc", "doc-u", size=1000, mime="text/plain"), "error-document-type"),
    ],
    ids=["25-MB", "voice-700-s", "round-video-61-s", "text-plain-document"],
)
async def test_file_refused(store: Store, file: MediaFile, key: str) -> None:
    """20 MB a file, 10 minutes of voice or video, 60 s of round video, documents PDF, Word or images."""
    await team(store)
    entry_id = await media_step(store)
    async with store.session() as uow:
        with refused(key):
            await drafts.add_media(uow, PARTICIPANT, file, FakeMeasure(), FakeDetect())
    assert await media_of(store, entry_id) == []
    assert (await stored(store, Entry, entry_id)).step == "media"


@pytest.mark.parametrize(
    "file",
    [
        photo(size=20 * MB),
        voice(seconds=600),
        MediaFile(MediaKind.VIDEO, "v", "v-u", size=10 * MB, seconds=600, mime="video/mp4"),
        MediaFile(MediaKind.DOCUMENT, "doc", "doc-u", size=1000, mime="application/pdf"),
    ],
    ids=["photo-20-MB", "voice-600-s", "video-600-s", "pdf"],
)
async def test_file_at_the_limits_accepted(store: Store, file: MediaFile) -> None:
    await team(store)
    entry_id = await media_step(store)
    measure = FakeMeasure()
    async with store.session() as uow:
        await drafts.add_media(uow, PARTICIPANT, file, measure, FakeDetect())
    stored = await media_of(store, entry_id)
    assert [(m.kind, m.file_id, m.duration, m.mime_type, m.speech_seconds) for m in stored] == [
        (file.kind.value, file.file_id, file.seconds, file.mime, None)
    ]
    assert measure.calls == []  # only a spoken essay is measured


async def test_album_is_acknowledged_once(store: Store) -> None:
    """A second file of the same album reports album_continues, so the bot answers once per album."""
    await team(store)
    entry_id = await media_step(store)
    sent = [photo(1, "album-1"), photo(2, "album-1"), photo(3, "album-2"), photo(4), photo(5, "album-1")]
    results = []
    for file in sent:
        async with store.session() as uow:
            results.append(await drafts.add_media(uow, PARTICIPANT, file, FakeMeasure(), FakeDetect()))
    assert [(r.count, r.album_continues) for r in results] == [(1, False), (2, True), (3, False), (4, False), (5, True)]
    assert [m.media_group_id for m in await media_of(store, entry_id)] == [
        "album-1",
        "album-1",
        "album-2",
        None,
        "album-1",
    ]


async def test_the_same_file_twice_is_attached_once(store: Store) -> None:
    """Telegram's file_unique_id names the file: sent twice (or its update delivered twice) it is kept once, and
    the participant is told; another file still goes in."""
    await team(store)
    entry_id = await media_step(store)
    async with store.session() as uow:
        await drafts.add_media(uow, PARTICIPANT, photo(1), FakeMeasure(), FakeDetect())
    with pytest.raises(DomainError) as refused:
        async with store.session() as uow:
            await drafts.add_media(
                uow, PARTICIPANT, replace(photo(1), file_id="other-id-same-file"), FakeMeasure(), FakeDetect()
            )
    assert refused.value.key == "error-media-duplicate"
    async with store.session() as uow:
        added = await drafts.add_media(uow, PARTICIPANT, photo(2), FakeMeasure(), FakeDetect())
    assert added.count == 2
    assert [m.file_unique_id for m in await media_of(store, entry_id)] == [photo(1).unique_id, photo(2).unique_id]


async def test_file_outside_the_media_step(store: Store) -> None:
    """A file sent while the bot waits for text, or no file at all, is refused."""
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="text", activity_date=TODAY, minutes=30)
    async with store.session() as uow:
        with refused("error-text-expected"):
            await drafts.add_media(uow, PARTICIPANT, photo(), FakeMeasure(), FakeDetect())
    await change(store, Entry, entry_id, step="media")
    async with store.session() as uow:
        with refused("error-media-expected"):
            await drafts.add_media(uow, PARTICIPANT, None, FakeMeasure(), FakeDetect())
    assert await media_of(store, entry_id) == []


@pytest.mark.parametrize(
    ("direction", "kind", "files", "missing"),
    [
        ("sport", "session", [], None),
        ("sport", "final_video", [MediaKind.PHOTO], "error-need-video"),
        ("sport", "final_video", [MediaKind.VIDEO_NOTE], None),
        ("volunteering", "daily", [], "error-need-photo-or-video"),
        ("volunteering", "daily", [MediaKind.VOICE, MediaKind.DOCUMENT], "error-need-photo-or-video"),
        ("volunteering", "daily", [MediaKind.PHOTO], None),
        ("volunteering", "daily", [MediaKind.VIDEO], None),
    ],
    ids=[
        "session-files-optional",
        "final-video-photo-only",
        "final-video-round",
        "daily-nothing",
        "daily-voice-and-pdf",
        "daily-photo",
        "daily-video",
    ],
)
async def test_finish_media(
    store: Store, direction: str, kind: str, files: list[MediaKind], missing: str | None
) -> None:
    """R5.2: a final video needs a video; a volunteering or tourism report at least one photo or video."""
    await team(store)
    entry_id = await media_step(store, direction=direction, kind=kind)
    for n, media_kind in enumerate(files):
        mime = "application/pdf" if media_kind == MediaKind.DOCUMENT else None
        async with store.session() as uow:
            await drafts.add_media(
                uow, PARTICIPANT, MediaFile(media_kind, f"f{n}", f"u{n}", 1000, 5, mime), FakeMeasure(), FakeDetect()
            )
    async with store.session() as uow:
        if missing is None:
            await drafts.finish_media(uow, PARTICIPANT)
        else:
            with refused(missing):
                await drafts.finish_media(uow, PARTICIPANT)
    assert (await stored(store, Entry, entry_id)).step == ("confirm" if missing is None else "media")


async def test_daily_report_flow_and_submit_rechecks_files(store: Store) -> None:
    """R5.2 (volunteering, tourism): the action's name, its results and a photo or video."""
    await team(store)
    await participant(store, directions=("sport", "talent", "reading", "tourism"))
    entry_id = await start(store, "tourism", "daily")
    async with store.session() as uow:
        await drafts.set_date(uow, PARTICIPANT, TODAY - timedelta(days=2), NOW, POLICY)
    async with store.session() as uow:
        with refused("error-text-too-long"):
            await drafts.answer(uow, PARTICIPANT, "t" * 151, NOW, POLICY)
    async with store.session() as uow:
        assert (await drafts.answer(uow, PARTICIPANT, "Hike to Big Almaty Lake", NOW, POLICY)).entry.step == "text"
    async with store.session() as uow:
        assert (await drafts.answer(uow, PARTICIPANT, "Twelve kilometres up", NOW, POLICY)).entry.step == "media"
    async with store.session() as uow:
        with refused("error-need-photo-or-video"):
            await drafts.finish_media(uow, PARTICIPANT)
    # a confirm step reached without files (an older build, a forged state) is refused at submit too
    await change(store, Entry, entry_id, step="confirm")
    async with store.session() as uow:
        with refused("error-need-photo-or-video"):
            await drafts.submit(uow, PARTICIPANT, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.title, entry.text, entry.status) == ("Hike to Big Almaty Lake", "Twelve kilometres up", "draft")
    assert store.publisher.published == []


# --- submitting ----------------------------------------------------------------------------------------


async def confirm_step(store: Store, **values: Any) -> int:
    app_id = await participant(store)
    return await add_entry(store, app_id, step="confirm", activity_date=TODAY, minutes=30, text="Ran", **values)


async def test_submit_skips_a_mentor_who_chose_the_digest(store: Store) -> None:
    """A mentor with the daily digest gets no message per entry; the entry still waits for them."""
    await team(store)
    await change(store, Staff, MENTOR, review_digest=True)
    entry_id = await confirm_step(store)
    async with store.session() as uow:
        result = await drafts.submit(uow, PARTICIPANT, NOW, POLICY)
    assert result.notices == ()
    assert store.publisher.published == []
    assert (await stored(store, Entry, entry_id)).status == "pending"


async def test_submit_goes_to_the_expert_acting_for_an_absent_mentor(store: Store) -> None:
    """While the mentor is away, whoever acts for them reviews (R6.2, R7.2)."""
    await team(store)
    await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=1), substitute_id=EXPERT)
    entry_id = await confirm_step(store)
    async with store.session() as uow:
        result = await drafts.submit(uow, PARTICIPANT, NOW, POLICY)
    assert result.notices == (EntryToReview(EXPERT, entry_id),)
    assert store.publisher.published == [EntryToReview(EXPERT, entry_id)]


async def test_submit_at_another_step_is_stale(store: Store) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="media", activity_date=TODAY, minutes=30, text="Ran")
    async with store.session() as uow:
        with refused("error-stale-button"):
            await drafts.submit(uow, PARTICIPANT, NOW, POLICY)
    assert (await stored(store, Entry, entry_id)).status == "draft"
    assert await trail(store, entry_id, entity="entry") == []


# --- essays ------------------------------------------------------------------------------------------


async def essay_content_step(store: Store) -> int:
    app_id = await participant(store)
    return await add_entry(
        store, app_id, direction="reading", kind="essay", step="content", book_code="abai-book-of-words"
    )


async def test_typed_essay_flow(store: Store) -> None:
    """R5.2 (reading): the book, the date, an essay of at least 300 characters."""
    await team(store)
    await participant(store)
    entry_id = await start(store, "reading", "essay")
    async with store.session() as uow:
        await drafts.books_of_section(uow, PARTICIPANT, 2)
    async with store.session() as uow:
        assert (await drafts.choose_book(uow, PARTICIPANT, "homer-odyssey")).entry.step == "date"
    async with store.session() as uow:
        assert (await drafts.set_date(uow, PARTICIPANT, TODAY, NOW, POLICY)).entry.step == "content"
    async with store.session() as uow:
        assert (await drafts.answer(uow, PARTICIPANT, ESSAY, NOW, POLICY)).entry.step == "confirm"
    async with store.session() as uow:
        result = await drafts.submit(uow, PARTICIPANT, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.book_code, entry.text, entry.status) == ("homer-odyssey", ESSAY.strip(), "pending")
    assert result.notices == (EntryToReview(MENTOR, entry_id),)


async def test_typed_essay_under_300_characters_refused(store: Store) -> None:
    await team(store)
    entry_id = await essay_content_step(store)
    async with store.session() as uow:
        with refused("error-text-too-short-min"):
            await drafts.answer(uow, PARTICIPANT, "x" * 299, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.text, entry.step) == (None, "content")
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, "x" * 300, NOW, POLICY)
    assert (await stored(store, Entry, entry_id)).step == "confirm"


async def test_spoken_essay_accepted_with_its_speech_measured(store: Store) -> None:
    """A voice essay is downloaded and measured; the speech time is kept for the reviewer."""
    await team(store)
    entry_id = await essay_content_step(store)
    measure = FakeMeasure(SpeechMeasure(duration_s=30, speech_s=25))
    async with store.session() as uow:
        added = await drafts.add_media(uow, PARTICIPANT, voice(seconds=30), measure, FakeDetect())
    assert added.count == 1
    assert measure.calls == ["voice-1"]
    assert [(m.kind, m.duration, m.speech_seconds) for m in await media_of(store, entry_id)] == [("voice", 30, 25)]
    assert (await stored(store, Entry, entry_id)).step == "confirm"


async def test_no_transaction_is_held_while_a_file_is_downloaded(store: Store) -> None:
    """A download takes seconds: the draft's row lock and the connection are given back before it, and a
    draft that changed meanwhile is not written to."""
    await team(store)
    entry_id = await essay_content_step(store)
    seen: list[bool] = []
    async with store.session() as uow:

        async def measure(file_id: str) -> SpeechMeasure:
            seen.append(uow._session.in_transaction())
            async with store.session() as other:
                await drafts.discard(other, PARTICIPANT, "content")
            return SpeechMeasure(duration_s=30, speech_s=25)

        with refused("error-stale-button"):
            await drafts.add_media(uow, PARTICIPANT, voice(seconds=30), measure, FakeDetect())
    assert seen == [False]
    assert await store.get(Entry, entry_id) is None and await media_of(store, entry_id) == []


@pytest.mark.parametrize(
    ("result", "key"),
    [
        (SpeechMeasure(duration_s=30, speech_s=1), "error-essay-silent"),
        (SpeechMeasure(duration_s=0, speech_s=0), "error-essay-silent"),
        (UndecodableMedia("truncated"), "error-media-undecodable"),
    ],
    ids=["mostly-silence", "no-audio-track", "undecodable"],
)
async def test_spoken_essay_refused_after_measuring(store: Store, result: SpeechMeasure | Exception, key: str) -> None:
    """Mostly silence, or a file ffmpeg cannot read, is refused before a reviewer spends time on it."""
    await team(store)
    entry_id = await essay_content_step(store)
    measure = FakeMeasure(result)
    async with store.session() as uow:
        with refused(key):
            await drafts.add_media(uow, PARTICIPANT, voice(seconds=30), measure, FakeDetect())
    assert measure.calls == ["voice-1"]
    assert await media_of(store, entry_id) == []
    assert (await stored(store, Entry, entry_id)).step == "content"


@pytest.mark.parametrize(
    ("file", "key"),
    [(voice(seconds=10), "error-essay-too-short"), (photo(), "error-essay-expected"), (None, "error-essay-expected")],
    ids=["voice-10-s", "a-photo", "nothing"],
)
async def test_spoken_essay_refused_without_measuring(store: Store, file: MediaFile | None, key: str) -> None:
    """At least 20 seconds of voice or video; nothing is downloaded for what fails that."""
    await team(store)
    entry_id = await essay_content_step(store)
    measure = FakeMeasure()
    async with store.session() as uow:
        with refused(key):
            await drafts.add_media(uow, PARTICIPANT, file, measure, FakeDetect())
    assert measure.calls == []
    assert await media_of(store, entry_id) == []


async def test_heritage_by_book_takes_section_1_only(store: Store) -> None:
    """R3.2-R3.4: national heritage by an extra book is an essay on a section-1 book."""
    await team(store)
    await participant(store, directions=("sport", "reading", "heritage"), heritage_mode="book")
    entry_id = await start(store, "heritage", "essay")
    async with store.session() as uow:
        with refused("error-bad-button"):
            await drafts.books_of_section(uow, PARTICIPANT, 2)
    async with store.session() as uow:
        with refused("error-bad-button"):
            await drafts.choose_book(uow, PARTICIPANT, "homer-odyssey")
    async with store.session() as uow:
        with refused("error-bad-button"):
            await drafts.choose_book(uow, PARTICIPANT, "no-such-book")
    assert (await stored(store, Entry, entry_id)).book_code is None
    async with store.session() as uow:
        await drafts.books_of_section(uow, PARTICIPANT, 1)
        await drafts.choose_book(uow, PARTICIPANT, "abai-book-of-words")
    entry = await stored(store, Entry, entry_id)
    assert (entry.book_code, entry.step) == ("abai-book-of-words", "date")


# --- back and discard --------------------------------------------------------------------------------


async def test_back_goes_one_step_back(store: Store) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="minutes", activity_date=TODAY)
    async with store.session() as uow:
        with refused("error-stale-button"):
            await drafts.back(uow, PARTICIPANT, "text")
    async with store.session() as uow:
        assert (await drafts.back(uow, PARTICIPANT, "minutes")).entry.step == "date"
    async with store.session() as uow:
        assert (await drafts.back(uow, PARTICIPANT, "date")).entry.step == "date"
    assert (await stored(store, Entry, entry_id)).step == "date"


async def test_discard_deletes_a_new_draft(store: Store) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="media", activity_date=TODAY, minutes=30, text="Ran")
    async with store.session() as uow:
        await drafts.add_media(uow, PARTICIPANT, photo(), FakeMeasure(), FakeDetect())
    async with store.session() as uow:
        with refused("error-stale-button"):
            await drafts.discard(uow, PARTICIPANT, "text")
    async with store.session() as uow:
        await drafts.discard(uow, PARTICIPANT, "media")
    assert await store.get(Entry, entry_id) is None
    assert await media_of(store, entry_id) == []
    async with store.session() as uow:
        assert await drafts.unfinished(uow, PARTICIPANT) is None


async def test_discard_of_a_revision_keeps_the_entry(store: Store) -> None:
    """Giving up a revision leaves the entry as the mentor left it, asking for more."""
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(
        store, app_id, status="more_work", step="text", revising=True, activity_date=TODAY, minutes=30, text="Ran"
    )
    async with store.session() as uow:
        await drafts.discard(uow, PARTICIPANT, "text")
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.revising, entry.text) == ("more_work", False, "Ran")
    async with store.session() as uow:
        assert await drafts.unfinished(uow, PARTICIPANT) is None


# --- work reports ------------------------------------------------------------------------------------


async def test_work_report_gets_an_employer_link(store: Store) -> None:
    """R5.2 (Gold, work experience): submitting gives a one-time link for the employer."""
    await team(store)
    await participant(store, level="gold", directions=("sport", "talent", "reading", "work"))
    entry_id = await start(store, "work", "work")
    async with store.session() as uow:
        await drafts.set_date(uow, PARTICIPANT, TODAY, NOW, POLICY)
    async with store.session() as uow:
        await drafts.set_minutes(uow, PARTICIPANT, 240)
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, "Helped in the shop", NOW, POLICY)
    async with store.session() as uow:
        await drafts.finish_media(uow, PARTICIPANT)
    async with store.session() as uow:
        result = await drafts.submit(uow, PARTICIPANT, NOW, POLICY)
    assert result.employer_payload is not None and result.employer_payload.startswith("e_")
    assert result.notices == (EntryToReview(MENTOR, entry_id),)
    async with store.sessions() as session:
        links = list(await session.scalars(select(OneTimeLink)))
    assert [(link.purpose, link.payload, link.expires_at, link.used_at) for link in links] == [
        ("employer", {"entry_id": entry_id}, NOW + POLICY.consent_ttl, None)
    ]
    assert (await stored(store, Entry, entry_id)).status == "pending"


# --- revising what the mentor asked more of ----------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "kind", "step"),
    [
        ("sport", "session", "text"),
        ("sport", "final_video", "media"),
        ("reading", "essay", "content"),
        ("volunteering", "daily", "text"),
    ],
)
async def test_revise_reopens_at_the_content(store: Store, direction: str, kind: str, step: str) -> None:
    """R5.3: the participant adds to an entry the mentor asked more of, from what was done, the essay or files."""
    await team(store)
    app_id = await participant(store, directions=("sport", "talent", "reading", "volunteering"))
    entry_id = await add_entry(store, app_id, direction=direction, kind=kind, status="more_work", step="confirm")
    async with store.session() as uow:
        await drafts.revise(uow, PARTICIPANT, entry_id)
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.revising, entry.step) == ("more_work", True, step)
    async with store.session() as uow:
        found = await drafts.unfinished(uow, PARTICIPANT)
    assert found is not None and found.entry.id == entry_id


async def test_revised_entry_goes_back_to_review(store: Store) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(
        store, app_id, status="more_work", step="confirm", activity_date=TODAY, minutes=30, text="Ran"
    )
    async with store.session() as uow:
        await drafts.revise(uow, PARTICIPANT, entry_id)
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, "Ran 5 km, with the split times", NOW, POLICY)
    async with store.session() as uow:
        await drafts.add_media(uow, PARTICIPANT, photo(), FakeMeasure(), FakeDetect())
    async with store.session() as uow:
        await drafts.finish_media(uow, PARTICIPANT)
    later = NOW + timedelta(hours=2)
    async with store.session() as uow:
        result = await drafts.submit(uow, PARTICIPANT, later, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.revising, entry.submitted_at) == ("pending", False, later)
    assert entry.text == "Ran 5 km, with the split times"
    assert await trail(store, entry_id, entity="entry") == [("more_work", "pending", PARTICIPANT)]
    assert result.notices == (EntryToReview(MENTOR, entry_id),)


async def test_revise_refused_while_another_draft_exists(store: Store) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, status="more_work", step="confirm")
    await add_entry(store, app_id, direction="talent")
    async with store.session() as uow:
        with refused("error-finish-draft-first"):
            await drafts.revise(uow, PARTICIPANT, entry_id)
    entry = await stored(store, Entry, entry_id)
    assert (entry.revising, entry.step) == (False, "confirm")


@pytest.mark.parametrize(
    ("status", "revising"),
    [("pending", False), ("approved", False), ("rejected", False), ("more_work", True)],
    ids=["pending", "approved", "rejected", "already-reopened"],
)
async def test_revise_refused_unless_more_work_was_asked(store: Store, status: str, revising: bool) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, status=status, step="confirm", revising=revising)
    async with store.session() as uow:
        with refused("error-stale-button"):
            await drafts.revise(uow, PARTICIPANT, entry_id)
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.revising, entry.step) == (status, revising, "confirm")


async def test_revise_of_another_participants_entry(store: Store) -> None:
    """A forged button naming someone else's entry changes nothing."""
    await team(store)
    await participant(store)
    other_app = await participant(store, OTHER)
    entry_id = await add_entry(store, other_app, status="more_work", step="confirm")
    async with store.session() as uow:
        with refused("error-bad-button"):
            await drafts.revise(uow, PARTICIPANT, entry_id)
    assert (await stored(store, Entry, entry_id)).revising is False
