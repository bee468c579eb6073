"""The application after the form (`core/applications.py`): submission and its review deadline (R2.6), the
legal representative's consent (R2.5), withdrawal, and progress (R8.3)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from core import applications
from core.errors import DomainError, IllegalTransition
from core.notices import GuardianConfirmed, NewApplication
from core.ports import ApplicationRecord, UnitOfWork
from core.programme import Direction, Role
from storage.models import Application, OneTimeLink, Staff
from tests.unit.usecases.conftest import (
    EXPERT,
    MENTOR,
    NOW,
    OTHER,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_staff,
    add_user,
    change,
    stored,
    trail,
)

GUARDIAN = 701
MINOR_BIRTH = date(2010, 5, 15)
"""16 on NOW: a minor, old enough for Bronze."""
ByApp = Callable[[UnitOfWork, int, int], Awaitable[ApplicationRecord]]


async def submitted_minor(store: Store) -> tuple[int, str]:
    """A minor's application waiting for the legal representative, and the token of the link."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft", birth=MINOR_BIRTH)
    async with store.session() as uow:
        result = await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    assert result.guardian_payload is not None
    return app_id, result.guardian_payload.removeprefix("g_")


# --- submit ---------------------------------------------------------------------------------------


async def test_submit_adult_goes_to_the_mentor(store: Store) -> None:
    """An adult's application goes straight to review with a deadline 14 Kazakhstan working days away
    (16 December is a holiday) and the mentor is told (R2.6, R7.2)."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft")
    async with store.session() as uow:
        result = await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert app.status == "under_review"
    assert app.review_deadline == date(2026, 12, 21)
    assert (app.submitted_at, app.agreement_accepted_at, app.guardian_required) == (NOW, NOW, False)
    assert await trail(store, app_id) == [
        ("draft", "submitted", PARTICIPANT),
        ("submitted", "under_review", PARTICIPANT),
    ]
    assert result.guardian_payload is None
    assert result.notices == (NewApplication(MENTOR, app_id, "under_review"),)
    assert store.publisher.published == list(result.notices)


async def test_submit_while_mentor_absent_tells_whoever_acts(store: Store) -> None:
    """While the chosen mentor is absent, the one acting for them (their expert) is told (R6.2, R7.2)."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert One")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One", expert_id=EXPERT)
    async with store.sessions() as session, session.begin():
        mentor = await session.get(Staff, MENTOR)
        assert mentor is not None
        mentor.absent_since, mentor.substitute_id = NOW - timedelta(days=2), EXPERT
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft")
    async with store.session() as uow:
        result = await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    assert result.notices == (NewApplication(EXPERT, app_id, "under_review"),)
    assert store.publisher.published == [NewApplication(EXPERT, app_id, "under_review")]


async def test_submit_minor_waits_for_the_guardian(store: Store) -> None:
    """A minor's application waits for the legal representative: a one-time "g_" link, nobody told yet (R2.5)."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft", birth=MINOR_BIRTH)
    async with store.session() as uow:
        result = await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.status, app.guardian_required) == ("consent_pending", True)
    assert app.review_deadline == date(2026, 12, 21)
    assert result.guardian_payload is not None and result.guardian_payload.startswith("g_")
    assert result.notices == ()
    assert store.publisher.published == []
    assert await trail(store, app_id) == [
        ("draft", "submitted", PARTICIPANT),
        ("submitted", "consent_pending", PARTICIPANT),
    ]
    async with store.sessions() as session:
        links = list(await session.scalars(select(OneTimeLink)))
    assert [(link.purpose, link.payload, link.expires_at) for link in links] == [
        ("guardian", {"application_id": app_id}, NOW + POLICY.consent_ttl)
    ]


@pytest.mark.parametrize(
    ("step", "field", "value", "key"),
    [
        ("review", "phone", None, "error-application-incomplete"),
        ("review", "photo_file_id", None, "error-application-incomplete"),
        ("review", "mentor_id", None, "error-application-incomplete"),
        ("review", "pd_consent_at", None, "error-application-incomplete"),
        ("mentor", None, None, "error-stale-button"),
    ],
)
async def test_submit_refusals(store: Store, step: str, field: str | None, value: object, key: str) -> None:
    """Only a complete draft on its review screen is submitted; nothing changes otherwise (R2.6)."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft")
    async with store.sessions() as session, session.begin():
        row = await session.get(Application, app_id)
        assert row is not None
        row.step = step
        if field is not None:
            setattr(row, field, value)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    assert caught.value.key == key
    app = await stored(store, Application, app_id)
    assert (app.status, app.submitted_at) == ("draft", None)
    assert await trail(store, app_id) == []
    assert store.publisher.published == []


