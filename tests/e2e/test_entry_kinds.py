"""The entry kinds the other diary tests leave out, each with real media objects: a talent session with a
document and a voice note, a heritage session's final video, heritage by an extra section-1 book, and a
tourist trip's day with a video (R5.2, R7.4)."""

from __future__ import annotations

from typing import Any

from bot.callbacks import DiaryCb
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import last_text
from tests.e2e.test_diary import dy, entries, media, team

NAME = "Абайұлы Нұрлан Серікұлы"


def received(mentor: Any) -> list[str | None]:
    return [m.media for m in mentor.messages if m.media]


async def test_talent_session_takes_a_document_and_a_voice_note(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "talent"))
    await user.click(data=dy("kind", "talent.session"))
    await user.click(data=dy("date", "0"))
    await user.click(data=dy("minutes", "90"))
    await user.send_text("Dombra lesson: learned the first part of «Adai»")
    await user.send_document(b"%PDF-1.4 certificate", "certificate.pdf", "application/pdf")
    await user.send_voice(b"OggS dombra", duration=40)
    assert plain(t("entry-media-added", count=2)) in last_text(user)
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    assert (entry.direction, entry.kind, entry.minutes, entry.status) == ("talent", "session", 90, "pending")
    files = await media(world, entry.id)
    assert [(m.kind, m.mime_type) for m in files] == [("document", "application/pdf"), ("voice", "audio/ogg")]
    assert received(mentor)[-2:] == ["document", "voice"]
    assert plain(t("mentor-new-entry", name=NAME)) in last_text(mentor)


async def test_heritage_final_video_needs_a_video(world: World) -> None:
    t = tr("kk")
    _, mentor, user, _ = await team(world, "kk", extra=("heritage",), choices=(("heritage_mode", "sessions"),))
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "heritage"))
    assert plain(t("ask-entry-kind")) in last_text(user)
    await user.click(data=dy("kind", "heritage.final_video"))
    await user.click(data=dy("date", "0"))
    await user.send_photo(b"\xff\xd8 not a video")
    answer = await user.click(data=dy("media-done", "media"))
    assert answer is not None and answer.text == plain(t("error-need-video"))
    await user.send_video(b"kuy performance", duration=95)
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    assert (entry.direction, entry.kind) == ("heritage", "final_video")
    assert [m.kind for m in await media(world, entry.id)] == ["photo", "video"]
    assert received(mentor)[-2:] == ["photo", "video"]


async def test_heritage_by_book_is_an_essay_on_a_section_one_book(world: World) -> None:
    t = tr("ru")
    _, mentor, user, _ = await team(world, "ru", extra=("heritage",), choices=(("heritage_mode", "book"),))
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "heritage"))
    assert plain(t("ask-entry-book-section")) in last_text(user)
    sections = [data for row in user.last.buttons for _, data in row]
    assert dy("section", "1") in sections and dy("section", "2") not in sections
    answer = await user.forge_click(dy("section", "2"), user.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    await user.click(data=dy("section", "1"))
    answer = await user.forge_click(DiaryCb(action="book", value="homer-odyssey").pack(), user.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    await user.click(data=dy("book", "abai-book-of-words"))
    await user.click(data=dy("date", "0"))
    essay = "Қара сөздер — Абайдың адамгершілік туралы ойлары, әр сөзі бүгін де өзекті. " * 5
    await user.send_text(essay)
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    assert (entry.direction, entry.kind, entry.book_code) == ("heritage", "essay", "abai-book-of-words")
    assert plain(t("mentor-new-entry", name=NAME)) in last_text(mentor)


async def test_tourist_trip_day_with_a_video(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world, extra=("tourism",), partners=("kazakh-geographical-society",))
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "tourism"))
    await user.click(data=dy("date", "0"))
    await user.send_text("Hike to Big Almaty Lake")
    await user.send_text("12 km with the group, collected litter along the trail")
    await user.send_video(b"lake panorama", duration=30)
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    assert (entry.direction, entry.kind, entry.title) == ("tourism", "daily", "Hike to Big Almaty Lake")
    assert [m.kind for m in await media(world, entry.id)] == ["video"]
    assert received(mentor)[-1] == "video"
