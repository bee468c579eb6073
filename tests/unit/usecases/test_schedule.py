"""The individual schedule and activation (`core/schedule.py`, R5.1), and who may act as the mentor
(`core/access.py`, R6.2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core import schedule
from core.errors import DomainError, IllegalTransition, NotAllowed
from core.notices import Activated
from core.programme import Role
from core.schedule import Line
from storage.models import Application, ScheduleItem, Staff
from tests.unit.usecases.conftest import (
    EXPERT,
    MENTOR,
    NOW,
    OTHER_MENTOR,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_staff,
    change,
    trail,
)

SPORT = Line("sport", "Football club", [3, 1], "7:05", "90")


async def mentor_and_applicant(store: Store, *, schedule_done: bool = False) -> int:
    await add_staff(store, EXPERT, Role.EXPERT, "Expert One")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Mentor Two", expert_id=EXPERT)
    await add_application(store, 601, OTHER_MENTOR)
    return await add_application(store, PARTICIPANT, MENTOR, schedule=schedule_done)


async def lines(store: Store, app_id: int) -> list[tuple[str, str | None, list[int], str | None, int | None]]:
    async with store.sessions() as session:
        items = await session.scalars(
            select(ScheduleItem).where(ScheduleItem.application_id == app_id).order_by(ScheduleItem.id)
        )
        return [(i.direction, i.activity, i.weekdays, i.time, i.minutes_per_week) for i in items]


async def save(store: Store, actor: int, app_id: int, line: Line) -> None:
    async with store.session() as uow:
        await schedule.save(uow, await uow.staff.get(actor), app_id, line, POLICY)


async def activate(store: Store, actor: int | None, app_id: int) -> schedule.Activation:
    async with store.session() as uow:
        staff = await uow.staff.get(actor) if actor is not None else None
        return await schedule.activate(uow, staff, app_id, NOW)


# --- the checks of one line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "activity"), [("  Football club ", "Football club"), ("ab", "ab"), ("x" * 200, "x" * 200)]
)
def test_check_activity_accepts(text: str, activity: str) -> None:
    assert schedule.check_activity(text) == activity


@pytest.mark.parametrize("text", [None, "", "   ", "a", "/start", "x" * 201])
def test_check_activity_refuses(text: str | None) -> None:
    """2 to 200 characters, not a command."""
    with pytest.raises(DomainError) as caught:
        schedule.check_activity(text)
    assert caught.value.key == "error-activity"


@pytest.mark.parametrize(
    ("text", "time"),
    [("7:05", "07:05"), ("07.05", "07:05"), ("19:30", "19:30"), (" 0:00 ", "00:00"), ("23:59", "23:59")],
)
def test_parse_time_accepts(text: str, time: str) -> None:
    """A time of day typed as 7:05, 07.05 or 19:30 is stored as HH:MM."""
    assert schedule.parse_time(text) == time


@pytest.mark.parametrize("text", ["25:61", "24:00", "12:60", "7:5", "7-05", "noon", "", None])
def test_parse_time_refuses(text: str | None) -> None:
    with pytest.raises(DomainError) as caught:
        schedule.parse_time(text)
    assert caught.value.key == "error-time"


@pytest.mark.parametrize(("days", "stored"), [([3, 1, 3], [1, 3]), ([6, 0], [0, 6]), ([2], [2])])
def test_check_weekdays_accepts(days: list[int], stored: list[int]) -> None:
    """Weekdays 0 (Monday) to 6, sorted, each once."""
    assert schedule.check_weekdays(days) == stored


@pytest.mark.parametrize("days", [[], [7], [-1], [1, 9]])
def test_check_weekdays_refuses(days: list[int]) -> None:
    with pytest.raises(DomainError) as caught:
        schedule.check_weekdays(days)
    assert caught.value.key == "error-no-days"


# --- save -----------------------------------------------------------------------------------------


async def test_save_stores_the_line(store: Store) -> None:
    """One line per direction: saved again, it is replaced, not duplicated (R5.1)."""
    app_id = await mentor_and_applicant(store)
    await save(store, MENTOR, app_id, SPORT)
    assert await lines(store, app_id) == [("sport", "Football club", [1, 3], "07:05", 90)]
    await save(store, MENTOR, app_id, Line("sport", "Swimming", [5], "19.30", "60"))
    assert await lines(store, app_id) == [("sport", "Swimming", [5], "19:30", 60)]


async def test_save_reading_has_no_weekly_minimum(store: Store) -> None:
    """Reading is counted in books, so only the general bounds apply to its minutes."""
    app_id = await mentor_and_applicant(store)
    await save(store, MENTOR, app_id, Line("reading", "Library", [6], "10:00", "15"))
    assert await lines(store, app_id) == [("reading", "Library", [6], "10:00", 15)]


@pytest.mark.parametrize(
    ("line", "key", "params"),
    [
        (Line("sport", "Football club", [1], "18:00", "14"), "error-minutes", {}),
        (Line("sport", "Football club", [1], "18:00", "2401"), "error-minutes", {}),
        (Line("sport", "Football club", [1], "18:00", "ninety"), "error-minutes", {}),
        (Line("sport", "Football club", [1], "18:00", "-60"), "error-minutes", {}),
        (Line("sport", "Football club", [1], "18:00", "45"), "error-minutes-too-few", {"minutes": 60}),
        (Line("talent", "Piano", [1], "18:00", "59"), "error-minutes-too-few", {"minutes": 60}),
        (Line("sport", "/start", [1], "18:00", "90"), "error-activity", {}),
        (Line("sport", "Football club", [], "18:00", "90"), "error-no-days", {}),
        (Line("sport", "Football club", [1], "25:61", "90"), "error-time", {}),
        (Line("volunteering", "Shelter", [1], "18:00", "90"), "error-stale-button", {}),
    ],
)
async def test_save_refusals_store_nothing(store: Store, line: Line, key: str, params: dict[str, int]) -> None:
    """Minutes a week within 15-2400 and at least the year's weekly minimum of 60 for sessions (R3);
    a direction the participant does not take is a stale button."""
    app_id = await mentor_and_applicant(store)
    with pytest.raises(DomainError) as caught:
        await save(store, MENTOR, app_id, line)
    assert (caught.value.key, caught.value.params) == (key, params)
    assert await lines(store, app_id) == []


async def test_save_by_another_mentor_is_not_allowed(store: Store) -> None:
    """Only the participant's mentor (or whoever acts for them) sets the schedule (R6.2)."""
    app_id = await mentor_and_applicant(store)
    with pytest.raises(NotAllowed):
        await save(store, OTHER_MENTOR, app_id, SPORT)
    assert await lines(store, app_id) == []


