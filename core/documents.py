"""The documents a mentor collects from each participant (R6.2): the signed agreement, an ID copy and,
optionally, certificates and diplomas.

The participant uploads a photo or a PDF/image file of each from the bot; the mentor (or whoever acts for
an absent mentor) marks it checked or returns it with a reason. The expert, the regional coordinator and
the operator may look at them, never decide. Only Telegram's file ids are stored; the bytes stay there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from core.access import check_acting_mentor, mentored_application
from core.diary import LIMITS, check_entry_text
from core.drafts import Detect, DownloadFailed
from core.errors import DomainError, NotAllowed
from core.notices import DocumentArrived, DocumentDecided, DocumentsRequested, Notice
from core.ports import ApplicationRecord, DocumentRecord, StaffRecord, UnitOfWork
from core.programme import ApplicationStatus, MediaKind, Role


class DocumentKind(StrEnum):
    AGREEMENT = "agreement"
    IDENTITY = "identity"
    """An identity card, or a birth certificate for a child without one."""
    CERTIFICATE = "certificate"
    """Certificates and diplomas: optional, several."""


class DocumentStatus(StrEnum):
    SENT = "sent"
    CHECKED = "checked"
    RETURNED = "returned"


REQUIRED = (DocumentKind.AGREEMENT, DocumentKind.IDENTITY)
COLLECTING = frozenset({ApplicationStatus.UNDER_REVIEW.value, ApplicationStatus.ACTIVE.value})
"""Documents are collected while the mentor prepares the schedule and during the programme."""
MAX_CERTIFICATES = 10
MAX_BYTES = LIMITS.max_file_bytes
"""The bot can fetch files up to 20 MB from Telegram, to check them."""
FILE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})
REASON_MIN, REASON_MAX = 3, 300


@dataclass(frozen=True)
class DocumentFile:
    """What Telegram reports about a photo or a file the participant sent."""

    media: MediaKind
    file_id: str
    unique_id: str
    size: int | None = None
    mime: str | None = None


@dataclass(frozen=True)
class Folder:
    """An application's documents, oldest first."""

    app: ApplicationRecord
    documents: Sequence[DocumentRecord]

    def of_kind(self, kind: str) -> list[DocumentRecord]:
        return [d for d in self.documents if d.kind == kind]

    def state(self, kind: str) -> str:
        """missing, sent, checked or returned: the newest document of the kind decides."""
        found = self.of_kind(kind)
        return found[-1].status if found else "missing"

    @property
    def missing(self) -> tuple[DocumentKind, ...]:
        """Required kinds without a document that was sent or checked (a returned one must come again)."""
        return tuple(k for k in REQUIRED if self.state(k) in ("missing", DocumentStatus.RETURNED))

    @property
    def unchecked(self) -> int:
        return sum(1 for d in self.documents if d.status == DocumentStatus.SENT)


@dataclass(frozen=True)
class Viewed:
    folder: Folder
    may_decide: bool
    """The acting mentor checks and returns; the expert, the coordinator and the operator only look."""


@dataclass(frozen=True)
class Changed:
    document: DocumentRecord
    app: ApplicationRecord
    notices: tuple[Notice, ...] = ()


def check_kind(kind: str) -> DocumentKind:
    """The kind a button names; a forged one is refused."""
    try:
        return DocumentKind(kind)
    except ValueError:
        raise DomainError("error-bad-button") from None


