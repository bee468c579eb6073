"""Consent and confirmations come only from the right person: no staff account may consent as a minor's
legal representative (core/applications.py, R2.5) or confirm a work report as the employer (core/work.py,
R5.2), the legal representative's phone is not the participant's own, and the audit keeps who confirmed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core import applications, reviews, work
from core.notices import GuardianConfirmed, NewApplication
from core.programme import STAFF_ROLES, Role
from storage.models import Application, AuditRecord, Entry, OneTimeLink, Staff
from tests.unit.usecases.conftest import (
    EXPERT,
    MENTOR,
    NOW,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_staff,
    all_rows,
    change,
    refused,
    stored,
    trail,
)
from tests.unit.usecases.test_work_tasks_missed_messages import employer_link, work_entry

GUARDIAN_ID, EMPLOYER_ID, STAFF_ID = 701, 500, 900
MINOR_BIRTH = date(2010, 5, 15)
PARTICIPANT_PHONE = "+77010000000"
"""The phone `add_application` stores for the participant."""
GUARDIAN_NAME, GUARDIAN_PHONE = "Абайұлы Ерлан", "+77015550000"
EMPLOYER_NAME, EMPLOYER_PHONE = "Aigerim Sadykova", "+77011112233"
LATER = NOW + timedelta(hours=5)


@pytest.fixture(autouse=True)
async def team(store: Store) -> None:
    """The mentor with their expert."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert Person")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person", expert_id=EXPERT)


async def add_any_staff(store: Store, role: Role, *, active: bool = True) -> int:
    """A staff account of `role` that has nothing to do with the participant."""
    await add_staff(store, STAFF_ID, role, "Staff Person", region_code="astana" if role == Role.COORDINATOR else None)
    if not active:
        await change(store, Staff, STAFF_ID, active=False)
    return STAFF_ID


# --- the legal representative (core/applications.py) ----------------------------------------------


async def submitted_minor(store: Store) -> tuple[int, str]:
    """A minor's application of MENTOR's waiting for the legal representative, and the token of the link."""
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft", birth=MINOR_BIRTH)
    async with store.session() as uow:
        result = await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    assert result.guardian_payload is not None
    return app_id, result.guardian_payload.removeprefix("g_")


async def still_waiting_for_consent(store: Store, app_id: int) -> None:
    """Nothing was confirmed: the application waits, the link is unused, nobody was told."""
    app = await stored(store, Application, app_id)
    assert (app.status, app.guardian_user_id, app.guardian_phone, app.guardian_confirmed_at) == (
        "consent_pending",
        None,
        None,
        None,
    )
    [link] = await all_rows(store, OneTimeLink)
    assert (link.used_at, link.used_by) == (None, None)
    assert (await trail(store, app_id))[-1] == ("submitted", "consent_pending", PARTICIPANT)
    assert store.publisher.published == []


