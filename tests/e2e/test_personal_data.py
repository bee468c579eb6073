"""A minor's whole journey, then their /mydata export and erasure, and their legal representative's, with
every table and column of the database scanned afterwards, and every log record at DEBUG (R2.1, personal
data law)."""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from typing import Any

import pytest
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import ArbitrationCb, DataCb, DiaryCb, MentorCb, ReviewCb, TaskCb
from core.programme import Role
from storage.models import Application
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import (
    become_staff,
    choose_mentor_and_submit,
    choose_programme,
    fill_profile,
    first_contact,
    last_text,
    set_schedule,
    shown,
    start_application,
)

EXPERT, MENTOR, PARTICIPANT, GUARDIAN = 5310001, 5310002, 5310042, 5310043
NAME = "Жұмабаева Әйгерім Қайратқызы"
PHONE, PHONE_STORED = "+7 705 314 15 92", "+77053141592"
BIRTH, BIRTH_STORED = "19.07.2011", "2011-07-19"
STUDY = "Gymnasium Qzx-Study No. 97"
ABOUT = "Qzx-about: I keep bees on our roof"
HOBBIES = "Qzx-hobby origami and kobyz"
ENTRY = "Qzx-entry ran along the Yesil river"
DRAFT = "Qzx-draft swam in the city pool"
REASON = "Qzx-reason the photo shows someone else"
APPEAL = "Qzx-appeal it is me, in a red cap"
ARBITER = "Qzx-arbiter the cap matches the profile"
MISSED = "Qzx-missed my brother's wedding in Shymkent"
TASK = "Qzx-task run 3 km and send a photo"
MESSAGE = "Qzx-message see you at the stadium at six"
GUARDIAN_NAME, GUARDIAN_PHONE, GUARDIAN_PHONE_STORED = "Гүлнәр", "+7 702 271 82 81", "+77022718281"


def dy(action: str, value: str = "") -> str:
    return DiaryCb(action=action, value=value).pack()


def rv(action: str, entry_id: int, value: str = "") -> str:
    return ReviewCb(action=action, entry_id=entry_id, value=value).pack()


@dataclass
class Journey:
    user: Any
    guardian: Any
    mentor: Any
    app_id: int
    file_ids: list[str]


async def journey(world: World) -> Journey:
    """A 15-year-old applies, her mother consents, the mentor activates her; she reports, is rejected,
    appeals and wins, misses a week, gets a task and a message, and leaves a draft half written."""
    t = tr("en")
    expert = await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user = world.emu.user(PARTICIPANT, "Aigerim", language_code="en")
    await first_contact(user, "en")
    await start_application(user, "en")
    await fill_profile(user, "en", birth=BIRTH, study=STUDY, full_name=NAME, phone=PHONE, about=ABOUT, hobbies=HOBBIES)
    await choose_programme(user, "en", level="bronze")
    await choose_mentor_and_submit(user, "en", MENTOR, "bronze")
    link = next(m.text for m in user.messages if m.text and "?start=g_" in m.text)
    guardian = world.emu.user(GUARDIAN, GUARDIAN_NAME, language_code="en")
    await guardian.send_command("start", link.split("?start=")[1].split()[0])
    await guardian.send_contact(GUARDIAN_PHONE)
    await guardian.click(text=t("button-guardian-confirm"))
    app = await world.application(PARTICIPANT)
    assert app is not None and app.status == "under_review" and app.guardian_user_id == GUARDIAN

    await mentor.click(data=MentorCb(action="card", app_id=app.id).pack())
    for direction in app.directions:
        await set_schedule(mentor, "en", app.id, direction)
    await mentor.click(data=MentorCb(action="activate", app_id=app.id).pack())
    await mentor.click(data=MentorCb(action="activate-yes", app_id=app.id).pack())

    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.session"))
    await user.click(data=dy("date", "0"))
    await user.click(data=dy("minutes", "60"))
    await user.send_text(ENTRY)
    await user.send_photo(b"\xff\xd8 run photo")
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    assert shown(user, "entry-sent", "en")
    assert plain(t("mentor-new-entry", name=NAME)) in last_text(mentor)
    await mentor.click(text=t("button-review-reject"))
    await mentor.click(text=t("button-own-reason"))
    await mentor.send_text(REASON)
    await user.click(text=t("button-appeal"))
    await user.send_text(APPEAL)
    async with world.sessions() as session:
        entry_id = (await session.execute(text("SELECT id FROM entries WHERE status = 'appealed'"))).scalar_one()
    await expert.click(data=ArbitrationCb(action="overturn", entry_id=entry_id).pack())
    await expert.send_text(ARBITER)

    await user.send_text(t("menu-diary"))
    await user.click(text=t("button-cant"))
    await user.click(text=t("missed-other"))
    await user.send_text(MISSED)
    await mentor.send_command("task")
    await mentor.click(data=TaskCb(action="app", app_id=app.id).pack())
    await mentor.click(data=TaskCb(action="dir", app_id=app.id, direction="sport").pack())
    await mentor.send_text(TASK)
    await mentor.click(data=MentorCb(action="card", app_id=app.id).pack())
    await mentor.click(data=MentorCb(action="msg", app_id=app.id).pack())
    await mentor.send_text(MESSAGE)
    assert MESSAGE in last_text(user)

    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.session"))
    await user.click(data=dy("date", "0"))
    await user.click(data=dy("minutes", "45"))
    await user.send_text(DRAFT)

    async with world.sessions() as session:
        stored = await session.get(Application, app.id)
        assert stored is not None and stored.photo_file_id is not None and stored.photo_unique_id is not None
        files = [stored.photo_file_id, stored.photo_unique_id]
        media = (await session.execute(text("SELECT file_id, file_unique_id FROM entry_media"))).all()
    assert len(media) == 1
    return Journey(user, guardian, mentor, app.id, files + list(media[0]))


