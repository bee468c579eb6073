"""What the use cases need from storage: records, repositories and the unit of work.

`storage.holder.Holder` implements `UnitOfWork`, and its SQLAlchemy models are the records. The bot
renders records too, so a record lists every field a participant, a mentor or an expert may be shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from core.notices import Notice
from core.progress import Done

if TYPE_CHECKING:
    from core.analytics import GroupFigure, MentorBacklog, TeamFigures
    from core.catalog import Catalog
    from core.reminders import Participation, Plan, SessionWindow, StartWindow
    from core.reports import ParticipantRow, RatingCell


class UserRecord(Protocol):
    id: int
    locale: str
    created_at: datetime
    blocked_at: datetime | None
    reminders_off: list[str]
    reminder_lead_minutes: int


class ApplicationRecord(Protocol):
    id: int
    user_id: int | None
    status: str
    step: str
    programme_year: int
    pd_consent_at: datetime | None
    full_name: str | None
    birth_date: date | None
    phone: str | None
    photo_file_id: str | None
    photo_unique_id: str | None
    region_code: str | None
    locality_code: str | None
    study_place: str | None
    about: str | None
    hobbies: str | None
    level: str | None
    rating: int | None
    directions: list[str]
    longer_direction: str | None
    heritage_mode: str | None
    heritage_months: int | None
    partners: dict[str, Any]
    centre_id: int | None
    mentor_id: int | None
    guardian_required: bool
    guardian_name: str | None
    guardian_phone: str | None
    guardian_user_id: int | None
    guardian_confirmed_at: datetime | None
    agreement_accepted_at: datetime | None
    submitted_at: datetime | None
    review_deadline: date | None
    activated_at: datetime | None
    decision_reason: str | None
    anonymised_at: datetime | None
    assessment: str | None
    characterisation: str | None
    confirmed_directions: list[str]
    individual: dict[str, Any]
    completed_at: datetime | None


class ScheduleLine(Protocol):
    direction: str
    activity: str | None
    time: str | None


class ScheduleRecord(Protocol):
    direction: str
    activity: str | None
    weekdays: list[int]
    time: str | None
    minutes_per_week: int | None


class StaffRecord(Protocol):
    user_id: int
    role: str
    full_name: str | None
    centre_id: int | None
    region_code: str | None
    expert_id: int | None
    active: bool
    absent_since: datetime | None
    substitute_id: int | None
    review_digest: bool


class StaffProfileRecord(Protocol):
    user_id: int
    photo_file_id: str | None
    phone: str | None
    region_code: str | None
    organisation: str | None
    bio: str | None


class StaffDocumentRecord(Protocol):
    id: int
    owner_id: int
    kind: str
    media: str
    file_id: str
    file_name: str | None
    file_size: int | None
    uploaded_at: datetime


class NoteRecord(Protocol):
    text: str
    created_at: datetime


class LinkRecord(Protocol):
    id: int
    purpose: str
    payload: dict[str, Any]
    expires_at: datetime
    used_at: datetime | None
    used_by: int | None


class EntryRecord(Protocol):
    id: int
    application_id: int
    direction: str
    kind: str
    status: str
    step: str
    activity_date: date | None
    minutes: int | None
    title: str | None
    text: str | None
    book_code: str | None
    revising: bool
    submitted_at: datetime | None
    decided_at: datetime | None
    decided_by: int | None
    employer_name: str | None
    employer_phone: str | None
    employer_confirmed_at: datetime | None
    reason: str | None
    appeal_reason: str | None
    appealed_at: datetime | None
    arbiter_reason: str | None


class MediaRecord(Protocol):
    kind: str
    file_id: str
    file_unique_id: str
    media_group_id: str | None


class DocumentRecord(Protocol):
    id: int
    application_id: int
    kind: str
    status: str
    media: str
    file_id: str
    file_unique_id: str
    file_size: int | None
    mime_type: str | None
    uploaded_at: datetime
    checked_at: datetime | None
    checked_by: int | None
    return_reason: str | None


class AuditRecord(Protocol):
    from_status: str | None
    to_status: str
    at: datetime


class CentreRecord(Protocol):
    id: int
    code: str
    region_code: str
    active: bool
    approved_at: datetime | None
    agreement_signed_at: datetime | None


class BookRecord(Protocol):
    code: str
    section: int
    active: bool


class NamedRecord(Protocol):
    code: str


class PartnerRecord(Protocol):
    code: str
    directions: list[str]


class LocalityRecord(Protocol):
    code: str
    region_code: str


class CatalogueItemRecord(Protocol):
    """A book, partner, centre or region as the operator administers it: its localized names are
    `<field>_kk/_ru/_en` (`core.catalogue_admin.NAME_FIELD`)."""

    code: str
    active: bool


class MentorOption(Protocol):
    @property
    def mentor(self) -> StaffRecord: ...

    @property
    def centre(self) -> CentreRecord: ...


class Users(Protocol):
    async def get(self, user_id: int) -> UserRecord | None: ...

    async def with_staff(self, user_id: int) -> tuple[UserRecord | None, StaffRecord | None]: ...

    async def add(self, user_id: int, locale: str) -> UserRecord: ...

    async def delete(self, user: Any) -> None: ...

    async def operators(self) -> Sequence[UserRecord]: ...

    async def forget(self, user_id: int) -> None: ...


class StaffMembers(Protocol):
    async def get(self, user_id: int) -> StaffRecord | None: ...

    async def add(
        self, user_id: int, role: str, centre_id: int | None, region_code: str | None, expert_id: int | None
    ) -> StaffRecord: ...

    async def everyone(self) -> Sequence[StaffRecord]: ...

    async def acting_for(self, staff_id: int) -> int: ...

    async def regional_coordinator(self, region_code: str) -> StaffRecord | None: ...

    async def region_of(self, member: Any) -> str | None: ...

    async def present_mentors_of(self, expert_id: int, besides: int) -> Sequence[StaffRecord]: ...

    async def mentors_of(self, expert_id: int) -> Sequence[StaffRecord]: ...

    async def centre_heads(self, centre_id: int) -> list[int]: ...

    async def operator_ids(self) -> list[int]: ...

    async def digest_mentors(self) -> list[int]: ...


class Catalogue(Protocol):
    async def region(self, code: str) -> NamedRecord | None: ...

    async def regions(self) -> Sequence[NamedRecord]: ...

    async def locality(self, code: str) -> LocalityRecord | None: ...

    async def localities(self, region_code: str) -> Sequence[LocalityRecord]: ...

    async def partner(self, code: str) -> PartnerRecord | None: ...

    async def book(self, code: str | None) -> BookRecord | None: ...

    async def centre(self, centre_id: int) -> CentreRecord | None: ...

    async def centre_by_code(self, code: str) -> CentreRecord | None: ...

    async def unsigned_centres(self) -> Sequence[CentreRecord]: ...


class Administration(Protocol):
    """The operator's view of the catalogue and the staff, inactive ones included (`core.catalogue_admin`,
    `core.staff_admin`)."""

    async def item(self, kind: str, code: str) -> CatalogueItemRecord | None: ...

    async def known_regions(self) -> Mapping[str, frozenset[str]]: ...

    async def add(self, catalog: Catalog) -> None: ...

    async def has_duties(self, member: Any) -> bool: ...


class Applications(Protocol):
    async def get(self, app_id: int, *, for_update: bool = False) -> ApplicationRecord | None: ...

    async def open_of(self, user_id: int) -> ApplicationRecord | None: ...

    async def of_user(self, user_id: int) -> Sequence[ApplicationRecord]: ...

    async def new(self, user_id: int, year: int) -> ApplicationRecord: ...

    async def delete(self, app: Any) -> None: ...

    def fields_of(self, app: Any) -> dict[str, Any]: ...

    async def mentor_options(self, app: Any, limit: int = 5) -> Sequence[MentorOption]: ...

    async def schedule(self, app_id: int) -> Sequence[ScheduleRecord]: ...

    async def schedule_item(self, app_id: int, direction: str) -> ScheduleRecord: ...

    async def clear_schedule(self, app_id: int) -> None: ...

    async def overdue(self, today: date) -> Sequence[ApplicationRecord]: ...


class Entries(Protocol):
    async def get(self, entry_id: int, *, for_update: bool = False) -> EntryRecord | None: ...

    async def locked(self, entry_id: int) -> tuple[EntryRecord, ApplicationRecord] | None: ...

    async def draft(self, app_id: int) -> EntryRecord | None: ...

    async def new(self, app_id: int, direction: str, kind: str, step: str) -> EntryRecord: ...

    async def delete(self, entry: Any) -> None: ...

    async def media(self, entry_id: int) -> Sequence[MediaRecord]: ...

    async def add_media(self, entry_id: int, **fields: Any) -> MediaRecord: ...

    async def appeals_waiting(self, expert_id: int) -> list[int]: ...

    async def done(self, app_id: int) -> list[Done]: ...


class Journal(Protocol):
    async def add_task(self, app_id: int, direction: str, text: str, created_by: int) -> object: ...

    async def add_missed_week(self, app_id: int, reason: str, details: str | None, week_of: date) -> object: ...

    async def add_note(self, expert_id: int, mentor_id: int, text: str) -> object: ...

    async def notes(self, mentor_id: int, expert_id: int | None, limit: int) -> Sequence[NoteRecord]: ...


class ParticipantDocuments(Protocol):
    async def get(self, doc_id: int, *, for_update: bool = False) -> DocumentRecord | None: ...

    async def of_application(self, app_id: int) -> Sequence[DocumentRecord]: ...

    def new(self, app_id: int, kind: str) -> DocumentRecord: ...


class Links(Protocol):
    async def add(
        self, token_hash: str, purpose: str, payload: dict[str, Any], expires_at: datetime, created_by: int | None
    ) -> LinkRecord: ...

    async def by_hash(self, token_hash: str) -> LinkRecord | None: ...

    async def expire(self, purpose: str, key: str, value: Any, now: datetime) -> None: ...


class Audit(Protocol):
    async def add(
        self,
        entity: str,
        entity_id: int,
        actor_id: int | None,
        from_status: str | None,
        to_status: str,
        reason: str | None = None,
    ) -> None: ...

    async def trail(self, entity: str, entity_id: int) -> Sequence[AuditRecord]: ...


class Figures(Protocol):
    async def put(self, app_id: int, percents: Mapping[str, int], now: datetime) -> None: ...

    async def add(self, percents: Mapping[int, Mapping[str, int]], now: datetime) -> None: ...

    async def of(self, app_id: int) -> dict[str, int]: ...

    async def without_figures(self, limit: int) -> Sequence[ApplicationRecord]: ...

    async def of_mentors(self, mentor_ids: Sequence[int]) -> TeamFigures: ...

    async def of_expert(self, expert_id: int) -> TeamFigures: ...

    async def of_region(self, region_code: str) -> TeamFigures: ...

    async def national(self) -> tuple[TeamFigures, tuple[GroupFigure, ...]]: ...

    async def applications_by_status(self) -> dict[str, int]: ...

    async def snapshot(self, scope: str) -> tuple[datetime, dict[str, Any]] | None: ...

    async def keep_snapshot(self, scope: str, body: Mapping[str, Any], now: datetime) -> None: ...

    async def staff_by_role(self) -> dict[str, int]: ...

    async def mentors_of(self, expert_id: int) -> int: ...

    async def experts_in(self, region_code: str) -> int: ...

    async def waiting_reviews(self, region_code: str | None, limit: int) -> list[MentorBacklog]: ...

    async def review_medians(self, mentor_ids: Sequence[int], since: datetime) -> dict[int, timedelta]: ...

    async def distribution(self, region_code: str | None) -> tuple[int, ...]: ...

    async def rating_cells(self, region_code: str | None) -> list[RatingCell]: ...

    async def participants(self, region_code: str | None, after: int, limit: int) -> list[ParticipantRow]: ...


class StaffProfiles(Protocol):
    """Staff profiles, documents and the lists behind the staff cards (`storage/repositories/profiles.py`)."""

    async def get(self, user_id: int) -> StaffProfileRecord | None: ...

    async def of(self, user_id: int) -> StaffProfileRecord: ...

    async def documents(self, owner_id: int) -> Sequence[StaffDocumentRecord]: ...

    async def document(self, doc_id: int) -> StaffDocumentRecord | None: ...

    async def add_document(self, owner_id: int, **fields: Any) -> StaffDocumentRecord: ...

    async def delete_document(self, doc: Any) -> None: ...

    async def participants_of(self, mentor_id: int) -> Sequence[tuple[ApplicationRecord, dict[str, int]]]: ...

    async def participants_count(self, mentor_ids: Sequence[int]) -> dict[int, int]: ...

    async def members(
        self, region_code: str | None, roles: Sequence[str], offset: int, limit: int
    ) -> tuple[Sequence[StaffRecord], int]: ...

    async def works_in(self, user_id: int, region_code: str) -> bool: ...


class Ratings(Protocol):
    async def answered(self, app_id: int, period: str) -> bool: ...

    async def add(self, app_id: int, mentor_id: int, period: str, scores: dict[str, int]) -> None: ...

    async def answers_about(self, mentor_id: int) -> list[tuple[str, dict[str, Any]]]: ...


class CentreApplicationRecord(Protocol):
    id: int
    user_id: int | None
    status: str
    organisation: str
    region_code: str
    bin: str
    address: str
    contact_name: str | None
    contact_phone: str | None
    created_at: datetime
    decided_at: datetime | None
    decided_by: int | None
    reason: str | None
    centre_id: int | None


class Centres(Protocol):
    """Programme centres as the bot creates them: applications, the centre an approval makes, its staff
    (`storage/repositories/centres.py`)."""

    async def add_application(self, user_id: int, **fields: Any) -> CentreApplicationRecord: ...

    async def application(self, request_id: int) -> CentreApplicationRecord | None: ...

    async def pending_of(self, user_id: int) -> CentreApplicationRecord | None: ...

    async def pending(self, limit: int) -> Sequence[CentreApplicationRecord]: ...

    async def applications_of(self, user_id: int) -> Sequence[CentreApplicationRecord]: ...

    async def decide(
        self, request_id: int, status: str, by: int, now: datetime, reason: str | None = None
    ) -> CentreApplicationRecord | None: ...

    async def delete_application(self, request: Any) -> None: ...

    async def codes_from(self, prefix: str) -> set[str]: ...

    async def add_centre(self, code: str, name: str, region_code: str) -> CentreRecord: ...

    async def staff_of(self, centre_id: int) -> Sequence[StaffRecord]: ...


class OutboxRecord(Protocol):
    kind: str
    status: str
    params: dict[str, Any]
    created_at: datetime
    sent_at: datetime | None
    purged_at: datetime | None


class DueWork(Protocol):
    """The scheduler's set-based selections of what is due (`storage/repositories/due.py`)."""

    async def session_starts(
        self, windows: Sequence[SessionWindow]
    ) -> Sequence[tuple[ScheduleLine, ApplicationRecord, UserRecord, date]]: ...

    async def not_nudged(self, monday: date, started_before: datetime) -> Sequence[Participation]: ...

    async def written_since(self, day: date, app_ids: Sequence[int]) -> Mapping[int, set[str]]: ...

    async def readers(self, monday: date) -> Sequence[tuple[Participation, int]]: ...

    async def active_plans(self) -> Sequence[Plan]: ...

    async def nearing_end(self, windows: Sequence[StartWindow]) -> Sequence[Participation]: ...

    async def unrated(self, period: str) -> Sequence[tuple[int, int]]: ...

    async def done_of(self, app_ids: Sequence[int]) -> Mapping[int, list[Done]]: ...

    async def queued_keys(self, keys: Sequence[str]) -> set[str]: ...

    async def overdue_applications(
        self, today: date, coordinator_by: date
    ) -> Sequence[tuple[ApplicationRecord, bool, bool]]: ...

    async def overdue_entries(
        self, mentor_before: datetime, expert_before: datetime
    ) -> Sequence[tuple[EntryRecord, ApplicationRecord, bool, bool]]: ...

    async def overdue_appeals(self, before: datetime) -> Sequence[tuple[EntryRecord, ApplicationRecord]]: ...

    async def pending_per_participant(
        self, mentor_ids: Sequence[int]
    ) -> Sequence[tuple[int | None, str | None, int]]: ...


