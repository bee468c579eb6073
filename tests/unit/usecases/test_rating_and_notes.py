"""The anonymous mentor rating's use cases (R6.1, R8.1) and the expert's notes on mentors (R6.3)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from core import notes, rating
from core.errors import DomainError, NotAllowed
from core.programme import Role
from storage.models import Application, ExpertNote, RatingAnswer, RatingBallot
from tests.unit.usecases.conftest import (
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
    add_staff,
    all_rows,
    change,
)

GOOD = {"q1": 5, "q2": 4, "q3": 3}


@pytest.fixture
async def mentors(store: Store) -> Store:
    await add_staff(store, EXPERT, Role.EXPERT, "Expert")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Other expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other mentor", expert_id=OTHER_EXPERT)
    return store


async def monthly(store: Store, user_id: int, app_id: int | None = None) -> rating.Survey:
    async with store.session() as uow:
        return await rating.monthly(uow, user_id, NOW, POLICY, app_id)


async def end_of_level(store: Store, user_id: int, app_id: int) -> rating.Survey:
    async with store.session() as uow:
        return await rating.end_of_level(uow, user_id, app_id, POLICY)


async def answer(store: Store, user_id: int, survey: rating.Survey, scores: dict[str, Any]) -> None:
    async with store.session() as uow:
        await rating.answer(uow, user_id, survey, scores)


async def completed(store: Store, user_id: int, completed_at: datetime | None) -> int:
    app_id = await add_application(store, user_id, MENTOR, status="completed")
    await change(store, Application, app_id, completed_at=completed_at)
    return app_id


# --- which survey -----------------------------------------------------------------------------------


async def test_monthly_survey_of_the_active_application(mentors: Store) -> None:
    """R6.1: one survey per calendar month, NOW (30 November in Almaty) falls in "2026-11"."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status="active")

    assert await monthly(mentors, PARTICIPANT) == rating.Survey(app_id, "2026-11")
    assert await monthly(mentors, PARTICIPANT, app_id) == rating.Survey(app_id, "2026-11")


@pytest.mark.parametrize(
    "status, mentor, key",
    [
        pytest.param(None, MENTOR, "diary-not-active", id="only-a-closed-application"),
        pytest.param("under_review", MENTOR, "diary-not-active", id="not-active-yet"),
        pytest.param("active", None, "rating-no-mentor", id="no-mentor"),
    ],
)
async def test_monthly_survey_refused(mentors: Store, status: str | None, mentor: int | None, key: str) -> None:
    """R6.1: only an active participant with a mentor rates that mentor."""
    if status is not None:
        await add_application(mentors, PARTICIPANT, mentor, status=status)
    else:
        await add_application(mentors, PARTICIPANT, MENTOR, status="completed")

    with pytest.raises(DomainError) as error:
        await monthly(mentors, PARTICIPANT)

    assert error.value.key == key


async def test_monthly_survey_for_another_application_is_stale(mentors: Store) -> None:
    """A survey button naming an application that is not the participant's active one is refused."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status="active")

    with pytest.raises(DomainError) as error:
        await monthly(mentors, PARTICIPANT, app_id + 1)

    assert error.value.key == "rating-stale"


async def test_monthly_survey_once_per_period(mentors: Store) -> None:
    """R6.1: after answering this month's survey it is not offered again."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status="active")
    await answer(mentors, PARTICIPANT, rating.Survey(app_id, "2026-11"), GOOD)

    with pytest.raises(DomainError) as error:
        await monthly(mentors, PARTICIPANT)

    assert error.value.key == "rating-already"


@pytest.mark.parametrize(
    "completed_at, period",
    [
        pytest.param(datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "2026-11-end", id="mid-month"),
        pytest.param(datetime(2026, 11, 30, 20, 0, tzinfo=UTC), "2026-12-end", id="already-december-in-almaty"),
    ],
)
async def test_end_of_level_survey(mentors: Store, completed_at: datetime, period: str) -> None:
    """R6.1: a completed level is rated in a period of its own, the local month of completion plus "-end"."""
    app_id = await completed(mentors, PARTICIPANT, completed_at)

    assert await end_of_level(mentors, PARTICIPANT, app_id) == rating.Survey(app_id, period)


@pytest.mark.parametrize(
    "status, completed_at",
    [
        pytest.param("active", None, id="active"),
        pytest.param("active", NOW, id="active-with-date"),
        pytest.param("completed", None, id="completed-without-date"),
    ],
)
async def test_end_of_level_survey_only_for_a_completed_level(
    mentors: Store, status: str, completed_at: datetime | None
) -> None:
    """R6.1: an end-of-level survey for a level not completed is stale."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status=status)
    await change(mentors, Application, app_id, completed_at=completed_at)

    with pytest.raises(DomainError) as error:
        await end_of_level(mentors, PARTICIPANT, app_id)

    assert error.value.key == "rating-stale"


async def test_end_of_level_survey_refusals(mentors: Store) -> None:
    """Someone else's application is stale; one without a mentor has no one to rate; one answer only."""
    app_id = await completed(mentors, PARTICIPANT, NOW)
    lonely = await completed(mentors, OTHER, NOW)
    await change(mentors, Application, lonely, mentor_id=None)

    with pytest.raises(DomainError) as error:
        await end_of_level(mentors, OTHER, app_id)
    assert error.value.key == "rating-stale"
    with pytest.raises(DomainError) as error:
        await end_of_level(mentors, OTHER, lonely)
    assert error.value.key == "rating-no-mentor"

    await answer(mentors, PARTICIPANT, rating.Survey(app_id, "2026-11-end"), GOOD)
    with pytest.raises(DomainError) as error:
        await end_of_level(mentors, PARTICIPANT, app_id)
    assert error.value.key == "rating-already"


