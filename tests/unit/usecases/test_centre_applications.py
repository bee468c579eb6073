"""A programme centre applies from the bot and an operator approves or refuses it there (R6.5): the form's
checks, one pending application per user, decisions made once, the approval that creates the centre and its
head and starts the agreement clock, the head's staff list, and the applicant's personal data."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from core import centre_applications as ca
from core import centres, personal_data
from core.notices import CentreApplied, CentreDecided, CentreUnsigned
from core.programme import Role
from core.workdays import add_working_days
from storage.models import Centre, CentreApplication, OutboxMessage, Staff
from tests.unit.usecases.conftest import (
    MENTOR,
    NOW,
    PARTICIPANT,
    POLICY,
    ZONE,
    Store,
    add_application,
    add_staff,
    add_user,
    all_rows,
    change,
    refused,
    stored,
)

APPLICANT, OTHER_APPLICANT, OPERATOR, SECOND_OPERATOR, HEAD = 2000, 2001, 500, 501, 400
BIN = "971240001315"
"""A real BIN whose check digit is right."""
FORM = ca.Form(
    organisation="Жастар орталығы «Болашақ»",
    region_code="astana",
    bin="9712 4000 1315",
    address="Астана, Мәңгілік Ел даңғылы, 8",
    contact_name="серікова айгүл",
    contact_phone="8 (701) 123-45-67",
)


@pytest.fixture
async def operators(store: Store) -> Store:
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator One")
    await add_staff(store, SECOND_OPERATOR, Role.OPERATOR, "Operator Two")
    await add_user(store, APPLICANT)
    await add_user(store, OTHER_APPLICANT)
    return store


async def apply(store: Store, user_id: int = APPLICANT, form: ca.Form = FORM) -> ca.Applied:
    async with store.session() as uow:
        return await ca.apply(uow, user_id, await uow.staff.get(user_id), form, NOW)


async def approve(store: Store, request_id: int, operator: int = OPERATOR) -> ca.Approved:
    async with store.session() as uow:
        return await ca.approve(uow, await uow.staff.get(operator), request_id, NOW, POLICY)


async def refuse(store: Store, request_id: int, reason: str | None, operator: int = OPERATOR) -> ca.Refused:
    async with store.session() as uow:
        return await ca.refuse(uow, await uow.staff.get(operator), request_id, reason, NOW)


async def sign(store: Store, centre_id: int, operator: int = OPERATOR) -> centres.Recorded:
    async with store.session() as uow:
        return await ca.mark_signed(uow, await uow.staff.get(operator), centre_id, NOW + timedelta(days=1))


# --- the form -------------------------------------------------------------------------------------


async def test_applying_stores_the_answers_and_tells_every_operator(operators: Store) -> None:
    applied = await apply(operators)

    request = await stored(operators, CentreApplication, applied.request.id)
    assert (request.user_id, request.status, request.organisation, request.region_code, request.bin) == (
        APPLICANT,
        "pending",
        "Жастар орталығы «Болашақ»",
        "astana",
        BIN,
    )
    assert (request.contact_name, request.contact_phone, request.created_at) == ("Серікова Айгүл", "+77011234567", NOW)
    assert operators.publisher.published == [
        CentreApplied(OPERATOR, request.id),
        CentreApplied(SECOND_OPERATOR, request.id),
    ]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("12345678901", "centre-error-bin"),
        ("1234567890123", "centre-error-bin"),
        ("97124000131X", "centre-error-bin"),
        ("٩٧١٢٤٠٠٠١٣١٥", "centre-error-bin"),
        ("971240001316", "centre-error-bin-checksum"),
    ],
)
def test_a_bin_is_twelve_digits_with_the_right_check_digit(value: str, key: str) -> None:
    with refused(key):
        ca.check_bin(value)


def test_a_bin_whose_first_check_is_ten_uses_the_second_weights() -> None:
    assert ca.check_bin("123456789013") == "123456789013"


@pytest.mark.parametrize("value", ["+7 701 123 45 67", "87011234567", "+7 (701) 123-45-67", "+44 20 7946 0958"])
def test_phones_are_typed_with_a_country_code(value: str) -> None:
    assert ca.check_phone(value).startswith("+")


@pytest.mark.parametrize("value", ["", "701 123", "call me", "+7 701 123 45 67 89 00 11", "+7 701 ١٢٣ 45 67"])
def test_a_phone_that_is_not_one_is_refused(value: str) -> None:
    with refused("centre-error-phone"):
        ca.check_phone(value)


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"organisation": "  "}, "error-text-expected"),
        ({"organisation": "AB"}, "error-text-too-short-min"),
        ({"organisation": "x" * 201}, "error-text-too-long"),
        ({"address": "x" * 301}, "error-text-too-long"),
        ({"contact_name": "Aigul"}, "centre-error-contact-name"),
        ({"contact_name": "R2 D2"}, "centre-error-contact-name"),
        ({"region_code": "atlantis"}, "error-bad-button"),
        ({"bin": "971240001316"}, "centre-error-bin-checksum"),
    ],
)
async def test_apply_checks_every_answer_again(operators: Store, changes: dict[str, str], key: str) -> None:
    """The answers wait in the conversation's state, which a client cannot be trusted with."""
    with refused(key):
        await apply(operators, form=replace(FORM, **changes))
    assert await all_rows(operators, CentreApplication) == []
    assert operators.publisher.published == []