async def export_of(world: World, user: Any) -> dict[str, Any]:
    await user.send_command("mydata")
    await user.click(data=DataCb(action="file").pack())
    document = user.last
    assert document.media == "document" and document.data["document"]["file_name"] == "my-data.json"
    return json.loads(world.emu.state.files.get(document.file_id).data)  # type: ignore[union-attr,no-any-return]


async def erase(user: Any) -> None:
    t = tr("en")
    await user.send_command("mydata")
    await user.click(data=DataCb(action="erase").pack())
    assert plain(t("erase-confirm")) in last_text(user)
    await user.click(data=DataCb(action="erase-yes").pack())
    assert plain(t("erased-bye")) in last_text(user)


def forms(needle: str) -> set[str]:
    """The needle as a column may hold it: plain, JSON-escaped (SQLite keeps JSON ASCII), HTML-escaped."""
    return {needle, json.dumps(needle)[1:-1], html.escape(needle)}


async def leftovers(session: AsyncSession, needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) wherever a needle is found in any column of any table."""
    tables = await session.run_sync(lambda s: inspect(s.connection()).get_table_names())
    found = []
    for table in tables:
        rows = (await session.execute(text(f'SELECT * FROM "{table}"'))).mappings().all()
        for row in rows:
            for column, value in row.items():
                if value is None:
                    continue
                shown_value = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
                for needle in needles:
                    if any(form in shown_value for form in forms(needle)):
                        found.append((table, column, needle))
    return found


async def conversation_leftovers(world: World, needles: list[str]) -> list[str]:
    """Needles still in the conversation state (FSM) of any chat, in memory or in Redis."""
    if isinstance(world.storage, MemoryStorage):
        values = [json.dumps([r.state, r.data], ensure_ascii=False) for r in world.storage.storage.values()]
    else:
        assert isinstance(world.storage, RedisStorage)
        redis = world.storage.redis
        prefix = world.storage.key_builder.prefix  # type: ignore[attr-defined]
        values = []
        async for key in redis.scan_iter(match=f"{prefix}:*"):
            value = await redis.get(key)
            values.append(value.decode() if isinstance(value, bytes) else str(value))
    return [n for n in needles for v in values if any(form in v for form in forms(n))]


def participant_needles(journey: Journey) -> list[str]:
    return [
        NAME,
        NAME.split()[0],
        PHONE_STORED,
        PHONE_STORED[2:],
        BIRTH,
        BIRTH_STORED,
        str(PARTICIPANT),
        STUDY,
        ABOUT,
        HOBBIES,
        ENTRY,
        DRAFT,
        REASON,
        APPEAL,
        ARBITER,
        MISSED,
        TASK,
        MESSAGE,
        GUARDIAN_NAME,
        GUARDIAN_PHONE_STORED,
        *journey.file_ids,
    ]


async def test_export_holds_everything_about_the_participant(world: World) -> None:
    t = tr("en")
    trip = await journey(world)
    await trip.user.send_command("mydata")
    summary = last_text(trip.user)
    assert "Telegram id 5310042" in summary and "Diary entries: 2; files: 2." in summary
    assert "Missed weeks reported: 1; extra tasks from the mentor: 1." in summary
    assert plain(t("my-data-withheld-rating-answers")) in summary

    data = await export_of(world, trip.user)
    body = json.dumps(data, ensure_ascii=False)
    for needle in participant_needles(trip):
        assert needle == BIRTH or needle in body, needle
    assert data["account"]["telegram_id"] == PARTICIPANT and data["account"]["language"] == "en"
    (app,) = data["applications"]
    assert (app["full_name"], app["phone"], app["birth_date"]) == (NAME, PHONE_STORED, BIRTH_STORED)
    assert (app["guardian_name"], app["guardian_phone"]) == (GUARDIAN_NAME, GUARDIAN_PHONE_STORED)
    sent, draft = app["entries"]
    assert (sent["status"], sent["text"], sent["reason"], sent["appeal_reason"], sent["arbiter_reason"]) == (
        "overturned",
        ENTRY,
        REASON,
        APPEAL,
        ARBITER,
    )
    assert [m["kind"] for m in sent["media"]] == ["photo"] and draft["status"] == "draft" and draft["text"] == DRAFT
    assert [(m["reason"], m["details"]) for m in app["missed_weeks"]] == [("other", MISSED)]
    assert [task["text"] for task in app["extra_tasks"]] == [TASK]
    assert {(h["entity"], h["to"]) for h in app["history"]} >= {
        ("application", "active"),
        ("entry", "rejected"),
        ("entry", "overturned"),
    }
    assert any(MESSAGE in (n["text"] or "") for n in data["notifications"])
    assert data["withheld"] == {"rating-answers": plain(t("my-data-withheld-rating-answers"))}


async def test_erasure_leaves_nothing_that_identifies_her_in_any_table_or_log(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    trip = await journey(world)
    await erase(trip.user)

    needles = participant_needles(trip)
    async with world.sessions() as session:
        assert await leftovers(session, needles) == []
        app = await session.get(Application, trip.app_id)
    assert await conversation_leftovers(world, needles) == []
    async with world.sessions() as session:
        assert app is not None and (app.status, app.level, app.directions) == (
            "withdrawn",
            "bronze",
            ["sport", "talent", "reading"],
        )
        kept = (await session.execute(text("SELECT status, minutes FROM entries ORDER BY id"))).all()
        assert [tuple(row) for row in kept] == [("overturned", 60)]
        missed = (await session.execute(text("SELECT reason FROM missed_weeks"))).scalars().all()
        assert missed == ["other"]

    records = [f"{r.name} {r.getMessage()}" for r in caplog.records]
    assert logging.getLogger("aiogram").isEnabledFor(logging.DEBUG), "the test must run with DEBUG logs on"
    for needle in [NAME, PHONE_STORED, BIRTH, BIRTH_STORED, ENTRY, APPEAL, MESSAGE, GUARDIAN_PHONE_STORED]:
        assert not [r for r in records if any(form in r for form in forms(needle))], needle

    # What the mentor was sent about her, and her own chat, are gone from the emulator's view of the bot's
    # outbox too: nothing waits to be sent to or about her.
    await world.drain()
    async with world.sessions() as session:
        waiting = (await session.execute(text("SELECT count(*) FROM outbox WHERE status = 'pending'"))).scalar()
    assert waiting == 0


async def test_legal_representative_sees_and_erases_what_is_stored_about_them(world: World) -> None:
    t = tr("en")
    trip = await journey(world)
    await trip.guardian.send_command("mydata")
    assert "Consents given as a legal representative: 1; reports confirmed as an employer: 0." in (
        last_text(trip.guardian)
    )
    data = await export_of(world, trip.guardian)
    (consent,) = data["as_legal_representative"]
    assert (consent["guardian_name"], consent["guardian_phone"]) == (GUARDIAN_NAME, GUARDIAN_PHONE_STORED)
    assert consent["confirmed_at"] and data["applications"] == []

    await erase(trip.guardian)
    async with world.sessions() as session:
        assert await leftovers(session, [GUARDIAN_NAME, GUARDIAN_PHONE_STORED, str(GUARDIAN)]) == []
        app = await session.get(Application, trip.app_id)
        assert app is not None and app.guardian_name is None and app.guardian_confirmed_at is not None
        assert (app.full_name, app.status) == (NAME, "active")
    await trip.user.send_text(t("menu-diary"))
    assert plain(t("diary-direction", direction=t("direction-sport"), percent=7)) in last_text(trip.user)


async def test_staff_download_their_data_and_must_be_deactivated_to_erase_it(world: World) -> None:
    t = tr("en")
    mentor = await become_staff(world, 9501, "en", Role.MENTOR, "Mentor Person", centre="astana-youth")
    await mentor.send_command("mydata")
    await mentor.click(data=DataCb(action="file").pack())
    stored = world.emu.state.files.get(mentor.last.file_id or "")
    assert stored is not None and json.loads(stored.data)["account"]["telegram_id"] == 9501
    await mentor.send_command("mydata")
    await mentor.click(data=DataCb(action="erase").pack())
    assert plain(t("erase-staff-note")) in last_text(mentor)
    answer = await mentor.click(data=DataCb(action="erase-yes").pack())
    assert answer is not None and answer.show_alert and answer.text == plain(t("erase-staff-active"))
    staff = await world.staff(9501)
    assert staff is not None and staff.full_name == "Mentor Person"
