"""Telegram failing mid-conversation never loses what the participant gave, and logs hold no personal data."""

from __future__ import annotations

import logging

import pytest

from core.programme import Role
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import ap, become_staff, first_contact, last_text, start_application, submitted

NAME = "Сейітқали Әйгерім"


async def test_failed_reply_keeps_the_answer(world: World, caplog: pytest.LogCaptureFixture) -> None:
    t = tr("kk")
    user = world.emu.user(5001, "A", language_code="kk")
    await first_contact(user, "kk")
    await start_application(user, "kk")
    world.emu.fail_next("sendMessage", 500, "Internal Server Error", times=2, chat_id=5001)
    with caplog.at_level(logging.INFO):
        await user.send_text(NAME)
    app = await world.application(5001)
    assert app is not None and app.full_name == NAME and app.step == "birth_date"
    assert NAME not in caplog.text
    await user.send_text(t("menu-application"))
    assert plain(t("ask-birth-date")) in last_text(user)


async def test_submission_survives_a_failed_confirmation(world: World, caplog: pytest.LogCaptureFixture) -> None:
    await become_staff(world, 520, "ru", Role.MENTOR, "Наставник Два", centre="astana-youth")
    user = await submitted(world, 5002, "ru", 520, accept=False)
    world.emu.fail_next("sendMessage", 502, "Bad Gateway", chat_id=5002)
    with caplog.at_level(logging.INFO):
        await user.click(data=ap("review", "accept"))
    app = await world.application(5002)
    assert app is not None and app.status == "under_review" and app.submitted_at is not None
    assert "+77010000000" not in caplog.text and "Абайұлы" not in caplog.text
    await user.send_text(tr("ru")("menu-application"))
    assert plain(tr("ru")("status-title", status=tr("ru")("status-under-review"))) in last_text(user)


async def test_mentor_unreachable_does_not_block_submission(world: World) -> None:
    mentor = await become_staff(world, 521, "en", Role.MENTOR, "Mentor Blocked", centre="astana-youth")
    await mentor.block()
    user = await submitted(world, 5003, "en", 521)
    app = await world.application(5003)
    assert app is not None and app.status == "under_review"
    assert plain(tr("en")("application-submitted", deadline="21.12.2026")) in last_text(user)