async def test_one_pending_application_per_user(operators: Store) -> None:
    await apply(operators)
    with refused("centre-error-pending"):
        await apply(operators)
    assert len(await all_rows(operators, CentreApplication)) == 1


async def test_staff_and_participants_cannot_apply(operators: Store) -> None:
    await add_staff(operators, MENTOR, Role.MENTOR, "Mentor Person")
    await add_application(operators, PARTICIPANT, MENTOR)
    with refused("centre-error-staff"):
        await apply(operators, MENTOR)
    with refused("centre-error-participant"):
        await apply(operators, PARTICIPANT)


async def test_a_refused_applicant_may_apply_again(operators: Store) -> None:
    first = await apply(operators)
    await refuse(operators, first.request.id, "No premises yet")
    second = await apply(operators)
    assert second.request.id != first.request.id


# --- decisions ------------------------------------------------------------------------------------


async def test_approval_creates_the_centre_its_head_and_starts_the_clock(operators: Store) -> None:
    request_id = (await apply(operators)).request.id
    operators.publisher.published.clear()

    done = await approve(operators, request_id)

    deadline = add_working_days(NOW.astimezone(ZONE).date(), 10)
    assert done.deadline == deadline
    centre = await stored(operators, Centre, done.centre.id)
    assert (centre.code, centre.name_kk, centre.name_ru, centre.name_en, centre.region_code) == (
        "zhastar-ortalygy-bolashaq",
        "Жастар орталығы «Болашақ»",
        "Жастар орталығы «Болашақ»",
        "Жастар орталығы «Болашақ»",
        "astana",
    )
    assert (centre.approved_at, centre.agreement_signed_at, centre.active) == (NOW, None, True)
    head = await stored(operators, Staff, APPLICANT)
    assert (head.role, head.centre_id, head.full_name, head.active) == ("centre", centre.id, "Серікова Айгүл", True)
    request = await stored(operators, CentreApplication, request_id)
    assert (request.status, request.decided_by, request.decided_at, request.centre_id) == (
        "approved",
        OPERATOR,
        NOW,
        centre.id,
    )
    assert operators.publisher.published == [CentreDecided(APPLICANT, request_id, deadline)]


async def test_the_approved_centre_is_warned_and_retired_like_any_other(operators: Store) -> None:
    """The 10-working-day rule of `core.centres.unsigned` applies to a centre approved from the bot."""
    done = await approve(operators, (await apply(operators)).request.id)
    today = NOW.astimezone(ZONE).date()
    async with operators.session() as uow:
        warned = await centres.unsigned(uow, add_working_days(today, 7), ZONE)
    assert warned == [CentreUnsigned(APPLICANT, done.centre.id, False, done.deadline)]
    async with operators.session() as uow:
        lost = await centres.unsigned(uow, add_working_days(today, 11), ZONE)
        await uow.commit()
    assert {n.recipient for n in lost} == {APPLICANT, OPERATOR, SECOND_OPERATOR}
    assert not (await stored(operators, Centre, done.centre.id)).active