def check_file(file: DocumentFile | None) -> DocumentFile:
    """A photo, or a PDF, JPEG or PNG file up to 20 MB; anything else (a voice note, a video, a text) is refused."""
    if file is None or file.media not in (MediaKind.PHOTO, MediaKind.DOCUMENT):
        raise DomainError("docs-file-expected")
    if file.size == 0:
        raise DomainError("error-file-empty")
    if file.size is not None and file.size > MAX_BYTES:
        raise DomainError("docs-file-too-big", mb=MAX_BYTES // (1024 * 1024))
    if file.media == MediaKind.DOCUMENT and file.mime not in FILE_TYPES:
        raise DomainError("docs-file-type")
    return file


def check_reason(text: str | None) -> str:
    return check_entry_text(text, limit=REASON_MAX, minimum=REASON_MIN)


async def folder_of(uow: UnitOfWork, app: ApplicationRecord) -> Folder:
    return Folder(app, await uow.documents.of_application(app.id))


async def own_folder(uow: UnitOfWork, user_id: int) -> Folder:
    """The participant's live application with a mentor, while documents are collected."""
    app = await uow.applications.open_of(user_id)
    if app is None or app.status not in COLLECTING or app.mentor_id is None:
        raise DomainError("docs-no-application")
    return await folder_of(uow, app)


def _slot(folder: Folder, kind: DocumentKind) -> DocumentRecord | None:
    """The document a new upload of `kind` replaces, if any; refused when nothing may be replaced.

    The agreement and the ID are one each: an unchecked one is replaced, a checked one stays. A new
    certificate replaces the oldest returned one, or joins the others up to the limit."""
    found = folder.of_kind(kind)
    if kind != DocumentKind.CERTIFICATE:
        if found and found[-1].status == DocumentStatus.CHECKED:
            raise DomainError("docs-already-checked")
        return found[-1] if found else None
    returned = [d for d in found if d.status == DocumentStatus.RETURNED]
    if returned:
        return returned[0]
    if len(found) >= MAX_CERTIFICATES:
        raise DomainError("docs-too-many", max=MAX_CERTIFICATES)
    return None


def accepts(folder: Folder, kind: DocumentKind) -> bool:
    """Whether an upload of `kind` would be taken now."""
    try:
        _slot(folder, kind)
    except DomainError:
        return False
    return True


async def uploadable(uow: UnitOfWork, user_id: int, kind: str) -> Folder:
    """Whether the participant may send a document of this kind now; asked before the file is."""
    folder = await own_folder(uow, user_id)
    _slot(folder, check_kind(kind))
    return folder


async def _check_content(file: DocumentFile, detect: Detect) -> None:
    """A file's first bytes must be the type it claims: an .exe named .pdf is refused."""
    try:
        detected = await detect(file.file_id)
    except DownloadFailed as exc:
        raise DomainError("docs-file-not-checked") from exc
    if detected is None or detected != file.mime:
        raise DomainError("docs-file-content")


async def upload(
    uow: UnitOfWork, user_id: int, kind: str, file: DocumentFile | None, now: datetime, detect: Detect
) -> Changed:
    """Stores the document (or replaces the one waiting for a check) and tells the mentor, or whoever acts
    for them. A file is downloaded to check its type, so the transaction ends first and all is checked again."""
    await uploadable(uow, user_id, kind)
    checked = check_file(file)
    if checked.media == MediaKind.DOCUMENT:
        await uow.release()
        await _check_content(checked, detect)
    folder = await own_folder(uow, user_id)
    slot = _slot(folder, check_kind(kind))
    document = slot or uow.documents.new(folder.app.id, kind)
    document.media = checked.media.value
    document.file_id, document.file_unique_id = checked.file_id, checked.unique_id
    document.file_size, document.mime_type = checked.size, checked.mime
    document.status = DocumentStatus.SENT.value
    document.uploaded_at = now
    document.checked_at = document.checked_by = document.return_reason = None
    mentor = await uow.users.get(await uow.staff.acting_for(folder.app.mentor_id or 0))
    notices: tuple[Notice, ...] = (DocumentArrived(mentor.id, folder.app.id, kind),) if mentor is not None else ()
    await uow.commit(notices)
    return Changed(document, folder.app, notices)


async def _may_view(uow: UnitOfWork, staff: StaffRecord, app: ApplicationRecord) -> bool:
    """The mentor's expert (or whoever acts for them), the coordinator of the participant's region, an operator."""
    if staff.role == Role.OPERATOR.value:
        return True
    if staff.role == Role.COORDINATOR.value:
        return staff.region_code is not None and staff.region_code == app.region_code
    if staff.role == Role.EXPERT.value:
        mentor = await uow.staff.get(app.mentor_id or 0)
        expert_id = mentor.expert_id if mentor is not None else None
        return expert_id is not None and staff.user_id in (expert_id, await uow.staff.acting_for(expert_id))
    return False


async def viewable(uow: UnitOfWork, staff: StaffRecord | None, app_id: int) -> Viewed:
    """The documents of an application, for whoever may see them, with whether they may decide on them."""
    app = await uow.applications.get(app_id)
    if app is None or staff is None or not staff.active:
        raise NotAllowed()
    try:
        await check_acting_mentor(uow, staff, app)
    except NotAllowed:
        if not await _may_view(uow, staff, app):
            raise
        return Viewed(await folder_of(uow, app), False)
    return Viewed(await folder_of(uow, app), True)


@dataclass(frozen=True)
class Requested:
    app: ApplicationRecord
    missing: tuple[DocumentKind, ...]
    notices: tuple[Notice, ...]


async def request(uow: UnitOfWork, staff: StaffRecord | None, app_id: int) -> Requested:
    """The participant is asked for what is missing, with a button to upload each."""
    app = await mentored_application(uow, staff, app_id)
    if app.status not in COLLECTING or app.user_id is None:
        raise DomainError("error-stale-button")
    folder = await folder_of(uow, app)
    if not folder.missing:
        raise DomainError("docs-nothing-missing")
    notices = (DocumentsRequested(app.user_id, app.id, tuple(k.value for k in folder.missing)),)
    await uow.commit(notices)
    return Requested(app, folder.missing, notices)


async def decidable(
    uow: UnitOfWork, staff: StaffRecord | None, doc_id: int
) -> tuple[DocumentRecord, ApplicationRecord]:
    """A document waiting for a check, and its application, if this staff member acts as its mentor."""
    document = await uow.documents.get(doc_id, for_update=True)
    if document is None:
        raise DomainError("error-bad-button")
    app = await check_acting_mentor(uow, staff, await uow.applications.get(document.application_id, for_update=True))
    if document.status != DocumentStatus.SENT:
        raise DomainError("error-stale-button")
    return document, app


async def check(uow: UnitOfWork, staff: StaffRecord | None, doc_id: int, now: datetime) -> Changed:
    """Marks the document checked; the participant is told."""
    document, app = await decidable(uow, staff, doc_id)
    return await _decide(uow, staff, document, app, DocumentStatus.CHECKED, None, now)


async def give_back(
    uow: UnitOfWork, staff: StaffRecord | None, doc_id: int, reason: str | None, now: datetime
) -> Changed:
    """Returns the document with the mentor's reason; the participant gets it with a button to send it again."""
    text = check_reason(reason)
    document, app = await decidable(uow, staff, doc_id)
    return await _decide(uow, staff, document, app, DocumentStatus.RETURNED, text, now)


async def _decide(
    uow: UnitOfWork,
    staff: StaffRecord | None,
    document: DocumentRecord,
    app: ApplicationRecord,
    status: DocumentStatus,
    reason: str | None,
    now: datetime,
) -> Changed:
    assert staff is not None
    document.status = status.value
    document.return_reason = reason
    document.checked_at = now
    document.checked_by = staff.user_id
    notices = (DocumentDecided(app.user_id, app.id, document.id),) if app.user_id is not None else ()
    await uow.commit(notices)
    return Changed(document, app, notices)
