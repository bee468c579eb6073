"""Programme centres' agreements (R6.5), the operator's retry of failed messages (R6.6), and who may act
as a participant's mentor or as an appeal's arbiter (R6.2, R6.3)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from core import access, centres
from core import outbox as outbox_use_cases
from core.errors import DomainError, NotAllowed
from core.notices import CentreUnsigned, Notice
from core.programme import ApplicationStatus, Role
from core.workdays import add_working_days
from storage.models import Centre, OutboxMessage, Staff
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER_EXPERT,
    OTHER_MENTOR,
    PARTICIPANT,
    POLICY,
    THIRD_MENTOR,
    ZONE,
    Store,
    add_application,
    add_staff,
    change,
)

CODE = "astana-youth"
HEAD, OPERATOR = 400, 500


async def centre(store: Store) -> Centre:
    async with store.sessions() as session:
        row = await session.scalar(select(Centre).where(Centre.code == CODE))
        assert row is not None
        return row


async def change_centre(store: Store, **values: Any) -> None:
    async with store.sessions() as session, session.begin():
        await session.execute(update(Centre).where(Centre.code == CODE).values(**values))


async def approve(store: Store, code: str = CODE) -> centres.Recorded:
    async with store.session() as uow:
        return await centres.approve(uow, code, NOW, POLICY)


async def sign(store: Store, code: str = CODE) -> centres.Recorded:
    async with store.session() as uow:
        return await centres.signed(uow, code, NOW + timedelta(days=1))


# --- centres --------------------------------------------------------------------------------------


async def test_approval_starts_ten_working_days_to_sign(store: Store) -> None:
    """R6.5: approving sets approved_at and gives a deadline 10 Kazakhstan working days later."""
    recorded = await approve(store)

    assert recorded == centres.Recorded(CODE, add_working_days(NOW.astimezone(ZONE).date(), 10))
    row = await centre(store)
    assert (row.approved_at, row.agreement_signed_at, row.active) == (NOW, None, True)


async def test_approving_again_starts_over(store: Store) -> None:
    """R6.5: a centre that lost its registration is approved anew: active, unsigned, a new deadline."""
    await change_centre(store, active=False, approved_at=NOW - timedelta(days=60), agreement_signed_at=NOW)

    await approve(store)

    row = await centre(store)
    assert (row.approved_at, row.agreement_signed_at, row.active) == (NOW, None, True)


async def test_unknown_centre(store: Store) -> None:
    """R6.5: an operator's typo names no centre."""
    for action in (approve, sign):
        with pytest.raises(DomainError) as error:
            await action(store, "nowhere")
        assert (error.value.key, error.value.params) == ("error-no-centre", {"code": "nowhere"})


async def test_signed_after_approval(store: Store) -> None:
    """R6.5: the agreement's signature is recorded; the centre then leaves the unsigned list."""
    await approve(store)

    assert await sign(store) == centres.Recorded(CODE, None)

    assert (await centre(store)).agreement_signed_at == NOW + timedelta(days=1)


async def test_signed_before_approval_is_refused(store: Store) -> None:
    """R6.5: a signature needs an approval first; nothing is recorded."""
    with pytest.raises(DomainError) as error:
        await sign(store)

    assert error.value.key == "error-centre-not-approved"
    assert (await centre(store)).agreement_signed_at is None


async def unsigned(store: Store, working_days: int) -> list[Notice]:
    """The tick `working_days` working days after the approval, committed as the scheduler does."""
    today = add_working_days(NOW.astimezone(ZONE).date(), working_days)
    async with store.session() as uow:
        notices = await centres.unsigned(uow, today, ZONE)
        await uow.commit(notices)
    return notices


@pytest.fixture
async def approved(store: Store) -> Store:
    """The Astana centre approved at NOW, with a head, an operator, and an operator no longer active."""
    await add_staff(store, HEAD, Role.CENTRE, "Head")
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator")
    await add_staff(store, 501, Role.OPERATOR, "Former operator")
    await change(store, Staff, 501, active=False)
    await approve(store)
    return store


@pytest.mark.parametrize(
    "working_days, recipients, lost",
    [
        pytest.param(1, [], None, id="1-day"),
        pytest.param(6, [], None, id="6-days"),
        pytest.param(7, [HEAD], False, id="7-days-warning"),
        pytest.param(10, [HEAD], False, id="deadline-day-warning"),
        pytest.param(11, [HEAD, OPERATOR], True, id="past-deadline-lost"),
    ],
)
async def test_unsigned_centre(approved: Store, working_days: int, recipients: list[int], lost: bool | None) -> None:
    """R6.5: warned after 7 working days; after the 10th (the last day to sign) it loses its registration
    and its heads and the operators are told."""
    cid = (await centre(approved)).id
    deadline = add_working_days(NOW.astimezone(ZONE).date(), 10)

    notices = await unsigned(approved, working_days)

    assert notices == [CentreUnsigned(r, cid, bool(lost), deadline) for r in recipients]
    assert (await centre(approved)).active is not lost


