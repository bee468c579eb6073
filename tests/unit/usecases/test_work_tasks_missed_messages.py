"""Around the diary: the employer's confirmation of a work report (core/work.py, R5.2), the mentor's extra
tasks (core/tasks.py, R5.3), missed weeks (core/missed.py, R5.5), messages to participants and problem
reports to the operators (core/messages.py, R6.2, R6.4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from core import drafts, messages, missed, reviews, tasks, work
from core.errors import NotAllowed
from core.links import EMPLOYER, GUARDIAN, create_link, split_payload
from core.notices import (
    EntryToReview,
    MentorMessage,
    ProblemReported,
    TaskSet,
    WeekMissed,
    WorkConfirmed,
    WorkConfirmedForMentor,
)
from core.programme import Role
from storage.models import Application, Entry, ExtraTask, MissedWeek, OneTimeLink, Staff, User
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER_MENTOR,
    PARTICIPANT,
    POLICY,
    Store,
    add_entry,
    add_staff,
    all_rows,
    change,
    participant,
    refused,
    stored,
)

OPERATOR, SECOND_OPERATOR, FORMER_OPERATOR = 40, 41, 42
EMPLOYER_ID, SOMEONE = 500, 501
LATER = NOW + timedelta(hours=5)
WORK_DIRECTIONS = ("sport", "talent", "reading", "work")


@pytest.fixture(autouse=True)
async def team(store: Store) -> None:
    """The mentor with their expert, a colleague, and the regional coordinator."""
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator Person", region_code="astana")
    await add_staff(store, EXPERT, Role.EXPERT, "Expert Person")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other Mentor", expert_id=EXPERT)


# --- the employer's confirmation (core/work.py) ------------------------------------------------------


async def work_entry(store: Store, status: str = "pending", **values: Any) -> int:
    """A Gold participant's work report, already submitted (or in `status`)."""
    app_id = await participant(store, level="gold", directions=WORK_DIRECTIONS)
    await change(store, Application, app_id, longer_direction="sport")
    return await add_entry(
        store,
        app_id,
        status,
        direction="work",
        kind="work",
        step="confirm",
        activity_date=date(2026, 11, 28),
        minutes=240,
        text="Helped in the shop",
        submitted_at=NOW if status != "draft" else None,
        **values,
    )


async def employer_link(store: Store, entry_id: int, purpose: str = EMPLOYER) -> str:
    """The token of a fresh one-time link for the entry, as `create_link` makes it."""
    key = "entry_id" if purpose == EMPLOYER else "application_id"
    async with store.session() as uow:
        payload = await create_link(uow, purpose, {key: entry_id}, NOW, POLICY.consent_ttl, PARTICIPANT)
        await uow.commit()
    found = split_payload(payload)
    assert found is not None and found[0] == purpose
    return found[1]


async def confirm(store: Store, token: str, user_id: int = EMPLOYER_ID, now: datetime = LATER) -> work.Report:
    async with store.session() as uow:
        return await work.confirm(uow, token, user_id, "Aigerim Sadykova", "+77011112233", now)


@pytest.mark.parametrize("status", ["pending", "more_work"])
async def test_employer_confirms_a_work_report(store: Store, status: str) -> None:
    """R5.2: the employer's name, phone and time are stored, the link is used up, both sides are told."""
    entry_id = await work_entry(store, status)
    token = await employer_link(store, entry_id)
    async with store.session() as uow:
        shown = await work.report(uow, token, EMPLOYER_ID, LATER)
    assert (shown.entry.id, shown.app.user_id) == (entry_id, PARTICIPANT)
    result = await confirm(store, token)
    entry = await stored(store, Entry, entry_id)
    assert (entry.employer_name, entry.employer_phone, entry.employer_confirmed_at) == (
        "Aigerim Sadykova",
        "+77011112233",
        LATER,
    )
    assert entry.status == status
    [link] = await all_rows(store, OneTimeLink)
    assert (link.used_at, link.used_by) == (LATER, EMPLOYER_ID)
    assert result.notices == (WorkConfirmed(PARTICIPANT, entry_id), WorkConfirmedForMentor(MENTOR, entry_id))
    assert store.publisher.published == list(result.notices)


async def test_link_made_on_submit_confirms_and_unlocks_approval(store: Store) -> None:
    """R5.2 end to end: submit gives the link, the employer confirms, then the mentor may approve."""
    entry_id = await work_entry(store, "draft")
    async with store.session() as uow:
        submitted = await drafts.submit(uow, PARTICIPANT, NOW, POLICY)
    assert submitted.notices == (EntryToReview(MENTOR, entry_id),)
    assert submitted.employer_payload is not None
    found = split_payload(submitted.employer_payload)
    assert found is not None and found[0] == EMPLOYER
    async with store.session() as uow:
        with refused("error-employer-not-confirmed"):
            await reviews.decide(uow, await uow.staff.get(MENTOR), entry_id, "approve", None, LATER, POLICY)
    await confirm(store, found[1])
    async with store.session() as uow:
        await reviews.decide(uow, await uow.staff.get(MENTOR), entry_id, "approve", None, LATER, POLICY)
    assert (await stored(store, Entry, entry_id)).status == "approved"


