"""A programme centre applies from the bot, the operator approves or refuses it there, and the approved
applicant runs the centre (R6.5): the whole way through the real bot and the emulator."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.callbacks import CentreAppCb, CentreFormCb, CentreSignCb
from core.programme import Role
from core.workdays import add_working_days
from storage.models import Centre, CentreApplication, Staff, User
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import become_staff, first_contact, last_text, shown

OPERATOR, SECOND_OPERATOR, APPLICANT, MENTOR, OTHER_HEAD = 700, 701, 2000, 2010, 2020
ORGANISATION = "Жастар орталығы «Болашақ»"
BIN = "971240001315"


def cf(step: str, action: str, value: str = "") -> str:
    return CentreFormCb(step=step, action=action, value=value).pack()


def ca(action: str, request_id: int) -> str:
    return CentreAppCb(action=action, request_id=request_id).pack()


def says(user: Any, key: str, locale: str, **args: Any) -> bool:
    return plain(tr(locale)(key, **args)) in last_text(user)


async def applicant(world: World, user_id: int = APPLICANT, locale: str = "ru") -> Any:
    user = world.emu.user(user_id, "Aigul", language_code=locale)
    await first_contact(user, locale)
    return user


async def fill_form(user: Any, locale: str, organisation: str = ORGANISATION) -> None:
    """Every question answered right the first time, up to the summary."""
    await user.send_command("centre")
    assert says(user, "centre-ask-organisation", locale)
    await user.send_text(organisation)
    assert says(user, "centre-ask-region", locale)
    await user.click(data=cf("region", "pick", "astana"))
    assert says(user, "centre-ask-bin", locale)
    await user.send_text(BIN)
    await user.send_text("Астана, Мәңгілік Ел даңғылы, 8")
    await user.send_text("Серікова Айгүл")
    assert says(user, "centre-ask-phone", locale)
    await user.send_text("+7 701 123 45 67")
    assert says(user, "centre-summary", locale)


async def submitted(world: World, user_id: int = APPLICANT, locale: str = "ru", **form: Any) -> tuple[Any, int]:
    user = await applicant(world, user_id, locale)
    await fill_form(user, locale, **form)
    await user.click(data=cf("summary", "submit"))
    assert says(user, "centre-submitted", locale)
    async with world.sessions() as session:
        request_id = await session.scalar(
            select(CentreApplication.id)
            .where(CentreApplication.user_id == user_id)
            .order_by(CentreApplication.id.desc())
        )
    assert request_id is not None
    return user, request_id


async def approve(operator: Any, request_id: int) -> None:
    await operator.click(data=ca("approve", request_id))
    await operator.click(data=ca("approve-yes", request_id))


async def request_of(world: World, request_id: int) -> CentreApplication:
    async with world.sessions() as session:
        request = await session.get(CentreApplication, request_id)
    assert request is not None
    return request


async def test_an_organisation_applies_is_approved_and_runs_its_centre(world: World) -> None:
    t, en = tr("ru"), tr("en")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    second = await become_staff(world, SECOND_OPERATOR, "kk", Role.OPERATOR, "Екінші Оператор")
    user = await applicant(world)

    await user.send_command("centre")
    assert shown(user, "centre-intro", "ru") and says(user, "centre-ask-organisation", "ru")
    assert user.inline_buttons() == [t("button-cancel")]
    await user.send_text(ORGANISATION)
    await user.click(data=cf("region", "pick", "astana"))
    await user.send_text("12345")
    assert shown(user, "centre-error-bin", "ru") and says(user, "centre-ask-bin", "ru")
    await user.send_text("971240001316")
    assert shown(user, "centre-error-bin-checksum", "ru") and says(user, "centre-ask-bin", "ru")
    await user.send_text("9712 4000 1315")
    assert says(user, "centre-ask-address", "ru")
    await user.send_text("Астана, ул. Кенесары, 1")
    await user.send_text("Aigul")
    assert shown(user, "centre-error-contact-name", "ru") and says(user, "centre-ask-contact-name", "ru")
    await user.send_text("серікова айгүл")
    assert says(user, "centre-ask-phone", "ru")
    assert user.reply_keyboard is not None and user.reply_keyboard[0][0].request_contact
    await user.send_text("call me")
    assert shown(user, "centre-error-phone", "ru")
    await user.send_contact("87011234567")
    assert shown(user, "centre-phone-saved", "ru") and says(user, "centre-summary", "ru")
    assert "971240001315" in last_text(user) and "+77011234567" in last_text(user)

    await user.click(t("button-centre-edit"))
    await user.click(t("centre-field-address"))
    assert says(user, "centre-ask-address", "ru")
    await user.send_text("Астана, Мәңгілік Ел даңғылы, 8")
    assert says(user, "centre-summary", "ru") and "Мәңгілік Ел" in last_text(user)
    await user.click(t("button-centre-submit"))
    assert says(user, "centre-submitted", "ru")

    async with world.sessions() as session:
        request = await session.scalar(select(CentreApplication).where(CentreApplication.user_id == APPLICANT))
    assert request is not None and request.status == "pending" and request.contact_name == "Серікова Айгүл"
    for who, locale in ((operator, "en"), (second, "kk")):
        assert shown(who, "centre-applied-news", locale) and ORGANISATION in last_text(who)
        assert who.inline_buttons() == [tr(locale)("button-centre-approve"), tr(locale)("button-centre-refuse")]
    notice = operator.last

    await user.send_command("centre")
    assert says(user, "centre-error-pending", "ru")

    await operator.click(en("button-centre-approve"))
    assert says(operator, "centre-approve-confirm", "en", organisation=ORGANISATION, region="Astana city")
    await operator.click(en("button-centre-approve-yes"))
    async with world.sessions() as session:
        centre = await session.scalar(select(Centre).where(Centre.code == "zhastar-ortalygy-bolashaq"))
    assert centre is not None and centre.name_ru == ORGANISATION and centre.region_code == "astana"
    assert centre.approved_at == world.clock.now and centre.agreement_signed_at is None and centre.active
    deadline = add_working_days(world.clock.now.date(), 10).strftime("%d.%m.%Y")
    assert says(
        operator,
        "centre-approved",
        "en",
        organisation=ORGANISATION,
        code="zhastar-ortalygy-bolashaq",
        deadline=deadline,
    )
    head = await world.staff(APPLICANT)
    assert head is not None and (head.role, head.centre_id, head.full_name) == ("centre", centre.id, "Серікова Айгүл")
    assert says(user, "centre-approved-news", "ru", organisation=ORGANISATION, deadline=deadline)
    assert user.reply_keyboard is not None and any(t("menu-our-staff") in row for row in user.reply_keyboard)

    answer = await operator.click(en("button-centre-approve"), message_id=notice.message_id)
    assert answer is not None and answer.text == plain(en("centre-error-decided"))
    assert operator.inline_buttons(operator.chat.find(notice.message_id)) == []
    answer = await second.click(tr("kk")("button-centre-refuse"))
    assert answer is not None and answer.text == plain(tr("kk")("centre-error-decided"))
    assert (await request_of(world, request.id)).status == "approved"

    await user.send_text(t("menu-invite"))
    await user.click(t("role-mentor"))
    link = last_text(user).split("?start=")[1].split()[0]
    await world.emu.user(MENTOR, "Mentor", language_code="ru").send_command("start", link)
    mentor = await world.staff(MENTOR)
    assert mentor is not None and mentor.role == "mentor" and mentor.centre_id == centre.id


async def test_the_head_lists_only_its_own_centres_staff(world: World) -> None:
    t = tr("en")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    await become_staff(world, 2030, "en", Role.MENTOR, "Elsewhere Mentor", centre="astana-youth")
    user, request_id = await submitted(world, locale="en")
    await approve(operator, request_id)
    await user.send_text(t("menu-invite"))
    await user.click(t("role-mentor"))
    link = last_text(user).split("?start=")[1].split()[0]
    newcomer = world.emu.user(MENTOR, "Mentor", language_code="en")
    await newcomer.send_command("start", link)
    await newcomer.send_text("Nurlan Abaiuly")

    await user.send_text(t("menu-our-staff"))

    text = last_text(user)
    assert plain(t("centre-staff-title", centre=ORGANISATION, count=2)) in text
    assert (
        plain(t("centre-staff-line", name="Nurlan Abaiuly", role=t("role-mentor"), state=t("centre-staff-active")))
        in text
    )
    assert "Серікова Айгүл" in text and "Nurlan Abaiuly" in text and "Elsewhere Mentor" not in text

    await newcomer.send_text(t("menu-our-staff"))
    assert "Серікова Айгүл" not in last_text(newcomer)


async def test_the_operator_refuses_with_a_reason(world: World) -> None:
    en = tr("en")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    user, request_id = await submitted(world, locale="kk")

    await operator.click(en("button-centre-refuse"))
    assert says(operator, "centre-ask-reason", "en", organisation=ORGANISATION)
    await operator.send_photo(b"\x89PNG not a reason")
    assert says(operator, "error-text-expected", "en")
    await operator.send_text("no")
    assert says(operator, "error-text-too-short-min", "en", min=3)
    await operator.send_text("The BIN belongs to <another> organisation")
    assert says(
        operator,
        "centre-refuse-confirm",
        "en",
        organisation=ORGANISATION,
        reason="The BIN belongs to <another> organisation",
    )
    confirm = operator.last
    await operator.click(en("button-centre-refuse-yes"))
    assert says(operator, "centre-refused", "en", organisation=ORGANISATION)

    request = await request_of(world, request_id)
    assert (request.status, request.reason) == ("refused", "The BIN belongs to <another> organisation")
    reason = "The BIN belongs to <another> organisation"
    assert says(user, "centre-refused-news", "kk", organisation=ORGANISATION, reason=reason)
    assert await world.staff(APPLICANT) is None
    answer = await operator.forge_click(ca("refuse-yes", request_id), confirm.message_id)
    assert answer is not None and answer.text == plain(en("error-stale-button"))

    await user.send_command("centre")
    assert says(user, "centre-ask-organisation", "kk")


async def test_only_an_operator_decides_and_forged_buttons_are_refused(world: World) -> None:
    en = tr("en")
    await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    mentor = await become_staff(world, 2040, "en", Role.MENTOR, "Mentor Person", centre="astana-youth")
    head = await become_staff(world, OTHER_HEAD, "en", Role.CENTRE, "Other Head", centre="astana-youth")
    user, request_id = await submitted(world, locale="en")

    for who in (mentor, head, user):
        for data in (ca("approve-yes", request_id), ca("open", request_id), ca("refuse", request_id), ca("keep", 0)):
            answer = await who.forge_click(data, who.last.message_id)
            assert answer is not None and answer.text == plain(en("error-not-allowed")), (who.id, data)
        answer = await who.forge_click(CentreSignCb(action="sign-yes", centre_id=1).pack(), who.last.message_id)
        assert answer is not None and answer.text == plain(en("error-not-allowed"))
    assert (await request_of(world, request_id)).status == "pending"
    assert await world.staff(APPLICANT) is None

    operator = world.emu.user(OPERATOR, "Operator")
    answer = await operator.forge_click(ca("approve-yes", 99999), operator.last.message_id)
    assert answer is not None and answer.text == plain(en("error-stale-button"))
    answer = await user.forge_click(cf("region", "pick", "atlantis"), user.last.message_id)
    assert answer is not None and answer.text == plain(en("error-stale-button"))

    async with world.sessions() as session, session.begin():
        session.add(User(id=2050, locale="en"))
        await session.flush()
        session.add(Staff(user_id=2050, role="expert", full_name="Expert Person"))
    expert = world.emu.user(2050, "Expert", language_code="en")
    await expert.send_command("centre")
    assert says(expert, "centre-error-staff", "en")


async def test_the_form_goes_back_cancels_and_asks_again_on_wrong_input(world: World) -> None:
    t = tr("en")
    user = await applicant(world, locale="en")
    await user.send_command("centre")
    await user.send_text("Youth Centre")
    answer = await user.click(data=cf("organisation", "cancel"))
    assert answer is not None and answer.text == plain(t("error-stale-button")), "a button of an earlier question"
    await user.send_text("A region, typed")
    assert shown(user, "centre-use-buttons", "en") and says(user, "centre-ask-region", "en")
    answer = await user.forge_click(cf("region", "pick", "atlantis"), user.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    await user.click(t("button-back"))
    assert says(user, "centre-ask-organisation", "en")
    await user.send_photo(b"\x89PNG logo")
    assert shown(user, "error-text-expected", "en") and says(user, "centre-ask-organisation", "en")
    await user.send_text("Youth Centre")
    await user.click(data=cf("region", "pick", "almaty-city"))
    await user.send_text(BIN)
    await user.send_text("Almaty, Abai avenue 1")
    await user.send_text("Aigul Serikova")
    await user.send_text(t("button-back"))
    assert says(user, "centre-ask-contact-name", "en")
    await user.send_text("Aigul Serikova")
    await user.send_text(t("button-cancel"))
    assert says(user, "centre-cancelled", "en")
    assert user.reply_keyboard is not None and any(t("menu-application") in row for row in user.reply_keyboard)
    async with world.sessions() as session:
        assert await session.scalar(select(CentreApplication.id)) is None
    answer = await user.click(data=cf("region", "pick", "almaty-city"))
    assert answer is not None and answer.text == plain(t("error-stale-button"))


async def test_the_operators_centres_screen_and_the_signed_agreement(world: World) -> None:
    en = tr("en")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    await operator.send_text(en("menu-centres"))
    assert says(operator, "centre-list-empty", "en")
    _, first = await submitted(world, locale="en")
    _, second = await submitted(world, 2001, "en", organisation="Second Centre")
    await operator.send_text(en("menu-centres"))
    assert says(operator, "centre-list", "en", applications=2, unsigned=0)
    day = world.clock.now.strftime("%d.%m.%Y")
    assert operator.inline_buttons() == [
        en("button-centre-open", organisation=ORGANISATION, date=day),
        en("button-centre-open", organisation="Second Centre", date=day),
    ]
    await operator.click(en("button-centre-open", organisation="Second Centre", date=day))
    assert "Second Centre" in last_text(operator) and BIN in last_text(operator)
    await operator.click(en("button-centre-approve"))
    await operator.click(en("button-back"))
    assert says(operator, "centre-nothing-changed", "en")
    assert (await request_of(world, second)).status == "pending"
    await approve(operator, second)

    await operator.send_text(en("menu-centres"))
    assert says(operator, "centre-list", "en", applications=1, unsigned=1)
    deadline = add_working_days(world.clock.now.date(), 10).strftime("%d.%m.%Y")
    sign = en("button-centre-sign", centre="Second Centre", deadline=deadline)
    assert operator.inline_buttons()[-1] == sign
    await operator.click(sign)
    await operator.click(en("button-centre-signed-yes"))
    assert says(operator, "centre-signed", "en", centre="Second Centre")
    async with world.sessions() as session:
        centre = await session.scalar(select(Centre).where(Centre.code == "second-centre"))
    assert centre is not None and centre.agreement_signed_at == world.clock.now
    answer = await operator.forge_click(
        CentreSignCb(action="sign-yes", centre_id=centre.id).pack(), operator.last.message_id
    )
    assert answer is not None and answer.text == plain(en("centre-error-not-unsigned"))
    await operator.send_text(en("menu-centres"))
    assert says(operator, "centre-list", "en", applications=1, unsigned=0)
    assert (await request_of(world, first)).status == "pending"
