"""A submitted entry (core/reviews.py): the mentor's decision (R5.3), the participant's appeal and the
expert's arbitration (R6.3), each re-checked on the server and written to the audit trail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from core import reviews
from core.errors import IllegalTransition, NotAllowed
from core.notices import AppealDecided, AppealToArbiter, EntryDecided
from core.programme import Role
from storage.models import Application, Entry, Staff, User
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER,
    OTHER_EXPERT,
    OTHER_MENTOR,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_entry,
    add_staff,
    change,
    participant,
    refused,
    stored,
    trail,
)

LONE_MENTOR = 12
LATER = NOW + timedelta(hours=3)
REASONS = {"kk": "Фото анық емес", "ru": "Фото нечёткое", "en": "The photo is blurry"}


@pytest.fixture(autouse=True)
async def team(store: Store) -> None:
    """Two experts, the regional coordinator, the participant's mentor, a colleague and a mentor without
    an expert; the participant is active with MENTOR."""
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator Person", region_code="astana")
    await add_staff(store, EXPERT, Role.EXPERT, "Expert Person")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Other Expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other Mentor", expert_id=EXPERT)
    await add_staff(store, LONE_MENTOR, Role.MENTOR, "Lone Mentor")
    await participant(store)


async def app_of(store: Store, user_id: int) -> int:
    async with store.sessions() as session:
        app_id = await session.scalar(select(Application.id).where(Application.user_id == user_id))
        assert app_id is not None
        return app_id


async def submitted(
    store: Store, status: str, *, user_id: int = PARTICIPANT, kind: str = "session", **values: Any
) -> int:
    """A submitted entry of the participant, already in `status`."""
    return await add_entry(
        store,
        await app_of(store, user_id),
        status,
        direction="work" if kind == "work" else "sport",
        kind=kind,
        step="confirm",
        activity_date=NOW.date() - timedelta(days=1),
        minutes=60,
        text="Training",
        submitted_at=NOW - timedelta(days=1),
        **values,
    )


async def decide(
    store: Store, staff_id: int | None, entry_id: int, decision: str, reason: reviews.Reason | None
) -> reviews.Reviewed:
    async with store.session() as uow:
        staff = await uow.staff.get(staff_id) if staff_id is not None else None
        return await reviews.decide(uow, staff, entry_id, decision, reason, LATER, POLICY)


async def arbitrate(store: Store, arbiter_id: int, entry_id: int, overturn: bool, reason: str) -> reviews.Reviewed:
    async with store.session() as uow:
        arbiter = await uow.staff.get(arbiter_id)
        return await reviews.arbitrate(uow, arbiter, entry_id, overturn, reason, LATER, POLICY)


async def appeal(store: Store, user_id: int, entry_id: int, reason: str = "The video shows the whole run") -> Any:
    async with store.session() as uow:
        return await reviews.appeal(uow, user_id, entry_id, reason, LATER)


# --- the mentor's decision ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "reason", "status"),
    [
        ("approve", None, "approved"),
        ("approve", "Well done", "approved"),
        ("reject", "Not a training session", "rejected"),
        ("more", "Add the distance", "more_work"),
    ],
)
async def test_decide(store: Store, decision: str, reason: str | None, status: str) -> None:
    """R5.3: approve, reject or ask for more; stored with who and when, audited, the participant told."""
    entry_id = await submitted(store, "pending")
    result = await decide(store, MENTOR, entry_id, decision, reason)
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.decided_at, entry.decided_by, entry.reason) == (status, LATER, MENTOR, reason)
    assert await trail(store, entry_id, entity="entry", reasons=True) == [("pending", status, MENTOR, reason)]
    assert result.notices == (EntryDecided(PARTICIPANT, entry_id, status),)
    assert store.publisher.published == list(result.notices)


@pytest.mark.parametrize("decision", ["reject", "more"])
@pytest.mark.parametrize("reason", [None, ""])
async def test_reject_and_more_need_a_reason(store: Store, decision: str, reason: str | None) -> None:
    entry_id = await submitted(store, "pending")
    with refused("error-reason-required"):
        await decide(store, MENTOR, entry_id, decision, reason)
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.decided_at, entry.reason) == ("pending", None, None)
    assert await trail(store, entry_id, entity="entry", reasons=True) == []
    assert store.publisher.published == []


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_common_reason_in_the_participants_language(store: Store, locale: str) -> None:
    """A reason chosen by button is stored and sent in the participant's language."""
    await change(store, User, PARTICIPANT, locale=locale)
    entry_id = await submitted(store, "pending")
    asked: list[str] = []

    def reason(language: str) -> str:
        asked.append(language)
        return REASONS[language]

    await decide(store, MENTOR, entry_id, "reject", reason)
    assert asked == [locale]
    assert (await stored(store, Entry, entry_id)).reason == REASONS[locale]
    assert await trail(store, entry_id, entity="entry", reasons=True) == [
        ("pending", "rejected", MENTOR, REASONS[locale])
    ]


