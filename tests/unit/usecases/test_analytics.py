"""Figures (core/analytics.py, R8.3, R8.4): progress rows written with the change that moves them, and a
mentor's figures over their own participants only."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from core import analytics, reviews, schedule
from core.applications import progress_of
from core.errors import NotAllowed
from core.programme import Role
from storage.models import Application, Staff
from storage.repositories import figures as figures_repository
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
    stored,
)

STARTED = NOW - timedelta(days=30)
FOREIGN_MENTOR, OPERATOR = 110, 400
THIRD = 1002
SILVER = 1003


@pytest.fixture(autouse=True)
async def team(store: Store) -> None:
    """EXPERT supervises MENTOR and OTHER_MENTOR (the Astana centre); OTHER_EXPERT supervises FOREIGN_MENTOR,
    who has no centre, and works in Almaty; Astana's coordinator; the operator."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Other expert", region_code="almaty-city")
    await add_staff(store, FOREIGN_MENTOR, Role.MENTOR, "Foreign mentor", expert_id=OTHER_EXPERT, with_centre=False)
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator", region_code="astana")
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator")


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
    assert (await stored(store, Application, app_id)).rating == 2, "the personal rating floored: 7 // 3"
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
    assert {f.name: (f.participants, f.rating) for f in found.levels} == {"bronze": (1, 5), "silver": (1, 0)}
    assert (await mentor_figures(store, OTHER_MENTOR)).participants == 1


async def test_only_a_mentor_has_mentor_figures(store: Store) -> None:
    with pytest.raises(NotAllowed):
        await mentor_figures(store, EXPERT)
    await change(store, Staff, MENTOR, active=False)
    with pytest.raises(NotAllowed):
        await mentor_figures(store, MENTOR)


async def test_an_expert_sees_their_mentors_participants_and_how_many_mentors(store: Store) -> None:
    mine = await active(store, PARTICIPANT)
    await active(store, OTHER, mentor_id=OTHER_MENTOR)
    await active(store, THIRD, mentor_id=FOREIGN_MENTOR)
    await decide(store, await session_in_week(store, mine, 0), "approve")
    async with store.session() as uow:
        found = await analytics.expert_figures(uow, await uow.staff.get(EXPERT))
        other = await analytics.expert_figures(uow, await uow.staff.get(OTHER_EXPERT))
    assert (found.mentors, found.team.participants) == (2, 2)
    assert {f.direction: f.average for f in found.team.directions}["sport"] == 3
    assert (other.mentors, other.team.participants) == (1, 1), "another expert's mentors stay theirs"


async def test_a_coordinator_sees_their_region_only(store: Store) -> None:
    """The region's participants are those who live there; its experts, those working there (their own region
    or their mentors' centres)."""
    await active(store, PARTICIPANT)
    elsewhere = await active(store, OTHER)
    await change(store, Application, elsewhere, region_code="almaty-city")
    async with store.session() as uow:
        found = await analytics.coordinator_figures(uow, await uow.staff.get(COORDINATOR), NOW)
    assert (found.region.code, found.team.participants, found.experts) == ("astana", 1, 1)


async def test_the_operator_sees_the_whole_programme(store: Store) -> None:
    first = await active(store, PARTICIPANT)
    second = await active(store, OTHER, mentor_id=FOREIGN_MENTOR)
    await change(store, Application, second, region_code="almaty-city")
    await add_application(store, THIRD, MENTOR, status="under_review")
    await decide(store, await session_in_week(store, first, 0), "approve")
    async with store.session() as uow:
        found = await analytics.national_figures(uow, await uow.staff.get(OPERATOR), NOW)
    counted = found.programme
    assert (counted.team.participants, counted.as_of) == (2, NOW)
    assert counted.applications == {"active": 2, "under_review": 1}
    assert found.staff == {"mentor": 3, "expert": 2, "coordinator": 1, "operator": 1}
    assert {g.name: (g.participants, g.rating) for g in counted.regions} == {"astana": (1, 2), "almaty-city": (1, 0)}
    assert {"astana", "almaty-city"} <= set(found.region_names)


