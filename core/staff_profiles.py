"""A staff member's profile and documents, and the staff cards of those above them (R8.2, R6.3).

The profile is asked right after an invitation is accepted, question by question, each skippable, and can be
completed or changed later from «👤 My profile». A mentor's and an expert's documents are Telegram file ids,
shown to their owner and to those above them only (`core.access.may_see_documents`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from core.access import DOCUMENT_OWNERS, may_see_documents, may_see_staff_card
from core.analytics import TeamFigures
from core.errors import DomainError, NotAllowed
from core.invitations import set_full_name
from core.ports import (
    ApplicationRecord,
    NoteRecord,
    StaffDocumentRecord,
    StaffProfileRecord,
    StaffRecord,
    UnitOfWork,
)
from core.programme import Role
from core.text_input import clean_text, visible_length

FIELDS = ("photo", "full_name", "phone", "region", "organisation", "bio")
"""The profile as its screen shows it."""
QUESTIONS = ("photo", "phone", "region", "organisation", "bio")
"""Asked on first entry, in this order, after the name the invitation asks for."""
ORGANISATION_MAX = 200
BIO_MAX = 500
DOCUMENT_KINDS = ("id", "diploma", "certificate")
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
"""Well under the 20 MB a bot may download, so every document can be sent on again."""
DOCUMENTS_MAX = 10
PDF = "application/pdf"
NOTES_SHOWN = 5
PAGE = 10
CARD_ROLES = (Role.MENTOR, Role.EXPERT, Role.COORDINATOR)


@dataclass(frozen=True)
class Profile:
    staff: StaffRecord
    profile: StaffProfileRecord | None

    def value(self, field: str) -> str | None:
        if field == "full_name":
            return self.staff.full_name
        if self.profile is None:
            return None
        return {
            "photo": self.profile.photo_file_id,
            "phone": self.profile.phone,
            "region": self.profile.region_code,
            "organisation": self.profile.organisation,
            "bio": self.profile.bio,
        }[field]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in FIELDS if not self.value(f))

    def next_question(self, after: str | None = None) -> str | None:
        """The first unanswered question after `after` (from the start with None): a skipped one is not asked
        again in the same round, and asked again when the profile is completed later."""
        start = QUESTIONS.index(after) + 1 if after in QUESTIONS else 0
        return next((q for q in QUESTIONS[start:] if not self.value(q)), None)


async def profile_of(uow: UnitOfWork, staff: StaffRecord | None) -> Profile:
    member = _member(staff)
    return Profile(member, await uow.profiles.get(member.user_id))


def _member(staff: StaffRecord | None) -> StaffRecord:
    if staff is None or not staff.active:
        raise NotAllowed()
    return staff


def check_text(text: str | None, limit: int, too_long: str) -> str:
    """Free text within its limit; zero-width characters alone are no answer, nor is a command."""
    value = clean_text(text)
    if visible_length(value) < 2 or value.startswith("/"):
        raise DomainError("error-profile-text-expected")
    if len(value) > limit:
        raise DomainError(too_long, limit=limit, length=len(value))
    return value


async def set_photo(uow: UnitOfWork, staff: StaffRecord | None, file_id: str) -> Profile:
    member = _member(staff)
    (await uow.profiles.of(member.user_id)).photo_file_id = file_id
    await uow.commit()
    return await profile_of(uow, member)


async def set_name(uow: UnitOfWork, staff: StaffRecord | None, text: str) -> Profile:
    member = _member(staff)
    await set_full_name(uow, member.user_id, text)
    return await profile_of(uow, member)


async def set_phone(uow: UnitOfWork, staff: StaffRecord | None, contact_user_id: int | None, phone: str) -> Profile:
    """Only the sender's own contact, shared by Telegram's button, so the number is verifiably theirs."""
    member = _member(staff)
    if contact_user_id != member.user_id:
        raise DomainError("error-contact-not-own")
    (await uow.profiles.of(member.user_id)).phone = phone
    await uow.commit()
    return await profile_of(uow, member)


async def set_region(uow: UnitOfWork, staff: StaffRecord | None, code: str) -> Profile:
    """A region of the catalogue; any other code comes from a forged button."""
    member = _member(staff)
    if await uow.catalogue.region(code) is None:
        raise DomainError("error-bad-button")
    (await uow.profiles.of(member.user_id)).region_code = code
    await uow.commit()
    return await profile_of(uow, member)


async def set_organisation(uow: UnitOfWork, staff: StaffRecord | None, text: str | None) -> Profile:
    member = _member(staff)
    value = check_text(text, ORGANISATION_MAX, "error-profile-organisation-too-long")
    (await uow.profiles.of(member.user_id)).organisation = value
    await uow.commit()
    return await profile_of(uow, member)


async def set_bio(uow: UnitOfWork, staff: StaffRecord | None, text: str | None) -> Profile:
    member = _member(staff)
    value = check_text(text, BIO_MAX, "error-profile-bio-too-long")
    (await uow.profiles.of(member.user_id)).bio = value
    await uow.commit()
    return await profile_of(uow, member)


@dataclass(frozen=True)
class Upload:
    """A file as Telegram describes it: `media` is photo or document."""

    kind: str
    media: str
    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None


def document_owner(staff: StaffRecord | None) -> StaffRecord:
    member = _member(staff)
    if member.role not in DOCUMENT_OWNERS:
        raise NotAllowed()
    return member


def check_upload(upload: Upload) -> None:
    """A photo, or a PDF sent as a file, within the size limit; any other file is refused."""
    if upload.kind not in DOCUMENT_KINDS:
        raise DomainError("error-bad-button")
    if upload.media == "document":
        name = (upload.file_name or "").lower()
        if upload.mime_type != PDF or not name.endswith(".pdf"):
            raise DomainError("error-profile-doc-type")
    elif upload.media != "photo":
        raise DomainError("error-profile-doc-type")
    if upload.file_size is not None and upload.file_size > DOCUMENT_MAX_BYTES:
        raise DomainError("error-profile-doc-size", mb=DOCUMENT_MAX_BYTES // (1024 * 1024))


async def add_document(
    uow: UnitOfWork, staff: StaffRecord | None, upload: Upload, now: datetime
) -> StaffDocumentRecord:
    owner = document_owner(staff)
    check_upload(upload)
    if len(await uow.profiles.documents(owner.user_id)) >= DOCUMENTS_MAX:
        raise DomainError("error-profile-doc-count", max=DOCUMENTS_MAX)
    doc = await uow.profiles.add_document(
        owner.user_id,
        kind=upload.kind,
        media=upload.media,
        file_id=upload.file_id,
        file_unique_id=upload.file_unique_id,
        file_name=upload.file_name,
        file_size=upload.file_size,
        uploaded_at=now,
    )
    await uow.commit()
    return doc


async def own_document(uow: UnitOfWork, staff: StaffRecord | None, doc_id: int) -> StaffDocumentRecord:
    """The owner's document; another's id on a button is refused, a deleted one is stale."""
    owner = document_owner(staff)
    doc = await uow.profiles.document(doc_id)
    if doc is None:
        raise DomainError("error-stale-button")
    if doc.owner_id != owner.user_id:
        raise NotAllowed()
    return doc


async def delete_document(uow: UnitOfWork, staff: StaffRecord | None, doc_id: int) -> StaffDocumentRecord:
    doc = await own_document(uow, staff, doc_id)
    await uow.profiles.delete_document(doc)
    await uow.commit()
    return doc


async def documents_for(
    uow: UnitOfWork, viewer: StaffRecord | None, owner_id: int
) -> tuple[StaffRecord, Sequence[StaffDocumentRecord]]:
    """The owner's documents, to the owner and to those above them only."""
    owner = await uow.staff.get(owner_id)
    if owner is None or not await may_see_documents(uow, viewer, owner):
        raise NotAllowed()
    return owner, await uow.profiles.documents(owner.user_id)