class PersonalRecords(Protocol):
    """One person's rows across the tables, as dictionaries of every column (`core/personal_data.py`)."""

    async def entries(self, app_id: int) -> list[dict[str, Any]]: ...

    async def missed_weeks(self, app_id: int) -> list[dict[str, Any]]: ...

    async def tasks(self, app_id: int) -> list[dict[str, Any]]: ...

    async def rated_periods(self, app_id: int) -> list[str]: ...

    async def documents(self, app_id: int) -> list[dict[str, Any]]: ...

    async def history(self, app_id: int) -> list[dict[str, Any]]: ...

    async def as_guardian(self, user_id: int) -> Sequence[ApplicationRecord]: ...

    async def as_employer(self, user_id: int) -> Sequence[EntryRecord]: ...

    async def redact_application(self, app_id: int, entry_fields: Sequence[str]) -> None: ...

    async def redact_guardian(self, user_id: int, fields: Sequence[str]) -> None: ...

    async def redact_employer(self, entry_ids: Sequence[int], fields: Sequence[str]) -> None: ...

    async def staff_profile(self, user_id: int) -> dict[str, Any] | None: ...

    async def staff_documents(self, user_id: int) -> list[dict[str, Any]]: ...

    async def erase_staff_profile(self, user_id: int) -> None: ...


