"""Bad input at every step gets a localized answer, and nothing already given is lost."""

from __future__ import annotations

import pytest

from core.programme import Role
from tests.e2e.conftest import World, plain, restart, tr
from tests.e2e.flows import ap, become_staff, fill_profile, first_contact, last_text, start_application


async def started(world: World, user_id: int, locale: str = "ru"):  # type: ignore[no-untyped-def]
    user = world.emu.user(user_id, "Test", language_code=locale)
    await first_contact(user, locale)
    await start_application(user, locale)
    return user


async def at_region(world: World, user_id: int, locale: str):  # type: ignore[no-untyped-def]
    """A participant who has answered everything up to the region."""
    user = await started(world, user_id, locale)
    await user.send_text("Test Person")
    await user.send_text("10.10.2005")
    await user.send_contact(f"+7701{user_id:07d}")
    await user.send_photo(b"jpeg")
    return user


@pytest.mark.parametrize(
    ("typed", "key", "args"),
    [
        ("31.02.2010", "error-not-a-date", {}),
        ("yesterday", "error-not-a-date", {}),
        ("2010/13/45", "error-not-a-date", {}),
        ("01.01.2027", "error-date-in-future", {}),
        ("01.12.2012", "error-age-range", {"min": 14, "max": 29}),  # 13 years old
        ("29.11.1996", "error-age-range", {"min": 14, "max": 29}),  # 30 years old
    ],
)
async def test_birth_date_refused(world: World, typed: str, key: str, args: dict) -> None:
    t = tr("ru")
    user = await started(world, 3001)
    await user.send_text("Иванова Мария")
    await user.send_text(typed)
    texts = [m.text for m in user.messages[-2:]]
    assert plain(t(key, **args)) in texts[0]
    assert plain(t("ask-birth-date")) in texts[1]
    app = await world.application(3001)
    assert app is not None and app.step == "birth_date" and app.birth_date is None
    assert app.full_name == "Иванова Мария"


async def test_ages_14_and_29_accepted(world: World) -> None:
    """The limits are inclusive (R1.1): 14 today and 29 the day before turning 30."""
    for user_id, born in ((3002, "30.11.2012"), (3003, "01.12.1996")):
        user = await started(world, user_id, "en")
        await user.send_text("Test Person")
        await user.send_text(born)
        assert plain(tr("en")("ask-phone")) in last_text(user)


async def test_phone_step_accepts_only_own_contact(world: World) -> None:
    t = tr("kk")
    user = await started(world, 3004, "kk")
    await user.send_text("Test Person")
    await user.send_text("10.10.2005")
    await user.send_text("+77010000000")
    assert plain(t("error-contact-expected")) in user.messages[-2].text
    await user.send_contact("+77019999999", user_id=999)
    assert plain(t("error-contact-not-own")) in user.messages[-2].text
    await user.send_contact("+77019999999", user_id=None)
    assert plain(t("error-contact-not-own")) in user.messages[-2].text
    assert (await world.application(3004)).phone is None  # type: ignore[union-attr]
    await user.send_contact("8 701 999 99 99")
    assert (await world.application(3004)).phone == "+77019999999"  # type: ignore[union-attr]


async def test_wrong_media_and_long_text(world: World) -> None:
    t = tr("en")
    user = await started(world, 3005, "en")
    await user.send_photo(b"photo instead of a name")
    assert plain(t("error-text-expected")) in user.messages[-2].text
    await user.send_text("Test Person")
    await user.send_text("10.10.2005")
    await user.send_contact("+77010000001")
    await user.send_text("here is my photo")
    assert plain(t("error-photo-expected")) in user.messages[-2].text
    await user.send_voice(b"OggS voice", duration=3)
    assert plain(t("error-photo-expected")) in user.messages[-2].text
    await user.send_photo(b"jpeg")
    await user.click(data=ap("region", "pick", "astana"))
    await user.send_text("Astana")
    assert plain(t("error-use-buttons")) in user.messages[-2].text
    await user.click(data=ap("locality", "pick", "astana"))
    await user.send_text("School No. 1")
    await user.send_text("x" * 1001)
    assert plain(t("error-text-too-long", limit=1000)) in user.messages[-2].text
    app = await world.application(3005)
    assert app is not None and app.step == "about" and app.study_place == "School No. 1"