@dataclass(frozen=True)
class ParticipantLine:
    app: ApplicationRecord
    percents: dict[str, int]


@dataclass(frozen=True)
class StaffCard:
    """What those above a staff member see of them: the profile, how many documents, and by role their
    participants and the expert's journal (a mentor), their mentors (an expert), the region's experts (a
    coordinator), with the figures of everyone under them."""

    profile: Profile
    documents: int
    participants: tuple[ParticipantLine, ...] = ()
    notes: tuple[NoteRecord, ...] = ()
    team: TeamFigures | None = None
    mentors: tuple[tuple[StaffRecord, int], ...] = ()
    experts: tuple[StaffRecord, ...] = ()


async def card(uow: UnitOfWork, viewer: StaffRecord | None, subject_id: int) -> StaffCard:
    subject = await uow.staff.get(subject_id)
    if subject is None or not await may_see_staff_card(uow, viewer, subject):
        raise NotAllowed()
    profile = Profile(subject, await uow.profiles.get(subject.user_id))
    documents = len(await uow.profiles.documents(subject.user_id)) if subject.role in DOCUMENT_OWNERS else 0
    if subject.role == Role.MENTOR:
        lines = tuple(ParticipantLine(a, p) for a, p in await uow.profiles.participants_of(subject.user_id))
        notes = tuple(await uow.journal.notes(subject.user_id, subject.expert_id, NOTES_SHOWN))
        return StaffCard(profile, documents, participants=lines, notes=notes)
    if subject.role == Role.EXPERT:
        mentors = await uow.staff.mentors_of(subject.user_id)
        counts = await uow.profiles.participants_count([m.user_id for m in mentors])
        return StaffCard(
            profile,
            documents,
            team=await uow.figures.of_expert(subject.user_id),
            mentors=tuple((m, counts.get(m.user_id, 0)) for m in mentors),
        )
    region = subject.region_code or ""
    experts, _ = await uow.profiles.members(region, [Role.EXPERT.value], 0, PAGE * PAGE)
    return StaffCard(profile, documents, team=await uow.figures.of_region(region), experts=tuple(experts))


@dataclass(frozen=True)
class StaffPage:
    members: tuple[StaffRecord, ...]
    page: int
    pages: int


async def staff_list(uow: UnitOfWork, viewer: StaffRecord | None, page: int) -> StaffPage:
    """A coordinator's region's experts and mentors, or (the operator) every coordinator, expert and mentor,
    a page of ten at a time; a page past the end shows the last."""
    if viewer is None or not viewer.active or viewer.role not in (Role.COORDINATOR, Role.OPERATOR):
        raise NotAllowed()
    if viewer.role == Role.COORDINATOR:
        if viewer.region_code is None:
            raise NotAllowed()
        region: str | None = viewer.region_code
        roles = [Role.EXPERT.value, Role.MENTOR.value]
    else:
        region, roles = None, [r.value for r in CARD_ROLES]
    page = max(0, page)
    members, total = await uow.profiles.members(region, roles, page * PAGE, PAGE)
    pages = max(1, -(-total // PAGE))
    if page >= pages:
        page = pages - 1
        members, total = await uow.profiles.members(region, roles, page * PAGE, PAGE)
    return StaffPage(tuple(members), page, pages)
