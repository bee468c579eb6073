"""Individual requirements (core/individual.py, R3.5): the operator's alone, only lower numbers than the level's,
counted at once in the figures and by the reminders, told to the participant and the mentor, erased with the
participant's data."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import individual, personal_data
from core.access import overseen_application
from core.applications import targets_of
from core.errors import NotAllowed
from core.notices import IndividualRequirements
from core.programme import Direction
from core.rules import Target
from storage.models import Application, User
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    PARTICIPANT,
    POLICY,
    Store,
    add_entry,
    change,
    refused,
    stored,
    trail,
)
from tests.unit.usecases.test_analytics import OPERATOR, STARTED, active, decide, figures, team

__all__ = ["team"]


async def adjust(store: Store, app_id: int, direction: str, field: str, value: int, by: int = OPERATOR) -> None:
    async with store.session() as uow:
        await individual.adjust(uow, await uow.staff.get(by), app_id, direction, field, value, NOW, POLICY)


async def half_hour(store: Store, app_id: int) -> int:
    day = STARTED.astimezone(POLICY.zone).date() + timedelta(days=1)
    return await add_entry(
        store, app_id, "pending", direction="sport", kind="session", step="confirm", activity_date=day, minutes=30
    )


async def test_lower_weekly_minutes_count_at_once_and_are_told(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    await decide(store, await half_hour(store, app_id), "approve")
    assert (await figures(store, app_id))["sport"] == 0, "30 minutes do not cover the level's 60-minute week"
    published = len(store.publisher.published)
    await adjust(store, app_id, "sport", "weekly_minutes", 30)
    app = await stored(store, Application, app_id)
    assert app.individual == {"sport": {"weekly_minutes": 30}}
    assert targets_of(POLICY.rules, app)[Direction.SPORT] == Target(Direction.SPORT, months=3, weekly_minutes=30)
    assert (await figures(store, app_id))["sport"] == 7, "the approved half hour now covers its week"
    told = store.publisher.published[published:]
    assert [(n.recipient, type(n)) for n in told] == [
        (PARTICIPANT, IndividualRequirements),
        (MENTOR, IndividualRequirements),
    ]
    assert (await trail(store, app_id, reasons=True))[-1] == ("active", "active", OPERATOR, "individual requirements")

    async with store.session() as uow:
        await individual.restore(uow, await uow.staff.get(OPERATOR), app_id, "sport", NOW, POLICY)
    assert (await stored(store, Application, app_id)).individual == {}
    assert (await figures(store, app_id))["sport"] == 0


async def test_only_values_below_the_levels_are_offered(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    async with store.session() as uow:
        found = await individual.requirements(uow, await uow.staff.get(OPERATOR), app_id, "sport", POLICY)
    assert [(a.field, a.standard, a.current, a.options) for a in found.adjustable] == [
        ("months", 3, 3, (1, 2)),
        ("weekly_minutes", 60, 60, (15, 30, 45)),
    ]
    for direction, field, value in (
        ("sport", "weekly_minutes", 60),
        ("sport", "weekly_minutes", 20),
        ("sport", "books", 1),
        ("tourism", "trip_days", 1),
        ("sport", "months", -1),
    ):
        with refused("individual-bad-value"):
            await adjust(store, app_id, direction, field, value)
    assert (await stored(store, Application, app_id)).individual == {}


async def test_fewer_books_keep_the_section_one_places_within_them(store: Store) -> None:
    """Silver asks 6 books, 2 of them from section 1."""
    app_id = await active(store, PARTICIPANT, level="silver")
    await adjust(store, app_id, "reading", "books", 1)
    app = await stored(store, Application, app_id)
    assert app.individual == {"reading": {"books": 1, "section1_books": 1}}
    assert targets_of(POLICY.rules, app)[Direction.READING] == Target(Direction.READING, books=1, section1_books=1)
    await adjust(store, app_id, "reading", "books", 3)
    app = await stored(store, Application, app_id)
    assert app.individual == {"reading": {"books": 3}}
    assert targets_of(POLICY.rules, app)[Direction.READING] == Target(Direction.READING, books=3, section1_books=2)


@pytest.mark.parametrize("who", [MENTOR, EXPERT, COORDINATOR, PARTICIPANT])
async def test_nobody_but_the_operator_sets_them(store: Store, who: int) -> None:
    app_id = await active(store, PARTICIPANT)
    with pytest.raises(NotAllowed):
        await adjust(store, app_id, "sport", "weekly_minutes", 30, by=who)


async def test_a_finished_level_keeps_its_requirements(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    await change(store, Application, app_id, status="completed")
    with refused("individual-not-adjustable"):
        await adjust(store, app_id, "sport", "weekly_minutes", 30)


async def test_reminders_read_the_plan_with_its_individual_numbers(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    await adjust(store, app_id, "sport", "weekly_minutes", 45)
    async with store.session() as uow:
        plans = await uow.due.active_plans()
    (plan,) = plans
    assert plan.individual == {"sport": {"weekly_minutes": 45}}
    assert targets_of(POLICY.rules, plan)[Direction.SPORT].weekly_minutes == 45


async def test_erasure_forgets_them(store: Store) -> None:
    app_id = await active(store, PARTICIPANT)
    await adjust(store, app_id, "sport", "weekly_minutes", 30)
    async with store.session() as uow:
        user = await uow.users.get(PARTICIPANT)
        assert user is not None
        assert (await personal_data.export(uow, user))["applications"][0]["individual"] == {
            "sport": {"weekly_minutes": 30}
        }
        await personal_data.erase(uow, user, NOW)
    assert (await stored(store, Application, app_id)).individual == {}
    assert await store.get(User, PARTICIPANT) is None


async def test_a_participant_opens_by_number_for_the_operator_and_the_regions_coordinator_only(store: Store) -> None:
    """`/participant N` (R8.4): the operator any application, the coordinator their region's; another region's or
    an erased one reads as none; a mentor or an expert is refused."""
    app_id = await active(store, PARTICIPANT)
    async with store.session() as uow:
        for user_id in (OPERATOR, COORDINATOR):
            found = await overseen_application(uow, await uow.staff.get(user_id), app_id)
            assert found is not None and found.id == app_id
        assert await overseen_application(uow, await uow.staff.get(OPERATOR), 999_999) is None
        for user_id in (MENTOR, EXPERT):
            with pytest.raises(NotAllowed):
                await overseen_application(uow, await uow.staff.get(user_id), app_id)
    await change(store, Application, app_id, region_code="almaty-city")
    async with store.session() as uow:
        assert await overseen_application(uow, await uow.staff.get(COORDINATOR), app_id) is None
        assert await overseen_application(uow, await uow.staff.get(OPERATOR), app_id) is not None
    await change(store, Application, app_id, anonymised_at=NOW)
    async with store.session() as uow:
        assert await overseen_application(uow, await uow.staff.get(OPERATOR), app_id) is None