async def test_a_second_approval_or_a_refusal_after_it_changes_nothing(operators: Store) -> None:
    """A double click, or a second operator on the same application: "already decided", nothing twice."""
    request_id = (await apply(operators)).request.id
    await approve(operators, request_id)
    operators.publisher.published.clear()

    with refused("centre-error-decided"):
        await approve(operators, request_id, SECOND_OPERATOR)
    with refused("centre-error-decided"):
        await refuse(operators, request_id, "Changed my mind", SECOND_OPERATOR)

    assert len(await all_rows(operators, Centre)) == 2  # the test centre and the new one
    assert (await stored(operators, CentreApplication, request_id)).decided_by == OPERATOR
    assert operators.publisher.published == []


async def test_the_conditional_decision_lets_only_one_of_two_racing_operators_through(operators: Store) -> None:
    """Both read the application as pending; the statement that decides it lets one of them through."""
    request_id = (await apply(operators)).request.id
    async with operators.session() as first, operators.session() as second:
        assert (await ca.pending(first, await first.staff.get(OPERATOR), request_id)).status == "pending"
        assert (await ca.pending(second, await second.staff.get(SECOND_OPERATOR), request_id)).status == "pending"
        assert await first.centres.decide(request_id, "approved", OPERATOR, NOW) is not None
        await first.commit()
        assert await second.centres.decide(request_id, "refused", SECOND_OPERATOR, NOW, "No") is None


async def test_refusal_keeps_the_reason_and_tells_the_applicant(operators: Store) -> None:
    request_id = (await apply(operators)).request.id
    operators.publisher.published.clear()

    await refuse(operators, request_id, "  The BIN belongs to another organisation  ")

    request = await stored(operators, CentreApplication, request_id)
    assert (request.status, request.reason, request.decided_by) == (
        "refused",
        "The BIN belongs to another organisation",
        OPERATOR,
    )
    assert operators.publisher.published == [CentreDecided(APPLICANT, request_id)]
    assert await operators.get(Staff, APPLICANT) is None
    with refused("centre-error-decided"):
        await approve(operators, request_id)


@pytest.mark.parametrize(
    ("reason", "key"),
    [
        (None, "error-text-expected"),
        ("\u200b", "error-text-expected"),
        ("no", "error-text-too-short-min"),
        ("x" * 501, "error-text-too-long"),
    ],
)
async def test_a_refusal_needs_a_reason_of_sensible_length(operators: Store, reason: str | None, key: str) -> None:
    request_id = (await apply(operators)).request.id
    with refused(key):
        await refuse(operators, request_id, reason)
    assert (await stored(operators, CentreApplication, request_id)).status == "pending"


async def test_only_an_active_operator_decides(operators: Store) -> None:
    request_id = (await apply(operators)).request.id
    await add_staff(operators, MENTOR, Role.MENTOR, "Mentor Person")
    await add_staff(operators, HEAD, Role.CENTRE, "Centre Head")
    for who in (MENTOR, HEAD, OTHER_APPLICANT):
        with refused("error-not-allowed"):
            await approve(operators, request_id, who)
        with refused("error-not-allowed"):
            await refuse(operators, request_id, "Not for you", who)
        async with operators.session() as uow:
            with refused("error-not-allowed"):
                await ca.waiting(uow, await uow.staff.get(who))
    await change(operators, Staff, SECOND_OPERATOR, active=False)
    with refused("error-not-allowed"):
        await approve(operators, request_id, SECOND_OPERATOR)
    assert (await stored(operators, CentreApplication, request_id)).status == "pending"


async def test_a_forged_application_id_is_a_stale_button(operators: Store) -> None:
    with refused("error-stale-button"):
        await approve(operators, 987654)