async def test_second_decision_refused(store: Store) -> None:
    """A second click, or an old message's buttons, changes nothing."""
    entry_id = await submitted(store, "pending")
    await decide(store, MENTOR, entry_id, "approve", None)
    with refused("error-already-decided"):
        await decide(store, MENTOR, entry_id, "reject", "Changed my mind")
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.reason) == ("approved", None)
    assert len(await trail(store, entry_id, entity="entry", reasons=True)) == 1
    assert len(store.publisher.published) == 1


@pytest.mark.parametrize(
    "staff_id", [OTHER_MENTOR, EXPERT, COORDINATOR, None], ids=["other-mentor", "expert", "coordinator", "nobody"]
)
async def test_only_the_acting_mentor_decides(store: Store, staff_id: int | None) -> None:
    """R6.2: while the mentor is present, nobody else decides, whatever the button claims."""
    entry_id = await submitted(store, "pending")
    with pytest.raises(NotAllowed):
        await decide(store, staff_id, entry_id, "approve", None)
    assert (await stored(store, Entry, entry_id)).status == "pending"
    assert store.publisher.published == []


async def test_inactive_mentor_refused(store: Store) -> None:
    await change(store, Staff, MENTOR, active=False)
    entry_id = await submitted(store, "pending")
    with pytest.raises(NotAllowed):
        await decide(store, MENTOR, entry_id, "approve", None)
    assert (await stored(store, Entry, entry_id)).status == "pending"


@pytest.mark.parametrize("substitute", [EXPERT, OTHER_MENTOR], ids=["expert", "chosen-mentor"])
async def test_whoever_acts_for_an_absent_mentor_decides(store: Store, substitute: int) -> None:
    """R6.2: while the mentor is away, their expert or the mentor the expert chose reviews."""
    await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=2), substitute_id=substitute)
    entry_id = await submitted(store, "pending")
    await decide(store, substitute, entry_id, "more", "Add the distance")
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.decided_by) == ("more_work", substitute)
    assert await trail(store, entry_id, entity="entry", reasons=True) == [
        ("pending", "more_work", substitute, "Add the distance")
    ]


async def test_unknown_decision_and_unknown_entry(store: Store) -> None:
    entry_id = await submitted(store, "pending")
    with refused("error-bad-button"):
        await decide(store, MENTOR, entry_id, "maybe", "Hmm")
    with pytest.raises(NotAllowed):
        await decide(store, MENTOR, entry_id + 1000, "approve", None)
    assert (await stored(store, Entry, entry_id)).status == "pending"


async def test_work_report_approved_only_after_the_employer_confirmed(store: Store) -> None:
    """R5.2: a work report cannot be approved until the employer has confirmed it."""
    entry_id = await submitted(store, "pending", kind="work")
    with refused("error-employer-not-confirmed"):
        await decide(store, MENTOR, entry_id, "approve", None)
    assert (await stored(store, Entry, entry_id)).status == "pending"
    await change(store, Entry, entry_id, employer_confirmed_at=NOW, employer_name="Boss", employer_phone="+7701")
    await decide(store, MENTOR, entry_id, "approve", None)
    assert (await stored(store, Entry, entry_id)).status == "approved"


async def test_unconfirmed_work_report_may_still_be_sent_back(store: Store) -> None:
    entry_id = await submitted(store, "pending", kind="work")
    await decide(store, MENTOR, entry_id, "more", "Ask your employer to confirm")
    assert (await stored(store, Entry, entry_id)).status == "more_work"


# --- the participant's appeal ------------------------------------------------------------------------


async def test_appeal_goes_to_the_mentors_expert(store: Store) -> None:
    """R6.3: a rejection is appealed to the expert supervising the mentor; the escalation clock starts."""
    entry_id = await submitted(store, "rejected", reason="Not training")
    result = await appeal(store, PARTICIPANT, entry_id, "It was a real session")
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.appeal_reason, entry.appealed_at) == ("appealed", "It was a real session", LATER)
    assert entry.reason == "Not training"
    assert await trail(store, entry_id, entity="entry", reasons=True) == [
        ("rejected", "appealed", PARTICIPANT, "It was a real session")
    ]
    assert result.notices == (AppealToArbiter(EXPERT, entry_id),)
    assert store.publisher.published == list(result.notices)


async def test_appeal_goes_to_the_coordinator_acting_for_an_absent_expert(store: Store) -> None:
    await change(store, Staff, EXPERT, absent_since=NOW - timedelta(days=1), substitute_id=COORDINATOR)
    entry_id = await submitted(store, "rejected", reason="Not training")
    result = await appeal(store, PARTICIPANT, entry_id)
    assert result.notices == (AppealToArbiter(COORDINATOR, entry_id),)


