"""The participant's documents (R6.2), the mentor's characterisation and the fuller card (R8.1), end to end:
the mentor asks, the participant uploads, the mentor checks or returns; the expert only looks."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.callbacks import CharacterisationCb, DocumentCb, SupervisionCb
from core.programme import Role
from storage.models import ParticipantDocument, RatingAnswer
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text, mn, shown

EXPERT, MENTOR, OTHER_MENTOR, PARTICIPANT = 8500, 8501, 8502, 8601
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
TEXT = "Hard-working & kind: <always> helps the others"


async def team(world: World, locale: str) -> tuple[Any, Any, Any, Any, int]:
    """An expert, their mentor, another mentor, and an active participant of the first mentor."""
    expert = await become_staff(world, EXPERT, locale, Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, locale, Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    other = await become_staff(
        world, OTHER_MENTOR, locale, Role.MENTOR, "Other Mentor", centre="astana-youth", expert_id=EXPERT
    )
    user, app_id = await activated(world, PARTICIPANT, locale, mentor, MENTOR)
    return expert, mentor, other, user, app_id


async def stored(world: World) -> dict[str, ParticipantDocument]:
    async with world.sessions() as session:
        return {d.kind: d for d in await session.scalars(select(ParticipantDocument).order_by(ParticipantDocument.id))}


def file_message(user: Any, kind_text: str) -> Any:
    """The newest message showing a document of this kind."""
    return next(m for m in reversed(user.messages) if m.media and kind_text in (m.caption or ""))


async def card_text(mentor: Any, app_id: int) -> str:
    await mentor.click(data=mn("card", app_id))
    return last_text(mentor)


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_the_mentor_collects_checks_and_returns_documents(world: World, locale: str) -> None:
    t = tr(locale)
    agreement, identity = t("docs-kind-agreement"), t("docs-kind-identity")
    _, mentor, other, user, app_id = await team(world, locale)
    missing = plain(t("docs-card-missing", kinds=f"{agreement}, {identity}"))
    assert plain(t("docs-card-line", state=missing)) in await card_text(mentor, app_id)

    answer = await mentor.click(text=t("button-docs-ask"))
    assert answer is not None and answer.text == plain(t("docs-asked-toast"))
    assert plain(t("docs-request-news", mentor="Mentor Person", kinds=f"{agreement}, {identity}")) in last_text(user)

    await user.click(text=t("button-docs-upload", kind=agreement))
    assert plain(t("docs-ask-file", kind=agreement, mb=20)) in last_text(user)
    await user.send_voice(b"OggS voice", duration=3)
    assert last_text(user) == plain(t("docs-file-expected"))
    await user.send_document(PDF, "agreement.pdf", "application/pdf")
    assert shown(user, "docs-received", locale, kind=agreement)
    assert plain(t("docs-arrived-news", name="Абайұлы Нұрлан Серікұлы", kind=agreement)) in last_text(mentor)

    await user.send_text(t("menu-my-documents"))
    assert plain(t("docs-line", icon="🕓", kind=agreement, state=t("docs-state-sent"))) in last_text(user)
    assert t("button-docs-upload", kind=identity) in user.inline_buttons()
    await user.click(text=t("button-docs-upload", kind=identity))
    await user.send_photo(b"\xff\xd8\xff\xe0 identity card")
    assert shown(user, "docs-received", locale, kind=identity)
    documents = await stored(world)
    assert {k: (d.status, d.media) for k, d in documents.items()} == {
        "agreement": ("sent", "document"),
        "identity": ("sent", "photo"),
    }

    unchecked = plain(t("docs-card-unchecked", count=2))
    assert plain(t("docs-card-line", state=unchecked)) in await card_text(mentor, app_id)
    await mentor.click(text=t("button-docs-list"))
    assert plain(t("docs-staff-title", name="Абайұлы Нұрлан Серікұлы", count=2)) in last_text(mentor)
    sent_pdf = file_message(mentor, agreement)
    assert sent_pdf.media == "document"
    answer = await mentor.click(text=t("button-docs-check"), message_id=sent_pdf.message_id)
    assert answer is not None and answer.text == plain(t("docs-checked-toast"))
    checked = file_message(mentor, agreement)
    assert plain(t("docs-state-checked")) in (checked.caption or "") and not checked.buttons
    assert plain(t("docs-checked-news", kind=agreement)) in last_text(user)

    photo = file_message(mentor, identity)
    assert photo.media == "photo"
    await mentor.click(text=t("button-docs-return"), message_id=photo.message_id)
    assert plain(t("docs-ask-reason", kind=identity, max=300)) in last_text(mentor)
    await mentor.send_text("ab")
    assert last_text(mentor) == plain(t("error-text-too-short-min", min=3))
    await mentor.send_text("The photo is blurred")
    assert last_text(mentor) == plain(t("docs-returned-done", kind=identity))
    assert not file_message(mentor, identity).buttons, "the stale buttons are gone"
    news = plain(t("docs-returned-news", kind=identity, reason="The photo is blurred"))
    assert news in last_text(user)
    assert t("button-docs-upload", kind=identity) in user.inline_buttons()
    documents = await stored(world)
    assert (documents["agreement"].status, documents["identity"].status) == ("checked", "returned")

    missing = plain(t("docs-card-missing", kinds=identity))
    assert plain(t("docs-card-line", state=missing)) in await card_text(mentor, app_id)

    for data in (
        DocumentCb(action="ok", doc_id=documents["identity"].id).pack(),
        DocumentCb(action="list", app_id=app_id).pack(),
        DocumentCb(action="ask", app_id=app_id).pack(),
    ):
        refused = await other.forge_click(data, other.last.message_id)
        assert refused is not None and refused.text == plain(t("error-not-allowed"))
    again = await mentor.forge_click(
        DocumentCb(action="ok", doc_id=documents["agreement"].id).pack(), checked.message_id
    )
    assert again is not None and again.text == plain(t("error-stale-button"))
    assert (await stored(world))["identity"].status == "returned"


async def test_a_participant_cannot_check_and_a_wrong_file_is_refused(world: World) -> None:
    t = tr("en")
    _, mentor, _, user, _ = await team(world, "en")
    await user.send_text(t("menu-my-documents"))
    await user.click(text=t("button-docs-upload", kind=t("docs-kind-certificate")))
    await user.send_document(b"MZ\x90\x00 not a pdf", "diploma.pdf", "application/pdf")
    assert last_text(user) == plain(t("docs-file-content"))
    await user.send_document(b"PK\x03\x04 word", "diploma.docx", "application/msword")
    assert last_text(user) == plain(t("docs-file-type"))
    await user.click(text=t("button-cancel"))
    assert last_text(user) == plain(t("docs-upload-cancelled"))
    old = await user.forge_click(DocumentCb(action="cancel").pack(), user.last.message_id)
    assert old is not None and old.text == plain(t("error-stale-button"))
    await user.click(text=t("button-docs-upload", kind=t("docs-kind-certificate")))
    await user.send_text(t("menu-reminders"))
    assert plain(t("reminders-title", minutes=60)) in last_text(user), "a menu button ends the form"
    await user.send_photo(b"\xff\xd8\xff\xe0 not asked for")
    assert await stored(world) == {}
    await user.click(text=t("button-docs-upload", kind=t("docs-kind-certificate")))
    await user.send_photo(b"\xff\xd8\xff\xe0 diploma")
    [document] = (await stored(world)).values()
    answer = await user.forge_click(DocumentCb(action="ok", doc_id=document.id).pack(), user.last.message_id)
    assert answer is not None and answer.text == plain(t("error-stale-button"))
    assert (await stored(world))["certificate"].status == "sent"


async def test_the_characterisation_is_on_the_card_for_the_mentor_the_expert_and_the_participant(
    world: World,
) -> None:
    t = tr("ru")
    expert, mentor, _, user, app_id = await team(world, "ru")
    await mentor.click(data=mn("card", app_id))
    await mentor.click(text=t("button-characterisation"))
    assert plain(t("characterisation-ask", name="Абайұлы Нұрлан Серікұлы", limit=500)) in last_text(mentor)
    await mentor.send_text("x" * 501)
    assert last_text(mentor) == plain(t("characterisation-too-long", length=501, limit=500))
    await mentor.send_text(TEXT)
    assert shown(mentor, "characterisation-saved", "ru", name="Абайұлы Нұрлан Серікұлы")
    assert plain(t("card-characterisation", text=TEXT)) in last_text(mentor)

    await mentor.click(text=t("button-characterisation"))
    assert plain(t("characterisation-current", text=TEXT)) in last_text(mentor)
    await mentor.click(text=t("button-cancel"))
    assert last_text(mentor) == plain(t("characterisation-cancelled"))
    old = await mentor.forge_click(CharacterisationCb(action="cancel", app_id=app_id).pack(), mentor.last.message_id)
    assert old is not None and old.text == plain(t("error-stale-button"))

    await expert.send_text(t("menu-my-mentors"))
    await expert.click(data=SupervisionCb(action="mentor", target=MENTOR).pack())
    await expert.click(data=SupervisionCb(action="app", target=app_id).pack())
    card = next(m for m in reversed(expert.messages) if plain(t("card-characterisation", text=TEXT)) in (m.text or ""))
    await expert.click(text=t("button-docs-list"), message_id=card.message_id)
    assert plain(t("docs-staff-title", name="Абайұлы Нұрлан Серікұлы", count=0)) in last_text(expert)
    refused = await expert.forge_click(DocumentCb(action="ask", app_id=app_id).pack(), expert.last.message_id)
    assert refused is not None and refused.text == plain(t("error-not-allowed"))

    await user.send_text(t("menu-application"))
    assert plain(t("status-characterisation", text=TEXT)) in last_text(user)


async def test_the_mentors_rating_shows_on_the_card_only_with_enough_answers(world: World) -> None:
    t = tr("en")
    _, mentor, _, _, app_id = await team(world, "en")

    async def answers(*keys: str) -> None:
        async with world.sessions() as session, session.begin():
            for key in keys:
                session.add(
                    RatingAnswer(key=key, mentor_id=MENTOR, period="2026-11", scores={"q1": 5, "q2": 4, "q3": 3})
                )

    await answers("a", "b")
    rating_line = plain(t("card-mentor-rating", q1=5, q2=4, q3=3, count=3)).split("(")[0]
    assert rating_line not in await card_text(mentor, app_id), "two answers are not shown"
    await answers("c")
    assert plain(t("card-mentor-rating", q1=5.0, q2=4.0, q3=3.0, count=3)) in await card_text(mentor, app_id)


async def test_the_coordinator_and_the_operator_open_a_participant_and_look_at_the_documents(world: World) -> None:
    """R8.4: `/participant N` for the operator (anyone) and the region's coordinator; another region's number
    reads as no such number; they see the files without the mentor's check and return buttons."""
    t = tr("en")
    _, mentor, _, user, app_id = await team(world, "en")
    await mentor.click(text=t("button-docs-ask"))
    await user.click(text=t("button-docs-upload", kind=t("docs-kind-agreement")))
    await user.send_document(PDF, "agreement.pdf", "application/pdf")
    astana = await become_staff(world, 8503, "en", Role.COORDINATOR, "Astana Coord", region="astana")
    almaty = await become_staff(world, 8504, "en", Role.COORDINATOR, "Almaty Coord", region="almaty-city")
    operator = await become_staff(world, 8505, "en", Role.OPERATOR, "Operator Person")

    await almaty.send_command("participant", str(app_id))
    assert last_text(almaty) == plain(t("individual-no-application", number=str(app_id)))
    forged = await almaty.forge_click(DocumentCb(action="list", app_id=app_id).pack(), almaty.last.message_id)
    assert forged is not None and forged.text == plain(t("error-not-allowed"))

    for overseer in (astana, operator):
        await overseer.send_command("participant", str(app_id))
        assert plain(t("individual-card-number", number=str(app_id))) in last_text(overseer)
        await overseer.click(text=t("button-docs-list"))
        assert plain(t("docs-staff-title", name="Абайұлы Нұрлан Серікұлы", count=1)) in last_text(overseer)
        assert not file_message(overseer, t("docs-kind-agreement")).buttons, "they look, the mentor decides"
    assert t("button-individual", direction=t("direction-sport")) not in astana.inline_buttons()
    await operator.send_command("participant", str(app_id))
    assert t("button-individual", direction=t("direction-sport")) in operator.inline_buttons()