async def test_double_click_and_old_buttons(world: World) -> None:
    t = tr("ru")
    user = await at_region(world, 3006, "ru")
    consent_message = next(
        m.message_id
        for m in user.messages
        if any((data or "").startswith("ap:consent") for row in m.buttons for _, data in row)
    )
    region_message = user.last.message_id
    await user.click(data=ap("region", "pick", "astana"), message_id=region_message)
    answer = await user.click(data=ap("region", "pick", "astana"), message_id=region_message)
    assert answer is not None and answer.text == plain(t("error-stale-button"))
    answer = await user.click(data=ap("consent", "consent", "no"), message_id=consent_message)
    assert answer is not None and answer.text == plain(t("error-stale-button"))
    app = await world.application(3006)
    assert app is not None and app.step == "locality" and app.pd_consent_at is not None


async def test_forged_callbacks_change_nothing(world: World) -> None:
    t = tr("en")
    user = await at_region(world, 3007, "en")
    message_id = user.last.message_id
    answer = await user.forge_click(ap("region", "pick", "atlantis"), message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    answer = await user.forge_click("totally:forged:data", message_id)
    assert answer is not None and answer.text == plain(t("error-stale-button"))
    answer = await user.forge_click("mn:activate-yes:1", message_id)
    assert answer is not None and answer.text == plain(t("error-stale-button"))
    app = await world.application(3007)
    assert app is not None and app.step == "region" and app.region_code is None


async def test_locality_of_another_region_refused(world: World) -> None:
    user = await at_region(world, 3008, "en")
    await user.click(data=ap("region", "pick", "astana"))
    answer = await user.forge_click(ap("locality", "pick", "shymkent"), user.last.message_id)
    assert answer is not None and answer.text == plain(tr("en")("error-bad-button"))
    assert (await world.application(3008)).locality_code is None  # type: ignore[union-attr]


async def test_commands_mid_flow_keep_the_draft(world: World) -> None:
    t = tr("ru")
    user = await started(world, 3009)
    await user.send_text("Test Person")
    await user.send_command("language")
    await user.send_command("help")
    await user.send_command("start")
    assert plain(t("draft-waiting")) in last_text(user)
    await user.send_text(t("menu-application"))
    assert plain(t("ask-birth-date")) in last_text(user)
    await user.send_text("10.10.2005")
    assert plain(t("ask-phone")) in last_text(user)


async def test_back_and_edit_from_review(world: World, database_url: str) -> None:
    """Back goes one question up; an edit from the review returns to the review."""
    t = tr("en")
    await become_staff(world, 510, "en", Role.MENTOR, "Mentor One", centre="astana-youth")
    user = await started(world, 3010, "en")
    await fill_profile(user, "en", birth="01.01.2000")
    await user.click(data=ap("level", "back"))
    assert plain(t("ask-hobbies")) in last_text(user)
    assert plain(t("current-value", value="chess, dombra")) in last_text(user)
    await user.send_text("football")
    await user.click(data=ap("level", "pick", "bronze"))
    await user.click(data=ap("directions", "done"))
    await user.click(data=ap("mentor", "pick", "510"))
    assert plain(t("review-title")) in last_text(user)
    await restart(world, database_url)
    await user.click(data=ap("review", "edit", "study_place"))
    assert plain(t("ask-study-place")) in last_text(user)
    await user.send_text("Nazarbayev Intellectual School")
    # A new place of study may mean another mentor: the proposal is made again.
    assert plain(t("ask-mentor")) in last_text(user)
    await user.click(data=ap("mentor", "pick", "510"))
    assert plain(t("review-title")) in last_text(user)
    app = await world.application(3010)
    assert app is not None and app.hobbies == "football" and app.study_place == "Nazarbayev Intellectual School"


async def test_half_filled_application_survives_restart(world: World, database_url: str) -> None:
    t = tr("kk")
    user = await started(world, 3011, "kk")
    await user.send_text("Test Person")
    await user.send_text("10.10.2005")
    await restart(world, database_url)
    await user.send_contact("+77010000005")
    assert plain(t("ask-photo")) in last_text(user)
    app = await world.application(3011)
    assert app is not None and app.full_name == "Test Person" and app.phone == "+77010000005"


async def test_mandatory_direction_cannot_be_removed(world: World) -> None:
    t = tr("ru")
    user = await started(world, 3012)
    await fill_profile(user, "ru")
    await user.click(data=ap("level", "pick", "gold"))
    answer = await user.click(data=ap("directions", "toggle", "sport"))
    assert answer is not None and answer.text == plain(t("direction-mandatory"))
    answer = await user.forge_click(ap("directions", "toggle", "spaceflight"), user.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    await user.click(data=ap("directions", "toggle", "work"))
    await user.click(data=ap("directions", "done"))
    app = await world.application(3012)
    assert app is not None and app.directions == ["sport", "talent", "reading", "work"] and app.step == "choices"