async def test_save_after_activation_is_stale(store: Store) -> None:
    """The schedule is agreed while the application is under review."""
    app_id = await mentor_and_applicant(store, schedule_done=True)
    await activate(store, MENTOR, app_id)
    with pytest.raises(DomainError) as caught:
        await save(store, MENTOR, app_id, Line("sport", "Swimming", [5], "19:30", "60"))
    assert caught.value.key == "error-stale-button"
    assert ("sport", "Club", [1, 3], "18:30", 90) in await lines(store, app_id)


# --- activate -------------------------------------------------------------------------------------


async def test_activate_lists_the_directions_without_a_schedule(store: Store) -> None:
    """Activation waits until every direction has a complete line (R5.1)."""
    app_id = await mentor_and_applicant(store)
    with pytest.raises(DomainError) as caught:
        await activate(store, MENTOR, app_id)
    assert (caught.value.key, caught.value.params) == (
        "error-schedule-incomplete",
        {"directions": ["sport", "talent", "reading"]},
    )
    await save(store, MENTOR, app_id, SPORT)
    with pytest.raises(DomainError) as caught:
        await activate(store, MENTOR, app_id)
    assert caught.value.params == {"directions": ["talent", "reading"]}
    app = await store.get(Application, app_id)
    assert app is not None and (app.status, app.activated_at) == ("under_review", None)
    assert store.publisher.published == []


