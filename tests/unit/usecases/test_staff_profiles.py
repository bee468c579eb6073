"""Staff profiles, documents and cards (R8.2): validation, who may see which card and documents, the export."""

from __future__ import annotations

from typing import Any

import pytest

from core import personal_data, staff_profiles
from core.errors import DomainError, NotAllowed
from core.programme import Role
from core.staff_profiles import DOCUMENT_MAX_BYTES, DOCUMENTS_MAX, Upload
from storage.models import Application, ExpertNote, Progress, Staff, StaffDocument, StaffProfile, User
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER_EXPERT,
    OTHER_MENTOR,
    PARTICIPANT,
    Store,
    add_staff,
    all_rows,
    change,
    participant,
    refused,
    stored,
)

OTHER_COORDINATOR, OPERATOR, CENTRE_HEAD, FAR_MENTOR = 301, 400, 500, 103
PHOTO = Upload("id", "photo", "photo-file", "photo-u", file_size=200_000)
PDF = Upload("diploma", "document", "pdf-file", "pdf-u", "Diploma.PDF", "application/pdf", 300_000)


@pytest.fixture
async def team(store: Store) -> Store:
    """An expert with two mentors in the Astana centre, an expert supervising a mentor of no centre in Almaty,
    the coordinators of Astana and of Almaty, an operator and a centre head."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert One")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Expert Two")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Mentor Two", expert_id=EXPERT)
    await add_staff(
        store,
        FAR_MENTOR,
        Role.MENTOR,
        "Mentor Far",
        expert_id=OTHER_EXPERT,
        region_code="almaty-city",
        with_centre=False,
    )
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator Astana", region_code="astana")
    await add_staff(store, OTHER_COORDINATOR, Role.COORDINATOR, "Coordinator Almaty", region_code="almaty-city")
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator Person")
    await add_staff(store, CENTRE_HEAD, Role.CENTRE, "Centre Head")
    return store


async def member(store: Store, user_id: int) -> Staff | None:
    return await store.get(Staff, user_id)


async def test_first_entry_asks_each_unanswered_question_in_order_and_a_skip_moves_on(team: Store) -> None:
    async with team.session() as uow:
        profile = await staff_profiles.profile_of(uow, await uow.staff.get(MENTOR))
        assert profile.next_question() == "photo"
        assert profile.next_question("photo") == "phone"
        profile = await staff_profiles.set_region(uow, profile.staff, "astana")
        assert profile.next_question("phone") == "organisation"
        assert profile.next_question("bio") is None
        assert profile.missing == ("photo", "phone", "organisation", "bio")
        profile = await staff_profiles.set_organisation(uow, profile.staff, "  School No. 12  ")
        profile = await staff_profiles.set_bio(uow, profile.staff, "Teacher of history")
        profile = await staff_profiles.set_photo(uow, profile.staff, "photo-id")
        profile = await staff_profiles.set_phone(uow, profile.staff, MENTOR, "+77010000000")
        assert profile.missing == ()
        assert profile.next_question() is None
    stored_profile = await stored(team, StaffProfile, MENTOR)
    assert (stored_profile.organisation, stored_profile.region_code, stored_profile.phone) == (
        "School No. 12",
        "astana",
        "+77010000000",
    )


async def test_each_field_refuses_what_it_cannot_take(team: Store) -> None:
    async with team.session() as uow:
        mentor = await uow.staff.get(MENTOR)
        with refused("error-contact-not-own"):
            await staff_profiles.set_phone(uow, mentor, OTHER_MENTOR, "+77010000001")
        with refused("error-contact-not-own"):
            await staff_profiles.set_phone(uow, mentor, None, "+77010000001")
        with refused("error-bad-button"):
            await staff_profiles.set_region(uow, mentor, "atlantis")
        with refused("error-profile-text-expected"):
            await staff_profiles.set_organisation(uow, mentor, "\u200b\u200b")
        with refused("error-profile-text-expected"):
            await staff_profiles.set_bio(uow, mentor, "/start")
        with pytest.raises(DomainError) as long_bio:
            await staff_profiles.set_bio(uow, mentor, "a" * (staff_profiles.BIO_MAX + 1))
        assert long_bio.value.key == "error-profile-bio-too-long"
        assert long_bio.value.params == {"limit": staff_profiles.BIO_MAX, "length": staff_profiles.BIO_MAX + 1}
        with refused("error-full-name"):
            await staff_profiles.set_name(uow, mentor, "X")
        profile = await staff_profiles.set_name(uow, mentor, "жанна ермекова")
        assert profile.staff.full_name == "Жанна Ермекова"
        with pytest.raises(NotAllowed):
            await staff_profiles.profile_of(uow, None)
    assert await team.get(StaffProfile, MENTOR) is None


async def test_a_mentor_keeps_photos_and_pdfs_and_nothing_else(team: Store) -> None:
    async with team.session() as uow:
        mentor = await uow.staff.get(MENTOR)
        await staff_profiles.add_document(uow, mentor, PHOTO, NOW)
        await staff_profiles.add_document(uow, mentor, PDF, NOW)
        docx = Upload("certificate", "document", "f", "u", "cv.docx", "application/msword", 1000)
        renamed = Upload("certificate", "document", "f", "u", "cv.pdf", "application/zip", 1000)
        for upload in (docx, renamed, Upload("id", "video", "f", "u"), Upload("passport", "photo", "f", "u")):
            with pytest.raises(DomainError) as refusal:
                await staff_profiles.add_document(uow, mentor, upload, NOW)
            assert refusal.value.key in ("error-profile-doc-type", "error-bad-button")
        with refused("error-profile-doc-size"):
            await staff_profiles.add_document(
                uow, mentor, Upload("id", "photo", "f", "u", file_size=DOCUMENT_MAX_BYTES + 1), NOW
            )
    docs = await all_rows(team, StaffDocument)
    assert sorted((d.kind, d.media, d.owner_id) for d in docs) == [
        ("diploma", "document", MENTOR),
        ("id", "photo", MENTOR),
    ]
    assert all(d.uploaded_at == NOW for d in docs)


async def test_only_mentors_and_experts_keep_documents_and_no_more_than_the_limit(team: Store) -> None:
    async with team.session() as uow:
        for who in (COORDINATOR, OPERATOR, CENTRE_HEAD):
            with pytest.raises(NotAllowed):
                await staff_profiles.add_document(uow, await uow.staff.get(who), PHOTO, NOW)
        with pytest.raises(NotAllowed):
            await staff_profiles.add_document(uow, None, PHOTO, NOW)
        expert = await uow.staff.get(EXPERT)
        for _ in range(DOCUMENTS_MAX):
            await staff_profiles.add_document(uow, expert, PHOTO, NOW)
        with refused("error-profile-doc-count"):
            await staff_profiles.add_document(uow, expert, PHOTO, NOW)


async def test_only_the_owner_deletes_a_document_and_a_deleted_one_is_stale(team: Store) -> None:
    async with team.session() as uow:
        doc = await staff_profiles.add_document(uow, await uow.staff.get(MENTOR), PDF, NOW)
        doc_id = doc.id
    async with team.session() as uow:
        for who in (OTHER_MENTOR, EXPERT):
            with pytest.raises(NotAllowed):
                await staff_profiles.delete_document(uow, await uow.staff.get(who), doc_id)
        await staff_profiles.delete_document(uow, await uow.staff.get(MENTOR), doc_id)
    async with team.session() as uow:
        with refused("error-stale-button"):
            await staff_profiles.delete_document(uow, await uow.staff.get(MENTOR), doc_id)
    assert await all_rows(team, StaffDocument) == []


CARD_ACCESS = [
    (MENTOR, EXPERT, True),
    (MENTOR, OTHER_EXPERT, False),
    (MENTOR, COORDINATOR, True),
    (MENTOR, OTHER_COORDINATOR, False),
    (MENTOR, OPERATOR, True),
    (MENTOR, OTHER_MENTOR, False),
    (MENTOR, MENTOR, False),
    (MENTOR, CENTRE_HEAD, False),
    (MENTOR, None, False),
    (FAR_MENTOR, OTHER_COORDINATOR, True),
    (FAR_MENTOR, COORDINATOR, False),
    (FAR_MENTOR, OTHER_EXPERT, True),
    (EXPERT, COORDINATOR, True),
    (EXPERT, OTHER_COORDINATOR, False),
    (EXPERT, OPERATOR, True),
    (EXPERT, OTHER_EXPERT, False),
    (EXPERT, MENTOR, False),
    (OTHER_EXPERT, OTHER_COORDINATOR, True),
    (COORDINATOR, OPERATOR, True),
    (COORDINATOR, OTHER_COORDINATOR, False),
    (COORDINATOR, EXPERT, False),
    (OPERATOR, OPERATOR, False),
    (CENTRE_HEAD, OPERATOR, False),
]


@pytest.mark.parametrize(("subject", "viewer", "allowed"), CARD_ACCESS)
async def test_a_card_is_shown_to_those_above_only(
    team: Store, subject: int, viewer: int | None, allowed: bool
) -> None:
    async with team.session() as uow:
        who = await uow.staff.get(viewer) if viewer else None
        if allowed:
            card = await staff_profiles.card(uow, who, subject)
            assert card.profile.staff.user_id == subject
        else:
            with pytest.raises(NotAllowed):
                await staff_profiles.card(uow, who, subject)


async def test_an_inactive_viewer_and_an_unknown_subject_are_refused(team: Store) -> None:
    await change(team, Staff, EXPERT, active=False)
    async with team.session() as uow:
        with pytest.raises(NotAllowed):
            await staff_profiles.card(uow, await uow.staff.get(EXPERT), MENTOR)
        with pytest.raises(NotAllowed):
            await staff_profiles.card(uow, await uow.staff.get(OPERATOR), 999)


DOCUMENT_ACCESS = [
    (MENTOR, MENTOR, True),
    (MENTOR, EXPERT, True),
    (MENTOR, COORDINATOR, True),
    (MENTOR, OPERATOR, True),
    (MENTOR, OTHER_MENTOR, False),
    (MENTOR, OTHER_EXPERT, False),
    (MENTOR, OTHER_COORDINATOR, False),
    (MENTOR, CENTRE_HEAD, False),
    (MENTOR, None, False),
    (EXPERT, EXPERT, True),
    (EXPERT, COORDINATOR, True),
    (EXPERT, MENTOR, False),
    (COORDINATOR, OPERATOR, False),
    (COORDINATOR, COORDINATOR, False),
]


@pytest.mark.parametrize(("owner", "viewer", "allowed"), DOCUMENT_ACCESS)
async def test_documents_go_to_their_owner_and_those_above_only(
    team: Store, owner: int, viewer: int | None, allowed: bool
) -> None:
    async with team.session() as uow:
        if owner in (MENTOR, EXPERT):
            await staff_profiles.add_document(uow, await uow.staff.get(owner), PDF, NOW)
    async with team.session() as uow:
        who = await uow.staff.get(viewer) if viewer else None
        if allowed:
            found, docs = await staff_profiles.documents_for(uow, who, owner)
            assert found.user_id == owner and [d.file_id for d in docs] == ["pdf-file"]
        else:
            with pytest.raises(NotAllowed):
                await staff_profiles.documents_for(uow, who, owner)


async def test_a_mentor_card_has_the_profile_participants_with_figures_and_the_journal(team: Store) -> None:
    app_id = await participant(team, PARTICIPANT)
    async with team.sessions() as session, session.begin():
        session.add_all(
            [
                Progress(application_id=app_id, direction="sport", percent=40, updated_at=NOW),
                Progress(application_id=app_id, direction="reading", percent=20, updated_at=NOW),
            ]
        )
        session.add(ExpertNote(expert_id=EXPERT, mentor_id=MENTOR, text="Answers quickly"))
        session.add(ExpertNote(expert_id=OTHER_EXPERT, mentor_id=MENTOR, text="Someone else's note"))
    await change(team, Application, app_id, rating=30)
    async with team.session() as uow:
        await staff_profiles.set_organisation(uow, await uow.staff.get(MENTOR), "School No. 12")
        await staff_profiles.add_document(uow, await uow.staff.get(MENTOR), PDF, NOW)
        card = await staff_profiles.card(uow, await uow.staff.get(COORDINATOR), MENTOR)
    assert card.profile.value("organisation") == "School No. 12"
    assert card.documents == 1
    [line] = card.participants
    assert (line.app.id, line.app.rating, line.percents) == (app_id, 30, {"reading": 20, "sport": 40})
    assert [n.text for n in card.notes] == ["Answers quickly"]


async def test_an_expert_card_lists_their_mentors_and_a_coordinator_card_the_region_experts(team: Store) -> None:
    await participant(team, PARTICIPANT)
    async with team.session() as uow:
        expert_card = await staff_profiles.card(uow, await uow.staff.get(OPERATOR), EXPERT)
        coordinator_card = await staff_profiles.card(uow, await uow.staff.get(OPERATOR), COORDINATOR)
        almaty_card = await staff_profiles.card(uow, await uow.staff.get(OPERATOR), OTHER_COORDINATOR)
    assert [(m.user_id, n) for m, n in expert_card.mentors] == [(MENTOR, 1), (OTHER_MENTOR, 0)]
    assert expert_card.team is not None and expert_card.team.participants == 1
    assert [e.user_id for e in coordinator_card.experts] == [EXPERT]
    assert [e.user_id for e in almaty_card.experts] == [OTHER_EXPERT]
    assert coordinator_card.documents == 0 and coordinator_card.participants == ()


async def test_the_staff_list_is_the_region_for_a_coordinator_and_everyone_paged_for_the_operator(
    team: Store,
) -> None:
    for n in range(12):
        await add_staff(team, 600 + n, Role.MENTOR, f"Extra Mentor {n:02}", expert_id=EXPERT)
    async with team.session() as uow:
        astana = await staff_profiles.staff_list(uow, await uow.staff.get(COORDINATOR), 0)
        almaty = await staff_profiles.staff_list(uow, await uow.staff.get(OTHER_COORDINATOR), 0)
        first = await staff_profiles.staff_list(uow, await uow.staff.get(OPERATOR), 0)
        last = await staff_profiles.staff_list(uow, await uow.staff.get(OPERATOR), 99)
        for who in (MENTOR, EXPERT, CENTRE_HEAD, None):
            with pytest.raises(NotAllowed):
                await staff_profiles.staff_list(uow, await uow.staff.get(who) if who else None, 0)
    assert astana.pages == 2 and astana.members[0].user_id == EXPERT
    assert {m.user_id for m in astana.members} <= {EXPERT, MENTOR, OTHER_MENTOR, *range(600, 612)}
    assert [m.user_id for m in almaty.members] == [OTHER_EXPERT, FAR_MENTOR]
    assert (first.page, first.pages, len(first.members)) == (0, 2, 10)
    assert [m.role for m in first.members[:4]] == ["coordinator", "coordinator", "expert", "expert"]
    assert (last.page, len(last.members)) == (1, 9)


async def test_the_profile_and_documents_are_exported_and_erased_with_the_account(team: Store) -> None:
    async with team.session() as uow:
        mentor = await uow.staff.get(MENTOR)
        await staff_profiles.set_bio(uow, mentor, "Teacher of history")
        await staff_profiles.set_phone(uow, mentor, MENTOR, "+77010000000")
        await staff_profiles.add_document(uow, mentor, PDF, NOW)
    async with team.session() as uow:
        user = await uow.users.get(MENTOR)
        assert user is not None
        data: dict[str, Any] = await personal_data.export(uow, user)
    staff_data = data["as_staff"]
    assert staff_data["profile"]["bio"] == "Teacher of history"
    assert staff_data["profile"]["phone"] == "+77010000000"
    assert [(d["kind"], d["file_id"]) for d in staff_data["documents"]] == [("diploma", "pdf-file")]
    async with team.session() as uow:
        await uow.personal.erase_staff_profile(MENTOR)
        await uow.commit()
    assert await team.get(StaffProfile, MENTOR) is None
    assert await all_rows(team, StaffDocument) == []
    assert await team.get(User, MENTOR) is not None
