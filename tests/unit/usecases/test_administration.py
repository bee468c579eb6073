"""The operator's administration (R6.6): catalogue edits checked as the import checks them, assignments,
and deactivation that passes duties on exactly as an absence does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import delete

from core import absence, catalogue_admin, staff_admin
from core.access import check_arbiter_for, mentored_application
from core.errors import NotAllowed
from core.notices import ExpertAssigned, RegionAssigned, StaffAbsent, SubstituteReleased
from core.programme import Role
from storage.catalog_files import default_catalog
from storage.catalog_store import apply_catalog
from storage.models import Application, Book, Locality, Partner, Region, Staff
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER_EXPERT,
    OTHER_MENTOR,
    PARTICIPANT,
    Store,
    add_application,
    add_staff,
    change,
    participant,
    refused,
    stored,
)

OPERATOR = 900
NAMES = {"kk": "Абай жолы", "ru": "Путь Абая", "en": "The Path of Abai"}
AUTHOR = {"kk": "Мұхтар Әуезов", "ru": "Мухтар Ауэзов", "en": "Mukhtar Auezov"}
BOOK = {"code": "test-abai-path", "title": NAMES, "section": "1", "author": AUTHOR}


@pytest.fixture
async def catalogue(store: Store) -> AsyncIterator[Store]:
    """The operator; the shipped catalogue is restored afterwards (other tests keep it between tests)."""
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator")
    yield store
    async with store.sessions() as session, session.begin():
        for model in (Book, Partner, Locality, Region):
            await session.execute(delete(model).where(model.code.like("test-%")))  # type: ignore[attr-defined]
        await apply_catalog(session, default_catalog())


@pytest.fixture
async def team(store: Store) -> Store:
    """The operator, two experts, two mentors of the first expert, and Astana's coordinator."""
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator")
    await add_staff(store, EXPERT, Role.EXPERT, "Expert")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Other expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other mentor", expert_id=EXPERT)
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator", region_code="astana")
    return store


async def add(store: Store, kind: str, values: dict[str, Any], by: int = OPERATOR) -> catalogue_admin.Added:
    async with store.session() as uow:
        return await catalogue_admin.add(uow, await uow.staff.get(by), kind, values)


async def offered_books(store: Store, section: int) -> set[str]:
    async with store.session() as uow:
        return {b.code for b in await uow.catalogue.books(section)}


# --- catalogue ----------------------------------------------------------------------------------------


async def test_a_book_added_is_offered_in_its_section(catalogue: Store) -> None:
    await add(catalogue, "book", BOOK)
    book = await stored(catalogue, Book, "test-abai-path")
    assert (book.section, book.title_ru, book.author_en, book.active) == (1, "Путь Абая", "Mukhtar Auezov", True)
    assert "test-abai-path" in await offered_books(catalogue, 1)
    assert "test-abai-path" not in await offered_books(catalogue, 2)


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({**BOOK, "code": "Abai Path"}, "admin-error-code"),
        ({**BOOK, "code": "x" * 41}, "admin-error-code"),
        ({**BOOK, "section": "4"}, "admin-error-section"),
        ({**BOOK, "title": {"kk": "Абай", "ru": "Абай"}}, "admin-error-names"),
        ({**BOOK, "author": {"kk": "", "ru": "Ауэзов", "en": "Auezov"}}, "admin-error-names"),
    ],
)
async def test_a_book_breaking_the_imports_rules_is_refused(catalogue: Store, values: dict[str, Any], key: str) -> None:
    with refused(key):
        await add(catalogue, "book", values)
    assert await catalogue.get(Book, values["code"]) is None


async def test_a_code_in_use_is_refused(catalogue: Store) -> None:
    with refused("admin-error-code-taken"):
        await add(catalogue, "region", {"code": "astana", "name": NAMES})
    # A region brings a locality of its own code: one in another region's use is taken too.
    with refused("admin-error-code-taken"):
        await add(catalogue, "region", {"code": "almaty", "name": NAMES})
    await add(catalogue, "book", BOOK)
    with refused("admin-error-code-taken"):
        await add(catalogue, "book", BOOK)


async def test_a_region_added_offers_itself_as_a_place(catalogue: Store) -> None:
    await add(catalogue, "region", {"code": "test-ulytau", "name": NAMES})
    async with catalogue.session() as uow:
        assert "test-ulytau" in {r.code for r in await uow.catalogue.regions()}
        assert [p.code for p in await uow.catalogue.localities("test-ulytau")] == ["test-ulytau"]


