"""Staff onboarding by one-time links and the server-side checks on every staff action (R6.2, R6.7)."""

from __future__ import annotations

import json

from sqlalchemy import select

from core.programme import Role
from storage.holder import unit_of_work
from storage.models import OneTimeLink
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import become_staff, first_contact, last_text, mn, start_application, submitted


async def applicant(world: World, user_id: int, mentor_id: int) -> int:
    await submitted(world, user_id, "en", mentor_id)
    app = await world.application(user_id)
    assert app is not None and app.status == "under_review"
    return app.id


async def test_invitation_works_once(world: World) -> None:
    t = tr("ru")
    payload = await world.invitation(Role.EXPERT)
    first = world.emu.user(600, "Expert", language_code="ru")
    await first.send_command("start", payload)
    assert plain(t("invitation-accepted", role=t("role-expert"))) in first.messages[-2].text
    staff = await world.staff(600)
    assert staff is not None and staff.role == "expert"
    second = world.emu.user(601, "Other", language_code="ru")
    await second.send_command("start", payload)
    assert plain(t("error-link-used")) in last_text(second)
    assert await world.staff(601) is None


async def test_expired_and_forged_invitations(world: World) -> None:
    t = tr("kk")
    payload = await world.invitation(Role.MENTOR, "astana-youth")
    world.clock.advance(hours=73)
    user = world.emu.user(602, "Late", language_code="kk")
    await user.send_command("start", payload)
    assert plain(t("error-link-expired")) in last_text(user)
    await user.send_command("start", "i_" + "A" * 22)
    assert plain(t("error-link-invalid")) in last_text(user)
    await user.send_command("start", payload[:-1] + ("B" if payload[-1] != "B" else "C"))
    assert plain(t("error-link-invalid")) in last_text(user)
    assert await world.staff(602) is None


async def test_mentor_cannot_touch_another_mentors_participant(world: World) -> None:
    t = tr("en")
    await become_staff(world, 610, "en", Role.MENTOR, "Mentor Alpha", centre="astana-youth")
    other = await become_staff(world, 611, "en", Role.MENTOR, "Mentor Beta", centre="astana-youth")
    app_id = await applicant(world, 1101, 610)
    for data in (mn("card", app_id), mn("activate-yes", app_id), mn("sched", app_id, "sport")):
        answer = await other.forge_click(data, other.last.message_id)
        assert answer is not None and answer.text == plain(t("error-not-allowed"))
    assert (await world.application(1101)).status == "under_review"  # type: ignore[union-attr]


async def test_participant_cannot_use_mentor_buttons(world: World) -> None:
    await become_staff(world, 612, "en", Role.MENTOR, "Mentor Gamma", centre="astana-youth")
    app_id = await applicant(world, 1102, 612)
    participant = world.emu.user(1102, "Applicant")
    answer = await participant.forge_click(mn("activate-yes", app_id), participant.last.message_id)
    assert answer is not None and answer.text == plain(tr("en")("error-stale-button"))
    assert (await world.application(1102)).status == "under_review"  # type: ignore[union-attr]


async def test_activation_needs_every_direction_scheduled(world: World) -> None:
    t = tr("en")
    mentor = await become_staff(world, 613, "en", Role.MENTOR, "Mentor Delta", centre="astana-youth")
    app_id = await applicant(world, 1103, 613)
    await mentor.send_text(t("menu-my-participants"))
    await mentor.click(data=mn("card", app_id))
    await mentor.click(data=mn("activate", app_id))
    answer = await mentor.click(data=mn("activate-yes", app_id))
    directions = ", ".join(t(f"direction-{d}") for d in ("sport", "talent", "reading"))
    assert answer is not None and answer.text == plain(t("error-schedule-incomplete", directions=directions))