async def test_appeal_recorded_when_the_mentor_has_no_expert(store: Store) -> None:
    """Nobody to tell yet: the appeal is still stored and waits."""
    await add_application(store, OTHER, LONE_MENTOR, status="active", activated_at=NOW - timedelta(days=30))
    entry_id = await submitted(store, "rejected", user_id=OTHER, reason="Not training")
    result = await appeal(store, OTHER, entry_id)
    assert result.notices == ()
    assert store.publisher.published == []
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.appealed_at) == ("appealed", LATER)


async def test_appeal_of_another_participants_entry(store: Store) -> None:
    """Only the participant's own entry: a forged button changes nothing."""
    await add_application(store, OTHER, MENTOR, status="active", activated_at=NOW - timedelta(days=30))
    entry_id = await submitted(store, "rejected", user_id=OTHER, reason="Not training")
    with refused("error-bad-button"):
        await appeal(store, PARTICIPANT, entry_id)
    assert (await stored(store, Entry, entry_id)).status == "rejected"
    assert store.publisher.published == []


@pytest.mark.parametrize("status", ["pending", "approved", "more_work", "appealed", "upheld"])
async def test_only_a_rejection_is_appealed(store: Store, status: str) -> None:
    entry_id = await submitted(store, status)
    async with store.session() as uow:
        with refused("error-stale-button"):
            await reviews.check_appealable(uow, PARTICIPANT, entry_id)
    with pytest.raises(IllegalTransition):
        await appeal(store, PARTICIPANT, entry_id)
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.appealed_at) == (status, None)
    assert await trail(store, entry_id, entity="entry", reasons=True) == []
    assert store.publisher.published == []


# --- the arbitration ---------------------------------------------------------------------------------


async def appealed_entry(store: Store) -> int:
    return await submitted(
        store, "appealed", reason="Not training", appeal_reason="It was", appealed_at=NOW - timedelta(days=1)
    )


@pytest.mark.parametrize(("overturn", "status"), [(True, "overturned"), (False, "upheld")])
async def test_expert_arbitrates(store: Store, overturn: bool, status: str) -> None:
    """R6.3: the mentor's expert upholds or overturns with a reason; participant and mentor are told."""
    entry_id = await appealed_entry(store)
    result = await arbitrate(store, EXPERT, entry_id, overturn, "Looked at the video")
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.arbiter_reason, entry.decided_at) == (status, "Looked at the video", LATER)
    assert await trail(store, entry_id, entity="entry", reasons=True) == [
        ("appealed", status, EXPERT, "Looked at the video")
    ]
    assert result.notices == (AppealDecided(PARTICIPANT, entry_id), AppealDecided(MENTOR, entry_id))
    assert store.publisher.published == list(result.notices)


@pytest.mark.parametrize(
    "arbiter_id",
    [OTHER_EXPERT, COORDINATOR, MENTOR],
    ids=["other-expert", "coordinator-while-expert-present", "mentor"],
)
async def test_only_the_mentors_expert_arbitrates(store: Store, arbiter_id: int) -> None:
    entry_id = await appealed_entry(store)
    with pytest.raises(NotAllowed):
        await arbitrate(store, arbiter_id, entry_id, True, "Overturned")
    assert (await stored(store, Entry, entry_id)).status == "appealed"
    assert store.publisher.published == []


async def test_coordinator_arbitrates_for_an_absent_expert(store: Store) -> None:
    """R6.3: while the expert is away, the regional coordinator acting for them decides appeals."""
    await change(store, Staff, EXPERT, absent_since=NOW - timedelta(days=1), substitute_id=COORDINATOR)
    entry_id = await appealed_entry(store)
    result = await arbitrate(store, COORDINATOR, entry_id, True, "The session was real")
    assert (await stored(store, Entry, entry_id)).status == "overturned"
    assert await trail(store, entry_id, entity="entry", reasons=True) == [
        ("appealed", "overturned", COORDINATOR, "The session was real")
    ]
    assert result.notices == (AppealDecided(PARTICIPANT, entry_id), AppealDecided(MENTOR, entry_id))


async def test_second_arbitration_refused(store: Store) -> None:
    entry_id = await appealed_entry(store)
    await arbitrate(store, EXPERT, entry_id, False, "Fair rejection")
    with refused("error-already-decided"):
        await arbitrate(store, EXPERT, entry_id, True, "On second thoughts")
    entry = await stored(store, Entry, entry_id)
    assert (entry.status, entry.arbiter_reason) == ("upheld", "Fair rejection")
    assert len(await trail(store, entry_id, entity="entry", reasons=True)) == 1


async def test_arbitration_of_an_entry_not_appealed(store: Store) -> None:
    entry_id = await submitted(store, "rejected", reason="Not training")
    with refused("error-already-decided"):
        await arbitrate(store, EXPERT, entry_id, True, "Overturned")
    assert (await stored(store, Entry, entry_id)).status == "rejected"