async def test_partners_and_centres_need_their_own_fields(catalogue: Store) -> None:
    partner = {"code": "test-scouts", "name": NAMES, "directions": ["tourism"], "region": None}
    with refused("admin-error-directions"):
        await add(catalogue, "partner", {**partner, "directions": ["chess"]})
    with refused("admin-error-directions"):
        await add(catalogue, "partner", {**partner, "directions": []})
    with refused("admin-error-region"):
        await add(catalogue, "partner", {**partner, "region": "atlantis"})
    await add(catalogue, "partner", partner)
    assert (await stored(catalogue, Partner, "test-scouts")).region_code is None
    with refused("admin-error-region"):
        await add(catalogue, "centre", {"code": "test-centre", "name": NAMES, "region": None})
    await add(catalogue, "centre", {"code": "test-centre", "name": NAMES, "region": "abai"})
    async with catalogue.session() as uow:
        centre = await uow.catalogue.centre_by_code("test-centre")
        assert centre is not None and centre.region_code == "abai" and centre.active


async def test_the_form_checks_each_answer_alone(catalogue: Store) -> None:
    """The code is checked before the names are asked; a missing later field is not yet a problem."""
    async with catalogue.session() as uow:
        await catalogue_admin.check_field(uow, "book", {"code": "test-new"}, "code")
        with refused("admin-error-code"):
            await catalogue_admin.check_field(uow, "book", {"code": "Новая"}, "code")
        with refused("admin-error-code-taken"):
            await catalogue_admin.check_field(uow, "region", {"code": "almaty"}, "code")
        with refused("admin-error-section"):
            await catalogue_admin.check_field(
                uow, "book", {"code": "test-new", "title": NAMES, "section": "0"}, "section"
            )


@pytest.mark.parametrize(
    ("text", "key"),
    [("Абай\nАбай", "admin-error-names"), ("", "admin-error-names"), ("a\nb\nc\nd", "admin-error-names")],
)
def test_names_are_three_lines(text: str, key: str) -> None:
    with refused(key):
        catalogue_admin.parse_names(text)


def test_names_keep_to_the_columns() -> None:
    assert catalogue_admin.parse_names(" Абай \n\nАбай\nAbai ") == {"kk": "Абай", "ru": "Абай", "en": "Abai"}
    with refused("error-text-too-long"):
        catalogue_admin.parse_names("a\nb\n" + "c" * 201)


async def test_rename_and_retire(catalogue: Store) -> None:
    async with catalogue.session() as uow:
        operator = await uow.staff.get(OPERATOR)
        await catalogue_admin.rename(
            uow, operator, "region", "astana", {"kk": "Елорда", "ru": "Столица", "en": "Capital"}
        )
    assert (await stored(catalogue, Region, "astana")).name_ru == "Столица"
    async with catalogue.session() as uow:
        operator = await uow.staff.get(OPERATOR)
        with refused("admin-error-names"):
            await catalogue_admin.rename(uow, operator, "region", "astana", {"kk": "", "ru": "X", "en": "Y"})
        await catalogue_admin.set_active(uow, operator, "region", "astana", False)
    async with catalogue.session() as uow:
        assert "astana" not in {r.code for r in await uow.catalogue.regions()}
        operator = await uow.staff.get(OPERATOR)
        with refused("error-stale-button"):
            await catalogue_admin.set_active(uow, operator, "region", "astana", False)
        await catalogue_admin.set_active(uow, operator, "region", "astana", True)
    assert (await stored(catalogue, Region, "astana")).active


async def test_forged_items_and_other_roles_are_refused(catalogue: Store) -> None:
    await add_staff(catalogue, MENTOR, Role.MENTOR, "Mentor")
    with pytest.raises(NotAllowed):
        await add(catalogue, "book", BOOK, by=MENTOR)
    async with catalogue.session() as uow:
        operator = await uow.staff.get(OPERATOR)
        with refused("error-bad-button"):
            await catalogue_admin.set_active(uow, operator, "staff", "astana", False)
        with pytest.raises(NotAllowed):
            await catalogue_admin.set_active(uow, operator, "book", "no-such-book", False)
    await change(catalogue, Staff, OPERATOR, active=False)
    with pytest.raises(NotAllowed):
        await add(catalogue, "book", BOOK)