async def test_confirmation_goes_to_whoever_reviews_for_an_absent_mentor(store: Store) -> None:
    await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=1), substitute_id=EXPERT)
    entry_id = await work_entry(store)
    result = await confirm(store, await employer_link(store, entry_id))
    assert result.notices == (WorkConfirmed(PARTICIPANT, entry_id), WorkConfirmedForMentor(EXPERT, entry_id))


async def test_reused_link_refused(store: Store) -> None:
    entry_id = await work_entry(store)
    token = await employer_link(store, entry_id)
    await confirm(store, token)
    with refused("error-link-used"):
        await confirm(store, token, SOMEONE, LATER + timedelta(minutes=1))
    entry = await stored(store, Entry, entry_id)
    assert (entry.employer_confirmed_at, entry.employer_phone) == (LATER, "+77011112233")
    assert len(store.publisher.published) == 2


async def test_participant_opening_own_link_refused(store: Store) -> None:
    entry_id = await work_entry(store)
    token = await employer_link(store, entry_id)
    with refused("error-employer-is-participant"):
        await confirm(store, token, PARTICIPANT)
    assert (await stored(store, Entry, entry_id)).employer_confirmed_at is None
    [link] = await all_rows(store, OneTimeLink)
    assert link.used_at is None
    assert store.publisher.published == []


@pytest.mark.parametrize("status", ["approved", "rejected", "appealed", "draft"])
async def test_link_of_an_entry_no_longer_open_is_invalid(store: Store, status: str) -> None:
    """Only a report waiting for review (or asked more of) can be confirmed."""
    entry_id = await work_entry(store, status)
    token = await employer_link(store, entry_id)
    with refused("error-link-invalid"):
        await confirm(store, token)
    assert (await stored(store, Entry, entry_id)).employer_confirmed_at is None
    [link] = await all_rows(store, OneTimeLink)
    assert link.used_at is None


async def test_second_link_of_a_confirmed_report_is_invalid(store: Store) -> None:
    entry_id = await work_entry(store)
    first, second = await employer_link(store, entry_id), await employer_link(store, entry_id)
    await confirm(store, first)
    with refused("error-link-invalid"):
        await confirm(store, second, SOMEONE)
    assert (await stored(store, Entry, entry_id)).employer_confirmed_at == LATER


@pytest.mark.parametrize(
    ("make_token", "now", "key"),
    [
        ("employer", NOW + POLICY.consent_ttl, "error-link-expired"),
        ("forged", LATER, "error-link-invalid"),
        ("guardian", LATER, "error-link-invalid"),
    ],
)
async def test_expired_and_forged_links(store: Store, make_token: str, now: datetime, key: str) -> None:
    entry_id = await work_entry(store)
    if make_token == "forged":
        token = "not-a-token-we-issued"
    else:
        token = await employer_link(store, entry_id, EMPLOYER if make_token == "employer" else GUARDIAN)
    with refused(key):
        await confirm(store, token, now=now)
    assert (await stored(store, Entry, entry_id)).employer_confirmed_at is None


async def test_resubmitted_report_gets_a_new_link_and_the_old_one_stops(store: Store) -> None:
    """R5.2: after the mentor asked for more, resubmitting renews the employer's link."""
    entry_id = await work_entry(store, "draft")
    async with store.session() as uow:
        first = (await drafts.submit(uow, PARTICIPANT, NOW, POLICY)).employer_payload
    await change(store, Entry, entry_id, status="more_work", revising=True, step="confirm")
    async with store.session() as uow:
        second = (await drafts.submit(uow, PARTICIPANT, LATER, POLICY)).employer_payload
    assert first is not None and second is not None and first != second
    old, new = split_payload(first), split_payload(second)
    assert old is not None and new is not None
    with refused("error-link-expired"):
        await confirm(store, old[1], now=LATER + timedelta(minutes=1))
    await confirm(store, new[1], now=LATER + timedelta(minutes=1))
    assert (await stored(store, Entry, entry_id)).employer_confirmed_at == LATER + timedelta(minutes=1)


# --- extra tasks (core/tasks.py) ---------------------------------------------------------------------


async def assign(store: Store, staff_id: int, app_id: int, direction: str, text: str) -> tasks.Assigned:
    async with store.session() as uow:
        return await tasks.assign(uow, await uow.staff.get(staff_id), app_id, direction, text)


