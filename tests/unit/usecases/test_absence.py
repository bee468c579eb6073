"""Absence of staff (R6.2, R6.3): who takes over, who is told, and how everything goes back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from core import absence, reviews
from core.errors import DomainError, NotAllowed
from core.notices import StaffAbsent, StaffBack, SubstituteChosen, SubstituteReleased
from core.programme import Role
from storage.models import Entry, Staff
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER_EXPERT,
    OTHER_MENTOR,
    POLICY,
    THIRD_MENTOR,
    Store,
    add_application,
    add_entry,
    add_staff,
    change,
    stored,
)

LATER = NOW + timedelta(days=3)


@pytest.fixture
async def team(store: Store) -> Store:
    """An expert with three mentors in the Astana centre, another expert with one, and Astana's coordinator."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Other expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other mentor", expert_id=EXPERT)
    await add_staff(store, THIRD_MENTOR, Role.MENTOR, "Third mentor", expert_id=EXPERT)
    await add_staff(store, 110, Role.MENTOR, "Foreign mentor", expert_id=OTHER_EXPERT)
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator", region_code="astana")
    return store


async def go(store: Store, user_id: int) -> absence.Changed:
    async with store.session() as uow:
        staff = await uow.staff.get(user_id)
        assert staff is not None
        return await absence.go(uow, staff, NOW)


async def keep(store: Store, expert_id: int, mentor_id: int) -> absence.Changed:
    async with store.session() as uow:
        expert = await uow.staff.get(expert_id)
        assert expert is not None
        return await absence.keep(uow, expert, mentor_id)


async def hand(store: Store, expert_id: int, mentor_id: int, to: int) -> absence.Changed:
    async with store.session() as uow:
        expert = await uow.staff.get(expert_id)
        assert expert is not None
        return await absence.hand(uow, expert, mentor_id, to)


async def back(store: Store, user_id: int) -> absence.Changed:
    async with store.session() as uow:
        staff = await uow.staff.get(user_id)
        assert staff is not None
        return await absence.back(uow, staff)


async def next_appeal(store: Store, arbiter_id: int, expert_id: int) -> tuple[int | None, int]:
    async with store.session() as uow:
        entry, waiting = await reviews.next_appeal(uow, await uow.staff.get(arbiter_id), expert_id)
        return (entry.id if entry else None, waiting)


async def arbitrate(store: Store, arbiter_id: int, entry_id: int) -> tuple[int, int]:
    async with store.session() as uow:
        done = await reviews.arbitrate(
            uow, await uow.staff.get(arbiter_id), entry_id, True, "The route shows it", NOW, POLICY
        )
        return done.expert_id, done.waiting


async def handed_in(store: Store, app_id: int, status: str) -> int:
    """An entry the participant handed in two days ago, already in `status` (appealed yesterday if so)."""
    appealed_at = NOW - timedelta(days=1) if status == "appealed" else None
    return await add_entry(
        store, app_id, status, step="done", submitted_at=NOW - timedelta(days=2), appealed_at=appealed_at
    )


# --- going away -----------------------------------------------------------------------------------


async def test_an_absent_mentor_passes_to_their_expert(team: Store) -> None:
    """R6.2: the mentor's expert acts from now on and is told, with the moment the absence began."""
    changed = await go(team, MENTOR)

    assert changed.substitute is not None and changed.substitute.user_id == EXPERT
    assert changed.notices == (StaffAbsent(EXPERT, MENTOR, NOW),)
    assert team.publisher.published == [StaffAbsent(EXPERT, MENTOR, NOW)]
    mentor = await stored(team, Staff, MENTOR)
    assert (mentor.absent_since, mentor.substitute_id) == (NOW, EXPERT)


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param({"expert_id": None}, id="no-expert"),
        pytest.param({"expert_inactive": True}, id="expert-inactive"),
    ],
)
async def test_a_mentor_without_an_active_expert_cannot_go(team: Store, setup: dict[str, Any]) -> None:
    """R6.2: nobody to take over, so the absence is refused and nothing changes."""
    if setup.get("expert_inactive"):
        await change(team, Staff, EXPERT, active=False)
    else:
        await change(team, Staff, MENTOR, expert_id=None)

    with pytest.raises(DomainError) as error:
        await go(team, MENTOR)

    assert error.value.key == "absence-no-substitute-mentor"
    mentor = await stored(team, Staff, MENTOR)
    assert (mentor.absent_since, mentor.substitute_id) == (None, None)
    assert team.publisher.published == []


async def test_going_away_twice_is_a_stale_button(team: Store) -> None:
    """A second "I am away" click changes nothing and tells no one again."""
    await go(team, MENTOR)

    with pytest.raises(DomainError) as error:
        await go(team, MENTOR)

    assert error.value.key == "error-stale-button"
    assert len(team.publisher.published) == 1
    assert (await stored(team, Staff, MENTOR)).absent_since == NOW