async def test_a_lost_centre_is_not_warned_again(approved: Store) -> None:
    """R6.5: once deactivated the centre is no longer among the unsigned ones."""
    await unsigned(approved, 11)

    assert await unsigned(approved, 12) == []
    assert (await centre(approved)).active is False


async def test_a_signed_centre_is_left_alone(approved: Store) -> None:
    """R6.5: no warning, no loss, once the agreement is signed."""
    await sign(approved)

    assert await unsigned(approved, 7) == []
    assert await unsigned(approved, 30) == []
    assert (await centre(approved)).active is True


# --- outbox ---------------------------------------------------------------------------------------


async def add_row(store: Store, key: str, status: str, attempts: int = 0) -> None:
    async with store.sessions() as session, session.begin():
        session.add(
            OutboxMessage(
                key=key,
                chat_id=PARTICIPANT,
                kind="news",
                method="sendMessage",
                params={"text": key},
                status=status,
                attempts=attempts,
                not_before=NOW - timedelta(days=1),
                created_at=NOW - timedelta(days=1),
                error="Bad Request: chat not found" if status == "failed" else None,
            )
        )


async def retry(store: Store) -> int:
    async with store.session() as uow:
        return await outbox_use_cases.retry_failed(uow, NOW)


async def test_retry_failed_requeues_failed_rows(store: Store) -> None:
    """R6.6: failed rows are pending again, due now, with a fresh count of attempts; others are untouched."""
    await add_row(store, "failed-1", "failed", attempts=5)
    await add_row(store, "failed-2", "failed", attempts=1)
    await add_row(store, "sent", "sent", attempts=1)
    await add_row(store, "dropped", "dropped")
    await add_row(store, "pending", "pending", attempts=2)

    assert await retry(store) == 2

    async with store.sessions() as session:
        rows = {r.key: r for r in await session.scalars(select(OutboxMessage))}
    for key in ("failed-1", "failed-2"):
        assert (rows[key].status, rows[key].attempts, rows[key].not_before, rows[key].error) == (
            "pending",
            0,
            NOW,
            None,
        )
    assert {k: (r.status, r.attempts) for k, r in rows.items() if not k.startswith("failed")} == {
        "sent": ("sent", 1),
        "dropped": ("dropped", 0),
        "pending": ("pending", 2),
    }


async def test_retry_with_nothing_failed(store: Store) -> None:
    """R6.6: nothing to retry is reported as zero and changes nothing."""
    await add_row(store, "sent", "sent", attempts=1)

    assert await retry(store) == 0

    async with store.sessions() as session:
        assert [(r.status, r.attempts) for r in await session.scalars(select(OutboxMessage))] == [("sent", 1)]


# --- acting mentor --------------------------------------------------------------------------------


@pytest.fixture
async def team(store: Store) -> Store:
    """An expert with three mentors, another expert with one, the coordinator, and a participant of MENTOR."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert", region_code="astana")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Other expert", region_code="astana")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other mentor", expert_id=EXPERT)
    await add_staff(store, THIRD_MENTOR, Role.MENTOR, "Third mentor", expert_id=EXPERT)
    await add_staff(store, 110, Role.MENTOR, "Foreign mentor", expert_id=OTHER_EXPERT)
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator", region_code="astana")
    await add_application(store, PARTICIPANT, MENTOR, status="under_review")
    return store


async def away(store: Store, user_id: int, substitute: int) -> None:
    await change(store, Staff, user_id, absent_since=NOW, substitute_id=substitute)


async def may_act(store: Store, staff_id: int) -> bool:
    """Whether this staff member may act as the participant's mentor; the only refusal is NotAllowed."""
    async with store.session() as uow:
        app = await uow.applications.open_of(PARTICIPANT)
        try:
            result = await access.check_acting_mentor(uow, await uow.staff.get(staff_id), app)
        except NotAllowed:
            return False
        assert result is app
        return True


async def test_the_assigned_mentor_acts(team: Store) -> None:
    """R6.2: the assigned mentor, and nobody else while they are present."""
    assert await may_act(team, MENTOR)
    for other in (OTHER_MENTOR, EXPERT, COORDINATOR, 110, 9999):
        assert not await may_act(team, other), other


async def test_an_inactive_mentor_may_not_act(team: Store) -> None:
    """R6.2: a staff member who left is refused, even on their own participant."""
    await change(team, Staff, MENTOR, active=False)

    assert not await may_act(team, MENTOR)


async def test_no_application_or_no_staff_is_refused(team: Store) -> None:
    async with team.session() as uow:
        with pytest.raises(NotAllowed):
            await access.check_acting_mentor(uow, await uow.staff.get(MENTOR), None)
        with pytest.raises(NotAllowed):
            await access.check_acting_mentor(uow, None, await uow.applications.open_of(PARTICIPANT))


