"""Filling in the application (`core/application_form.py`, R2.1-R2.4): every answer is checked, stored,
and the form moves to the first question still unanswered; a changed answer clears what it made wrong."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from core import application_form as form
from core.application_wizard import STEPS
from core.errors import DomainError
from core.programme import Role
from storage.models import Application
from tests.unit.usecases.conftest import (
    MENTOR,
    NOW,
    PARTICIPANT,
    POLICY,
    Store,
    add_staff,
    add_user,
    centre_id,
    stored,
)

ANSWERS: dict[str, dict[str, Any]] = {
    "consent": {"pd_consent_at": NOW - timedelta(hours=1)},
    "full_name": {"full_name": "Абайұлы Нұрлан"},
    "birth_date": {"birth_date": date(2000, 5, 15)},
    "phone": {"phone": "+77010000000"},
    "photo": {"photo_file_id": "photo", "photo_unique_id": "photo-u"},
    "region": {"region_code": "astana"},
    "locality": {"locality_code": "astana"},
    "study_place": {"study_place": "Nazarbayev University"},
    "about": {"about": "About me"},
    "hobbies": {"hobbies": "Chess"},
    "level": {"level": "bronze"},
    "directions": {"directions": ["sport", "talent", "reading"]},
}
"""What the form holds once each step is answered (the steps asking nothing of a Bronze participant aside)."""


async def draft_at(store: Store, step: str, **overrides: Any) -> int:
    """A draft written directly at `step`, with every answer before it given (and `overrides` on top)."""
    await add_user(store, PARTICIPANT)
    values: dict[str, Any] = {"directions": [], "partners": {}}
    for earlier in STEPS[: STEPS.index(step)]:
        values.update(ANSWERS.get(earlier, {}))
    if step == "review":
        await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
        values.update(mentor_id=MENTOR, centre_id=await centre_id(store))
    values.update(overrides)
    async with store.sessions() as session, session.begin():
        app = Application(user_id=PARTICIPANT, programme_year=POLICY.rules.year, status="draft", step=step, **values)
        session.add(app)
        await session.flush()
        return app.id


# --- starting, consent ----------------------------------------------------------------------------


async def test_open_or_start_creates_one_draft(store: Store) -> None:
    """A participant has one live application: asking again returns the same draft (R2.1)."""
    await add_user(store, PARTICIPANT)
    async with store.session() as uow:
        first = await form.open_or_start(uow, PARTICIPANT, POLICY)
    async with store.session() as uow:
        second = await form.open_or_start(uow, PARTICIPANT, POLICY)
        apps = await uow.applications.of_user(PARTICIPANT)
    assert second.id == first.id
    assert [(a.status, a.step, a.programme_year) for a in apps] == [("draft", "consent", 2026)]


async def test_consent_yes_records_it_and_asks_the_name(store: Store) -> None:
    """Consent to personal data processing comes first; agreeing stores its moment."""
    await add_user(store, PARTICIPANT)
    async with store.session() as uow:
        app_id = (await form.open_or_start(uow, PARTICIPANT, POLICY)).id
    async with store.session() as uow:
        await form.consent(uow, PARTICIPANT, True, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert app.pd_consent_at == NOW
    assert app.step == "full_name"


async def test_consent_no_deletes_the_draft(store: Store) -> None:
    """Refusing consent deletes the draft: nothing about the participant is kept."""
    await add_user(store, PARTICIPANT)
    async with store.session() as uow:
        app_id = (await form.open_or_start(uow, PARTICIPANT, POLICY)).id
    async with store.session() as uow:
        assert await form.consent(uow, PARTICIPANT, False, NOW, POLICY) is None
    assert await store.get(Application, app_id) is None


async def test_consent_button_after_consent_is_stale(store: Store) -> None:
    """A consent button of a step the form has left is stale."""
    app_id = await draft_at(store, "full_name")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.consent(uow, PARTICIPANT, False, NOW, POLICY)
    assert caught.value.key == "error-stale-button"
    assert await store.get(Application, app_id) is not None


# --- typed answers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "text", "field", "value", "next_step"),
    [
        ("full_name", "абайұлы нұрлан", "full_name", "Абайұлы Нұрлан", "birth_date"),
        ("full_name", "O'Brien Mary-Jane", "full_name", "O'Brien Mary-Jane", "birth_date"),
        ("birth_date", "15.05.2000", "birth_date", date(2000, 5, 15), "phone"),
        ("birth_date", "2000-05-15", "birth_date", date(2000, 5, 15), "phone"),
        ("birth_date", "30.11.2012", "birth_date", date(2012, 11, 30), "phone"),
        ("birth_date", "01.12.1996", "birth_date", date(1996, 12, 1), "phone"),
        ("study_place", "  Nazarbayev University  ", "study_place", "Nazarbayev University", "about"),
        ("about", "I like maths", "about", "I like maths", "hobbies"),
        ("hobbies", "Chess", "hobbies", "Chess", "level"),
    ],
)
async def test_answer_text_stores_and_moves_on(
    store: Store, step: str, text: str, field: str, value: object, next_step: str
) -> None:
    """Each typed answer is stored normalised and the form asks the next question; ages 14 and 29 are the
    programme's bounds (R2.1, R3.1)."""
    app_id = await draft_at(store, step)
    async with store.session() as uow:
        await form.answer_text(uow, PARTICIPANT, text, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert getattr(app, field) == value
    assert app.step == next_step


@pytest.mark.parametrize(
    ("step", "text", "key"),
    [
        ("full_name", "Nurlan", "error-full-name"),
        ("full_name", "Nurlan 2pac", "error-full-name"),
        ("full_name", "A B C D E F", "error-full-name"),
        ("full_name", "/start", "error-text-expected"),
        ("birth_date", "yesterday", "error-not-a-date"),
        ("birth_date", "31.02.2010", "error-not-a-date"),
        ("birth_date", "01.12.2026", "error-date-in-future"),
        ("birth_date", "01.12.2013", "error-age-range"),
        ("birth_date", "30.11.2013", "error-age-range"),
        ("birth_date", "30.11.1996", "error-age-range"),
        ("study_place", "x", "error-text-too-short"),
        ("about", "   ", "error-text-expected"),
        ("about", "x" * 1001, "error-text-too-long"),
        ("hobbies", "/help", "error-text-expected"),
        ("phone", "87011234567", "error-contact-expected"),
        ("photo", "a picture", "error-photo-expected"),
        ("region", "astana", "error-use-buttons"),
    ],
)
async def test_answer_text_refusals_leave_the_form_as_it_was(store: Store, step: str, text: str, key: str) -> None:
    """A bad name, a non-date, a future date, an age outside 14-29 (R3.1), a command, or text where a
    contact, a photo or a button is wanted is refused, and nothing is stored."""
    app_id = await draft_at(store, step)
    before = await stored(store, Application, app_id)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.answer_text(uow, PARTICIPANT, text, NOW, POLICY)
    assert caught.value.key == key
    after = await stored(store, Application, app_id)
    assert after.step == step
    assert (after.full_name, after.birth_date, after.study_place, after.about, after.hobbies) == (
        before.full_name,
        before.birth_date,
        before.study_place,
        before.about,
        before.hobbies,
    )


async def test_age_refusal_names_the_range_and_the_age(store: Store) -> None:
    """The age refusal carries the range and the age, so the bot can explain it (R3.1)."""
    await draft_at(store, "birth_date")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.answer_text(uow, PARTICIPANT, "30.11.1996", NOW, POLICY)
    assert caught.value.params == {"min": 14, "max": 29, "age": 30}


# --- phone, photo ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shared", "phone"),
    [("87011234567", "+77011234567"), ("+7 701 123-45-67", "+77011234567"), ("77011234567", "+77011234567")],
)
async def test_answer_phone_normalises_to_plus_seven(store: Store, shared: str, phone: str) -> None:
    """A Kazakh number typed with the trunk 8 or spaces is stored as +7XXXXXXXXXX."""
    app_id = await draft_at(store, "phone")
    async with store.session() as uow:
        await form.answer_phone(uow, PARTICIPANT, shared, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.phone, app.step) == (phone, "photo")