async def test_submit_level_too_young_is_refused(store: Store) -> None:
    """The level is checked again against the age on the day of submission (R3.1): Silver from 15."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft", birth=date(2012, 5, 15), level="silver")
    await change(store, Application, app_id, longer_direction="sport")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    assert caught.value.key == "error-level-too-young"
    assert (await stored(store, Application, app_id)).status == "draft"


async def test_submit_twice_is_stale(store: Store) -> None:
    """A second press of the submit button finds no draft."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="draft")
    async with store.session() as uow:
        await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.submit(uow, PARTICIPANT, NOW, POLICY)
    assert caught.value.key == "error-stale-button"
    assert len(await trail(store, app_id)) == 2


# --- the legal representative ---------------------------------------------------------------------


async def test_guardian_confirms_and_the_application_goes_to_review(store: Store) -> None:
    """The legal representative's confirmation sends the application to review; the participant and the
    mentor are told (R2.5, R7.2)."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        app, link = await applications.guardian_application(uow, token, GUARDIAN, NOW)
        assert (app.id, link.payload) == (app_id, {"application_id": app_id})
    async with store.session() as uow:
        result = await applications.confirm_guardian(uow, token, GUARDIAN, "Абайұлы Ерлан", "+77015550000", NOW)
    assert result.notices == (GuardianConfirmed(PARTICIPANT, app_id), NewApplication(MENTOR, app_id, "under_review"))
    assert store.publisher.published == list(result.notices)
    app = await stored(store, Application, app_id)
    assert app.status == "under_review"
    assert (app.guardian_user_id, app.guardian_name, app.guardian_phone, app.guardian_confirmed_at) == (
        GUARDIAN,
        "Абайұлы Ерлан",
        "+77015550000",
        NOW,
    )
    assert (await trail(store, app_id))[-1] == ("consent_pending", "under_review", GUARDIAN)
    async with store.sessions() as session:
        link_row = await session.scalar(select(OneTimeLink))
    assert link_row is not None
    assert (link_row.used_at, link_row.used_by) == (NOW, GUARDIAN)


async def test_guardian_link_works_once(store: Store) -> None:
    """A one-time link: its second use is refused, whoever tries it."""
    _, token = await submitted_minor(store)
    async with store.session() as uow:
        await applications.confirm_guardian(uow, token, GUARDIAN, "Абайұлы Ерлан", "+77015550000", NOW)
    for guardian in (GUARDIAN, 702):
        async with store.session() as uow:
            with pytest.raises(DomainError) as caught:
                await applications.confirm_guardian(uow, token, guardian, "Other Person", "+77015550001", NOW)
        assert caught.value.key == "error-link-used"
    assert len(store.publisher.published) == 2


@pytest.mark.parametrize(
    ("later", "key"),
    [
        (POLICY.consent_ttl - timedelta(seconds=1), None),
        (POLICY.consent_ttl, "error-link-expired"),
        (POLICY.consent_ttl + timedelta(days=1), "error-link-expired"),
    ],
)
async def test_guardian_link_expires_after_consent_ttl(store: Store, later: timedelta, key: str | None) -> None:
    """The link lives for the consent TTL (168 hours by default)."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        if key is None:
            await applications.confirm_guardian(uow, token, GUARDIAN, "Абайұлы Ерлан", "+77015550000", NOW + later)
        else:
            with pytest.raises(DomainError) as caught:
                await applications.confirm_guardian(uow, token, GUARDIAN, "Абайұлы Ерлан", "+77015550000", NOW + later)
            assert caught.value.key == key
    assert (await stored(store, Application, app_id)).status == ("under_review" if key is None else "consent_pending")


