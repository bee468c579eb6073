"""Staff profiles, documents and cards end to end (R8.2): the profile on first entry, documents by their owner,
the mentor's card and documents for those above, refused to a peer, a participant and another region."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.callbacks import ProfileCb, StaffCardCb, SupervisionCb
from core.programme import Role
from storage.models import StaffDocument, StaffProfile
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text, shown

EXPERT, MENTOR, OTHER_MENTOR, COORDINATOR, FAR_COORDINATOR, OPERATOR = 900, 901, 902, 903, 904, 905
PDF_BYTES = b"%PDF-1.4 diploma"


def sc(action: str, target: int = 0) -> str:
    return StaffCardCb(action=action, target=target).pack()


def pf(action: str, value: str = "") -> str:
    return ProfileCb(action=action, value=value).pack()


async def documents(world: World) -> list[StaffDocument]:
    async with world.sessions() as session:
        return list(await session.scalars(select(StaffDocument).order_by(StaffDocument.id)))


async def profile(world: World, user_id: int) -> StaffProfile | None:
    async with world.sessions() as session:
        return await session.get(StaffProfile, user_id)


async def new_mentor(world: World) -> Any:
    """A mentor who answers every question of the profile on first entry, in Russian, with a few mistakes."""
    t = tr("ru")
    payload = await world.invitation(Role.MENTOR, "astana-youth", None, EXPERT)
    mentor = world.emu.user(MENTOR, "Жанна", language_code="ru")
    await mentor.send_command("start", payload)
    await mentor.send_text("Ермекова Жанна")
    assert plain(t("staff-profile-saved", name="Ермекова Жанна")) in last_text(mentor)
    assert plain(t("profile-ask-photo")) in last_text(mentor)
    await mentor.send_text("вот моё фото")
    assert last_text(mentor) == plain(t("error-profile-photo-expected"))
    await mentor.send_photo(b"\xff\xd8 portrait")
    assert plain(t("profile-ask-phone")) in last_text(mentor)
    await mentor.send_contact("+7 701 111 22 33", user_id=4242, first_name="Someone")
    assert last_text(mentor) == plain(t("error-contact-not-own"))
    await mentor.send_contact("+7 701 111 22 33")
    assert shown(mentor, "profile-phone-saved", "ru")
    assert plain(t("profile-ask-region")) in last_text(mentor)
    answer = await mentor.forge_click(pf("region", "atlantis"), mentor.last.message_id)
    assert answer is not None and answer.text == plain(t("error-bad-button"))
    await mentor.click(data=pf("region", "astana"))
    assert plain(t("profile-ask-organisation")) in last_text(mentor)
    await mentor.send_text("Школа-лицей № 12")
    assert plain(t("profile-ask-bio", limit=500)) in last_text(mentor)
    await mentor.send_text("а" * 501)
    assert last_text(mentor) == plain(t("error-profile-bio-too-long", limit=500, length=501))
    await mentor.send_text("Учитель истории, 10 лет веду кружок краеведения.")
    assert plain(t("profile-done")) in last_text(mentor)
    assert plain(t("profile-title")) in last_text(mentor)
    return mentor


async def test_a_mentor_fills_the_profile_on_first_entry_and_keeps_documents(world: World) -> None:
    t = tr("ru")
    await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await new_mentor(world)
    stored = await profile(world, MENTOR)
    assert stored is not None
    assert (stored.phone, stored.region_code, stored.organisation) == ("+77011112233", "astana", "Школа-лицей № 12")
    assert stored.photo_file_id and stored.bio and stored.bio.startswith("Учитель")

    await mentor.send_text(t("menu-my-profile"))
    await mentor.click(text=t("button-profile-documents"))
    assert plain(t("profile-docs-title", count=0, max=10)) in last_text(mentor)
    await mentor.click(text=t("button-profile-doc-add-diploma"))
    assert plain(t("profile-doc-ask", kind=t("profile-doc-kind-diploma"), mb=10)) in last_text(mentor)
    await mentor.send_document(b"PK\x03\x04 word", "cv.docx", "application/vnd.ms-word")
    assert last_text(mentor) == plain(t("error-profile-doc-type"))
    await mentor.send_voice(b"OggS voice", 3)
    assert last_text(mentor) == plain(t("error-profile-doc-type"))
    await mentor.send_document(PDF_BYTES, "diploma.pdf", "application/pdf")
    assert plain(t("profile-doc-saved", kind=t("profile-doc-kind-diploma"))) in last_text(mentor)
    await mentor.click(text=t("button-profile-doc-add-id"))
    await mentor.send_photo(b"\xff\xd8 id card")
    assert plain(t("profile-docs-title", count=2, max=10)) in last_text(mentor)
    assert [(d.kind, d.media, d.file_name) for d in await documents(world)] == [
        ("diploma", "document", "diploma.pdf"),
        ("id", "photo", None),
    ]

    await mentor.click(text=t("button-profile-doc-add-certificate"))
    await mentor.send_photo(b"\xff\xd8 certificate")
    certificate = (await documents(world))[-1]
    await mentor.click(data=pf("delete", str(certificate.id)))
    assert plain(t("profile-doc-delete-confirm", kind=t("profile-doc-kind-certificate"), date="30.11.2026")) in (
        last_text(mentor)
    )
    await mentor.click(text=t("button-profile-doc-delete-yes"))
    assert shown(mentor, "profile-doc-deleted", "ru", kind=t("profile-doc-kind-certificate"))
    assert len(await documents(world)) == 2
    answer = await mentor.forge_click(pf("delete-yes", str(certificate.id)), mentor.last.message_id)
    assert answer is not None and answer.text == plain(t("error-stale-button"))


async def test_a_field_is_edited_from_the_profile_and_a_skipped_question_asked_again(world: World) -> None:
    t = tr("en")
    expert = await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    assert plain(t("profile-ask-photo")) in last_text(expert)
    await expert.click(text=t("button-profile-skip"))
    assert plain(t("profile-ask-phone")) in last_text(expert)
    await expert.send_text(t("button-profile-later"))
    assert last_text(expert) == plain(t("profile-later"))
    await expert.send_text("an unexpected text")
    assert last_text(expert) == plain(t("use-menu"))

    await expert.send_text(t("menu-my-profile"))
    assert plain(t("profile-missing", count=5)) in last_text(expert)
    await expert.click(text=t("button-profile-edit-organisation"))
    assert plain(t("profile-ask-organisation")) in last_text(expert)
    await expert.send_text("x" * 201)
    assert last_text(expert) == plain(t("error-profile-organisation-too-long", limit=200, length=201))
    await expert.send_text("Youth Policy Department")
    assert plain(t("profile-saved")) in last_text(expert)
    assert plain(t("profile-missing", count=4)) in last_text(expert)
    await expert.click(text=t("button-profile-edit-full-name"))
    await expert.click(text=t("button-back"))
    assert plain(t("profile-title")) in last_text(expert)
    answer = await expert.forge_click(pf("skip", "bio"), expert.last.message_id)
    assert answer is not None and answer.text == plain(t("error-stale-button"))

    await expert.click(text=t("button-profile-complete"))
    assert plain(t("profile-ask-photo")) in last_text(expert)
    await expert.send_photo(b"\xff\xd8 face")
    assert plain(t("profile-ask-phone")) in last_text(expert)
    await expert.send_text(t("button-profile-skip"))
    assert plain(t("profile-ask-region")) in last_text(expert)
    await expert.send_text(t("menu-my-mentors"))
    assert plain(t("sv-no-mentors")) in last_text(expert)
    row = await profile(world, EXPERT)
    assert row is not None and row.organisation == "Youth Policy Department" and row.photo_file_id


async def test_the_mentor_card_and_documents_go_only_to_those_above(world: World) -> None:
    t = tr("en")
    expert = await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await new_mentor(world)
    await mentor.send_text(tr("ru")("menu-my-profile"))
    await mentor.click(text=tr("ru")("button-profile-documents"))
    await mentor.click(text=tr("ru")("button-profile-doc-add-diploma"))
    await mentor.send_document(PDF_BYTES, "diploma.pdf", "application/pdf")
    await mentor.click(text=tr("ru")("button-profile-doc-add-id"))
    await mentor.send_photo(b"\xff\xd8 id card")
    other = await become_staff(
        world, OTHER_MENTOR, "en", Role.MENTOR, "Other Mentor", centre="astana-youth", expert_id=EXPERT
    )
    user, _ = await activated(world, 6101, "ru", mentor, MENTOR)

    await expert.send_text(t("menu-my-mentors"))
    await expert.click(data=SupervisionCb(action="mentor", target=MENTOR).pack())
    card = last_text(expert)
    assert plain(t("sv-mentor-title", name="Ермекова Жанна", count=1)) in card
    assert "Школа-лицей № 12" in card and plain(t("sc-journal")) in card
    assert plain(t("sc-participants", count=1)) in card
    before = len(expert.messages)
    await expert.click(text=t("button-sc-documents", count=2))
    sent = expert.messages[before:]
    assert [m.media for m in sent] == [None, "document", "photo"]
    assert plain(t("sc-documents", name="Ермекова Жанна", count=2)) in (sent[0].text or "")

    for intruder, locale in ((other, "en"), (user, "ru")):
        for data in (sc("docs", MENTOR), sc("card", MENTOR)):
            before = len(intruder.messages)
            answer = await intruder.forge_click(data, intruder.last.message_id)
            assert answer is not None and answer.text == plain(tr(locale)("error-not-allowed"))
            assert len(intruder.messages) == before


async def test_a_coordinator_sees_the_region_staff_and_the_operator_everyone(world: World) -> None:
    await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    await become_staff(world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT)
    await become_staff(world, OTHER_MENTOR, "en", Role.MENTOR, "Almaty Mentor", centre="almaty-centre")
    kk = tr("kk")
    coordinator = await become_staff(world, COORDINATOR, "kk", Role.COORDINATOR, "Аймақ Үйлестіруші", region="astana")
    far = await become_staff(world, FAR_COORDINATOR, "en", Role.COORDINATOR, "Far Coordinator", region="almaty-city")

    await coordinator.send_text(kk("menu-staff"))
    assert plain(kk("sc-list-title", page=1, pages=1)) in last_text(coordinator)
    names = coordinator.inline_buttons()
    assert names == [
        plain(kk("sc-list-row", name="Expert Person", role=kk("role-expert"))),
        plain(kk("sc-list-row", name="Mentor Person", role=kk("role-mentor"))),
    ]
    await coordinator.click(text=names[0])
    assert plain(kk("sc-title-expert", name="Expert Person")) in last_text(coordinator)
    assert plain(kk("sc-mentors", count=1)) in last_text(coordinator)
    await coordinator.click(text=plain(kk("sv-mentor-row", name="Mentor Person", count=0)))
    assert plain(kk("sc-title-mentor", name="Mentor Person")) in last_text(coordinator)
    await coordinator.click(text=kk("button-sc-documents", count=0))
    assert last_text(coordinator) == plain(kk("sc-no-documents", name="Mentor Person"))
    answer = await coordinator.forge_click(sc("card", OTHER_MENTOR), coordinator.last.message_id)
    assert answer is not None and answer.text == plain(kk("error-not-allowed"))

    en = tr("en")
    await far.send_text(en("menu-staff"))
    assert far.inline_buttons() == [plain(en("sc-list-row", name="Almaty Mentor", role=en("role-mentor")))]
    answer = await far.forge_click(sc("docs", MENTOR), far.last.message_id)
    assert answer is not None and answer.text == plain(en("error-not-allowed"))

    for n, name in enumerate(("Aida", "Bolat", "Dana", "Erlan", "Gulnar", "Kairat", "Madina", "Nurlan")):
        await become_staff(world, 950 + n, "en", Role.MENTOR, f"Extra {name}", centre="astana-youth")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    await operator.send_text(en("menu-staff"))
    assert plain(en("sc-list-title", page=1, pages=2)) in last_text(operator)
    assert len(operator.inline_buttons()) == 11
    await operator.click(text=en("button-sc-next"))
    assert plain(en("sc-list-title", page=2, pages=2)) in last_text(operator)
    assert operator.inline_buttons()[-1] == en("button-sc-previous")
    await operator.click(text=plain(en("sc-list-row", name="Mentor Person", role=en("role-mentor"))))
    assert plain(en("sc-title-mentor", name="Mentor Person")) in last_text(operator)
    await operator.click(text=en("button-sc-to-list"))
    assert plain(en("sc-list-title", page=1, pages=2)) in last_text(operator)
