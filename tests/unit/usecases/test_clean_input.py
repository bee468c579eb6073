"""Clean input in the use cases: numbers in Unicode digits, text of zero-width characters only, empty files
and documents whose content is not their declared type are refused with the step's own error, and the
draft or form stays where it was; "90 мин" and a real PDF or DOCX are taken."""

from __future__ import annotations

import pytest

from core import application_form as form
from core import drafts, invitations, schedule, users
from core.diary import DOCX
from core.drafts import DownloadFailed, MediaFile
from core.programme import MediaKind, Role
from core.speech import SpeechMeasure
from storage.models import Application, Entry, Staff, User
from tests.unit.usecases.conftest import (
    MENTOR,
    NOW,
    PARTICIPANT,
    POLICY,
    Store,
    add_entry,
    add_staff,
    add_user,
    participant,
    refused,
    stored,
)
from tests.unit.usecases.test_application_form import draft_at
from tests.unit.usecases.test_drafts import (
    TODAY,
    FakeDetect,
    FakeMeasure,
    essay_content_step,
    media_of,
    media_step,
    team,
    voice,
)
from tests.unit.usecases.test_schedule import lines, mentor_and_applicant
from tests.unit.usecases.test_schedule import save as save_line

ZERO_WIDTH = "\u200b\u200d\ufeff"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"


def document(size: int | None = 1000, mime: str | None = "application/pdf", n: int = 1) -> MediaFile:
    return MediaFile(MediaKind.DOCUMENT, f"doc-{n}", f"doc-u-{n}", size=size, mime=mime)


# --- minutes and numbers ---------------------------------------------------------------------------


async def minutes_step(store: Store) -> int:
    await team(store)
    app_id = await participant(store)
    return await add_entry(store, app_id, step="minutes", activity_date=TODAY)


@pytest.mark.parametrize("typed", ["²", "①", "٣٠", "３０", "30²", "90 минут²"])
async def test_unicode_digits_at_the_minutes_step(store: Store, typed: str) -> None:
    """Typed "²" passed isdigit() and int("²") crashed: now the step's own error, and the draft stays."""
    entry_id = await minutes_step(store)
    async with store.session() as uow:
        with refused("error-entry-minutes"):
            await drafts.answer(uow, PARTICIPANT, typed, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.minutes, entry.step) == (None, "minutes")


@pytest.mark.parametrize("typed", ["90 мин", "90 минут", "90мин", "90 min", "90 minutes", "\u200b90\u200b"])
async def test_minutes_with_their_unit(store: Store, typed: str) -> None:
    entry_id = await minutes_step(store)
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, typed, NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.minutes, entry.step) == (90, "text")


async def test_schedule_minutes_with_a_unit_or_unicode_digits(store: Store) -> None:
    """The mentor's weekly minutes: "120 мин" is 120, "①②⓪" is the step's error, not a crash."""
    app_id = await mentor_and_applicant(store)
    for typed in ("①②⓪", "¹²⁰", "١٢٠"):
        with refused("error-minutes"):
            await save_line(store, MENTOR, app_id, schedule.Line("sport", "Football club", [1], "18:00", typed))
    assert await lines(store, app_id) == []
    await save_line(store, MENTOR, app_id, schedule.Line("sport", "Football club", [1], "18:00", "120 мин"))
    assert await lines(store, app_id) == [("sport", "Football club", [1], "18:00", 120)]


@pytest.mark.parametrize("value", ["²", "①", "٦٠", "６０"])
async def test_forged_number_buttons_are_bad_buttons(store: Store, value: str) -> None:
    """A reminder lead, a mentor, heritage months: values that are not ASCII digits are a forged button."""
    await add_user(store, PARTICIPANT)
    async with store.session() as uow:
        user = await uow.users.get(PARTICIPANT)
        assert user is not None
        with refused("error-bad-button"):
            await users.set_reminder_lead(uow, user, value)
    assert (await stored(store, User, PARTICIPANT)).reminder_lead_minutes == 60


@pytest.mark.parametrize("value", ["²", "①", "١٠٠"])
async def test_forged_mentor_button(store: Store, value: str) -> None:
    app_id = await draft_at(store, "mentor")
    async with store.session() as uow:
        with refused("error-bad-button"):
            await form.pick(uow, PARTICIPANT, "mentor", "pick", value, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.step, app.mentor_id) == ("mentor", None)


@pytest.mark.parametrize("value", ["³", "③", "٣"])
async def test_forged_heritage_months_button(store: Store, value: str) -> None:
    app_id = await draft_at(store, "choices", level="silver", directions=["sport", "talent", "reading", "heritage"])
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "choices", "heritage_mode", "sessions", NOW, POLICY)
    async with store.session() as uow:
        with refused("error-bad-button"):
            await form.pick(uow, PARTICIPANT, "choices", "heritage_months", value, NOW, POLICY)
    assert (await stored(store, Application, app_id)).heritage_months is None
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "choices", "heritage_months", "3", NOW, POLICY)
    assert (await stored(store, Application, app_id)).heritage_months == 3


# --- format characters ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [ZERO_WIDTH, "\u00ad", " \u2060\u200c ", "\u3164"])
async def test_zero_width_place_of_study_refused(store: Store, text: str) -> None:
    app_id = await draft_at(store, "study_place")
    async with store.session() as uow:
        with refused("error-text-expected"):
            await form.answer_text(uow, PARTICIPANT, text, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.step, app.study_place) == ("study_place", None)


async def test_place_of_study_stored_without_invisible_ends(store: Store) -> None:
    app_id = await draft_at(store, "study_place")
    async with store.session() as uow:
        await form.answer_text(uow, PARTICIPANT, "\ufeffШкола №12\u200b", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.step, app.study_place) == ("about", "Школа №12")


