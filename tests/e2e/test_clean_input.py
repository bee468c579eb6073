"""Clean input end to end: Unicode digits at the minutes step, text of zero-width characters only, empty
files and documents that are not what they claim are refused with a localized answer, and the draft stays
where it was; "90 мин" and a real PDF are taken."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.callbacks import AppCb
from core.programme import Role
from storage.models import Entry, ScheduleItem
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import ap, become_staff, first_contact, last_text, mn, shown, start_application, submitted
from tests.e2e.test_diary import EXPERT, MENTOR, dy, entries, media, team

ZERO_WIDTH = "\u200b\u200d\ufeff"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(48)


def answered_with(user: Any, text: str) -> bool:
    """The bot's answer before the step's prompt, which it sends again, shows this text."""
    return text in (user.messages[-2].text or "")


async def draft(world: World) -> Entry:
    (entry,) = await entries(world)
    return entry


async def at_minutes(world: World, locale: str) -> Any:
    """An active participant whose sport session is waiting for its minutes."""
    _, _, user, _ = await team(world, locale)
    await user.send_text(tr(locale)("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.session"))
    await user.click(data=dy("date", "0"))
    assert plain(tr(locale)("ask-entry-minutes")) in last_text(user)
    return user


async def at_media(world: World, locale: str = "en") -> Any:
    user = await at_minutes(world, locale)
    await user.click(data=dy("minutes", "60"))
    await user.send_text("Dombra lesson, then 5 km run")
    assert plain(tr(locale)("ask-entry-media-session", count=0, max=10)) in last_text(user)
    return user


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_unicode_digits_at_the_minutes_step(world: World, locale: str) -> None:
    """Typed "²" and "①" crashed into "something went wrong", "٣٠" was read as 30: now the step's error."""
    t = tr(locale)
    user = await at_minutes(world, locale)
    error = plain(t("error-entry-minutes", min=5, max=720))
    for typed in ("²", "①", "٣٠"):
        await user.send_text(typed)
        assert answered_with(user, error), typed
        assert plain(t("ask-entry-minutes")) in last_text(user)
        assert not any(plain(t("error-internal")) in (m.text or "") for m in user.messages)
        entry = await draft(world)
        assert (entry.step, entry.minutes) == ("minutes", None)
    await user.send_text("90 мин")
    assert plain(t("ask-entry-text-session")) in last_text(user)
    entry = await draft(world)
    assert (entry.step, entry.minutes) == ("text", 90)


async def test_zero_width_text_as_place_of_study(world: World) -> None:
    t = tr("ru")
    user = world.emu.user(7001, "Test", language_code="ru")
    await first_contact(user, "ru")
    await start_application(user, "ru")
    await user.send_text("Иванова Мария")
    await user.send_text("10.10.2005")
    await user.send_contact("+77017001000")
    await user.send_photo(b"jpeg")
    await user.click(data=ap("region", "pick", "astana"))
    await user.click(data=ap("locality", "pick", "astana"))
    assert plain(t("ask-study-place")) in last_text(user)
    await user.send_text(ZERO_WIDTH)
    assert answered_with(user, plain(t("error-text-expected")))
    assert plain(t("ask-study-place")) in last_text(user)
    app = await world.application(7001)
    assert app is not None and (app.step, app.study_place) == ("study_place", None)
    await user.send_text("\u200bШкола №12\u200b")
    assert plain(t("ask-about")) in last_text(user)
    app = await world.application(7001)
    assert app is not None and app.study_place == "Школа №12"


async def test_forged_locality_page_is_a_bad_button(world: World) -> None:
    t = tr("en")
    user = world.emu.user(7002, "Test", language_code="en")
    await first_contact(user, "en")
    await start_application(user, "en")
    await user.send_text("Test Person")
    await user.send_text("10.10.2005")
    await user.send_contact("+77017002000")
    await user.send_photo(b"jpeg")
    await user.click(data=ap("region", "pick", "almaty-city"))
    for value in ("²", "①"):
        data = AppCb(step="locality", action="page", value=value).pack()
        answer = await user.forge_click(data, user.last.message_id)
        assert answer is not None and answer.text == plain(t("error-bad-button"))
    app = await world.application(7002)
    assert app is not None and app.step == "locality"


async def test_zero_width_diary_text(world: World) -> None:
    t = tr("kk")
    user = await at_minutes(world, "kk")
    await user.click(data=dy("minutes", "60"))
    await user.send_text(ZERO_WIDTH)
    assert answered_with(user, plain(t("error-text-expected")))
    assert plain(t("ask-entry-text-session")) in last_text(user)
    entry = await draft(world)
    assert (entry.step, entry.text) == ("text", None)