async def test_answer_photo_stores_the_file(store: Store) -> None:
    app_id = await draft_at(store, "photo")
    async with store.session() as uow:
        await form.answer_photo(uow, PARTICIPANT, "file-1", "unique-1", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.photo_file_id, app.photo_unique_id, app.step) == ("file-1", "unique-1", "region")


@pytest.mark.parametrize("step", ["full_name", "photo", "region"])
async def test_phone_at_another_step_is_stale(store: Store, step: str) -> None:
    """A contact shared while another question is asked is stale and stores nothing."""
    app_id = await draft_at(store, step)
    before = (await stored(store, Application, app_id)).phone
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.answer_phone(uow, PARTICIPANT, "87011234567", NOW, POLICY)
    assert caught.value.key == "error-stale-button"
    app = await stored(store, Application, app_id)
    assert (app.phone, app.step) == (before, step)


async def test_photo_at_another_step_is_stale(store: Store) -> None:
    app_id = await draft_at(store, "phone")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.answer_photo(uow, PARTICIPANT, "file-1", "unique-1", NOW, POLICY)
    assert caught.value.key == "error-stale-button"
    assert (await stored(store, Application, app_id)).photo_file_id is None


# --- buttons --------------------------------------------------------------------------------------


async def test_pick_region_then_locality_of_that_region(store: Store) -> None:
    """The region, then a locality of that region (R2.1)."""
    app_id = await draft_at(store, "region")
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "region", "pick", "astana", NOW, POLICY)
    assert (await stored(store, Application, app_id)).step == "locality"
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "locality", "pick", "astana-yesil", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.region_code, app.locality_code, app.step) == ("astana", "astana-yesil", "study_place")