@pytest.mark.parametrize("region_code", ["astana", None], ids=["own-region", "mentors-centre-region"])
async def test_an_absent_expert_passes_to_the_regional_coordinator(team: Store, region_code: str | None) -> None:
    """R6.3: the coordinator of the expert's region (or of their mentors' centres' region) takes over."""
    await change(team, Staff, EXPERT, region_code=region_code)

    changed = await go(team, EXPERT)

    assert changed.notices == (StaffAbsent(COORDINATOR, EXPERT, NOW),)
    expert = await stored(team, Staff, EXPERT)
    assert (expert.absent_since, expert.substitute_id) == (NOW, COORDINATOR)


async def test_appeals_already_waiting_are_counted_for_the_coordinator(team: Store) -> None:
    """R6.3: the coordinator is told once how many appeals wait for the absent expert (not sent each one),
    and opens them oldest first; other entries and other experts' appeals are not counted."""
    app_id = await add_application(team, 1000, MENTOR, status="active")
    other_app = await add_application(team, 1001, OTHER_MENTOR, status="active")
    foreign_app = await add_application(team, 1002, 110, status="active")
    later = await handed_in(team, app_id, "appealed")
    await change(team, Entry, later, appealed_at=NOW - timedelta(hours=2))
    oldest = await handed_in(team, other_app, "appealed")
    await handed_in(team, app_id, "pending")
    await handed_in(team, app_id, "upheld")
    await handed_in(team, foreign_app, "appealed")

    changed = await go(team, EXPERT)

    assert changed.notices == (StaffAbsent(COORDINATOR, EXPERT, NOW, appeals=2),)
    assert team.publisher.published == list(changed.notices)
    assert await next_appeal(team, COORDINATOR, EXPERT) == (oldest, 2)
    assert await next_appeal(team, EXPERT, EXPERT) == (oldest, 2), "the absent expert is not locked out"
    with pytest.raises(NotAllowed):
        await next_appeal(team, OTHER_EXPERT, EXPERT)
    with pytest.raises(NotAllowed):
        await next_appeal(team, MENTOR, EXPERT)


async def test_an_arbitration_says_how_many_appeals_still_wait(team: Store) -> None:
    """After each decision the arbiter is offered the next appeal of the same expert, until none is left."""
    app_id = await add_application(team, 1000, MENTOR, status="active")
    first, second = await handed_in(team, app_id, "appealed"), await handed_in(team, app_id, "appealed")
    await go(team, EXPERT)

    assert await arbitrate(team, COORDINATOR, first) == (EXPERT, 1)
    assert await next_appeal(team, COORDINATOR, EXPERT) == (second, 1)
    assert await arbitrate(team, COORDINATOR, second) == (EXPERT, 0)
    assert await next_appeal(team, COORDINATOR, EXPERT) == (None, 0)


async def test_an_expert_without_a_coordinator_cannot_go(team: Store) -> None:
    """R6.3: with no active coordinator in the region the absence is refused and nothing changes."""
    await change(team, Staff, COORDINATOR, active=False)

    with pytest.raises(DomainError) as error:
        await go(team, EXPERT)

    assert error.value.key == "absence-no-substitute-expert"
    assert (await stored(team, Staff, EXPERT)).absent_since is None
    assert team.publisher.published == []


# --- keep and hand over ---------------------------------------------------------------------------


async def test_the_expert_keeps_the_participants(team: Store) -> None:
    """R6.2: keeping is the default after going away; nobody else acted, so no one is released."""
    await go(team, MENTOR)

    changed = await keep(team, EXPERT, MENTOR)

    assert changed.notices == ()
    assert (await stored(team, Staff, MENTOR)).substitute_id == EXPERT


async def test_keeping_releases_the_mentor_who_acted(team: Store) -> None:
    """R6.2: the expert takes back over from a mentor they had chosen, who is told so."""
    await go(team, MENTOR)
    await hand(team, EXPERT, MENTOR, OTHER_MENTOR)

    changed = await keep(team, EXPERT, MENTOR)

    assert changed.notices == (SubstituteReleased(OTHER_MENTOR, MENTOR),)
    assert changed.substitute is not None and changed.substitute.user_id == EXPERT
    mentor = await stored(team, Staff, MENTOR)
    assert (mentor.absent_since, mentor.substitute_id) == (NOW, EXPERT)


async def test_the_expert_hands_over_to_another_present_mentor(team: Store) -> None:
    """R6.2: the chosen mentor acts and is told; the expert (the previous substitute) is not "released"."""
    await go(team, MENTOR)

    changed = await hand(team, EXPERT, MENTOR, OTHER_MENTOR)

    assert changed.notices == (SubstituteChosen(OTHER_MENTOR, MENTOR),)
    assert (await stored(team, Staff, MENTOR)).substitute_id == OTHER_MENTOR


async def test_handing_over_again_releases_the_previous_mentor(team: Store) -> None:
    """R6.2: from one chosen mentor to another: the new one is chosen, the old one released."""
    await go(team, MENTOR)
    await hand(team, EXPERT, MENTOR, OTHER_MENTOR)

    changed = await hand(team, EXPERT, MENTOR, THIRD_MENTOR)

    assert changed.notices == (SubstituteChosen(THIRD_MENTOR, MENTOR), SubstituteReleased(OTHER_MENTOR, MENTOR))
    assert (await stored(team, Staff, MENTOR)).substitute_id == THIRD_MENTOR