async def test_schedule_input_is_checked(world: World) -> None:
    t = tr("en")
    mentor = await become_staff(world, 614, "en", Role.MENTOR, "Mentor Epsilon", centre="astana-youth")
    app_id = await applicant(world, 1104, 614)
    await mentor.forge_click(mn("sched", app_id, "sport"), mentor.last.message_id)
    await mentor.send_text("x")
    assert plain(t("error-activity")) in last_text(mentor)
    await mentor.send_text("Football section")
    answer = await mentor.click(data=mn("days-done", app_id, "sport"))
    assert answer is not None and answer.text == plain(t("error-no-days"))
    await mentor.click(data=mn("day", app_id, "sport", "0"))
    await mentor.click(data=mn("days-done", app_id, "sport"))
    await mentor.send_text("25:61")
    assert plain(t("error-time")) in last_text(mentor)
    await mentor.send_text("7:05")
    await mentor.send_text("thirty")
    assert plain(t("error-minutes")) in last_text(mentor)
    await mentor.send_text("45")
    assert plain(t("error-minutes-too-few", minutes=60)) in last_text(mentor)
    await mentor.send_text("75")
    assert any(plain(t("schedule-saved", direction=t("direction-sport"))) in (m.text or "") for m in mentor.messages)
    async with unit_of_work(world.sessions) as uow:
        item = await uow.applications.schedule_item(app_id, "sport")
        assert (item.activity, item.weekdays, item.time, item.minutes_per_week) == (
            "Football section",
            [0],
            "07:05",
            75,
        )


async def test_operator_invites_from_the_bot(world: World) -> None:
    t = tr("en")
    operator = await become_staff(world, 620, "en", Role.OPERATOR, "Operator Person")
    await operator.send_text(t("menu-invite"))
    await operator.click(text=t("role-mentor"))
    await operator.click(text="Almaty Programme Centre")
    link = last_text(operator).split("?start=")[1].split()[0]
    newcomer = world.emu.user(621, "New", language_code="en")
    await newcomer.send_command("start", link)
    staff = await world.staff(621)
    assert staff is not None and staff.role == "mentor" and staff.centre_id is not None
    await operator.send_text(t("menu-invite"))
    await operator.click(text=t("role-coordinator"))
    await operator.click(text="Astana city")
    assert "?start=i_" in last_text(operator)


async def test_centre_invites_only_its_mentors(world: World) -> None:
    t = tr("ru")
    centre = await become_staff(world, 630, "ru", Role.CENTRE, "Руководитель Центра", centre="almaty-centre")
    await centre.send_text(t("menu-invite"))
    assert centre.inline_buttons() == [t("role-mentor")]
    answer = await centre.forge_click("inv:operator:", centre.last.message_id)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))
    await centre.click(text=t("role-mentor"))
    payload = last_text(centre).split("?start=")[1].split()[0]
    await world.emu.user(631, "M", language_code="ru").send_command("start", payload)
    mentor, head = await world.staff(631), await world.staff(630)
    assert mentor is not None and head is not None and mentor.centre_id == head.centre_id


async def test_participant_cannot_become_staff_mid_application(world: World) -> None:
    user = world.emu.user(640, "Young", language_code="en")
    await first_contact(user, "en")
    await start_application(user, "en")
    await user.send_command("start", await world.invitation(Role.OPERATOR))
    assert plain(tr("en")("error-participant-cannot-be-staff")) in last_text(user)
    assert await world.staff(640) is None


async def test_invitation_payload_is_not_stored(world: World) -> None:
    """Only the hash of a token is kept: the database never holds a usable link."""
    payload = await world.invitation(Role.EXPERT)
    async with world.sessions() as session:
        rows = list(await session.scalars(select(OneTimeLink)))
    assert rows and all(payload[2:] not in (r.token_hash + json.dumps(r.payload)) for r in rows)


async def test_a_mentor_a_coordinator_and_the_operator_get_their_own_command_menus(world: World) -> None:
    await become_staff(world, 990, "ru", Role.MENTOR, "Наставник Команды", centre="astana-youth")
    await become_staff(world, 991, "ru", Role.EXPERT, "Эксперт Команды")
    await become_staff(world, 992, "en", Role.COORDINATOR, "Coordinator Menu", region="astana")
    await become_staff(world, 993, "kk", Role.OPERATOR, "Operator Menu")
    scoped = [c for c in world.emu.calls_to("setMyCommands") if c.ok and c.params.get("scope")]
    menus = {c.params["scope"]["chat_id"]: [cmd["command"] for cmd in c.params["commands"]] for c in scoped}
    assert menus == {
        990: ["start", "task", "ratings", "mydata", "language", "help"],
        992: ["start", "participant", "mydata", "language", "help"],
        993: ["start", "participant", "rules", "mydata", "language", "help"],
    }, "the expert keeps the common menu"
    assert scoped[0].params["commands"][1]["description"] == tr("ru")("command-task")
    assert scoped[-1].params["commands"][2]["description"] == tr("kk")("command-rules")
