"""Consent and confirmations come only from the right person, end to end (R2.5, R5.2): no staff account
consents as a minor's legal representative or confirms a work report as the employer, the legal
representative's phone is not the participant's own, and the audit keeps who confirmed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.callbacks import LinkCb
from core.programme import Role
from storage.models import AuditRecord, OneTimeLink
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text, shown, submitted
from tests.e2e.test_work_and_tasks import work_entry, work_report

EXPERT, MENTOR, PARTICIPANT, GUARDIAN, EMPLOYER = 810, 811, 6101, 6102, 7101
MINOR_BIRTH = "01.01.2010"
"""16 on the test clock's date: a minor, old enough for Bronze."""
NAME = "Абайұлы Нұрлан Серікұлы"
"""The participant's name as `fill_profile` types it."""


async def audit_rows(world: World, entity: str, entity_id: int) -> list[tuple[str | None, str, int | None, str | None]]:
    """The audit rows of one application or entry, oldest first: (from, to, actor, reason)."""
    async with world.sessions() as session:
        rows = await session.scalars(
            select(AuditRecord)
            .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
            .order_by(AuditRecord.id)
        )
        return [(r.from_status, r.to_status, r.actor_id, r.reason) for r in rows]


async def all_reasons(world: World) -> str:
    async with world.sessions() as session:
        return " ".join(r or "" for r in await session.scalars(select(AuditRecord.reason)))


def link_payload(user: Any) -> str:
    """The /start payload of the guardian link the participant was last given."""
    return last_text(user).split("?start=")[1].split()[0]


async def minor_waiting_for_consent(world: World, locale: str) -> tuple[Any, Any, str]:
    """The mentor and their minor participant, whose application waits for the legal representative."""
    mentor = await become_staff(world, MENTOR, locale, Role.MENTOR, "Mentor Person", centre="astana-youth")
    user = await submitted(world, PARTICIPANT, locale, MENTOR, birth=MINOR_BIRTH)
    app = await world.application(PARTICIPANT)
    assert app is not None and app.status == "consent_pending"
    return mentor, user, link_payload(user)


async def guardian_link_unused(world: World) -> None:
    async with world.sessions() as session:
        [link] = list(await session.scalars(select(OneTimeLink).where(OneTimeLink.purpose == "guardian")))
    assert (link.used_at, link.used_by) == (None, None)


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_mentor_cannot_consent_as_the_legal_representative(world: World, locale: str) -> None:
    """The issue's case: the assigned mentor opens the minor's guardian link. They are refused with a
    message of their own, nothing moves, and the real legal representative can still use the link."""
    t = tr(locale)
    mentor, user, payload = await minor_waiting_for_consent(world, locale)
    app = await world.application(PARTICIPANT)
    assert app is not None

    await mentor.open_deep_link(payload)
    assert plain(t("error-guardian-is-staff")) in last_text(mentor)
    assert plain(t("error-guardian-is-participant")) not in last_text(mentor)
    assert not shown(mentor, "guardian-intro", locale, name=app.full_name)
    # Without the contact step the confirmation button is refused too.
    answer = await mentor.forge_click(
        LinkCb(action="confirm", purpose="guardian", target=app.id).pack(), mentor.last.message_id
    )
    assert answer is not None and answer.text == plain(t("error-stale-button"))
    after = await world.application(PARTICIPANT)
    assert after is not None and (after.status, after.guardian_user_id) == ("consent_pending", None)
    await guardian_link_unused(world)
    assert not shown(user, "participant-guardian-confirmed", locale)

    # The expert is refused as well.
    expert = await become_staff(world, EXPERT, locale, Role.EXPERT, "Expert Person")
    await expert.open_deep_link(payload)
    assert plain(t("error-guardian-is-staff")) in last_text(expert)
    assert (await world.application(PARTICIPANT)).status == "consent_pending"  # type: ignore[union-attr]

    # The legal representative still can.
    parent = world.emu.user(GUARDIAN, "Parent", language_code=locale)
    await parent.open_deep_link(payload)
    assert plain(t("guardian-intro", name=app.full_name)) in last_text(parent)
    await parent.send_contact("+7 702 111 22 33")
    await parent.click(text=t("button-guardian-confirm"))
    assert plain(t("guardian-confirmed", name=app.full_name)) in last_text(parent)
    assert (await world.application(PARTICIPANT)).status == "under_review"  # type: ignore[union-attr]


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_guardian_with_the_participants_phone_refused_then_own_phone_confirms(world: World, locale: str) -> None:
    """The legal representative shares the participant's own number (written another way): refused, the
    link still works; with their own number they confirm, and the audit names them as the actor."""
    t = tr(locale)
    _, user, payload = await minor_waiting_for_consent(world, locale)
    app = await world.application(PARTICIPANT)
    assert app is not None and app.phone == "+77010000000"

    parent = world.emu.user(GUARDIAN, "Parent", language_code=locale)
    await parent.open_deep_link(payload)
    assert plain(t("guardian-intro", name=app.full_name)) in last_text(parent)
    await parent.send_contact("8 701 000 00 00")
    assert plain(t("error-guardian-phone-is-participant")) in last_text(parent)
    assert not shown(parent, "guardian-agreement", locale, name=app.full_name, level=t("level-bronze"))
    assert (await world.application(PARTICIPANT)).status == "consent_pending"  # type: ignore[union-attr]
    await guardian_link_unused(world)

    # Still at the contact step: their own number goes on to the question.
    await parent.send_contact("+7 702 111 22 33", first_name="Ерлан", last_name="Абайұлы")
    assert plain(t("guardian-agreement", name=app.full_name, level=t("level-bronze"))) in last_text(parent)
    await parent.click(text=t("button-guardian-confirm"))
    assert plain(t("guardian-confirmed", name=app.full_name)) in last_text(parent)
    confirmed = await world.application(PARTICIPANT)
    assert confirmed is not None and confirmed.status == "under_review"
    assert (confirmed.guardian_user_id, confirmed.guardian_phone) == (GUARDIAN, "+77021112233")
    assert shown(user, "participant-guardian-confirmed", locale)

    assert (await audit_rows(world, "application", app.id))[-1] == (
        "consent_pending",
        "under_review",
        GUARDIAN,
        "guardian consent",
    )
    reasons = await all_reasons(world)
    assert "Ерлан" not in reasons and "7021112233" not in reasons and "702 111" not in reasons