class Outbox(Protocol):
    async def drop_waiting(self, chat_id: int, key_prefix: str, reason: str) -> None: ...

    async def mark_unreachable(self, chat_id: int, now: datetime, reason: str) -> None: ...

    async def retry_failed(self, now: datetime) -> int: ...

    async def purge_params(self, before: datetime, now: datetime) -> int: ...

    async def delete_finished(self, before: datetime, keep_kinds: Sequence[str]) -> int: ...

    async def forget_chat(self, chat_id: int) -> None: ...

    async def forget_subject(self, app_id: int, now: datetime) -> None: ...

    async def forget_mentions(self, kind: str, needles: Sequence[str], now: datetime) -> None: ...

    async def messages_to(self, chat_id: int) -> Sequence[OutboxRecord]: ...


class RulesRecord(Protocol):
    year: int
    text: str
    changed_at: datetime


class StoredRules(Protocol):
    async def newest(self) -> RulesRecord | None: ...

    async def newest_change(self) -> datetime | None: ...

    async def put(self, year: int, text: str, now: datetime, by: int | None) -> None: ...

    async def forget_figures(self) -> int: ...


class HandledUpdates(Protocol):
    async def forget(self, before: datetime) -> int: ...


class UnitOfWork(Protocol):
    """One transaction over every repository; `commit` also queues the notices the change caused."""

    @property
    def users(self) -> Users: ...

    @property
    def staff(self) -> StaffMembers: ...

    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def applications(self) -> Applications: ...

    @property
    def entries(self) -> Entries: ...

    @property
    def journal(self) -> Journal: ...

    @property
    def documents(self) -> ParticipantDocuments: ...

    @property
    def links(self) -> Links: ...

    @property
    def audit(self) -> Audit: ...

    @property
    def ratings(self) -> Ratings: ...

    @property
    def profiles(self) -> StaffProfiles: ...

    @property
    def figures(self) -> Figures: ...

    @property
    def rules(self) -> StoredRules: ...

    @property
    def outbox(self) -> Outbox: ...

    @property
    def personal(self) -> PersonalRecords: ...

    @property
    def due(self) -> DueWork: ...

    @property
    def admin(self) -> Administration: ...

    @property
    def centres(self) -> Centres: ...

    @property
    def updates(self) -> HandledUpdates: ...

    async def commit(self, notices: Sequence[Notice] = ()) -> int: ...

    async def release(self) -> None:
        """Ends the transaction (its locks, its connection) before a slow wait; nothing may be changed yet."""
        ...