async def test_assign_stores_the_task_and_tells_the_participant(store: Store) -> None:
    """R5.3: the task shows in the participant's diary and they are told in the same transaction."""
    app_id = await participant(store)
    result = await assign(store, MENTOR, app_id, "reading", "  Read two chapters of Abai  ")
    [task] = await all_rows(store, ExtraTask)
    assert (task.application_id, task.direction, task.text, task.created_by, task.done_at) == (
        app_id,
        "reading",
        "Read two chapters of Abai",
        MENTOR,
        None,
    )
    assert result.notices == (TaskSet(PARTICIPANT, app_id, "reading", "Read two chapters of Abai"),)
    assert store.publisher.published == list(result.notices)


async def test_substitute_assigns_for_an_absent_mentor(store: Store) -> None:
    await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=1), substitute_id=OTHER_MENTOR)
    app_id = await participant(store)
    await assign(store, OTHER_MENTOR, app_id, "sport", "Run 10 km by Friday")
    [task] = await all_rows(store, ExtraTask)
    assert task.created_by == OTHER_MENTOR


@pytest.mark.parametrize(
    ("status", "direction", "text", "key"),
    [
        ("under_review", "sport", "Run 10 km by Friday", "error-stale-button"),
        ("completed", "sport", "Run 10 km by Friday", "error-stale-button"),
        ("active", "work", "Ask for a day at the shop", "error-stale-button"),
        ("active", "sport", "Run", "error-text-too-short-min"),
        ("active", "sport", "x" * 1001, "error-text-too-long"),
        ("active", "sport", "   ", "error-text-expected"),
    ],
    ids=["not-active", "completed", "direction-not-taken", "too-short", "too-long", "blank"],
)
async def test_assign_refused(store: Store, status: str, direction: str, text: str, key: str) -> None:
    app_id = await participant(store, status=status)
    with refused(key):
        await assign(store, MENTOR, app_id, direction, text)
    assert await all_rows(store, ExtraTask) == []
    assert store.publisher.published == []


async def test_assign_by_another_mentor_not_allowed(store: Store) -> None:
    app_id = await participant(store)
    with pytest.raises(NotAllowed):
        await assign(store, OTHER_MENTOR, app_id, "sport", "Run 10 km by Friday")
    assert await all_rows(store, ExtraTask) == []


# --- missed weeks (core/missed.py) -------------------------------------------------------------------


async def report_missed(store: Store, reason: str, details: str | None = None, now: datetime = NOW) -> missed.Reported:
    async with store.session() as uow:
        return await missed.report(uow, PARTICIPANT, reason, details, now, POLICY)


@pytest.mark.parametrize(
    ("now", "monday"),
    [
        (NOW, date(2026, 11, 30)),
        (datetime(2026, 12, 3, 12, 0, tzinfo=UTC), date(2026, 11, 30)),
        (datetime(2026, 12, 6, 20, 0, tzinfo=UTC), date(2026, 12, 7)),
        (datetime(2026, 11, 29, 18, 0, tzinfo=UTC), date(2026, 11, 23)),
    ],
    ids=["monday-morning", "thursday", "sunday-in-utc-monday-in-almaty", "sunday-night-in-almaty"],
)
async def test_missed_week_is_the_local_week(store: Store, now: datetime, monday: date) -> None:
    """R5.5: kept with the Monday of the participant's local week, so that week's nudge leaves it alone."""
    app_id = await participant(store)
    result = await report_missed(store, "illness", now=now)
    [week] = await all_rows(store, MissedWeek)
    assert (week.application_id, week.reason, week.details, week.week_of) == (app_id, "illness", None, monday)
    assert result.notices == (WeekMissed(MENTOR, app_id, "illness", None),)
    assert store.publisher.published == list(result.notices)


@pytest.mark.parametrize("reason", ["illness", "disaster", "bereavement", "no_internet"])
async def test_missed_week_reasons_without_details(store: Store, reason: str) -> None:
    """A listed reason needs no details; any typed along are not kept."""
    app_id = await participant(store)
    result = await report_missed(store, reason, "ignored")
    [week] = await all_rows(store, MissedWeek)
    assert (week.reason, week.details) == (reason, None)
    assert result.notices == (WeekMissed(MENTOR, app_id, reason, None),)


async def test_other_reason_keeps_its_details(store: Store) -> None:
    app_id = await participant(store)
    result = await report_missed(store, "other", "  Exams all week  ")
    [week] = await all_rows(store, MissedWeek)
    assert (week.reason, week.details) == ("other", "Exams all week")
    assert result.notices == (WeekMissed(MENTOR, app_id, "other", "Exams all week"),)