async def test_the_operators_counts_come_from_the_snapshot_the_tick_makes_again(store: Store) -> None:
    """Counting every application takes a fifth of a second at 100,000, so the operator reads the snapshot the
    figures tick keeps: a change shows after the next tick (or once the snapshot is stale), while staff and the
    backlog are counted live."""
    first = await active(store, PARTICIPANT)
    await decide(store, await session_in_week(store, first, 0), "approve")
    async with store.session() as uow:
        await analytics.national_figures(uow, await uow.staff.get(OPERATOR), NOW)
    await active(store, OTHER, mentor_id=FOREIGN_MENTOR)
    await change(store, Staff, FOREIGN_MENTOR, active=False)

    async def seen(at: datetime) -> analytics.NationalFigures:
        async with store.session() as uow:
            return await analytics.national_figures(uow, await uow.staff.get(OPERATOR), at)

    kept = await seen(NOW + timedelta(minutes=5))
    assert (kept.programme.team.participants, kept.programme.as_of) == (1, NOW), "as of the first count"
    assert [g.rating for g in kept.programme.team.levels] == [2]
    assert kept.staff["mentor"] == 2, "staff are counted live"

    async with store.session() as uow:
        await analytics.refresh_snapshot(uow, NOW + timedelta(minutes=6))
    ticked = await seen(NOW + timedelta(minutes=7))
    assert (ticked.programme.team.participants, ticked.programme.as_of) == (2, NOW + timedelta(minutes=6))
    assert ticked.programme.applications == {"active": 2}

    await active(store, THIRD)
    stale = NOW + timedelta(minutes=6) + analytics.SNAPSHOT_STALE
    assert (await seen(stale)).programme.team.participants == 3, "a stale snapshot is made again when read"
    assert (await seen(stale + timedelta(minutes=1))).programme.as_of == stale, "and kept"


@pytest.mark.parametrize(
    ("figures_of", "allowed"),
    [
        (analytics.expert_figures, EXPERT),
        (analytics.coordinator_figures, COORDINATOR),
        (analytics.national_figures, OPERATOR),
    ],
)
async def test_each_role_has_its_own_figures_only(store: Store, figures_of: object, allowed: int) -> None:
    assert callable(figures_of)
    at = () if figures_of is analytics.expert_figures else (NOW,)
    for user_id in (MENTOR, EXPERT, COORDINATOR, OPERATOR):
        async with store.session() as uow:
            if user_id == allowed:
                await figures_of(uow, await uow.staff.get(user_id), *at)
            else:
                with pytest.raises(NotAllowed):
                    await figures_of(uow, await uow.staff.get(user_id), *at)


async def waiting_since(store: Store, app_id: int, days: int) -> None:
    await add_entry(store, app_id, "pending", step="confirm", submitted_at=NOW - timedelta(days=days))


async def decided_after(store: Store, app_id: int, mentor_id: int, hours: int, days_ago: int = 1) -> None:
    decided = NOW - timedelta(days=days_ago)
    await add_entry(
        store,
        app_id,
        "approved",
        step="confirm",
        submitted_at=decided - timedelta(hours=hours),
        decided_at=decided,
        decided_by=mentor_id,
    )


@pytest.mark.parametrize("walk", [1000, 1])
async def test_the_review_backlog_shows_the_longest_waits_first_by_region(
    store: Store, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R8.4: a slow mentor is seen before anyone waits weeks: how many entries wait, since when, and the
    mentor's median time to review over the last 30 days (older decisions do not count). The same when the
    waiting entries are walked one at a time."""
    monkeypatch.setattr(figures_repository, "WALK", walk)
    mine, colleague, foreign = (
        await active(store, PARTICIPANT),
        await active(store, OTHER, mentor_id=OTHER_MENTOR),
        await active(store, THIRD, mentor_id=FOREIGN_MENTOR),
    )
    await waiting_since(store, mine, 2)
    await waiting_since(store, colleague, 5)
    await waiting_since(store, colleague, 1)
    await waiting_since(store, foreign, 9)
    for hours in (2, 4, 10):
        await decided_after(store, colleague, OTHER_MENTOR, hours)
    await decided_after(store, colleague, OTHER_MENTOR, 500, days_ago=40)
    for hours in (3, 1):
        await decided_after(store, mine, MENTOR, hours)
    async with store.session() as uow:
        region = await analytics.coordinator_figures(uow, await uow.staff.get(COORDINATOR), NOW)
        national = await analytics.national_figures(uow, await uow.staff.get(OPERATOR), NOW)

    assert [(b.mentor_id, b.waiting, (NOW - b.oldest).days) for b in region.backlog] == [
        (OTHER_MENTOR, 2, 5),
        (MENTOR, 1, 2),
    ], "FOREIGN_MENTOR has no centre in Astana"
    assert [b.median_review for b in region.backlog] == [timedelta(hours=4), timedelta(hours=1)], "the lower middle"
    assert [b.mentor_id for b in national.backlog] == [FOREIGN_MENTOR, OTHER_MENTOR, MENTOR]