async def test_an_applicant_who_joined_the_staff_meanwhile_cannot_become_a_head(operators: Store) -> None:
    request_id = (await apply(operators)).request.id
    async with operators.sessions() as session, session.begin():
        session.add(Staff(user_id=APPLICANT, role=Role.EXPERT.value, full_name="Expert Now"))
    with refused("centre-error-applicant-staff"):
        await approve(operators, request_id)
    assert (await stored(operators, CentreApplication, request_id)).status == "pending"
    assert len(await all_rows(operators, Centre)) == 1


async def test_the_operator_sees_pending_applications_oldest_first_and_unsigned_centres(operators: Store) -> None:
    approved = (await apply(operators)).request.id
    newer = (await apply(operators, OTHER_APPLICANT)).request.id
    await add_user(operators, PARTICIPANT)
    older = (await apply(operators, PARTICIPANT)).request.id
    await change(operators, CentreApplication, older, created_at=NOW - timedelta(days=2))
    centre_id = (await approve(operators, approved)).centre.id

    async with operators.session() as uow:
        found = await ca.waiting(uow, await uow.staff.get(OPERATOR))

    assert [r.id for r in found.applications] == [older, newer]
    assert [c.id for c in found.unsigned] == [centre_id]


# --- the centre's code ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Жастар орталығы «Болашақ»", "zhastar-ortalygy-bolashaq"),
        ("Центр «Юность» №1", "tsentr-iunost-no1"),
        ("Ұлттық ғылым, өнер және білім", "ulttyq-gylym-oner-zhane-bilim"),
        ("École Ünïversité", "ecole-universite"),
        ("«»!!", "centre"),
        ("Very long name of an organisation that goes on and on", "very-long-name-of-an-organisatio"),
    ],
)
def test_a_code_is_made_from_the_name(name: str, code: str) -> None:
    assert ca.code_stem(name) == code
    assert len(code) <= ca.CODE_LENGTH


async def test_a_taken_code_gets_the_first_free_number(operators: Store) -> None:
    async with operators.session() as uow:
        await uow.centres.add_centre("astana-youth-2", "Second", "astana")
        await uow.commit()
    async with operators.session() as uow:
        assert await ca.free_code(uow, "Astana Youth") == "astana-youth-3"
        assert await ca.free_code(uow, "Astana") == "astana"
        assert await ca.free_code(uow, "Astana_youth%") == "astana-youth-3"


async def test_two_organisations_of_the_same_name_get_two_centres(operators: Store) -> None:
    first = await approve(operators, (await apply(operators)).request.id)
    second = await approve(operators, (await apply(operators, OTHER_APPLICANT)).request.id)
    assert (first.centre.code, second.centre.code) == ("zhastar-ortalygy-bolashaq", "zhastar-ortalygy-bolashaq-2")


# --- the signed agreement -------------------------------------------------------------------------


async def test_the_operator_marks_the_agreement_signed_once(operators: Store) -> None:
    centre_id = (await approve(operators, (await apply(operators)).request.id)).centre.id
    with refused("error-not-allowed"):
        await sign(operators, centre_id, APPLICANT)

    await sign(operators, centre_id)

    assert (await stored(operators, Centre, centre_id)).agreement_signed_at == NOW + timedelta(days=1)
    with refused("centre-error-not-unsigned"):
        await sign(operators, centre_id)
    async with operators.session() as uow:
        assert await centres.unsigned(uow, add_working_days(NOW.date(), 11), ZONE) == []


async def test_a_centre_not_approved_or_retired_cannot_be_marked_signed(operators: Store) -> None:
    async with operators.sessions() as session:
        test_centre = await session.scalar(select(Centre.id).where(Centre.code == "astana-youth"))
    assert test_centre is not None
    with refused("centre-error-not-unsigned"):
        await sign(operators, test_centre)
    await change(operators, Centre, test_centre, approved_at=NOW - timedelta(days=30), active=False)
    with refused("centre-error-not-unsigned"):
        await sign(operators, test_centre)
    with refused("error-stale-button"):
        await sign(operators, 987654)