async def test_forged_book_section_is_a_bad_button(world: World) -> None:
    """A forged section "²" passed isdigit() and made int() crash."""
    t = tr("en")
    _, _, user, _ = await team(world)
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "reading"))
    assert plain(t("ask-entry-book-section")) in last_text(user)
    for value in ("²", "①", "٢"):
        answer = await user.forge_click(dy("section", value), user.last.message_id)
        assert answer is not None and answer.text == plain(t("error-bad-button"))
    assert (await draft(world)).step == "book"


async def test_empty_and_disguised_documents_refused_real_pdf_accepted(world: World) -> None:
    t = tr("en")
    user = await at_media(world)
    prompt = plain(t("ask-entry-media-session", count=0, max=10))
    await user.send_document(b"", "empty.pdf", "application/pdf")
    assert answered_with(user, plain(t("error-file-empty")))
    assert prompt in last_text(user)
    await user.send_document(EXE, "certificate.pdf", "application/pdf")
    assert answered_with(user, plain(t("error-document-content")))
    assert prompt in last_text(user)
    entry = await draft(world)
    assert entry.step == "media" and await media(world, entry.id) == []
    await user.send_document(PDF, "certificate.pdf", "application/pdf")
    assert plain(t("entry-media-added", count=1)) in last_text(user)
    files = await media(world, entry.id)
    assert [(m.kind, m.mime_type) for m in files] == [("document", "application/pdf")]
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    assert (await draft(world)).status == "pending"


async def test_png_declared_as_jpeg_refused(world: World) -> None:
    t = tr("ru")
    user = await at_media(world, "ru")
    await user.send_document(b"\x89PNG\r\n\x1a\n" + bytes(32), "photo.jpg", "image/jpeg")
    assert answered_with(user, plain(t("error-document-content")))
    entry = await draft(world)
    assert entry.step == "media" and await media(world, entry.id) == []


async def test_document_that_cannot_be_downloaded_is_asked_again(world: World) -> None:
    """Telegram fails to hand the file over: "send it again", and the draft keeps what it had."""
    t = tr("kk")
    user = await at_media(world, "kk")
    await user.send_photo(b"\xff\xd8 run photo")
    world.emu.fail_next("getFile", 500, "Internal Server Error")
    await user.send_document(PDF, "certificate.pdf", "application/pdf")
    assert answered_with(user, plain(t("error-file-not-checked")))
    assert plain(t("ask-entry-media-session", count=1, max=10)) in last_text(user)
    entry = await draft(world)
    assert entry.step == "media" and [m.kind for m in await media(world, entry.id)] == ["photo"]
    await user.send_document(PDF, "certificate.pdf", "application/pdf")
    assert plain(t("entry-media-added", count=2)) in last_text(user)
    assert [m.kind for m in await media(world, entry.id)] == ["photo", "document"]


async def test_mentor_types_weekly_minutes_with_a_unit(world: World) -> None:
    """The schedule's minutes: a forged button of "²" is a bad button, typed "①②⓪" the step's error, and
    "90 мин" is 90."""
    t = tr("ru")
    await become_staff(world, EXPERT, "ru", Role.EXPERT, "Эксперт Один")
    mentor = await become_staff(world, MENTOR, "ru", Role.MENTOR, "Наставник Один", "astana-youth", expert_id=EXPERT)
    await submitted(world, 7003, "ru", MENTOR)
    app = await world.application(7003)
    assert app is not None
    await mentor.click(data=mn("card", app.id))
    await mentor.click(data=mn("sched", app.id, "sport"))
    await mentor.send_text("\u200bФутбольный клуб\u200b")
    await mentor.click(data=mn("day", app.id, "sport", "1"))
    await mentor.click(data=mn("days-done", app.id, "sport"))
    await mentor.send_text("18:30")
    assert plain(t("ask-schedule-minutes")) in last_text(mentor)
    answer = await mentor.forge_click(mn("min", app.id, "sport", "²"), mentor.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    await mentor.send_text("①②⓪")
    assert plain(t("error-minutes")) in last_text(mentor)
    await mentor.send_text("90 мин")
    assert shown(mentor, "schedule-saved", "ru", direction=t("direction-sport"))
    async with world.sessions() as session:
        item = await session.scalar(select(ScheduleItem).where(ScheduleItem.application_id == app.id))
    assert item is not None and (item.activity, item.minutes_per_week) == ("Футбольный клуб", 90)
