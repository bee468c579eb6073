"""The scheduler's use cases: reminders due (R5.1, R7.1), mentors' digests (R7.2), escalations (R7.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core import digests, escalations, reminders
from core.notices import EntryOverdue, ReviewDigest, SessionReminder
from core.programme import Role
from storage.models import Staff, User
from tests.unit.usecases.conftest import (
    EXPERT,
    MENTOR,
    NOW,
    PARTICIPANT,
    POLICY,
    Store,
    add_entry,
    add_staff,
    change,
    participant,
)

TUESDAY_EVENING = datetime(2026, 12, 1, 12, 40, tzinfo=UTC)
"""17:40 in Almaty, 50 minutes before the 18:30 sessions of the test schedule (Tuesdays and Thursdays)."""


async def team(store: Store) -> int:
    await add_staff(store, EXPERT, Role.EXPERT, "Expert Person")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person", expert_id=EXPERT)
    return await participant(store, schedule=True)


async def test_a_reminder_per_direction_before_its_session(store: Store) -> None:
    """Within the lead time (60 minutes by default) each direction's session is announced, once per key."""
    app_id = await team(store)
    async with store.session() as uow:
        assert await reminders.queue_due(uow, TUESDAY_EVENING, POLICY, daily=False) == 3
    published = store.publisher.published
    assert {(n.direction, n.key) for n in published if isinstance(n, SessionReminder)} == {
        (d, f"session:{app_id}:{d}:2026-12-01") for d in ("sport", "talent", "reading")
    }
    store.publisher.published.clear()
    async with store.session() as uow:
        assert await reminders.queue_due(uow, TUESDAY_EVENING - timedelta(hours=2), POLICY, daily=False) == 0


async def test_paused_or_blocked_participants_get_no_session_reminder(store: Store) -> None:
    await team(store)
    await change(store, User, PARTICIPANT, reminders_off=["session"])
    async with store.session() as uow:
        assert await reminders.queue_due(uow, TUESDAY_EVENING, POLICY, daily=False) == 0
    await change(store, User, PARTICIPANT, reminders_off=[], blocked_at=NOW)
    async with store.session() as uow:
        assert await reminders.queue_due(uow, TUESDAY_EVENING, POLICY, daily=False) == 0


async def test_digest_counts_waiting_entries_per_participant_for_mentors_who_chose_it(store: Store) -> None:
    app_id = await team(store)
    for _ in range(2):
        await add_entry(store, app_id, "pending", step="confirm", submitted_at=NOW)
    async with store.session() as uow:
        assert await digests.queue_due(uow, NOW.date()) == 0
    await change(store, Staff, MENTOR, review_digest=True)
    async with store.session() as uow:
        assert await digests.queue_due(uow, NOW.date()) == 1
    assert store.publisher.published == [ReviewDigest(MENTOR, NOW.date(), (("Абайұлы Нұрлан", 2),))]


async def test_an_unreviewed_entry_reminds_the_mentor_then_reaches_the_expert(store: Store) -> None:
    """After REVIEW_DAYS (3) the mentor, after twice as long the expert (R7.3)."""
    app_id = await team(store)
    entry_id = await add_entry(store, app_id, "pending", step="confirm", submitted_at=NOW)
    async with store.session() as uow:
        assert await escalations.queue_due(uow, NOW + timedelta(days=2), POLICY) == 0
    async with store.session() as uow:
        await escalations.queue_due(uow, NOW + timedelta(days=4), POLICY)
    assert store.publisher.published == [EntryOverdue(MENTOR, entry_id, "mentor", NOW.date())]
    store.publisher.published.clear()
    async with store.session() as uow:
        await escalations.queue_due(uow, NOW + timedelta(days=7), POLICY)
    assert store.publisher.published == [
        EntryOverdue(MENTOR, entry_id, "mentor", NOW.date()),
        EntryOverdue(EXPERT, entry_id, "expert", NOW.date()),
    ]