async def test_while_absent_the_expert_acts_and_the_mentor_still_may(team: Store) -> None:
    """R6.2: absence moves the duty, it does not lock the absent mentor out."""
    await away(team, MENTOR, EXPERT)

    assert await may_act(team, EXPERT)
    assert await may_act(team, MENTOR)
    assert not await may_act(team, OTHER_MENTOR)
    assert not await may_act(team, COORDINATOR)


async def test_while_absent_the_chosen_mentor_acts(team: Store) -> None:
    """R6.2: the mentor the expert handed the participants to acts; another mentor does not."""
    await away(team, MENTOR, OTHER_MENTOR)

    assert await may_act(team, OTHER_MENTOR)
    assert await may_act(team, MENTOR)
    assert not await may_act(team, THIRD_MENTOR)


async def test_acting_follows_the_chain_of_absences(team: Store) -> None:
    """R6.2, R6.3: the absent mentor's expert is absent too, so their coordinator acts (as does the expert)."""
    await away(team, MENTOR, EXPERT)
    await away(team, EXPERT, COORDINATOR)

    assert await may_act(team, COORDINATOR)
    assert await may_act(team, EXPERT)
    assert not await may_act(team, OTHER_MENTOR)


async def test_the_chosen_mentor_away_passes_on_to_their_expert(team: Store) -> None:
    """R6.2: the chosen mentor is absent in turn, so whoever acts for them acts for both."""
    await away(team, MENTOR, OTHER_MENTOR)
    await away(team, OTHER_MENTOR, EXPERT)

    assert await may_act(team, EXPERT)
    assert await may_act(team, OTHER_MENTOR)
    assert not await may_act(team, THIRD_MENTOR)


async def test_an_inactive_substitute_may_not_act(team: Store) -> None:
    """R6.2: whoever acts must be active staff themselves."""
    await away(team, MENTOR, OTHER_MENTOR)
    await change(team, Staff, OTHER_MENTOR, active=False)

    assert not await may_act(team, OTHER_MENTOR)


async def test_mentored_application_checks_the_status(team: Store) -> None:
    """A button made for another status than the application's is stale; an unknown application refused."""
    async with team.session() as uow:
        mentor = await uow.staff.get(MENTOR)
        other = await uow.staff.get(OTHER_MENTOR)
        current = await uow.applications.open_of(PARTICIPANT)
        assert current is not None
        app_id = current.id

        assert (await access.mentored_application(uow, mentor, app_id, ApplicationStatus.UNDER_REVIEW)).id == app_id
        assert (await access.mentored_application(uow, mentor, app_id)).id == app_id
        with pytest.raises(DomainError) as error:
            await access.mentored_application(uow, mentor, app_id, ApplicationStatus.ACTIVE)
        assert error.value.key == "error-stale-button"
        with pytest.raises(NotAllowed):
            await access.mentored_application(uow, mentor, app_id + 100, ApplicationStatus.UNDER_REVIEW)
        with pytest.raises(NotAllowed):
            await access.mentored_application(uow, other, app_id, ApplicationStatus.UNDER_REVIEW)


# --- arbiter --------------------------------------------------------------------------------------


async def may_arbitrate(store: Store, arbiter_id: int, mentor_id: int = MENTOR) -> bool:
    async with store.session() as uow:
        try:
            await access.check_arbiter(uow, await uow.staff.get(arbiter_id), await uow.staff.get(mentor_id))
        except NotAllowed:
            return False
        return True


async def test_the_mentors_expert_arbitrates(team: Store) -> None:
    """R6.3: appeals against a mentor's decision go to that mentor's expert only."""
    assert await may_arbitrate(team, EXPERT)
    for other in (OTHER_EXPERT, COORDINATOR, MENTOR, OTHER_MENTOR, 9999):
        assert not await may_arbitrate(team, other), other


async def test_the_coordinator_arbitrates_for_an_absent_expert(team: Store) -> None:
    """R6.3: while the expert is away the coordinator acting for them arbitrates; the expert still may."""
    await away(team, EXPERT, COORDINATOR)

    assert await may_arbitrate(team, COORDINATOR)
    assert await may_arbitrate(team, EXPERT)
    assert not await may_arbitrate(team, OTHER_EXPERT)


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param({"staff": EXPERT, "active": False}, id="inactive-expert"),
        pytest.param({"staff": MENTOR, "expert_id": None}, id="mentor-without-expert"),
    ],
)
async def test_arbitration_refused(team: Store, setup: dict[str, Any]) -> None:
    """R6.3: a former expert, or a mentor nobody supervises, leaves no one the right to arbitrate."""
    staff_id = setup.pop("staff")
    await change(team, Staff, staff_id, **setup)

    assert not await may_arbitrate(team, EXPERT)


async def test_arbitration_refused_without_a_mentor(team: Store) -> None:
    assert not await may_arbitrate(team, EXPERT, mentor_id=9999)