@pytest.mark.parametrize(
    ("step", "value"),
    [
        ("region", "atlantis"),
        ("locality", "almaty"),
        ("locality", "nowhere"),
        ("level", "platinum"),
        ("mentor", "abc"),
    ],
)
async def test_pick_refuses_a_value_the_bot_could_not_have_offered(store: Store, step: str, value: str) -> None:
    """An unknown region, a locality of another region, an unknown level or mentor: a forged button."""
    app_id = await draft_at(store, step)
    before = await stored(store, Application, app_id)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.pick(uow, PARTICIPANT, step, "pick", value, NOW, POLICY)
    assert caught.value.key == "error-bad-button"
    app = await stored(store, Application, app_id)
    assert app.step == step
    assert (app.region_code, app.locality_code, app.level, app.mentor_id) == (
        before.region_code,
        before.locality_code,
        before.level,
        before.mentor_id,
    )


@pytest.mark.parametrize(
    ("born", "level", "key"),
    [
        (date(2012, 5, 15), "bronze", None),
        (date(2012, 5, 15), "silver", "error-level-too-young"),
        (date(2011, 5, 15), "silver", None),
        (date(2011, 5, 15), "gold", "error-level-too-young"),
        (date(2010, 5, 15), "gold", None),
    ],
)
async def test_pick_level_by_age(store: Store, born: date, level: str, key: str | None) -> None:
    """Bronze from 14, Silver from 15, Gold from 16 (R3.1)."""
    app_id = await draft_at(store, "level", birth_date=born)
    async with store.session() as uow:
        if key is None:
            await form.pick(uow, PARTICIPANT, "level", "pick", level, NOW, POLICY)
        else:
            with pytest.raises(DomainError) as caught:
                await form.pick(uow, PARTICIPANT, "level", "pick", level, NOW, POLICY)
            assert caught.value.key == key
    app = await stored(store, Application, app_id)
    if key is None:
        assert (app.level, app.step) == (level, "directions")
    else:
        assert (app.level, app.step) == (None, "level")


async def test_pick_offered_mentor_sets_mentor_and_centre(store: Store) -> None:
    """The participant picks one of the mentors offered (R2.4); the mentor's centre comes with them."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    app_id = await draft_at(store, "mentor")
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "mentor", "pick", str(MENTOR), NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.mentor_id, app.centre_id, app.step) == (MENTOR, await centre_id(store), "review")


async def test_pick_mentor_not_offered_is_refused(store: Store) -> None:
    """A mentor with no centre, an expert or an unknown id is not on offer: a forged button (R2.4)."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    await add_staff(store, 902, Role.MENTOR, "No Centre", with_centre=False)
    await add_staff(store, 903, Role.EXPERT, "An Expert")
    app_id = await draft_at(store, "mentor")
    for value in ("902", "903", "999"):
        async with store.session() as uow:
            with pytest.raises(DomainError) as caught:
                await form.pick(uow, PARTICIPANT, "mentor", "pick", value, NOW, POLICY)
        assert caught.value.key == "error-bad-button"
    app = await stored(store, Application, app_id)
    assert (app.mentor_id, app.step) == (None, "mentor")