# --- answering ------------------------------------------------------------------------------------


async def test_an_answer_is_a_ballot_and_an_anonymous_answer(mentors: Store) -> None:
    """R6.1, R8.1: that someone answered and what was answered share nothing but the period."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status="active")

    await answer(mentors, PARTICIPANT, rating.Survey(app_id, "2026-11"), GOOD)

    [ballot] = await all_rows(mentors, RatingBallot)
    [stored] = await all_rows(mentors, RatingAnswer)
    assert (ballot.application_id, ballot.period) == (app_id, "2026-11")
    assert (stored.mentor_id, stored.period, stored.scores) == (MENTOR, "2026-11", GOOD)
    assert re.fullmatch(r"[0-9a-f]{32}", stored.key)
    assert set(RatingAnswer.__table__.columns.keys()) == {"key", "mentor_id", "period", "scores"}
    assert set(RatingBallot.__table__.columns.keys()) == {"id", "application_id", "period"}
    assert mentors.publisher.published == []


async def test_each_answer_gets_its_own_random_key(mentors: Store) -> None:
    """R8.1: keys are random, so their order says nothing about who answered."""
    first = await add_application(mentors, PARTICIPANT, MENTOR, status="active")
    second = await add_application(mentors, OTHER, MENTOR, status="active")

    await answer(mentors, PARTICIPANT, rating.Survey(first, "2026-11"), GOOD)
    await answer(mentors, OTHER, rating.Survey(second, "2026-11"), GOOD)

    keys = {row.key for row in await all_rows(mentors, RatingAnswer)}
    assert len(keys) == 2


async def test_a_second_answer_for_the_period_is_refused(mentors: Store) -> None:
    """R6.1: one answer per participant per period; the second changes nothing."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status="active")
    survey = rating.Survey(app_id, "2026-11")
    await answer(mentors, PARTICIPANT, survey, GOOD)

    with pytest.raises(DomainError) as error:
        await answer(mentors, PARTICIPANT, survey, {"q1": 1, "q2": 1, "q3": 1})

    assert error.value.key == "rating-already"
    assert len(await all_rows(mentors, RatingBallot)) == 1
    assert [a.scores for a in await all_rows(mentors, RatingAnswer)] == [GOOD]


async def test_the_end_of_level_answer_is_apart_from_the_monthly_one(mentors: Store) -> None:
    """R6.1: answering this month's survey does not use up the end-of-level survey, nor the other way."""
    app_id = await completed(mentors, PARTICIPANT, NOW)
    await answer(mentors, PARTICIPANT, rating.Survey(app_id, "2026-11"), GOOD)

    survey = await end_of_level(mentors, PARTICIPANT, app_id)
    await answer(mentors, PARTICIPANT, survey, GOOD)

    assert sorted(b.period for b in await all_rows(mentors, RatingBallot)) == ["2026-11", "2026-11-end"]


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param({"q1": 5, "q2": 4}, id="incomplete"),
        pytest.param({"q1": 5, "q2": 4, "q3": 3, "q4": 2}, id="extra-question"),
        pytest.param({"q1": 0, "q2": 4, "q3": 3}, id="zero"),
        pytest.param({"q1": 5, "q2": 6, "q3": 3}, id="six"),
        pytest.param({"q1": 5, "q2": 4, "q3": "3"}, id="text"),
        pytest.param({"q1": True, "q2": 4, "q3": 3}, id="bool"),
        pytest.param({}, id="empty"),
    ],
)
async def test_bad_scores_are_refused(mentors: Store, scores: dict[str, Any]) -> None:
    """R6.1: every question once, 1 to 5 stars, whatever a forged button says; nothing is stored."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status="active")

    with pytest.raises(DomainError) as error:
        await answer(mentors, PARTICIPANT, rating.Survey(app_id, "2026-11"), scores)

    assert error.value.key == "rating-bad-score"
    assert await all_rows(mentors, RatingBallot) == []
    assert await all_rows(mentors, RatingAnswer) == []


async def test_answering_about_another_users_application_is_stale(mentors: Store) -> None:
    """A forged survey naming someone else's application stores nothing."""
    app_id = await add_application(mentors, PARTICIPANT, MENTOR, status="active")
    await add_application(mentors, OTHER, MENTOR, status="active")

    with pytest.raises(DomainError) as error:
        await answer(mentors, OTHER, rating.Survey(app_id, "2026-11"), GOOD)

    assert error.value.key == "rating-stale"
    assert await all_rows(mentors, RatingBallot) == []
    assert await all_rows(mentors, RatingAnswer) == []


