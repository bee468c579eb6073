"""Work experience confirmed by the employer (R5.2) and the mentor's extra tasks (R5.3, R6.2), end to end."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.callbacks import DiaryCb, LangCb, LinkCb, TaskCb
from core.programme import Role
from storage.models import Entry, ExtraTask, OneTimeLink
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text, shown

EXPERT, MENTOR, OTHER_MENTOR, PARTICIPANT, EMPLOYER = 800, 801, 802, 6001, 7001
NAME = "Абайұлы Нұрлан Серікұлы"
REPORT = "Helped at the bakery: weighed flour, served customers"


def dy(action: str, value: str = "") -> str:
    return DiaryCb(action=action, value=value).pack()


def tk(action: str, app_id: int, direction: str = "") -> str:
    return TaskCb(action=action, app_id=app_id, direction=direction).pack()


async def gold_team(world: World, locale: str = "en") -> tuple[Any, Any, int]:
    """A mentor (with their expert) and their active Gold participant who has Work experience."""
    await become_staff(world, EXPERT, locale, Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, locale, Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user, app_id = await activated(
        world, PARTICIPANT, locale, mentor, MENTOR, level="gold", extra=("work",), choices=(("longer", "sport"),)
    )
    return mentor, user, app_id


async def work_report(user: Any, t: Any) -> str:
    """Submits a work report; returns the employer link's payload the participant was given."""
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "work"))
    await user.click(data=dy("date", "0"))
    await user.click(data=dy("minutes", "120"))
    await user.send_text(REPORT)
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    assert shown(user, "entry-sent", t.locale)
    match = re.search(r"start=(e_[\w-]+)", last_text(user))
    assert match, last_text(user)
    return match.group(1)


async def work_entry(world: World) -> Entry:
    async with world.sessions() as session:
        entry = await session.scalar(select(Entry).where(Entry.kind == "work"))
        assert entry is not None
        return entry


async def test_employer_confirms_then_mentor_approves(world: World) -> None:
    t, et = tr("en"), tr("ru")
    mentor, user, _ = await gold_team(world)
    payload = await work_report(user, t)
    assert plain(t("work-entry-employer-waiting")) in last_text(mentor)

    # Before the employer confirms, the mentor cannot approve.
    answer = await mentor.click(text=t("button-review-approve"))
    assert answer is not None and answer.text == plain(t("error-employer-not-confirmed"))
    assert (await work_entry(world)).status == "pending"

    employer = world.emu.user(EMPLOYER, "Aigerim", language_code="ru")
    await employer.open_deep_link(payload)
    intro = last_text(employer)
    assert NAME in intro and REPORT in intro and "120" in intro
    assert world.clock().strftime("%d.%m.%Y") in intro
    await employer.send_contact("+7 705 123 45 67", user_id=PARTICIPANT)
    assert plain(et("error-contact-not-own")) in last_text(employer)
    await employer.send_contact("+7 705 123 45 67", first_name="Aigerim", last_name="Bekova")
    assert plain(et("work-employer-confirm-question", name=NAME)) in last_text(employer)
    await employer.click(data=LinkCb(action="confirm", purpose="employer", target=(await work_entry(world)).id).pack())
    assert plain(et("work-employer-thanks", name=NAME)) in last_text(employer)

    entry = await work_entry(world)
    assert entry.employer_name == "Aigerim Bekova" and entry.employer_phone and entry.employer_confirmed_at
    date = entry.activity_date.strftime("%d.%m.%Y") if entry.activity_date else ""
    assert plain(t("work-confirmed-news", date=date, employer="Aigerim Bekova")) in last_text(user)
    assert plain(t("work-confirmed-mentor", name=NAME, date=date, employer="Aigerim Bekova")) in last_text(mentor)

    # The link is one-time.
    await employer.open_deep_link(payload)
    assert plain(et("error-link-used")) in last_text(employer)

    await mentor.click(text=t("button-review-approve"))
    assert (await work_entry(world)).status == "approved"
    assert plain(t("entry-approved-news")) in last_text(user)


async def test_expired_forged_and_own_links_refused(world: World) -> None:
    t, et = tr("en"), tr("kk")
    _, user, _ = await gold_team(world)
    payload = await work_report(user, t)

    # The participant cannot confirm their own report.
    await user.open_deep_link(payload)
    assert plain(t("error-employer-is-participant")) in last_text(user)

    employer = world.emu.user(EMPLOYER, "Employer", language_code="kk")
    await employer.open_deep_link("e_" + "x" * 32)
    assert plain(et("error-link-invalid")) in last_text(employer)
    # The forged link left the real one untouched.
    async with world.sessions() as session:
        links = list(await session.scalars(select(OneTimeLink).where(OneTimeLink.purpose == "employer")))
    assert len(links) == 1 and links[0].used_at is None

    world.clock.advance(hours=world.settings.consent_ttl_hours + 1)
    await employer.open_deep_link(payload)
    assert plain(et("error-link-expired")) in last_text(employer)
    assert (await work_entry(world)).employer_confirmed_at is None


async def test_extra_task_shown_in_diary_and_sent(world: World) -> None:
    t, pt = tr("en"), tr("kk")
    await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user, app_id = await activated(world, PARTICIPANT, "en", mentor, MENTOR)
    await user.send_command("language")  # the participant reads the bot in Kazakh, the mentor in English
    await user.click(data=LangCb(code="kk").pack())
    await mentor.send_command("task")
    assert plain(t("task-ask-participant")) in last_text(mentor)
    await mentor.click(data=tk("app", app_id))
    assert plain(t("task-ask-direction", name=NAME)) in last_text(mentor)
    await mentor.click(data=tk("dir", app_id, "sport"))
    await mentor.send_text("Run 3 km without stopping and send a photo")
    assert plain(t("task-created", name=NAME, direction=t("direction-sport"))) in last_text(mentor)
    text = "Run 3 km without stopping and send a photo"
    assert plain(pt("task-news", direction=pt("direction-sport"), text=text)) in last_text(user)
    async with world.sessions() as session:
        (task,) = list(await session.scalars(select(ExtraTask)))
    assert task.application_id == app_id and task.direction == "sport" and task.created_by == MENTOR

    await user.send_text(pt("menu-diary"))
    diary = last_text(user)
    assert plain(pt("task-diary-title", count=1)) in diary
    assert plain(pt("task-diary-line", direction=pt("direction-sport"), text=text)) in diary


async def test_forged_task_button_for_another_mentors_participant(world: World) -> None:
    t = tr("en")
    _, _, app_id = await gold_team(world)
    other = await become_staff(world, OTHER_MENTOR, "en", Role.MENTOR, "Other Mentor", centre="astana-youth")
    await other.send_command("task")
    assert plain(t("task-no-participants")) in last_text(other)
    for data in (tk("app", app_id), tk("dir", app_id, "work")):
        answer = await other.forge_click(data, other.last.message_id)
        assert answer is not None and answer.text == plain(t("error-not-allowed"))
    async with world.sessions() as session:
        assert list(await session.scalars(select(ExtraTask))) == []