async def test_activate_with_a_full_schedule_starts_the_clock(store: Store) -> None:
    """Activation: the participant is active from now and told so, with an audit row (R5.1)."""
    app_id = await mentor_and_applicant(store)
    for direction in ("sport", "talent", "reading"):
        await save(store, MENTOR, app_id, Line(direction, "Club", [1, 3], "18:30", "90"))
    result = await activate(store, MENTOR, app_id)
    assert result.notices == (Activated(PARTICIPANT, app_id, MENTOR),)
    assert store.publisher.published == [Activated(PARTICIPANT, app_id, MENTOR)]
    app = await store.get(Application, app_id)
    assert app is not None and (app.status, app.activated_at) == ("active", NOW)
    assert await trail(store, app_id) == [("under_review", "active", MENTOR)]


async def test_activate_twice_is_an_illegal_transition(store: Store) -> None:
    """A double click does not activate twice, nor tell the participant twice."""
    app_id = await mentor_and_applicant(store, schedule_done=True)
    await activate(store, MENTOR, app_id)
    with pytest.raises(IllegalTransition):
        await activate(store, MENTOR, app_id)
    assert len(store.publisher.published) == 1
    assert len(await trail(store, app_id)) == 1


# --- who acts as the mentor (core/access.py) ------------------------------------------------------


@pytest.mark.parametrize("substitute", [EXPERT, OTHER_MENTOR])
async def test_whoever_acts_for_an_absent_mentor_may_activate(store: Store, substitute: int) -> None:
    """While the mentor is absent, their substitute (the expert, or a mentor the expert chose) acts (R6.2)."""
    app_id = await mentor_and_applicant(store, schedule_done=True)
    await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=3), substitute_id=substitute)
    result = await activate(store, substitute, app_id)
    assert result.notices == (Activated(PARTICIPANT, app_id, substitute),)
    assert await trail(store, app_id) == [("under_review", "active", substitute)]


async def test_substitute_may_save_the_schedule(store: Store) -> None:
    app_id = await mentor_and_applicant(store)
    await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=3), substitute_id=EXPERT)
    await save(store, EXPERT, app_id, SPORT)
    assert await lines(store, app_id) == [("sport", "Football club", [1, 3], "07:05", 90)]


@pytest.mark.parametrize(
    ("actor", "mentor_absent", "actor_fields"),
    [
        (OTHER_MENTOR, False, {}),
        (OTHER_MENTOR, True, {}),
        (EXPERT, False, {}),
        (MENTOR, False, {"active": False}),
        (EXPERT, True, {"active": False}),
        (None, False, {}),
    ],
)
async def test_others_may_not_activate(
    store: Store, actor: int | None, mentor_absent: bool, actor_fields: dict[str, object]
) -> None:
    """A mentor of another participant, the expert while the mentor is present, a deactivated staff member, or
    nobody at all is refused, whatever the button claims (R6.2)."""
    app_id = await mentor_and_applicant(store, schedule_done=True)
    if mentor_absent:
        await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=3), substitute_id=EXPERT)
    if actor is not None and actor_fields:
        await change(store, Staff, actor, **actor_fields)
    with pytest.raises(NotAllowed) as caught:
        await activate(store, actor, app_id)
    assert caught.value.key == "error-not-allowed"
    app = await store.get(Application, app_id)
    assert app is not None and app.status == "under_review"
    assert store.publisher.published == []


async def test_activate_unknown_application_is_not_allowed(store: Store) -> None:
    app_id = await mentor_and_applicant(store, schedule_done=True)
    with pytest.raises(NotAllowed):
        await activate(store, MENTOR, app_id + 1000)