# --- the mentor's summary -------------------------------------------------------------------------


async def add_answers(store: Store, mentor_id: int, period: str, *scores: dict[str, int]) -> None:
    async with store.sessions() as session, session.begin():
        for i, s in enumerate(scores):
            session.add(RatingAnswer(key=f"{mentor_id}-{period}-{i}", mentor_id=mentor_id, period=period, scores=s))


async def summary(store: Store, mentor_id: int) -> rating.Summary:
    async with store.session() as uow:
        return await rating.summary_for(uow, mentor_id)


async def test_summary_hides_periods_under_three_answers(mentors: Store) -> None:
    """R8.1: a period with fewer than 3 answers shows nothing; the overall figure counts only shown periods,
    so a hidden period cannot be worked out by subtraction."""
    await add_answers(
        mentors,
        MENTOR,
        "2026-10",
        {"q1": 5, "q2": 4, "q3": 3},
        {"q1": 4, "q2": 4, "q3": 5},
        {"q1": 3, "q2": 5, "q3": 5},
    )
    await add_answers(mentors, MENTOR, "2026-11", {"q1": 1, "q2": 1, "q3": 1}, {"q1": 1, "q2": 1, "q3": 1})
    await add_answers(mentors, OTHER_MENTOR, "2026-10", *[{"q1": 1, "q2": 1, "q3": 1}] * 3)

    result = await summary(mentors, MENTOR)

    october = {"count": 3, "q1": 4.0, "q2": 4.3, "q3": 4.3}
    assert result.periods == [("2026-11", None), ("2026-10", october)]
    assert result.overall == october


async def test_summary_overall_over_every_shown_period(mentors: Store) -> None:
    """R8.1: periods newest first, the end-of-level period apart; overall over all shown answers."""
    await add_answers(mentors, MENTOR, "2026-10", *[{"q1": 5, "q2": 5, "q3": 5}] * 3)
    await add_answers(mentors, MENTOR, "2026-11", *[{"q1": 3, "q2": 3, "q3": 3}] * 3)
    await add_answers(mentors, MENTOR, "2026-11-end", *[{"q1": 1, "q2": 1, "q3": 1}] * 2)

    result = await summary(mentors, MENTOR)

    assert [p for p, _ in result.periods] == ["2026-11-end", "2026-11", "2026-10"]
    assert result.periods[0][1] is None
    assert result.overall == {"count": 6, "q1": 4.0, "q2": 4.0, "q3": 4.0}


async def test_summary_of_a_mentor_without_enough_answers(mentors: Store) -> None:
    """R8.1: no period shown means no overall figure either."""
    assert await summary(mentors, MENTOR) == rating.Summary(None, [])

    await add_answers(mentors, MENTOR, "2026-11", GOOD, GOOD)

    assert await summary(mentors, MENTOR) == rating.Summary(None, [("2026-11", None)])


# --- the expert's notes ---------------------------------------------------------------------------


async def add_note(store: Store, expert_id: int, mentor_id: int, text: str) -> None:
    async with store.session() as uow:
        expert = await uow.staff.get(expert_id)
        assert expert is not None
        mentor = await notes.add(uow, expert, mentor_id, text)
        assert mentor.user_id == mentor_id


async def test_an_expert_notes_on_a_supervised_mentor(mentors: Store) -> None:
    """R6.3: the note is kept under the expert and the mentor, trimmed."""
    await add_note(mentors, EXPERT, MENTOR, "  Good first month.  ")

    [note] = await all_rows(mentors, ExpertNote)
    assert (note.expert_id, note.mentor_id, note.text) == (EXPERT, MENTOR, "Good first month.")
    assert mentors.publisher.published == []


@pytest.mark.parametrize(
    "mentor_id",
    [
        pytest.param(OTHER_MENTOR, id="another-experts-mentor"),
        pytest.param(OTHER_EXPERT, id="not-a-mentor"),
        pytest.param(9999, id="unknown"),
    ],
)
async def test_notes_only_on_own_mentors(mentors: Store, mentor_id: int) -> None:
    """R6.3: any other id on a button is refused and nothing is stored."""
    with pytest.raises(NotAllowed):
        await add_note(mentors, EXPERT, mentor_id, "A note")

    assert await all_rows(mentors, ExpertNote) == []


@pytest.mark.parametrize(
    "text, key",
    [
        pytest.param("", "error-text-expected", id="empty"),
        pytest.param("   ", "error-text-expected", id="blank"),
        pytest.param("/start", "error-text-expected", id="command"),
        pytest.param("x" * (notes.NOTE_MAX + 1), "error-text-too-long", id="too-long"),
    ],
)
async def test_an_empty_or_overlong_note_is_refused(mentors: Store, text: str, key: str) -> None:
    """R6.3: a note is text of sensible length; nothing is stored otherwise."""
    with pytest.raises(DomainError) as error:
        await add_note(mentors, EXPERT, MENTOR, text)

    assert error.value.key == key
    assert await all_rows(mentors, ExpertNote) == []
