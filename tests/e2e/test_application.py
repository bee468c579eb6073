"""Whole journeys: an adult and a minor apply, a mentor schedules and activates (R2, R3, R5.1, R6.2)."""

from __future__ import annotations

import pytest

from core.programme import Role
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import (
    become_staff,
    choose_mentor_and_submit,
    choose_programme,
    fill_profile,
    first_contact,
    last_text,
    mn,
    set_schedule,
    shown,
    start_application,
)

LOCALES = ("kk", "ru", "en")


@pytest.mark.parametrize("locale", LOCALES)
async def test_adult_applies_and_mentor_activates(world: World, locale: str) -> None:
    t = tr(locale)
    mentor = await become_staff(world, 500, locale, Role.MENTOR, "Серікова Айгүл", centre="astana-youth")
    user = world.emu.user(1001, "Nurlan", language_code=locale)
    await first_contact(user, locale)
    await start_application(user, locale)
    await fill_profile(user, locale, birth="15.05.2000")
    await choose_programme(
        user,
        locale,
        level="silver",
        extra=("volunteering",),
        choices=(("longer", "talent"),),
        partners=("red-crescent-kazakhstan",),
    )
    await choose_mentor_and_submit(user, locale, 500, "silver")

    app = await world.application(1001)
    assert app is not None and app.status == "under_review"
    assert app.guardian_required is False
    assert app.directions == ["sport", "talent", "reading", "volunteering"]
    assert app.longer_direction == "talent" and app.partners == {"volunteering": "red-crescent-kazakhstan"}
    assert app.review_deadline is not None and app.review_deadline.isoformat() == "2026-12-21"
    assert shown(user, "application-submitted", locale, deadline="21.12.2026")
    assert shown(mentor, "mentor-new-application", locale, name=app.full_name, deadline="21.12.2026")

    await user.send_text(t("menu-application"))
    assert plain(t("status-title", status=t("status-under-review"))) in last_text(user)

    await mentor.send_text(t("menu-my-participants"))
    assert plain(t("mentor-participants", count=1)) in last_text(mentor)
    await mentor.click(data=mn("card", app.id))
    assert app.full_name in last_text(mentor)
    await mentor.click(data=mn("activate", app.id))
    await mentor.click(data=mn("activate-yes", app.id))
    assert (await world.application(1001)).status == "under_review"  # type: ignore[union-attr]
    for direction in app.directions:
        await set_schedule(mentor, locale, app.id, direction)
    await mentor.click(data=mn("activate", app.id))
    await mentor.click(data=mn("activate-yes", app.id))
    assert plain(t("activated", name=app.full_name)) in last_text(mentor)

    active = await world.application(1001)
    assert active is not None and active.status == "active" and active.activated_at == world.clock()
    assert plain(t("participant-activated", mentor="Серікова Айгүл")) in last_text(user)
    assert await world.audit(app.id) == [
        ("draft", "submitted"),
        ("submitted", "under_review"),
        ("under_review", "active"),
    ]


@pytest.mark.parametrize("locale", LOCALES)
async def test_minor_needs_guardian_consent(world: World, locale: str) -> None:
    t = tr(locale)
    await become_staff(world, 501, "ru", Role.MENTOR, "Омаров Бекзат", centre="astana-youth")
    user = world.emu.user(1002, "Aru", language_code=locale)
    await first_contact(user, locale)
    await start_application(user, locale)
    await fill_profile(user, locale, birth="01.09.2012")
    assert plain(t("level-closed", level=t("level-silver"), age=15)) in last_text(user)
    assert t("level-silver") not in user.inline_buttons()
    answer = await user.forge_click("ap:level:pick:silver", user.last.message_id)
    assert answer is not None and answer.text == plain(t("error-level-too-young", min=15))
    assert (await world.application(1002)).level is None  # type: ignore[union-attr]
    await choose_programme(
        user,
        locale,
        level="bronze",
        extra=("heritage", "tourism"),
        choices=(("heritage_mode", "book"),),
        partners=("kazakh-geographical-society",),
    )
    await choose_mentor_and_submit(user, locale, 501, "bronze")

    app = await world.application(1002)
    assert app is not None and app.status == "consent_pending" and app.guardian_required
    link = next(m.text for m in user.messages if m.text and "?start=g_" in m.text)
    payload = link.split("?start=")[1].split()[0]

    # The participant cannot confirm for themself.
    await user.send_command("start", payload)
    assert plain(t("error-guardian-is-participant")) in last_text(user)

    parent = world.emu.user(2002, "Parent", language_code=locale)
    await parent.send_command("start", payload)
    assert plain(t("guardian-intro", name=app.full_name)) in last_text(parent)
    await parent.send_contact("+7 702 111 22 33", user_id=1002)
    assert plain(t("error-contact-not-own")) in last_text(parent)
    await parent.send_contact("+7 702 111 22 33")
    await parent.click(text=t("button-guardian-confirm"))
    assert plain(t("guardian-confirmed", name=app.full_name)) in last_text(parent)

    confirmed = await world.application(1002)
    assert confirmed is not None and confirmed.status == "under_review"
    assert confirmed.guardian_phone == "+77021112233" and confirmed.guardian_user_id == 2002
    assert shown(user, "participant-guardian-confirmed", locale)

    # The link worked once.
    stranger = world.emu.user(2003, "Other", language_code=locale)
    await stranger.send_command("start", payload)
    assert plain(t("error-link-used")) in last_text(stranger)