@pytest.mark.parametrize(
    "to, setup",
    [
        pytest.param(110, None, id="another-experts-mentor"),
        pytest.param(OTHER_MENTOR, {"absent_since": NOW}, id="absent-mentor"),
        pytest.param(OTHER_MENTOR, {"active": False}, id="inactive-mentor"),
        pytest.param(MENTOR, None, id="the-absent-mentor-themself"),
        pytest.param(COORDINATOR, None, id="not-a-mentor"),
        pytest.param(9999, None, id="unknown"),
    ],
)
async def test_handing_over_only_to_a_present_mentor_of_the_same_expert(
    team: Store, to: int, setup: dict[str, Any] | None
) -> None:
    """R6.2: any other target on a forged button is refused and the substitute stays."""
    await go(team, MENTOR)
    if setup:
        await change(team, Staff, OTHER_MENTOR, **setup)

    with pytest.raises(NotAllowed):
        await hand(team, EXPERT, MENTOR, to)

    assert (await stored(team, Staff, MENTOR)).substitute_id == EXPERT
    assert len(team.publisher.published) == 1


async def test_keep_and_hand_need_an_absent_mentor(team: Store) -> None:
    """A button for a mentor who is back (or never left) is stale."""
    with pytest.raises(DomainError) as error:
        await keep(team, EXPERT, MENTOR)
    assert error.value.key == "error-stale-button"
    with pytest.raises(DomainError) as error:
        await hand(team, EXPERT, MENTOR, OTHER_MENTOR)
    assert error.value.key == "error-stale-button"
    assert (await stored(team, Staff, MENTOR)).substitute_id is None


async def test_keep_and_hand_only_by_the_mentors_expert(team: Store) -> None:
    """R6.2: another expert cannot take or reassign someone else's mentor's participants."""
    await go(team, MENTOR)
    await add_staff(team, 111, Role.MENTOR, "Their mentor", expert_id=OTHER_EXPERT)

    with pytest.raises(NotAllowed):
        await keep(team, OTHER_EXPERT, MENTOR)
    with pytest.raises(NotAllowed):
        await hand(team, OTHER_EXPERT, MENTOR, 111)

    assert (await stored(team, Staff, MENTOR)).substitute_id == EXPERT


# --- back -----------------------------------------------------------------------------------------


async def test_back_restores_everything_and_tells_the_expert_and_the_substitute(team: Store) -> None:
    """R6.2: both fields cleared; the expert and the chosen mentor are each told once."""
    await go(team, MENTOR)
    await hand(team, EXPERT, MENTOR, OTHER_MENTOR)

    changed = await back(team, MENTOR)

    assert sorted(n.recipient for n in changed.notices) == [OTHER_MENTOR, EXPERT]
    assert set(changed.notices) == {StaffBack(EXPERT, MENTOR, "mentor"), StaffBack(OTHER_MENTOR, MENTOR, "mentor")}
    mentor = await stored(team, Staff, MENTOR)
    assert (mentor.absent_since, mentor.substitute_id) == (None, None)


async def test_back_tells_an_expert_who_kept_the_participants_once(team: Store) -> None:
    """R6.2: the expert is both supervisor and substitute, and gets one message, not two."""
    await go(team, MENTOR)

    changed = await back(team, MENTOR)

    assert changed.notices == (StaffBack(EXPERT, MENTOR, "mentor"),)


async def test_an_expert_back_tells_the_coordinator(team: Store) -> None:
    """R6.3: the coordinator stops acting for the expert and is told."""
    await go(team, EXPERT)

    changed = await back(team, EXPERT)

    assert changed.notices == (StaffBack(COORDINATOR, EXPERT, "expert"),)
    expert = await stored(team, Staff, EXPERT)
    assert (expert.absent_since, expert.substitute_id) == (None, None)


async def test_back_without_being_away_is_a_stale_button(team: Store) -> None:
    """Nothing to restore: refused, and no one is told."""
    with pytest.raises(DomainError) as error:
        await back(team, MENTOR)

    assert error.value.key == "error-stale-button"
    assert team.publisher.published == []


async def test_going_away_again_after_coming_back(team: Store) -> None:
    """A new absence after "I am back" starts over with the expert as substitute."""
    await go(team, MENTOR)
    await hand(team, EXPERT, MENTOR, OTHER_MENTOR)
    await back(team, MENTOR)

    async with team.session() as uow:
        mentor = await uow.staff.get(MENTOR)
        assert mentor is not None
        changed = await absence.go(uow, mentor, LATER)

    assert changed.notices == (StaffAbsent(EXPERT, MENTOR, LATER),)
    mentor_row = await stored(team, Staff, MENTOR)
    assert (mentor_row.absent_since, mentor_row.substitute_id) == (LATER, EXPERT)
