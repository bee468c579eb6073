"""The diary end to end: entries of each kind with real media, inline review, appeals (R5, R6.2, R6.3, R7.2)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.callbacks import ArbitrationCb, DiaryCb, MentorCb, ReviewCb
from core.programme import Role
from storage.models import Entry, EntryMedia, MissedWeek
from tests.audio import silence, speech_like, voice_note
from tests.e2e.conftest import World, plain, restart, tr
from tests.e2e.flows import activated, become_staff, last_text

EXPERT, MENTOR = 800, 801


def dy(action: str, value: str = "", entry_id: int = 0) -> str:
    return DiaryCb(action=action, value=value, entry_id=entry_id).pack()


def rv(action: str, entry_id: int, value: str = "") -> str:
    return ReviewCb(action=action, entry_id=entry_id, value=value).pack()


async def team(world: World, locale: str = "en", **kwargs: Any) -> tuple[Any, Any, Any, int]:
    """An expert, their mentor and an active participant of that mentor."""
    expert = await become_staff(world, EXPERT, locale, Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, locale, Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user, app_id = await activated(world, 6001, locale, mentor, MENTOR, **kwargs)
    return expert, mentor, user, app_id


async def entries(world: World) -> list[Entry]:
    async with world.sessions() as session:
        return list(await session.scalars(select(Entry).order_by(Entry.id)))


async def media(world: World, entry_id: int) -> list[EntryMedia]:
    async with world.sessions() as session:
        return list(await session.scalars(select(EntryMedia).where(EntryMedia.entry_id == entry_id)))


async def session_report(user: Any, t: Any, *, with_photo: bool = True) -> None:
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.session"))
    await user.click(data=dy("date", "0"))
    await user.click(data=dy("minutes", "60"))
    await user.send_text("Ran 5 km in the park, 30 seconds faster than last week")
    if with_photo:
        await user.send_photo(b"\xff\xd8 run photo")
    await user.click(data=dy("media-done", "media"))
    assert plain(t("ask-entry-confirm")) in last_text(user)
    await user.click(data=dy("send", "confirm"))


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_session_report_approved(world: World, locale: str) -> None:
    t = tr(locale)
    _, mentor, user, _ = await team(world, locale)
    await session_report(user, t)
    assert plain(t("entry-sent")) in last_text(user)
    (entry,) = await entries(world)
    assert entry.status == "pending" and entry.minutes == 60 and entry.activity_date == world.clock().date()
    photos = [m for m in mentor.messages if m.media == "photo"]
    assert photos and photos[-1].file_id == (await media(world, entry.id))[0].file_id
    assert plain(t("mentor-new-entry", name="Абайұлы Нұрлан Серікұлы")) in last_text(mentor)
    await mentor.click(text=t("button-review-approve"))
    assert (await entries(world))[0].status == "approved"
    assert plain(t("entry-approved-news")) in last_text(user)
    await user.send_text(t("menu-diary"))
    assert plain(t("diary-direction", direction=t("direction-sport"), percent=7)) in last_text(user)
    await mentor.click(data=MentorCb(action="card", app_id=entry.application_id).pack())
    card = last_text(mentor)
    assert plain(t("card-progress", percent=7)) in card and "✅ " + entry.activity_date.strftime("%d.%m") in card


async def test_daily_report_needs_a_photo_and_takes_an_album(world: World) -> None:
    t = tr("ru")
    _, mentor, user, _ = await team(world, "ru", extra=("volunteering",), partners=("red-crescent-kazakhstan",))
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "volunteering"))
    answer = await user.click(data=dy("date", "1"))
    assert answer is not None and answer.text == plain(t("error-date-before-start", start="30.11.2026"))
    await user.click(data=dy("date", "0"))
    await user.send_text("Помощь приюту для животных")
    await user.send_text("Выгуляли 12 собак, починили вольер")
    answer = await user.click(data=dy("media-done", "media"))
    assert answer is not None and answer.text == plain(t("error-need-photo-or-video"))
    before = len(user.messages)
    await user.send_album([("photo", b"one"), ("photo", b"two"), ("video", b"three", 12)])
    assert len(user.messages) == before + 1  # one acknowledgement for the whole album
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    files = await media(world, entry.id)
    assert [m.kind for m in files] == ["photo", "photo", "video"] and len({m.media_group_id for m in files}) == 1
    assert entry.title == "Помощь приюту для животных"
    groups = {m.media_group_id for m in mentor.messages if m.media_group_id}
    assert len(groups) == 1


async def test_essay_rejected_appealed_and_overturned(world: World) -> None:
    t = tr("kk")
    expert, mentor, user, _ = await team(world, "kk")
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "reading"))
    await user.click(data=dy("section", "1"))
    await user.click(data=dy("book", "auezov-path-of-abai"))
    await user.click(data=dy("date", "0"))
    await user.send_text("қысқа")
    assert plain(t("error-text-too-short-min", min=300)) in user.messages[-2].text
    essay = "Абай жолы — қазақ даласының энциклопедиясы. " * 10
    await user.send_text(essay)
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    assert entry.book_code == "auezov-path-of-abai" and entry.text == essay.strip()

    await mentor.click(text=t("button-review-reject"))
    await mentor.click(text=t("reason-copied"))
    assert (await entries(world))[0].status == "rejected"
    assert plain(t("entry-rejected-news")) in last_text(user)
    assert plain(t("entry-reason", reason=t("reason-copied"))) in last_text(user)
    # The mentor's old buttons no longer work.
    answer = await mentor.forge_click(rv("approve", entry.id), mentor.last.message_id)
    assert answer is not None and answer.text == plain(t("error-already-decided"))

    await user.click(text=t("button-appeal"))
    await user.send_text("Мен бұл эссені өзім жаздым, жоба жұмысымнан көшірмем бар")
    assert plain(t("appeal-sent")) in last_text(user)
    assert plain(t("expert-appeal", name="Абайұлы Нұрлан Серікұлы", mentor="Mentor Person")) in last_text(expert)
    await expert.click(data=ArbitrationCb(action="overturn", entry_id=entry.id).pack())
    await expert.send_text("Мәтін түпнұсқа, дереккөздер көрсетілген")
    final = (await entries(world))[0]
    assert final.status == "overturned" and final.arbiter_reason == "Мәтін түпнұсқа, дереккөздер көрсетілген"
    assert plain(t("appeal-overturned-news", name="Абайұлы Нұрлан Серікұлы")) in last_text(user)
    assert plain(t("appeal-overturned-news", name="Абайұлы Нұрлан Серікұлы")) in last_text(mentor)
    assert await world.audit(entry.id) != []


async def test_more_work_then_resubmitted(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world, "en")
    await session_report(user, t, with_photo=False)
    (entry,) = await entries(world)
    await mentor.click(text=t("button-review-more"))
    await mentor.click(text=t("button-own-reason"))
    await mentor.send_text("Please add a photo of your training log")
    assert plain(t("entry-more-work-news")) in last_text(user)
    await user.click(text=t("button-revise"))
    await user.send_text("Ran 5 km, here is my log")
    await user.send_photo(b"log photo")
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    again = (await entries(world))[0]
    assert again.status == "pending" and again.text == "Ran 5 km, here is my log" and not again.revising
    assert plain(t("mentor-new-entry", name="Абайұлы Нұрлан Серікұлы")) in last_text(mentor)
    await mentor.click(text=t("button-review-approve"))
    assert (await entries(world))[0].status == "approved"


async def test_review_abuse_changes_nothing(world: World) -> None:
    t = tr("en")
    expert, mentor, user, _ = await team(world, "en")
    other = await become_staff(world, 802, "en", Role.MENTOR, "Other Mentor", centre="astana-youth")
    await session_report(user, t)
    (entry,) = await entries(world)
    for actor, expected in ((other, "error-not-allowed"), (expert, "error-not-allowed"), (user, "error-stale-button")):
        answer = await actor.forge_click(rv("approve", entry.id), actor.last.message_id)
        assert answer is not None and answer.text == plain(t(expected)), actor.id
    answer = await expert.forge_click(
        ArbitrationCb(action="overturn", entry_id=entry.id).pack(), expert.last.message_id
    )
    assert answer is not None and answer.text == plain(t("error-already-decided"))
    assert (await entries(world))[0].status == "pending"
    review_message = mentor.last.message_id
    await mentor.click(text=t("button-review-approve"))
    answer = await mentor.forge_click(rv("approve", entry.id), review_message)
    assert answer is not None and answer.text == plain(t("error-already-decided"))
    answer = await mentor.forge_click(rv("reason", entry.id, "reject.detail"), review_message)
    assert answer is not None and answer.text == plain(t("error-already-decided"))
    assert [to for _, to in await world.audit(entry.id)].count("approved") == 1


@pytest.mark.parametrize(
    ("typed", "key", "args"),
    [
        ("01.12.2026", "error-date-in-future", {}),
        ("29.11.2026", "error-date-before-start", {"start": "30.11.2026"}),
        ("not a date", "error-not-a-date", {}),
    ],
)
async def test_bad_activity_dates(world: World, typed: str, key: str, args: dict) -> None:
    t = tr("en")
    _, _, user, _ = await team(world, "en")
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "talent"))
    await user.click(data=dy("kind", "talent.session"))
    await user.send_text(typed)
    assert plain(t(key, **args)) in user.messages[-2].text
    assert (await entries(world))[0].activity_date is None


async def test_backdating_window(world: World) -> None:
    t = tr("en")
    _, _, user, _ = await team(world, "en")
    world.clock.advance(days=20)
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "talent"))
    await user.click(data=dy("kind", "talent.session"))
    await user.send_text("01.12.2026")
    assert plain(t("error-date-too-old", days=14)) in user.messages[-2].text
    await user.send_text("10.12.2026")
    entry = (await entries(world))[0]
    assert entry.activity_date is not None and entry.activity_date.isoformat() == "2026-12-10"
    assert entry.submitted_at is None  # the real date is kept apart from when it is sent


async def test_composer_survives_restart_and_failed_alert(world: World, database_url: str) -> None:
    t = tr("ru")
    _, mentor, user, _ = await team(world, "ru")
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.session"))
    await user.click(data=dy("date", "0"))
    await restart(world, database_url)
    await user.send_text("45")
    assert plain(t("ask-entry-text-session")) in last_text(user)
    await user.send_text("Тренировка по волейболу")
    await user.click(data=dy("media-done", "media"))
    world.emu.fail_next("sendMessage", 500, "Internal Server Error", chat_id=MENTOR)
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    assert entry.status == "pending" and entry.minutes == 45
    alert = plain(t("mentor-new-entry", name="Абайұлы Нұрлан Серікұлы"))
    assert not any(alert in (m.text or "") for m in mentor.messages)
    world.clock.advance(seconds=3)
    await world.drain()
    assert [m.text for m in mentor.messages if alert in (m.text or "")] == [mentor.last.text]


async def test_wrong_media_and_limits(world: World) -> None:
    t = tr("en")
    _, _, user, _ = await team(world, "en")
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.final_video"))
    await user.click(data=dy("date", "0"))
    await user.send_text("here is my video")
    assert plain(t("error-media-expected")) in user.messages[-2].text
    await user.send_document(b"%PDF", "a.exe", "application/x-msdownload")
    assert plain(t("error-document-type")) in user.messages[-2].text
    await user.send_video_note(b"round", duration=61)
    assert plain(t("error-media-too-long", seconds=60)) in user.messages[-2].text
    answer = await user.click(data=dy("media-done", "media"))
    assert answer is not None and answer.text == plain(t("error-need-video"))
    await user.send_video_note(b"round", duration=30)
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    assert entry.status == "pending" and [m.kind for m in await media(world, entry.id)] == ["video_note"]


async def test_not_active_yet(world: World) -> None:
    t = tr("kk")
    user = world.emu.user(6100, "New", language_code="kk")
    await user.send_command("start")
    await user.send_text(t("menu-add-entry"))
    assert plain(t("diary-not-active")) in last_text(user)


async def test_review_queue_oldest_first_and_paged(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world, "en")
    await mentor.send_text(t("menu-review-queue"))
    assert plain(t("queue-empty")) in last_text(mentor)
    for _ in range(6):
        await session_report(user, t, with_photo=False)
        world.clock.advance(minutes=5)
    await mentor.send_text(t("menu-review-queue"))
    assert plain(t("queue-title", count=6, page=1, pages=2)) in last_text(mentor)
    first_page = [data for row in mentor.last.buttons for _, data in row]
    ids = [e.id for e in await entries(world)]
    assert [d for d in first_page if d.startswith("rq:open")] == [f"rq:open:{i}" for i in ids[:5]]
    await mentor.click(text="▶")
    assert plain(t("queue-title", count=6, page=2, pages=2)) in last_text(mentor)
    await mentor.click(data=f"rq:open:{ids[5]}")
    await mentor.click(text=t("button-review-approve"))
    assert (await entries(world))[5].status == "approved"
    await mentor.send_text(t("menu-review-queue"))
    assert plain(t("queue-title", count=5, page=1, pages=1)) in last_text(mentor)


async def test_cant_do_it_this_week(world: World) -> None:
    t = tr("ru")
    _, mentor, user, _ = await team(world, "ru")
    await user.send_text(t("menu-diary"))
    await user.click(text=t("button-cant"))
    await user.click(text=t("missed-illness"))
    assert plain(t("missed-recorded")) in last_text(user)
    assert plain(
        t("mentor-missed", name="Абайұлы Нұрлан Серікұлы", reason=t("missed-illness"), details="—")
    ) in last_text(mentor)
    await user.click(text=t("button-cant"))
    await user.click(text=t("missed-other"))
    await user.send_text("Свадьба брата в другом городе")
    async with world.sessions() as session:
        rows = list(await session.scalars(select(MissedWeek).order_by(MissedWeek.id)))
    assert [(r.reason, r.details, r.week_of.isoformat()) for r in rows] == [
        ("illness", None, "2026-11-30"),
        ("other", "Свадьба брата в другом городе", "2026-11-30"),
    ]
    answer = await user.forge_click(dy("cant-reason", "holiday"), user.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))


async def test_voice_essay_checked_for_speech(world: World) -> None:
    """A spoken essay is downloaded and measured: mostly silence is refused, speech is kept (R5.2)."""
    t = tr("en")
    _, mentor, user, _ = await team(world, "en")
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "reading"))
    await user.click(data=dy("section", "2"))
    book = next(data for row in user.last.buttons for _, data in row if data.startswith("dy:book:"))
    await user.click(data=book)
    await user.click(data=dy("date", "0"))
    await user.send_voice(voice_note(speech_like(5_000)), duration=5)
    assert plain(t("error-essay-too-short", seconds=20)) in user.messages[-2].text
    await user.send_voice(voice_note(silence(25_000)), duration=25)
    assert plain(t("error-essay-silent")) in user.messages[-2].text
    await user.send_voice(b"not audio at all", duration=25)
    assert plain(t("error-media-undecodable")) in user.messages[-2].text
    await user.send_photo(b"photo")
    assert plain(t("error-essay-expected")) in user.messages[-2].text
    await user.send_voice(voice_note(speech_like(25_000)), duration=25)
    assert plain(t("ask-entry-confirm")) in last_text(user)
    await user.click(data=dy("send", "confirm"))
    (entry,) = await entries(world)
    (voice,) = await media(world, entry.id)
    assert voice.kind == "voice" and voice.speech_seconds is not None and voice.speech_seconds > 15
    assert any(m.media == "voice" for m in mentor.messages)