async def test_pick_partner_for_volunteering(store: Store) -> None:
    """Volunteering needs an authorised partner of that direction (R2.3)."""
    app_id = await draft_at(store, "partners", directions=["sport", "talent", "reading", "volunteering"])
    for wrong in ("kazakh-geographical-society", "nobody"):
        async with store.session() as uow:
            with pytest.raises(DomainError) as caught:
                await form.pick(uow, PARTICIPANT, "partners", "pick", wrong, NOW, POLICY)
        assert caught.value.key == "error-bad-button"
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "partners", "pick", "red-crescent-kazakhstan", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.partners, app.step) == ({"volunteering": "red-crescent-kazakhstan"}, "mentor")


async def test_pick_heritage_mode_at_bronze(store: Store) -> None:
    """Bronze heritage may be done by sessions or by an extra book (R3.3): asked as a choice."""
    app_id = await draft_at(store, "choices", directions=["sport", "talent", "reading", "heritage"])
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.pick(uow, PARTICIPANT, "choices", "heritage_mode", "dance", NOW, POLICY)
    assert caught.value.key == "error-bad-button"
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "choices", "heritage_mode", "book", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.heritage_mode, app.step) == ("book", "mentor")


# --- directions -----------------------------------------------------------------------------------


async def test_toggle_direction_adds_and_removes_an_optional_one(store: Store) -> None:
    """An optional direction is added, then removed by a second press; the step stays (R2.2)."""
    app_id = await draft_at(store, "directions")
    async with store.session() as uow:
        await form.toggle_direction(uow, PARTICIPANT, "volunteering", POLICY)
    app = await stored(store, Application, app_id)
    assert (app.directions, app.step) == (["volunteering"], "directions")
    async with store.session() as uow:
        await form.toggle_direction(uow, PARTICIPANT, "volunteering", POLICY)
    assert (await stored(store, Application, app_id)).directions == []


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("sport", "direction-mandatory"),
        ("talent", "direction-mandatory"),
        ("reading", "direction-mandatory"),
        ("work", "error-bad-button"),
        ("chess", "error-bad-button"),
    ],
)
async def test_toggle_direction_refusals(store: Store, value: str, key: str) -> None:
    """The year's mandatory directions cannot be removed (R2.2); one the level lacks (work is Gold only) or an
    unknown one is a forged button."""
    app_id = await draft_at(store, "directions", directions=["sport", "talent", "reading"])
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.toggle_direction(uow, PARTICIPANT, value, POLICY)
    assert caught.value.key == key
    assert (await stored(store, Application, app_id)).directions == ["sport", "talent", "reading"]


@pytest.mark.parametrize(
    ("chosen", "directions", "next_step"),
    [
        ([], ["sport", "talent", "reading"], "mentor"),
        (["volunteering"], ["sport", "talent", "reading", "volunteering"], "partners"),
        (["heritage"], ["sport", "talent", "reading", "heritage"], "choices"),
    ],
)
async def test_directions_done_adds_the_mandatory_ones(
    store: Store, chosen: list[str], directions: list[str], next_step: str
) -> None:
    """Finishing the choice adds the year's mandatory directions, in the programme's order (R2.2)."""
    app_id = await draft_at(store, "directions", directions=chosen)
    async with store.session() as uow:
        await form.directions_done(uow, PARTICIPANT, NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.directions, app.step) == (directions, next_step)


async def test_directions_done_at_another_step_is_stale(store: Store) -> None:
    await draft_at(store, "level")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.directions_done(uow, PARTICIPANT, NOW, POLICY)
    assert caught.value.key == "error-stale-button"


# --- back, edit, stale ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "directions", "previous"),
    [
        ("birth_date", ["sport", "talent", "reading"], "full_name"),
        ("locality", ["sport", "talent", "reading"], "region"),
        ("mentor", ["sport", "talent", "reading"], "directions"),
        ("mentor", ["sport", "talent", "reading", "volunteering"], "partners"),
    ],
)
async def test_back_goes_to_the_nearest_step_that_asks_something(
    store: Store, step: str, directions: list[str], previous: str
) -> None:
    """Back skips the steps that ask nothing of this participant (choices, partners)."""
    partners = {"volunteering": "red-crescent-kazakhstan"} if "volunteering" in directions else {}
    app_id = await draft_at(store, step, directions=directions, partners=partners)
    async with store.session() as uow:
        await form.back(uow, PARTICIPANT, step, POLICY)
    assert (await stored(store, Application, app_id)).step == previous


async def test_back_refusals(store: Store) -> None:
    """Nothing is before the full name; a back button of another step is stale."""
    app_id = await draft_at(store, "full_name")
    for step in ("full_name", "phone"):
        async with store.session() as uow:
            with pytest.raises(DomainError) as caught:
                await form.back(uow, PARTICIPANT, step, POLICY)
        assert caught.value.key == "error-stale-button"
    assert (await stored(store, Application, app_id)).step == "full_name"


