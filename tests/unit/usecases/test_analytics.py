"""Figures (core/analytics.py, R8.3, R8.4): progress rows written with the change that moves them, and a
mentor's figures over their own participants only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import analytics, reviews, schedule
from core.applications import progress_of
from core.errors import NotAllowed
from core.programme import Role
from storage.models import Application, Staff
from tests.unit.usecases.conftest import (
    EXPERT,
    MENTOR,
    NOW,
    OTHER,
    OTHER_MENTOR,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_entry,
    add_staff,
    change,
    stored,
)

STARTED = NOW - timedelta(days=30)
THIRD = 1002
SILVER = 1003


@pytest.fixture(autouse=True)
async def team(store: Store) -> None:
    await add_staff(store, EXPERT, Role.EXPERT, "Expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other mentor", expert_id=EXPERT)


async def active(store: Store, user_id: int, mentor_id: int = MENTOR, level: str = "bronze") -> int:
    app_id = await add_application(store, user_id, mentor_id, status="active", activated_at=STARTED, level=level)
    if level != "bronze":
        await change(store, Application, app_id, longer_direction="sport")
    async with store.session() as uow:
        app = await uow.applications.get(app_id)
        assert app is not None
        await analytics.start(uow, app, STARTED)
        await uow.commit()
    return app_id


async def session_in_week(store: Store, app_id: int, week: int, status: str = "pending") -> int:
    """An hour of sport in the participation's `week` (0: the first), submitted for review."""
    day = STARTED.astimezone(POLICY.zone).date() + timedelta(days=7 * week + 1)
    return await add_entry(
        store, app_id, status, direction="sport", kind="session", step="confirm", activity_date=day, minutes=60
    )


async def decide(store: Store, entry_id: int, decision: str, reason: str | None = None) -> None:
    async with store.session() as uow:
        await reviews.decide(uow, await uow.staff.get(MENTOR), entry_id, decision, reason, NOW, POLICY)


async def figures(store: Store, app_id: int) -> dict[str, int]:
    async with store.session() as uow:
        return await uow.figures.of(app_id)


async def mentor_figures(store: Store, mentor_id: int) -> analytics.TeamFigures:
    async with store.session() as uow:
        return await analytics.mentor_figures(uow, await uow.staff.get(mentor_id))


async def test_activation_starts_every_direction_at_zero(store: Store) -> None:
    app_id = await add_application(store, PARTICIPANT, MENTOR, schedule=True)
    async with store.session() as uow:
        await schedule.activate(uow, await uow.staff.get(MENTOR), app_id, NOW)
    assert await figures(store, app_id) == {"sport": 0, "talent": 0, "reading": 0}


async def test_an_approval_rewrites_the_figures_a_rejection_does_not(store: Store) -> None:
    """R8.3: one week of 13 covered is 7% of Bronze sport; the figures equal what the diary says."""
    app_id = await active(store, PARTICIPANT)
    await decide(store, await session_in_week(store, app_id, 0), "approve")
    assert await figures(store, app_id) == {"sport": 7, "talent": 0, "reading": 0}
    await decide(store, await session_in_week(store, app_id, 1), "reject", "Not a training")
    assert await figures(store, app_id) == {"sport": 7, "talent": 0, "reading": 0}
    await decide(store, await session_in_week(store, app_id, 2), "approve")
    async with store.session() as uow:
        computed = await progress_of(uow, await stored(store, Application, app_id), POLICY)
    assert (
        await figures(store, app_id)
        == {d.value: p for d, p in computed.items()}
        == {
            "sport": 15,
            "talent": 0,
            "reading": 0,
        }
    )


async def test_an_overturned_appeal_counts_in_the_figures(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    entry_id = await session_in_week(store, app_id, 0, status="appealed")
    async with store.session() as uow:
        await reviews.arbitrate(uow, await uow.staff.get(EXPERT), entry_id, True, "The watch shows it", NOW, POLICY)
    assert (await figures(store, app_id))["sport"] == 7


async def test_applications_without_figures_get_them_in_batches(store: Store) -> None:
    """Participants activated before figures were kept: filled from their diary, the rest left alone."""
    first = await add_application(store, PARTICIPANT, MENTOR, status="active", activated_at=STARTED)
    second = await add_application(store, OTHER, MENTOR, status="active", activated_at=STARTED)
    await add_application(store, THIRD, MENTOR, status="under_review")
    await session_in_week(store, first, 0, status="approved")
    async with store.session() as uow:
        assert await analytics.fill_missing(uow, POLICY, NOW, limit=1) == 1
    assert await figures(store, first) == {"sport": 7, "talent": 0, "reading": 0}
    assert await figures(store, second) == {}
    async with store.session() as uow:
        assert await analytics.fill_missing(uow, POLICY, NOW) == 1
    async with store.session() as uow:
        assert await analytics.fill_missing(uow, POLICY, NOW) == 0
    assert await figures(store, second) == {"sport": 0, "talent": 0, "reading": 0}


async def test_a_mentor_sees_their_own_participants_only(store: Store) -> None:
    """R8.4: the count, the mean completion per direction and the mean rating per level; another mentor's
    participant and an application not active are left out."""
    mine = await active(store, PARTICIPANT)
    await active(store, SILVER, level="silver")
    theirs = await active(store, OTHER, mentor_id=OTHER_MENTOR)
    await add_application(store, THIRD, MENTOR, status="under_review")
    for week in (0, 1):
        await decide(store, await session_in_week(store, mine, week), "approve")
    await session_in_week(store, theirs, 0, status="approved")

    found = await mentor_figures(store, MENTOR)

    assert found.participants == 2
    by_direction = {f.direction: (f.participants, f.average) for f in found.directions}
    assert by_direction == {"sport": (2, 7), "talent": (2, 0), "reading": (2, 0)}, "(15 + 0) // 2"
    assert {f.level: (f.participants, f.rating) for f in found.levels} == {"bronze": (1, 5), "silver": (1, 0)}
    assert (await mentor_figures(store, OTHER_MENTOR)).participants == 1


async def test_only_a_mentor_has_mentor_figures(store: Store) -> None:
    with pytest.raises(NotAllowed):
        await mentor_figures(store, EXPERT)
    await change(store, Staff, MENTOR, active=False)
    with pytest.raises(NotAllowed):
        await mentor_figures(store, MENTOR)