async def test_assigned_mentor_cannot_consent_for_their_minor(store: Store) -> None:
    """The issue's case: the mentor opens the link meant for the legal representative; refused on opening,
    when sharing the contact and at confirmation, with a message of its own."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        with refused("error-guardian-is-staff"):
            await applications.guardian_application(uow, token, MENTOR, NOW)
    async with store.session() as uow:
        with refused("error-guardian-is-staff"):
            await applications.guardian_application(uow, token, MENTOR, NOW, GUARDIAN_PHONE)
    async with store.session() as uow:
        with refused("error-guardian-is-staff"):
            await applications.confirm_guardian(uow, token, MENTOR, "Mentor Person", GUARDIAN_PHONE, NOW)
    await still_waiting_for_consent(store, app_id)


@pytest.mark.parametrize("active", [True, False], ids=["active", "inactive"])
@pytest.mark.parametrize("role", STAFF_ROLES)
async def test_no_staff_account_can_consent(store: Store, role: Role, active: bool) -> None:
    """Any row in the staff table, whatever the role and whether active or not."""
    app_id, token = await submitted_minor(store)
    staff_id = await add_any_staff(store, role, active=active)
    async with store.session() as uow:
        with refused("error-guardian-is-staff"):
            await applications.guardian_application(uow, token, staff_id, NOW)
    async with store.session() as uow:
        with refused("error-guardian-is-staff"):
            await applications.confirm_guardian(uow, token, staff_id, "Staff Person", GUARDIAN_PHONE, NOW)
    await still_waiting_for_consent(store, app_id)


async def test_account_that_became_staff_after_opening_is_refused_at_confirmation(store: Store) -> None:
    """The check is made again when confirming, not only when the link is opened."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        await applications.guardian_application(uow, token, STAFF_ID, NOW)
    await add_any_staff(store, Role.MENTOR)
    async with store.session() as uow:
        with refused("error-guardian-is-staff"):
            await applications.confirm_guardian(uow, token, STAFF_ID, "Staff Person", GUARDIAN_PHONE, NOW)
    await still_waiting_for_consent(store, app_id)


async def test_participant_keeps_their_own_message(store: Store) -> None:
    """The participant is told they cannot be their own legal representative, not that they are staff."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        with refused("error-guardian-is-participant"):
            await applications.confirm_guardian(uow, token, PARTICIPANT, "Абайұлы Нұрлан", GUARDIAN_PHONE, NOW)
    await still_waiting_for_consent(store, app_id)


@pytest.mark.parametrize("phone", [PARTICIPANT_PHONE, "+7 701 000 00 00", "87010000000", "8 (701) 000-00-00"])
async def test_guardian_with_the_participants_phone_refused_then_own_phone_works(store: Store, phone: str) -> None:
    """The participant's own number, however written, is refused when the contact is shared and when
    confirming; the link stays usable and the real phone then succeeds."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        with refused("error-guardian-phone-is-participant"):
            await applications.guardian_application(uow, token, GUARDIAN_ID, NOW, phone)
    async with store.session() as uow:
        with refused("error-guardian-phone-is-participant"):
            await applications.confirm_guardian(uow, token, GUARDIAN_ID, GUARDIAN_NAME, phone, NOW)
    await still_waiting_for_consent(store, app_id)

    async with store.session() as uow:
        await applications.guardian_application(uow, token, GUARDIAN_ID, NOW, GUARDIAN_PHONE)
    async with store.session() as uow:
        result = await applications.confirm_guardian(uow, token, GUARDIAN_ID, GUARDIAN_NAME, GUARDIAN_PHONE, NOW)
    assert result.notices == (GuardianConfirmed(PARTICIPANT, app_id), NewApplication(MENTOR, app_id, "under_review"))
    app = await stored(store, Application, app_id)
    assert (app.status, app.guardian_user_id, app.guardian_phone) == ("under_review", GUARDIAN_ID, GUARDIAN_PHONE)


