"""The participant's documents (R6.2) and the mentor's characterisation (R8.1): uploads, checks, returns, who
may decide and who may only look, and what the personal-data export and erasure do with them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import characterisation, documents, personal_data
from core.diary import DOCX
from core.documents import DocumentFile
from core.drafts import DownloadFailed
from core.errors import DomainError, NotAllowed
from core.notices import DocumentArrived, DocumentDecided, DocumentsRequested
from core.programme import MediaKind, Role
from storage.models import Application, ParticipantDocument, Staff, User
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER,
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

OPERATOR, FAR_COORDINATOR = 400, 301
PDF = DocumentFile(MediaKind.DOCUMENT, "pdf-file", "pdf-unique", 2048, "application/pdf")
PHOTO = DocumentFile(MediaKind.PHOTO, "photo-file", "photo-unique", 4096, "image/jpeg")


async def pdf_bytes(file_id: str) -> str | None:
    return "application/pdf"


async def unknown_bytes(file_id: str) -> str | None:
    return None


async def unreachable(file_id: str) -> str | None:
    raise DownloadFailed("TelegramNetworkError")


async def photo_not_downloaded(file_id: str) -> str | None:
    raise AssertionError("a photo is not downloaded: Telegram made it")


@pytest.fixture
async def team(store: Store) -> Store:
    await add_staff(store, EXPERT, Role.EXPERT, "Expert")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Other expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other mentor", expert_id=OTHER_EXPERT)
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator", region_code="astana")
    await add_staff(store, FAR_COORDINATOR, Role.COORDINATOR, "Far coordinator", region_code="almaty-city")
    await add_staff(store, OPERATOR, Role.OPERATOR, "Operator")
    return store


async def upload(
    store: Store, kind: str, file: DocumentFile | None = PDF, detect=pdf_bytes, user_id: int = PARTICIPANT
) -> documents.Changed:
    async with store.session() as uow:
        return await documents.upload(uow, user_id, kind, file, NOW, detect)


async def check(store: Store, doc_id: int, by: int = MENTOR) -> documents.Changed:
    async with store.session() as uow:
        return await documents.check(uow, await uow.staff.get(by), doc_id, NOW)


async def give_back(store: Store, doc_id: int, reason: str | None = "The scan is blurred", by: int = MENTOR):
    async with store.session() as uow:
        return await documents.give_back(uow, await uow.staff.get(by), doc_id, reason, NOW)


async def viewed(store: Store, app_id: int, by: int) -> documents.Viewed:
    async with store.session() as uow:
        return await documents.viewable(uow, await uow.staff.get(by), app_id)


async def rows(store: Store) -> list[tuple[str, str, str]]:
    found = sorted(await all_rows(store, ParticipantDocument), key=lambda d: d.id)
    return [(d.kind, d.status, d.file_id) for d in found]


# --- uploads ----------------------------------------------------------------------------------------


async def test_an_upload_is_stored_and_the_mentor_told(team: Store) -> None:
    app_id = await participant(team)
    result = await upload(team, "agreement")
    assert await rows(team) == [("agreement", "sent", "pdf-file")]
    document = await stored(team, ParticipantDocument, result.document.id)
    assert (document.application_id, document.mime_type, document.file_size, document.uploaded_at) == (
        app_id,
        "application/pdf",
        2048,
        NOW,
    )
    assert team.publisher.published == [DocumentArrived(MENTOR, app_id, "agreement")]


async def test_a_photo_is_taken_without_download(team: Store) -> None:
    await participant(team, status="under_review")
    await upload(team, "identity", PHOTO, photo_not_downloaded)
    assert await rows(team) == [("identity", "sent", "photo-file")]


async def test_an_unchecked_upload_is_replaced_a_checked_one_stays(team: Store) -> None:
    await participant(team)
    first = await upload(team, "agreement", PHOTO)
    second = await upload(team, "agreement", PDF)
    assert second.document.id == first.document.id
    assert await rows(team) == [("agreement", "sent", "pdf-file")]
    await check(team, first.document.id)
    with refused("docs-already-checked"):
        await upload(team, "agreement", PHOTO)
    assert await rows(team) == [("agreement", "checked", "pdf-file")]


async def test_a_returned_document_comes_back_in_its_place(team: Store) -> None:
    app_id = await participant(team)
    sent = await upload(team, "identity", PHOTO)
    team.publisher.published.clear()
    await give_back(team, sent.document.id, "  The photo is cut off  ")
    document = await stored(team, ParticipantDocument, sent.document.id)
    assert (document.status, document.return_reason, document.checked_by) == (
        "returned",
        "The photo is cut off",
        MENTOR,
    )
    assert team.publisher.published == [DocumentDecided(PARTICIPANT, app_id, sent.document.id)]
    again = await upload(team, "identity", PDF)
    assert again.document.id == sent.document.id
    document = await stored(team, ParticipantDocument, sent.document.id)
    assert (document.status, document.return_reason, document.checked_by, document.file_id) == (
        "sent",
        None,
        None,
        "pdf-file",
    )


async def test_certificates_are_several_up_to_a_limit(team: Store) -> None:
    await participant(team)
    first = await upload(team, "certificate", PHOTO)
    for _ in range(documents.MAX_CERTIFICATES - 1):
        await upload(team, "certificate", PDF)
    assert len(await rows(team)) == documents.MAX_CERTIFICATES
    with refused("docs-too-many"):
        await upload(team, "certificate", PDF)
    await give_back(team, first.document.id)
    replaced = await upload(team, "certificate", PDF)
    assert replaced.document.id == first.document.id
    assert len(await rows(team)) == documents.MAX_CERTIFICATES


@pytest.mark.parametrize(
    ("file", "detect", "key"),
    [
        (None, pdf_bytes, "docs-file-expected"),
        (DocumentFile(MediaKind.VOICE, "voice", "voice-u", 100, "audio/ogg"), pdf_bytes, "docs-file-expected"),
        (DocumentFile(MediaKind.DOCUMENT, "docx", "docx-u", 100, DOCX), pdf_bytes, "docs-file-type"),
        (
            DocumentFile(MediaKind.DOCUMENT, "big", "big-u", 21 * 1024 * 1024, "application/pdf"),
            pdf_bytes,
            "docs-file-too-big",
        ),
        (DocumentFile(MediaKind.DOCUMENT, "empty", "empty-u", 0, "application/pdf"), pdf_bytes, "error-file-empty"),
        (PDF, unknown_bytes, "docs-file-content"),
        (PDF, unreachable, "docs-file-not-checked"),
    ],
)
async def test_what_is_not_a_document_is_refused(team: Store, file: DocumentFile | None, detect, key: str) -> None:
    await participant(team)
    with refused(key):
        await upload(team, "agreement", file, detect)
    assert await rows(team) == []
    assert team.publisher.published == []


async def test_only_a_live_application_with_a_mentor_takes_documents(team: Store) -> None:
    with refused("docs-no-application"):
        await upload(team, "agreement")
    await participant(team, status="draft")
    with refused("docs-no-application"):
        await upload(team, "agreement")
    await participant(team, OTHER, status="completed")
    with refused("docs-no-application"):
        await upload(team, "agreement", user_id=OTHER)


async def test_a_forged_kind_is_refused(team: Store) -> None:
    await participant(team)
    with refused("error-bad-button"):
        await upload(team, "passport")


# --- decisions and who may take them ---------------------------------------------------------------


async def test_a_decided_document_cannot_be_decided_again(team: Store) -> None:
    await participant(team)
    sent = await upload(team, "agreement")
    await check(team, sent.document.id)
    with refused("error-stale-button"):
        await check(team, sent.document.id)
    with refused("error-stale-button"):
        await give_back(team, sent.document.id)
    with refused("error-bad-button"):
        await check(team, 99999)


async def test_a_return_needs_a_reason(team: Store) -> None:
    await participant(team)
    sent = await upload(team, "agreement")
    with refused("error-text-expected"):
        await give_back(team, sent.document.id, "   ")
    with refused("error-text-too-long"):
        await give_back(team, sent.document.id, "x" * (documents.REASON_MAX + 1))
    assert (await stored(team, ParticipantDocument, sent.document.id)).status == "sent"


@pytest.mark.parametrize("who", [OTHER_MENTOR, EXPERT, COORDINATOR, OPERATOR, PARTICIPANT])
async def test_only_the_acting_mentor_decides(team: Store, who: int) -> None:
    await participant(team)
    sent = await upload(team, "agreement")
    with pytest.raises(NotAllowed):
        await check(team, sent.document.id, by=who)
    with pytest.raises(NotAllowed):
        await give_back(team, sent.document.id, by=who)
    assert (await stored(team, ParticipantDocument, sent.document.id)).status == "sent"


async def test_whoever_acts_for_an_absent_mentor_decides(team: Store) -> None:
    await participant(team)
    sent = await upload(team, "agreement")
    await change(team, Staff, MENTOR, absent_since=NOW - timedelta(days=1), substitute_id=EXPERT)
    await check(team, sent.document.id, by=EXPERT)
    assert (await stored(team, ParticipantDocument, sent.document.id)).checked_by == EXPERT


@pytest.mark.parametrize(("who", "decides"), [(MENTOR, True), (EXPERT, False), (COORDINATOR, False), (OPERATOR, False)])
async def test_who_may_look(team: Store, who: int, decides: bool) -> None:
    app_id = await participant(team)
    await upload(team, "agreement")
    seen = await viewed(team, app_id, who)
    assert seen.may_decide is decides
    assert [d.kind for d in seen.folder.documents] == ["agreement"]


@pytest.mark.parametrize("who", [OTHER_MENTOR, OTHER_EXPERT, FAR_COORDINATOR, PARTICIPANT])
async def test_who_may_not_look(team: Store, who: int) -> None:
    app_id = await participant(team)
    with pytest.raises(NotAllowed):
        await viewed(team, app_id, who)


async def test_an_inactive_staff_member_may_not_look(team: Store) -> None:
    app_id = await participant(team)
    await change(team, Staff, OPERATOR, active=False)
    with pytest.raises(NotAllowed):
        await viewed(team, app_id, OPERATOR)


# --- asking for what is missing ----------------------------------------------------------------------


async def request(store: Store, app_id: int, by: int = MENTOR) -> documents.Requested:
    async with store.session() as uow:
        return await documents.request(uow, await uow.staff.get(by), app_id)


async def test_the_mentor_asks_for_what_is_missing(team: Store) -> None:
    app_id = await participant(team, status="under_review")
    result = await request(team, app_id)
    assert team.publisher.published == [DocumentsRequested(PARTICIPANT, app_id, ("agreement", "identity"))]
    assert result.missing == (documents.DocumentKind.AGREEMENT, documents.DocumentKind.IDENTITY)
    agreement = await upload(team, "agreement")
    identity = await upload(team, "identity")
    await give_back(team, identity.document.id)
    team.publisher.published.clear()
    await request(team, app_id)
    assert team.publisher.published == [DocumentsRequested(PARTICIPANT, app_id, ("identity",))]
    await upload(team, "identity")
    await check(team, agreement.document.id)
    with refused("docs-nothing-missing"):
        await request(team, app_id)


async def test_only_the_acting_mentor_asks(team: Store) -> None:
    app_id = await participant(team)
    for who in (OTHER_MENTOR, EXPERT, OPERATOR):
        with pytest.raises(NotAllowed):
            await request(team, app_id, by=who)
    assert team.publisher.published == []


async def test_the_folder_says_what_is_missing_and_waiting(team: Store) -> None:
    app_id = await participant(team)
    await upload(team, "agreement")
    await upload(team, "certificate", PHOTO)
    seen = await viewed(team, app_id, MENTOR)
    assert seen.folder.missing == (documents.DocumentKind.IDENTITY,)
    assert seen.folder.unchecked == 2
    assert [seen.folder.state(k) for k in documents.DocumentKind] == ["sent", "missing", "sent"]
    assert documents.accepts(seen.folder, documents.DocumentKind.AGREEMENT)


# --- the characterisation --------------------------------------------------------------------------------


async def write(store: Store, app_id: int, text: str | None, by: int = MENTOR) -> None:
    async with store.session() as uow:
        await characterisation.write(uow, await uow.staff.get(by), app_id, text)


async def test_the_characterisation_is_written_and_rewritten(team: Store) -> None:
    app_id = await participant(team)
    await write(team, app_id, "  Hard-working and kind.  ")
    assert (await stored(team, Application, app_id)).characterisation == "Hard-working and kind."
    await write(team, app_id, "x" * characterisation.CHARACTERISATION_MAX)
    assert (await stored(team, Application, app_id)).characterisation == "x" * 500


async def test_a_too_long_characterisation_changes_nothing(team: Store) -> None:
    app_id = await participant(team)
    await write(team, app_id, "Hard-working and kind.")
    with refused("characterisation-too-long"):
        await write(team, app_id, "y" * 501)
    with refused("error-text-expected"):
        await write(team, app_id, " ")
    assert (await stored(team, Application, app_id)).characterisation == "Hard-working and kind."


async def test_the_length_is_told(team: Store) -> None:
    with pytest.raises(DomainError) as raised:
        characterisation.check_characterisation("z" * 612)
    assert raised.value.params == {"length": 612, "limit": 500}


@pytest.mark.parametrize("who", [OTHER_MENTOR, EXPERT, OPERATOR, PARTICIPANT])
async def test_only_the_acting_mentor_writes_it(team: Store, who: int) -> None:
    app_id = await participant(team)
    with pytest.raises(NotAllowed):
        await write(team, app_id, "Kind and brave", by=who)
    assert (await stored(team, Application, app_id)).characterisation is None


async def test_not_after_the_programme(team: Store) -> None:
    app_id = await participant(team, status="completed")
    with refused("error-stale-button"):
        await write(team, app_id, "Kind and brave")


# --- personal data ---------------------------------------------------------------------------------------


async def test_documents_and_the_characterisation_are_exported_and_erased(team: Store) -> None:
    app_id = await participant(team)
    other_app = await participant(team, OTHER)
    await write(team, app_id, "Hard-working and kind.")
    sent = await upload(team, "identity", PHOTO)
    await give_back(team, sent.document.id, "Blurred scan")
    theirs = await upload(team, "agreement", PDF, user_id=OTHER)
    async with team.session() as uow:
        user = await uow.users.get(PARTICIPANT)
        assert user is not None
        data = await personal_data.export(uow, user)
    [app] = data["applications"]
    assert app["characterisation"] == "Hard-working and kind."
    assert [(d["kind"], d["status"], d["file_id"], d["return_reason"]) for d in app["documents"]] == [
        ("identity", "returned", "photo-file", "Blurred scan")
    ]
    assert personal_data.summarise(data).files == 2, "the application photo and the document"

    async with team.session() as uow:
        user = await uow.users.get(PARTICIPANT)
        assert user is not None
        await personal_data.erase(uow, user, NOW)
    assert await rows(team) == [("agreement", "sent", "pdf-file")], "the other participant's stays"
    assert (await stored(team, ParticipantDocument, theirs.document.id)).application_id == other_app
    erased = await stored(team, Application, app_id)
    assert (erased.characterisation, erased.user_id) == (None, None)
    assert await team.get(User, PARTICIPANT) is None