# --- assignments --------------------------------------------------------------------------------------


async def assign_expert(store: Store, mentor: int, expert: int, by: int | None = OPERATOR) -> staff_admin.Changed:
    async with store.session() as uow:
        return await staff_admin.assign_expert(uow, await uow.staff.get(by or 0) if by else None, mentor, expert, NOW)


async def test_a_mentor_is_put_under_an_active_expert_and_both_are_told(team: Store) -> None:
    result = await assign_expert(team, MENTOR, OTHER_EXPERT)
    assert (await stored(team, Staff, MENTOR)).expert_id == OTHER_EXPERT
    assert result.notices == (
        ExpertAssigned(MENTOR, MENTOR, OTHER_EXPERT),
        ExpertAssigned(OTHER_EXPERT, MENTOR, OTHER_EXPERT),
    )
    assert team.publisher.published == list(result.notices)


@pytest.mark.parametrize(
    ("mentor", "expert", "key"),
    [
        (MENTOR, OTHER_MENTOR, "admin-error-not-expert"),
        (MENTOR, COORDINATOR, "admin-error-not-expert"),
        (MENTOR, 12345, "admin-error-not-expert"),
        (EXPERT, OTHER_EXPERT, "admin-error-not-mentor"),
        (MENTOR, EXPERT, "admin-error-already-assigned"),
        (12345, EXPERT, "admin-error-not-staff"),
    ],
)
async def test_assignment_rules(team: Store, mentor: int, expert: int, key: str) -> None:
    with refused(key):
        await assign_expert(team, mentor, expert)


async def test_only_active_experts_and_only_operators(team: Store) -> None:
    await change(team, Staff, OTHER_EXPERT, active=False)
    with refused("admin-error-not-expert"):
        await assign_expert(team, MENTOR, OTHER_EXPERT)
    with pytest.raises(NotAllowed):
        await assign_expert(team, OTHER_MENTOR, EXPERT, by=EXPERT)
    await change(team, Staff, OTHER_EXPERT, active=True)
    await assign_expert(team, MENTOR, OTHER_EXPERT, by=None)  # the operator's shell
    assert (await stored(team, Staff, MENTOR)).expert_id == OTHER_EXPERT


async def test_an_absent_mentors_duties_follow_them_to_the_new_expert(team: Store) -> None:
    async with team.session() as uow:
        mentor = await uow.staff.get(MENTOR)
        assert mentor is not None
        await absence.go(uow, mentor, NOW)
    team.publisher.published.clear()
    result = await assign_expert(team, MENTOR, OTHER_EXPERT)
    row = await stored(team, Staff, MENTOR)
    assert (row.expert_id, row.substitute_id) == (OTHER_EXPERT, OTHER_EXPERT)
    assert StaffAbsent(OTHER_EXPERT, MENTOR, NOW) in result.notices
    assert any(isinstance(n, SubstituteReleased) and n.recipient == EXPERT for n in result.notices)


async def test_an_experts_region(team: Store) -> None:
    async with team.session() as uow:
        operator = await uow.staff.get(OPERATOR)
        with refused("admin-error-region"):
            await staff_admin.assign_region(uow, operator, EXPERT, "atlantis", NOW)
        with refused("admin-error-not-expert"):
            await staff_admin.assign_region(uow, operator, MENTOR, "abai", NOW)
        result = await staff_admin.assign_region(uow, operator, EXPERT, "abai", NOW)
    assert result.notices == (RegionAssigned(EXPERT, "abai"),)
    assert (await stored(team, Staff, EXPERT)).region_code == "abai"
    async with team.session() as uow:
        expert = await uow.staff.get(EXPERT)
        assert expert is not None and await uow.staff.region_of(expert) == "abai"
        # Away now, the expert has no coordinator in Abai region.
        assert await absence.substitute_for(uow, expert) is None


# --- deactivation -------------------------------------------------------------------------------------


async def deactivate(store: Store, user_id: int, by: int | None = OPERATOR) -> staff_admin.Changed:
    async with store.session() as uow:
        return await staff_admin.deactivate(uow, await uow.staff.get(by) if by else None, user_id, NOW)