async def test_participant_cannot_be_own_guardian(store: Store) -> None:
    """The participant opening their own link is refused (R2.5)."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.confirm_guardian(uow, token, PARTICIPANT, "Абайұлы Нұрлан", "+77010000000", NOW)
    assert caught.value.key == "error-guardian-is-participant"
    app = await stored(store, Application, app_id)
    assert (app.status, app.guardian_user_id) == ("consent_pending", None)
    assert store.publisher.published == []


async def test_forged_or_withdrawn_guardian_link_is_invalid(store: Store) -> None:
    """A token nobody issued, or the link of a withdrawn application, is invalid."""
    app_id, token = await submitted_minor(store)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.guardian_application(uow, "not-a-token", GUARDIAN, NOW)
    assert caught.value.key == "error-link-invalid"
    async with store.session() as uow:
        await applications.withdraw(uow, PARTICIPANT, app_id)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.guardian_application(uow, token, GUARDIAN, NOW)
    assert caught.value.key == "error-link-invalid"


async def test_renew_guardian_link_ends_the_old_one(store: Store) -> None:
    """A fresh link for the legal representative; the older one stops working."""
    app_id, old = await submitted_minor(store)
    renewed = NOW + timedelta(hours=1)
    async with store.session() as uow:
        payload = await applications.renew_guardian_link(uow, PARTICIPANT, app_id, renewed, POLICY)
    assert payload.startswith("g_")
    new = payload.removeprefix("g_")
    assert new != old
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.confirm_guardian(uow, old, GUARDIAN, "Абайұлы Ерлан", "+77015550000", renewed)
    assert caught.value.key == "error-link-expired"
    async with store.session() as uow:
        await applications.confirm_guardian(uow, new, GUARDIAN, "Абайұлы Ерлан", "+77015550000", renewed)
    assert (await stored(store, Application, app_id)).status == "under_review"


async def test_renew_guardian_link_refusals(store: Store) -> None:
    """Only the participant renews, and only while consent is pending."""
    app_id, _ = await submitted_minor(store)
    await add_user(store, OTHER)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.renew_guardian_link(uow, OTHER, app_id, NOW, POLICY)
    assert caught.value.key == "error-bad-button"
    await change(store, Application, app_id, status="under_review")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await applications.renew_guardian_link(uow, PARTICIPANT, app_id, NOW, POLICY)
    assert caught.value.key == "error-consent-not-pending"
    async with store.sessions() as session:
        assert len(list(await session.scalars(select(OneTimeLink)))) == 1


# --- withdrawal -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "withdrawable"),
    [
        ("submitted", True),
        ("consent_pending", True),
        ("under_review", True),
        ("active", True),
        ("completed", False),
        ("awarded", False),
        ("rejected", False),
        ("withdrawn", False),
    ],
)
async def test_withdrawable_by_status(store: Store, status: str, withdrawable: bool) -> None:
    """An application can be withdrawn from submission until it is completed or decided."""
    app_id = await add_application(store, PARTICIPANT, None, status=status, activated_at=NOW)
    async with store.session() as uow:
        if withdrawable:
            assert (await applications.withdrawable(uow, PARTICIPANT, app_id)).id == app_id
        else:
            with pytest.raises(DomainError) as caught:
                await applications.withdrawable(uow, PARTICIPANT, app_id)
            assert caught.value.key == "error-stale-button"


async def test_withdraw_own_application(store: Store) -> None:
    """Withdrawal ends the application, leaves an audit row, and frees the participant to apply again."""
    app_id = await add_application(store, PARTICIPANT, None)
    async with store.session() as uow:
        await applications.withdraw(uow, PARTICIPANT, app_id)
    assert (await stored(store, Application, app_id)).status == "withdrawn"
    assert await trail(store, app_id) == [("under_review", "withdrawn", PARTICIPANT)]
    async with store.session() as uow:
        assert await uow.applications.open_of(PARTICIPANT) is None


async def test_withdraw_twice_is_an_illegal_transition(store: Store) -> None:
    """A second click on the confirmation is refused by the state machine and changes nothing."""
    app_id = await add_application(store, PARTICIPANT, None)
    async with store.session() as uow:
        await applications.withdraw(uow, PARTICIPANT, app_id)
    async with store.session() as uow:
        with pytest.raises(IllegalTransition):
            await applications.withdraw(uow, PARTICIPANT, app_id)
    assert await trail(store, app_id) == [("under_review", "withdrawn", PARTICIPANT)]
    assert await trail(store, app_id) == [("under_review", "withdrawn", PARTICIPANT)]


@pytest.mark.parametrize("use_case", [applications.withdrawable, applications.withdraw])
async def test_withdraw_another_users_application_is_refused(store: Store, use_case: ByApp) -> None:
    """A button naming someone else's application, or none at all, is forged."""
    app_id = await add_application(store, PARTICIPANT, None)
    await add_user(store, OTHER)
    for user_id, target in ((OTHER, app_id), (PARTICIPANT, app_id + 1000)):
        async with store.session() as uow:
            with pytest.raises(DomainError) as caught:
                await use_case(uow, user_id, target)
        assert caught.value.key == "error-bad-button"
    assert (await stored(store, Application, app_id)).status == "under_review"
    assert await trail(store, app_id) == []


# --- progress -------------------------------------------------------------------------------------


async def test_progress_of_active_application_without_entries(store: Store) -> None:
    """No approved entry yet: every direction the participant takes is at 0% (R8.3)."""
    app_id = await add_application(
        store,
        PARTICIPANT,
        None,
        status="active",
        activated_at=NOW - timedelta(days=10),
        directions=("sport", "talent", "reading", "volunteering"),
    )
    async with store.session() as uow:
        app = await uow.applications.get(app_id)
        assert app is not None
        percents = await applications.progress_of(uow, app, POLICY)
    assert percents == {Direction.SPORT: 0, Direction.TALENT: 0, Direction.READING: 0, Direction.VOLUNTEERING: 0}


async def test_progress_of_application_not_started_is_refused(store: Store) -> None:
    """Progress counts from activation; before it there is none."""
    app_id = await add_application(store, PARTICIPANT, None)
    async with store.session() as uow:
        app = await uow.applications.get(app_id)
        assert app is not None
        with pytest.raises(DomainError) as caught:
            await applications.progress_of(uow, app, POLICY)
    assert caught.value.key == "diary-not-active"