async def test_diary_text_keeps_its_emoji(store: Store) -> None:
    await team(store)
    app_id = await participant(store)
    entry_id = await add_entry(store, app_id, step="text", activity_date=TODAY, minutes=30)
    async with store.session() as uow:
        await drafts.answer(uow, PARTICIPANT, f"\u200bRan with my family {FAMILY}\ufeff", NOW, POLICY)
    entry = await stored(store, Entry, entry_id)
    assert (entry.text, entry.step) == (f"Ran with my family {FAMILY}", "media")


async def test_zero_width_staff_name_refused(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Old Name")
    for name in (ZERO_WIDTH, f"{ZERO_WIDTH} {ZERO_WIDTH}"):
        async with store.session() as uow:
            with refused("error-full-name"):
                await invitations.set_full_name(uow, MENTOR, name)
    async with store.session() as uow:
        await invitations.set_full_name(uow, MENTOR, "\u200bабайұлы\u00ad нұрлан\ufeff")
    assert (await stored(store, Staff, MENTOR)).full_name == "Абайұлы Нұрлан"


async def test_zero_width_activity_refused(store: Store) -> None:
    app_id = await mentor_and_applicant(store)
    with refused("error-activity"):
        await save_line(store, MENTOR, app_id, schedule.Line("sport", ZERO_WIDTH + "x", [1], "18:00", "90"))


# --- files ------------------------------------------------------------------------------------------


async def test_empty_file_refused_without_downloading(store: Store) -> None:
    await team(store)
    entry_id = await media_step(store)
    detect = FakeDetect()
    async with store.session() as uow:
        with refused("error-file-empty"):
            await drafts.add_media(uow, PARTICIPANT, document(size=0), FakeMeasure(), detect)
    assert detect.calls == []
    assert await media_of(store, entry_id) == []


@pytest.mark.parametrize(
    ("declared", "detected"),
    [
        ("application/pdf", "application/x-msdownload"),
        ("application/pdf", None),
        ("image/jpeg", "image/png"),
        ("image/png", "image/jpeg"),
        ("application/pdf", "application/zip"),
    ],
    ids=["exe-as-pdf", "unknown-as-pdf", "png-as-jpeg", "jpeg-as-png", "zip-as-pdf"],
)
async def test_document_whose_content_is_not_its_type(store: Store, declared: str, detected: str | None) -> None:
    """The document is downloaded and its first bytes decide; a mismatch is refused and nothing stored."""
    await team(store)
    entry_id = await media_step(store)
    detect = FakeDetect(detected)
    async with store.session() as uow:
        with refused("error-document-content"):
            await drafts.add_media(uow, PARTICIPANT, document(mime=declared), FakeMeasure(), detect)
    assert detect.calls == ["doc-1"]
    assert await media_of(store, entry_id) == []
    assert (await stored(store, Entry, entry_id)).step == "media"


@pytest.mark.parametrize(
    ("declared", "detected"),
    [("application/pdf", "application/pdf"), ("image/png", "image/png"), (DOCX, DOCX), (DOCX, "application/zip")],
    ids=["pdf", "png", "docx", "docx-as-zip"],
)
async def test_document_of_its_declared_type_accepted(store: Store, declared: str, detected: str) -> None:
    await team(store)
    entry_id = await media_step(store)
    detect = FakeDetect(detected)
    async with store.session() as uow:
        added = await drafts.add_media(uow, PARTICIPANT, document(mime=declared), FakeMeasure(), detect)
    assert added.count == 1 and detect.calls == ["doc-1"]
    assert [(m.kind, m.mime_type) for m in await media_of(store, entry_id)] == [("document", declared)]


async def test_declared_type_refused_before_downloading(store: Store) -> None:
    await team(store)
    await media_step(store)
    detect = FakeDetect()
    async with store.session() as uow:
        with refused("error-document-type"):
            await drafts.add_media(uow, PARTICIPANT, document(mime="application/x-msdownload"), FakeMeasure(), detect)
    assert detect.calls == []


async def test_download_failure_loses_nothing(store: Store) -> None:
    """A document that cannot be fetched to be checked: "send it again", and the files before it stay."""
    await team(store)
    entry_id = await media_step(store)
    async with store.session() as uow:
        await drafts.add_media(uow, PARTICIPANT, document(n=1), FakeMeasure(), FakeDetect())
    async with store.session() as uow:
        with refused("error-file-not-checked"):
            await drafts.add_media(uow, PARTICIPANT, document(n=2), FakeMeasure(), FakeDetect(DownloadFailed()))
    entry = await stored(store, Entry, entry_id)
    assert entry.step == "media"
    assert [m.file_id for m in await media_of(store, entry_id)] == ["doc-1"]


async def test_spoken_essay_download_failure(store: Store) -> None:
    await team(store)
    entry_id = await essay_content_step(store)
    measure = FakeMeasure(DownloadFailed())
    async with store.session() as uow:
        with refused("error-file-not-checked"):
            await drafts.add_media(uow, PARTICIPANT, voice(seconds=30), measure, FakeDetect())
    assert (await stored(store, Entry, entry_id)).step == "content"
    assert await media_of(store, entry_id) == []


async def test_photos_and_voices_are_not_downloaded_for_their_type(store: Store) -> None:
    await team(store)
    await media_step(store)
    detect = FakeDetect()
    measure = FakeMeasure(SpeechMeasure(duration_s=30, speech_s=25))
    async with store.session() as uow:
        await drafts.add_media(uow, PARTICIPANT, voice(seconds=30), measure, detect)
    assert detect.calls == [] and measure.calls == []