# --- the head's staff list ------------------------------------------------------------------------


async def test_a_head_sees_its_own_centres_staff_only(operators: Store) -> None:
    centre_id = (await approve(operators, (await apply(operators)).request.id)).centre.id
    await add_staff(operators, MENTOR, Role.MENTOR, "Mentor Elsewhere")
    await add_staff(operators, HEAD, Role.CENTRE, "Other Head")
    for user_id in (2100, 2101):
        await add_user(operators, user_id)
    async with operators.sessions() as session, session.begin():
        session.add(Staff(user_id=2100, role="mentor", full_name="Ours Active", centre_id=centre_id))
        session.add(Staff(user_id=2101, role="mentor", full_name="Ours Away", centre_id=centre_id, absent_since=NOW))

    async with operators.session() as uow:
        ours = await ca.our_staff(uow, await uow.staff.get(APPLICANT))
        theirs = await ca.our_staff(uow, await uow.staff.get(HEAD))

    assert [(m.full_name, m.role) for m in ours] == [
        ("Серікова Айгүл", "centre"),
        ("Ours Active", "mentor"),
        ("Ours Away", "mentor"),
    ]
    assert [m.full_name for m in theirs] == ["Other Head", "Mentor Elsewhere"]


async def test_only_a_centre_head_lists_a_centres_staff(operators: Store) -> None:
    await add_staff(operators, MENTOR, Role.MENTOR, "Mentor Person")
    for who in (MENTOR, OPERATOR, APPLICANT):
        async with operators.session() as uow:
            with refused("error-not-allowed"):
                await ca.our_staff(uow, await uow.staff.get(who))


# --- personal data --------------------------------------------------------------------------------


async def export_of(store: Store, user_id: int) -> dict[str, Any]:
    async with store.session() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        return await personal_data.export(uow, user)


async def erase(store: Store, user_id: int) -> None:
    async with store.session() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        await personal_data.erase(uow, user, NOW)


async def message_to_operator(store: Store, key: str, status: str) -> None:
    async with store.sessions() as session, session.begin():
        session.add(
            OutboxMessage(
                key=key,
                chat_id=OPERATOR,
                kind=CentreApplied.kind,
                method="sendMessage",
                params={"text": "Contact person: Серікова Айгүл, +77011234567"},
                status=status,
                not_before=NOW,
                created_at=NOW,
            )
        )


async def test_the_export_shows_the_contact_person_given(operators: Store) -> None:
    request_id = (await apply(operators)).request.id

    data = await export_of(operators, APPLICANT)

    [exported] = data["as_centre_applicant"]
    assert exported["id"] == request_id
    assert (exported["contact_name"], exported["contact_phone"], exported["status"]) == (
        "Серікова Айгүл",
        "+77011234567",
        "pending",
    )
    assert exported["organisation"] == "Жастар орталығы «Болашақ»"


async def test_erasure_deletes_a_pending_application_and_the_messages_naming_the_contact(operators: Store) -> None:
    await apply(operators)
    await message_to_operator(operators, "centre-applied:1:unsent", "pending")
    await message_to_operator(operators, "centre-applied:1:sent", "sent")

    await erase(operators, APPLICANT)

    assert await all_rows(operators, CentreApplication) == []
    rows = {r.key: r for r in await all_rows(operators, OutboxMessage)}
    assert set(rows) == {"centre-applied:1:sent"}
    assert (rows["centre-applied:1:sent"].params, rows["centre-applied:1:sent"].purged_at) == ({}, NOW)


async def test_erasure_keeps_a_decided_application_without_the_contact(operators: Store) -> None:
    request_id = (await apply(operators)).request.id
    await refuse(operators, request_id, "No premises yet")

    await erase(operators, APPLICANT)

    request = await stored(operators, CentreApplication, request_id)
    assert (request.user_id, request.contact_name, request.contact_phone) == (None, None, None)
    assert (request.status, request.organisation, request.bin, request.reason) == (
        "refused",
        "Жастар орталығы «Болашақ»",
        BIN,
        "No premises yet",
    )