# --- the employer's link --------------------------------------------------------------------------


async def gold_team(world: World) -> tuple[Any, Any, Any]:
    """An English mentor with a Kazakh-speaking expert, and their active Gold participant with Work experience."""
    expert = await become_staff(world, EXPERT, "kk", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user, _ = await activated(
        world, PARTICIPANT, "en", mentor, MENTOR, level="gold", extra=("work",), choices=(("longer", "sport"),)
    )
    return mentor, expert, user


async def test_mentor_and_expert_cannot_confirm_work_as_the_employer(world: World) -> None:
    """The issue's case: the mentor (and the expert) open the employer's link of their participant's work
    report. Refused; the report stays unconfirmed and the mentor still cannot approve it. The real employer
    then confirms, and the entry's audit names them."""
    t, kt, et = tr("en"), tr("kk"), tr("ru")
    mentor, expert, user = await gold_team(world)
    payload = await work_report(user, tr("en"))
    assert plain(t("work-entry-employer-waiting")) in last_text(mentor)

    await mentor.open_deep_link(payload)
    assert plain(t("error-employer-is-staff")) in last_text(mentor)
    assert plain(t("error-employer-is-participant")) not in last_text(mentor)
    await expert.open_deep_link(payload)
    assert plain(kt("error-employer-is-staff")) in last_text(expert)
    # The mentor may not press a confirmation button the flow never offered.
    entry = await work_entry(world)
    answer = await mentor.forge_click(
        LinkCb(action="confirm", purpose="employer", target=entry.id).pack(), mentor.last.message_id
    )
    assert answer is not None and answer.text == plain(t("error-stale-button"))

    entry = await work_entry(world)
    assert (entry.status, entry.employer_name, entry.employer_confirmed_at) == ("pending", None, None)
    assert await audit_rows(world, "entry", entry.id) == [("draft", "pending", PARTICIPANT, None)]
    answer = await mentor.click(text=t("button-review-approve"))
    assert answer is not None and answer.text == plain(t("error-employer-not-confirmed"))
    assert (await work_entry(world)).status == "pending"

    employer = world.emu.user(EMPLOYER, "Aigerim", language_code="ru")
    await employer.open_deep_link(payload)
    await employer.send_contact("+7 705 123 45 67", first_name="Aigerim", last_name="Bekova")
    await employer.click(data=LinkCb(action="confirm", purpose="employer", target=entry.id).pack())
    assert plain(et("work-employer-thanks", name=NAME)) in last_text(employer)
    assert (await audit_rows(world, "entry", entry.id))[-1] == ("pending", "pending", EMPLOYER, "employer confirmed")
    reasons = await all_reasons(world)
    assert "Aigerim" not in reasons and "Bekova" not in reasons and "7051234567" not in reasons

    await mentor.click(text=t("button-review-approve"))
    assert (await work_entry(world)).status == "approved"