async def test_deactivation_hands_over_exactly_as_absence(team: Store) -> None:
    """A mentor deactivated and a mentor gone absent end in the same state and tell the same person."""
    app_id = await participant(team)
    await add_application(team, 1001, OTHER_MENTOR, status="active")
    result = await deactivate(team, MENTOR)
    async with team.session() as uow:
        other = await uow.staff.get(OTHER_MENTOR)
        assert other is not None
        went = await absence.go(uow, other, NOW)
    gone, away = await stored(team, Staff, MENTOR), await stored(team, Staff, OTHER_MENTOR)
    assert (gone.active, away.active) == (False, True)
    assert (gone.absent_since, gone.substitute_id) == (away.absent_since, away.substitute_id) == (NOW, EXPERT)
    (told,) = went.notices
    assert isinstance(told, StaffAbsent)
    assert result.notices == (replace(told, absent=MENTOR, deactivated=True),)
    async with team.session() as uow:
        # The expert acts for the participant; the deactivated mentor no longer may.
        assert (await mentored_application(uow, await uow.staff.get(EXPERT), app_id)).id == app_id
        with pytest.raises(NotAllowed):
            await mentored_application(uow, await uow.staff.get(MENTOR), app_id)
        assert await uow.staff.acting_for(MENTOR) == EXPERT


async def test_an_expert_deactivated_passes_to_the_coordinator(team: Store) -> None:
    result = await deactivate(team, EXPERT)
    row = await stored(team, Staff, EXPERT)
    assert (row.active, row.substitute_id) == (False, COORDINATOR)
    assert result.notices == (StaffAbsent(COORDINATOR, EXPERT, NOW, 0, True),)
    # The coordinator decides the expert's appeals; the expert no longer may.
    async with team.session() as uow:
        await check_arbiter_for(uow, await uow.staff.get(COORDINATOR), EXPERT)
        with pytest.raises(NotAllowed):
            await check_arbiter_for(uow, await uow.staff.get(EXPERT), EXPERT)


async def test_nobody_to_take_the_duties(team: Store) -> None:
    await add_staff(team, 150, Role.MENTOR, "Lonely mentor")
    await deactivate(team, 150)  # no participants: nothing to pass on
    assert not (await stored(team, Staff, 150)).active
    await add_staff(team, 151, Role.MENTOR, "Busy mentor")
    await add_application(team, PARTICIPANT, 151, status="active")
    with refused("admin-error-no-substitute-mentor"):
        await deactivate(team, 151)
    await change(team, Staff, COORDINATOR, active=False)
    with refused("admin-error-no-substitute-expert"):
        await deactivate(team, EXPERT)
    await deactivate(team, OTHER_EXPERT)  # no mentors of their own


async def test_deactivation_refusals(team: Store) -> None:
    with refused("admin-error-self"):
        await deactivate(team, OPERATOR)
    with pytest.raises(NotAllowed):
        await deactivate(team, MENTOR, by=EXPERT)
    await deactivate(team, MENTOR)
    with refused("error-stale-button"):
        await deactivate(team, MENTOR)


async def test_one_already_away_keeps_their_substitute(team: Store) -> None:
    async with team.session() as uow:
        expert = await uow.staff.get(EXPERT)
        mentor = await uow.staff.get(MENTOR)
        assert mentor is not None
        await absence.go(uow, mentor, NOW)
        await absence.hand(uow, expert, MENTOR, OTHER_MENTOR)  # type: ignore[arg-type]
    result = await deactivate(team, MENTOR, by=None)
    row = await stored(team, Staff, MENTOR)
    assert (row.active, row.substitute_id, result.notices) == (False, OTHER_MENTOR, ())


async def test_reactivation_restores_the_role_not_the_duties(team: Store) -> None:
    await deactivate(team, MENTOR)
    async with team.session() as uow:
        await staff_admin.reactivate(uow, await uow.staff.get(OPERATOR), MENTOR)
    row = await stored(team, Staff, MENTOR)
    assert (row.active, row.absent_since, row.substitute_id) == (True, NOW, EXPERT)
    async with team.session() as uow:
        with refused("error-stale-button"):
            await staff_admin.reactivate(uow, await uow.staff.get(OPERATOR), MENTOR)
    await deactivate(team, OTHER_MENTOR)
    async with team.sessions() as session, session.begin():
        session.add(Application(user_id=OTHER_MENTOR, programme_year=2026, status="draft"))
    async with team.session() as uow:
        with refused("error-participant-cannot-be-staff"):
            await staff_admin.reactivate(uow, None, OTHER_MENTOR)