@pytest.mark.parametrize(
    ("reason", "details", "key"),
    [
        ("other", None, "error-text-expected"),
        ("other", "ab", "error-text-too-short-min"),
        ("other", "x" * 1001, "error-text-too-long"),
        ("holiday", "At the sea", "error-bad-button"),
    ],
    ids=["other-without-details", "other-too-short", "other-too-long", "unknown-reason"],
)
async def test_missed_week_refused(store: Store, reason: str, details: str | None, key: str) -> None:
    await participant(store)
    with refused(key):
        await report_missed(store, reason, details)
    assert await all_rows(store, MissedWeek) == []
    assert store.publisher.published == []


async def test_missed_week_goes_to_whoever_acts_for_an_absent_mentor(store: Store) -> None:
    await change(store, Staff, MENTOR, absent_since=NOW - timedelta(days=1), substitute_id=OTHER_MENTOR)
    app_id = await participant(store)
    result = await report_missed(store, "no_internet")
    assert result.notices == (WeekMissed(OTHER_MENTOR, app_id, "no_internet", None),)


async def test_missed_week_needs_an_active_participant(store: Store) -> None:
    await participant(store, status="under_review")
    with refused("diary-not-active"):
        await report_missed(store, "illness")
    assert await all_rows(store, MissedWeek) == []


# --- messages and problem reports (core/messages.py) -------------------------------------------------


async def write(store: Store, staff_id: int, app_id: int, text: str) -> messages.Sent:
    async with store.session() as uow:
        return await messages.write(uow, await uow.staff.get(staff_id), app_id, text)


async def test_mentor_writes_to_the_participant(store: Store) -> None:
    """R6.2: through the bot, without sharing phone numbers."""
    app_id = await participant(store)
    sent = await write(store, MENTOR, app_id, "  Bring your trainers on Saturday  ")
    assert sent.delivered is True
    assert sent.notices == (MentorMessage(PARTICIPANT, app_id, MENTOR, "Bring your trainers on Saturday"),)
    assert store.publisher.published == list(sent.notices)


async def test_message_to_a_participant_who_blocked_the_bot(store: Store) -> None:
    """Nothing is queued for someone who blocked the bot; the mentor is told it was not delivered."""
    app_id = await participant(store)
    await change(store, User, PARTICIPANT, blocked_at=NOW - timedelta(days=1))
    sent = await write(store, MENTOR, app_id, "Bring your trainers on Saturday")
    assert (sent.delivered, sent.notices) == (False, ())
    assert store.publisher.published == []


async def test_message_from_another_mentor_not_allowed(store: Store) -> None:
    app_id = await participant(store)
    with pytest.raises(NotAllowed):
        await write(store, OTHER_MENTOR, app_id, "Hello there")
    assert store.publisher.published == []


@pytest.mark.parametrize(("text", "key"), [("", "error-text-expected"), ("x" * 3001, "error-text-too-long")])
async def test_message_text_refused(store: Store, text: str, key: str) -> None:
    app_id = await participant(store)
    with refused(key):
        await write(store, MENTOR, app_id, text)
    assert store.publisher.published == []


async def report_problem(store: Store, text: str) -> messages.Sent:
    async with store.session() as uow:
        coordinator = await uow.staff.get(COORDINATOR)
        assert coordinator is not None
        return await messages.report_problem(uow, coordinator, text)


async def test_problem_goes_to_every_active_operator(store: Store) -> None:
    """R6.4: one report per active operator, all of the same event."""
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator One")
    await add_staff(store, SECOND_OPERATOR, Role.OPERATOR, "Operator Two")
    await add_staff(store, FORMER_OPERATOR, Role.OPERATOR, "Operator Gone")
    await change(store, Staff, FORMER_OPERATOR, active=False)
    sent = await report_problem(store, "  The centre in Kosshy has no mentors left  ")
    assert sent.delivered is True
    assert [(n.recipient, n.coordinator, n.text) for n in sent.notices if isinstance(n, ProblemReported)] == [
        (OPERATOR, COORDINATOR, "The centre in Kosshy has no mentors left"),
        (SECOND_OPERATOR, COORDINATOR, "The centre in Kosshy has no mentors left"),
    ]
    assert len(sent.notices) == 2
    assert len({n.event for n in sent.notices if isinstance(n, ProblemReported)}) == 1
    assert store.publisher.published == list(sent.notices)


async def test_problem_without_an_operator_refused(store: Store) -> None:
    await add_staff(store, FORMER_OPERATOR, Role.OPERATOR, "Operator Gone")
    await change(store, Staff, FORMER_OPERATOR, active=False)
    with refused("problem-no-operator"):
        await report_problem(store, "The centre in Kosshy has no mentors left")
    assert store.publisher.published == []


async def test_problem_text_too_short_refused(store: Store) -> None:
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator One")
    with refused("error-text-too-short-min"):
        await report_problem(store, "Help!")
    assert store.publisher.published == []