async def test_edit_region_clears_locality_and_mentor(store: Store) -> None:
    """From the review, a new region clears the locality and the mentor, which are asked again."""
    app_id = await draft_at(store, "review")
    async with store.session() as uow:
        await form.edit(uow, PARTICIPANT, "region", POLICY)
    app = await stored(store, Application, app_id)
    assert (app.step, app.locality_code, app.mentor_id) == ("region", "astana", MENTOR)
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "region", "pick", "almaty-city", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.region_code, app.locality_code, app.mentor_id, app.centre_id) == ("almaty-city", None, None, None)
    assert app.step == "locality"
    async with store.session() as uow:
        await form.pick(uow, PARTICIPANT, "locality", "pick", "almaty", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.locality_code, app.step, app.study_place) == ("almaty", "mentor", "Nazarbayev University")


async def test_edit_study_place_asks_the_mentor_again(store: Store) -> None:
    """Mentors are proposed by place of study (R2.4): a new one clears the mentor."""
    app_id = await draft_at(store, "review")
    async with store.session() as uow:
        await form.edit(uow, PARTICIPANT, "study_place", POLICY)
    async with store.session() as uow:
        await form.answer_text(uow, PARTICIPANT, "School 7", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.study_place, app.mentor_id, app.centre_id, app.step) == ("School 7", None, None, "mentor")


async def test_edit_birth_date_too_young_for_the_level_clears_level_and_directions(store: Store) -> None:
    """A birth date that makes the level unavailable (Gold from 16) clears the level and the directions."""
    app_id = await draft_at(store, "review", level="gold")
    async with store.session() as uow:
        await form.edit(uow, PARTICIPANT, "birth_date", POLICY)
    async with store.session() as uow:
        await form.answer_text(uow, PARTICIPANT, "15.05.2011", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.birth_date, app.level, app.directions, app.step) == (date(2011, 5, 15), None, [], "level")
    assert app.mentor_id == MENTOR


async def test_edit_phone_keeps_the_other_answers(store: Store) -> None:
    """An answer nothing depends on goes straight back to the review."""
    app_id = await draft_at(store, "review")
    async with store.session() as uow:
        await form.edit(uow, PARTICIPANT, "phone", POLICY)
    async with store.session() as uow:
        await form.answer_phone(uow, PARTICIPANT, "87017654321", NOW, POLICY)
    app = await stored(store, Application, app_id)
    assert (app.phone, app.step, app.mentor_id, app.locality_code) == ("+77017654321", "review", MENTOR, "astana")


@pytest.mark.parametrize(
    ("at", "step", "key"),
    [
        ("review", "consent", "error-bad-button"),
        ("review", "review", "error-bad-button"),
        ("review", "partners", "error-bad-button"),
        ("review", "choices", "error-bad-button"),
        ("mentor", "region", "error-stale-button"),
    ],
)
async def test_edit_refusals(store: Store, at: str, step: str, key: str) -> None:
    """Only a step that asks something of this participant may be edited, and only from the review."""
    app_id = await draft_at(store, at)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.edit(uow, PARTICIPANT, step, POLICY)
    assert caught.value.key == key
    assert (await stored(store, Application, app_id)).step == at


async def test_stale_step_button_is_refused(store: Store) -> None:
    """A button of a step the form has left is stale and changes nothing."""
    app_id = await draft_at(store, "locality")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.pick(uow, PARTICIPANT, "region", "pick", "almaty-city", NOW, POLICY)
    assert caught.value.key == "error-stale-button"
    app = await stored(store, Application, app_id)
    assert (app.region_code, app.step) == ("astana", "locality")


async def test_submitted_application_is_not_a_draft(store: Store) -> None:
    """Once submitted, every form answer is stale."""
    app_id = await draft_at(store, "review")
    async with store.sessions() as session, session.begin():
        row = await session.get(Application, app_id)
        assert row is not None
        row.status = "under_review"
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.answer_text(uow, PARTICIPANT, "Абайұлы Нұрлан", NOW, POLICY)
    assert caught.value.key == "error-stale-button"


async def test_no_application_is_stale(store: Store) -> None:
    await add_user(store, PARTICIPANT)
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await form.answer_text(uow, PARTICIPANT, "Абайұлы Нұрлан", NOW, POLICY)
    assert caught.value.key == "error-stale-button"