async def test_guardian_consent_audited_with_the_guardian_as_actor(store: Store) -> None:
    """The audit row of the consent names the legal representative's account and a fixed reason: never
    their name or phone."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        await applications.confirm_guardian(uow, token, GUARDIAN_ID, GUARDIAN_NAME, GUARDIAN_PHONE, NOW)
    assert (await trail(store, app_id, reasons=True))[-1] == (
        "consent_pending",
        "under_review",
        GUARDIAN_ID,
        "guardian consent",
    )
    reasons = " ".join(r.reason or "" for r in await all_rows(store, AuditRecord))
    assert GUARDIAN_NAME not in reasons and GUARDIAN_PHONE not in reasons and "7015550000" not in reasons


# --- the employer (core/work.py) -------------------------------------------------------------------


async def still_unconfirmed(store: Store, entry_id: int, status: str = "pending") -> None:
    """Nothing was confirmed: no employer stored, the link unused, no audit row, nobody told."""
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.employer_name, entry.employer_phone, entry.employer_confirmed_at) == (
        status,
        None,
        None,
        None,
    )
    [link] = await all_rows(store, OneTimeLink)
    assert (link.used_at, link.used_by) == (None, None)
    assert await trail(store, entry_id, entity="entry") == []
    assert store.publisher.published == []


async def test_mentor_cannot_confirm_their_participants_work_nor_approve_it(store: Store) -> None:
    """The issue's case: the mentor opens the employer's link of their own participant's report; refused on
    opening and at confirmation, and the report still cannot be approved."""
    entry_id = await work_entry(store)
    token = await employer_link(store, entry_id)
    async with store.session() as uow:
        with refused("error-employer-is-staff"):
            await work.report(uow, token, MENTOR, LATER)
    async with store.session() as uow:
        with refused("error-employer-is-staff"):
            await work.confirm(uow, token, MENTOR, "Mentor Person", EMPLOYER_PHONE, LATER)
    await still_unconfirmed(store, entry_id)
    async with store.session() as uow:
        with refused("error-employer-not-confirmed"):
            await reviews.decide(uow, await uow.staff.get(MENTOR), entry_id, "approve", None, LATER, POLICY)
    assert (await stored(store, Entry, entry_id)).status == "pending"


@pytest.mark.parametrize("active", [True, False], ids=["active", "inactive"])
@pytest.mark.parametrize("role", STAFF_ROLES)
async def test_no_staff_account_can_confirm_work(store: Store, role: Role, active: bool) -> None:
    entry_id = await work_entry(store)
    token = await employer_link(store, entry_id)
    staff_id = await add_any_staff(store, role, active=active)
    async with store.session() as uow:
        with refused("error-employer-is-staff"):
            await work.report(uow, token, staff_id, LATER)
    async with store.session() as uow:
        with refused("error-employer-is-staff"):
            await work.confirm(uow, token, staff_id, "Staff Person", EMPLOYER_PHONE, LATER)
    await still_unconfirmed(store, entry_id)


async def test_account_that_became_staff_after_opening_cannot_confirm_work(store: Store) -> None:
    entry_id = await work_entry(store)
    token = await employer_link(store, entry_id)
    async with store.session() as uow:
        await work.report(uow, token, STAFF_ID, LATER)
    await add_any_staff(store, Role.EXPERT)
    async with store.session() as uow:
        with refused("error-employer-is-staff"):
            await work.confirm(uow, token, STAFF_ID, "Staff Person", EMPLOYER_PHONE, LATER)
    await still_unconfirmed(store, entry_id)


async def test_participant_keeps_their_own_employer_message(store: Store) -> None:
    entry_id = await work_entry(store)
    token = await employer_link(store, entry_id)
    async with store.session() as uow:
        with refused("error-employer-is-participant"):
            await work.confirm(uow, token, PARTICIPANT, "Абайұлы Нұрлан", PARTICIPANT_PHONE, LATER)
    await still_unconfirmed(store, entry_id)


@pytest.mark.parametrize("status", ["pending", "more_work"])
async def test_employer_confirmation_audited_without_a_status_change(store: Store, status: str) -> None:
    """The entry's audit names the employer's account; its status does not change (from = to) and the
    reason is fixed: never the employer's name or phone."""
    entry_id = await work_entry(store, status)
    token = await employer_link(store, entry_id)
    async with store.session() as uow:
        await work.confirm(uow, token, EMPLOYER_ID, EMPLOYER_NAME, EMPLOYER_PHONE, LATER)
    assert await trail(store, entry_id, entity="entry", reasons=True) == [
        (status, status, EMPLOYER_ID, "employer confirmed")
    ]
    assert (await stored(store, Entry, entry_id)).status == status
    reasons = " ".join(r.reason or "" for r in await all_rows(store, AuditRecord))
    assert EMPLOYER_NAME not in reasons and EMPLOYER_PHONE not in reasons
