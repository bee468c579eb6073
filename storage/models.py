"""SQLAlchemy 2 models; Alembic migrations own the schema built from them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC and always returns aware datetimes, also on SQLite (which drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use UTC-aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        float: Float(),
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[int]: JSON,
    }


class User(Base):
    """Anyone who has talked to the bot; holds only the language and reachability."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    locale: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    blocked_at: Mapped[datetime | None]
    """Set when Telegram answers 403 (the user blocked the bot); cleared when they write again."""
    reminders_off: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    """Reminder kinds the user paused from the bot."""
    reminder_lead_minutes: Mapped[int] = mapped_column(Integer, default=60, server_default="60")


class Region(Base):
    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    in_file: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    """Written by a catalogue file; an item added in the bot is not, and `catalog import --replace` keeps it."""


class Locality(Base):
    __tablename__ = "localities"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    in_file: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    """Written by a catalogue file; an item added in the bot is not, and `catalog import --replace` keeps it."""


class Book(Base):
    __tablename__ = "books"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    section: Mapped[int] = mapped_column(Integer, index=True)
    title_kk: Mapped[str] = mapped_column(String(300))
    title_ru: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    author_kk: Mapped[str] = mapped_column(String(200))
    author_ru: Mapped[str] = mapped_column(String(200))
    author_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    in_file: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    """Written by a catalogue file; an item added in the bot is not, and `catalog import --replace` keeps it."""


class Partner(Base):
    __tablename__ = "partners"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    directions: Mapped[list[str]]
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    in_file: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    """Written by a catalogue file; an item added in the bot is not, and `catalog import --replace` keeps it."""


class Centre(Base):
    """A programme centre (R6.5); mentors belong to one."""

    __tablename__ = "centres"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    locality_code: Mapped[str | None] = mapped_column(ForeignKey("localities.code"))
    institutions: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    in_file: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    """Written by a catalogue file; an item added in the bot is not, and `catalog import --replace` keeps it."""
    approved_at: Mapped[datetime | None]
    """When the operator approved the centre; the agreement must be signed within 10 working days (R6.5)."""
    agreement_signed_at: Mapped[datetime | None]


class Staff(Base):
    """A mentor, expert, coordinator, centre head or operator, bound by an invitation (R6.7)."""

    __tablename__ = "staff"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), index=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"), index=True)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    expert_id: Mapped[int | None] = mapped_column(ForeignKey("staff.user_id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    absent_since: Mapped[datetime | None]
    substitute_id: Mapped[int | None] = mapped_column(ForeignKey("staff.user_id"))
    """While absent, who acts for this staff member: the expert or a mentor the expert chose (R6.2),
    the regional coordinator for an expert (R6.3)."""
    review_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    """A mentor who prefers one daily digest of pending reviews to a message per entry."""


class StaffProfile(Base):
    """What a staff member tells about themself (R8.2), shown on their card to those above them; personal data,
    in their export and erased with it. The role's own region and centre stay on `staff`."""

    __tablename__ = "staff_profiles"
    user_id: Mapped[int] = mapped_column(ForeignKey("staff.user_id", ondelete="CASCADE"), primary_key=True)
    photo_file_id: Mapped[str | None] = mapped_column(String(256))
    phone: Mapped[str | None] = mapped_column(String(32))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    organisation: Mapped[str | None] = mapped_column(String(200))
    bio: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StaffDocument(Base):
    """A mentor's or an expert's ID scan, diploma or certificate (R8.2): Telegram's file ids, the bytes stay there."""

    __tablename__ = "staff_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff.user_id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    media: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))
    file_unique_id: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(200))
    file_size: Mapped[int | None] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class OneTimeLink(Base):
    """A deep-link token (invitation or guardian consent); only its hash is stored."""

    __tablename__ = "one_time_links"
    __table_args__ = (
        Index(
            "ix_one_time_links_used_by",
            "used_by",
            postgresql_where=text("used_by IS NOT NULL"),
            sqlite_where=text("used_by IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]]
    subject: Mapped[str | None] = mapped_column(String(64), index=True)
    """What a guardian's or an employer's link points to ("application_id:12"), so a newer link ends the
    older ones by index; none for invitations."""
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(BigInteger)


OPEN_STATUSES = "('draft','submitted','consent_pending','under_review','active')"


class Application(Base):
    """A participant's application for one level; also the wizard's saved progress."""

    __tablename__ = "applications"
    __table_args__ = (
        Index(
            "uq_applications_open_per_user",
            "user_id",
            unique=True,
            sqlite_where=text(f"status IN {OPEN_STATUSES}"),
            postgresql_where=text(f"status IN {OPEN_STATUSES}"),
        ),
        Index(
            "ix_applications_guardian_user_id",
            "guardian_user_id",
            postgresql_where=text("guardian_user_id IS NOT NULL"),
            sqlite_where=text("guardian_user_id IS NOT NULL"),
        ),
        Index("ix_applications_region_status", "region_code", "status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True, default="draft")
    step: Mapped[str] = mapped_column(String(32), default="consent")
    programme_year: Mapped[int] = mapped_column(Integer)
    pd_consent_at: Mapped[datetime | None]
    full_name: Mapped[str | None] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(32))
    photo_file_id: Mapped[str | None] = mapped_column(String(256))
    photo_unique_id: Mapped[str | None] = mapped_column(String(64))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    locality_code: Mapped[str | None] = mapped_column(ForeignKey("localities.code"))
    study_place: Mapped[str | None] = mapped_column(String(200))
    about: Mapped[str | None] = mapped_column(Text)
    hobbies: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str | None] = mapped_column(String(10))
    rating: Mapped[int | None] = mapped_column(Integer)
    """The personal rating (R8.3) as the progress rows give it, written with them: figures by level and region
    average this column instead of grouping every participant's rows."""
    directions: Mapped[list[str]] = mapped_column(default=list)
    longer_direction: Mapped[str | None] = mapped_column(String(16))
    heritage_mode: Mapped[str | None] = mapped_column(String(16))
    heritage_months: Mapped[int | None] = mapped_column(Integer)
    partners: Mapped[dict[str, Any]] = mapped_column(default=dict)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.user_id"), index=True)
    agreement_accepted_at: Mapped[datetime | None]
    guardian_required: Mapped[bool] = mapped_column(Boolean, default=False)
    guardian_name: Mapped[str | None] = mapped_column(String(200))
    guardian_phone: Mapped[str | None] = mapped_column(String(32))
    guardian_user_id: Mapped[int | None] = mapped_column(BigInteger)
    guardian_confirmed_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    review_deadline: Mapped[date | None] = mapped_column(Date)
    activated_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    anonymised_at: Mapped[datetime | None]
    assessment: Mapped[str | None] = mapped_column(Text)
    characterisation: Mapped[str | None] = mapped_column(Text)
    """The mentor's short characterisation of the participant, kept and edited during the programme (R8.1)."""
    confirmed_directions: Mapped[list[str]] = mapped_column(default=list)
    individual: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Individual requirements set by the operator for a participant with a disability (R3.5): per direction the
    target's numbers that differ from the level's, e.g. {"sport": {"weekly_minutes": 30}}; never a diagnosis."""
    completed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ScheduleItem(Base):
    """One direction's line of the individual schedule agreed with the mentor (R5.1)."""

    __tablename__ = "schedule_items"
    __table_args__ = (UniqueConstraint("application_id", "direction"), Index("ix_schedule_items_time", "time"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(16))
    activity: Mapped[str | None] = mapped_column(String(200))
    weekdays: Mapped[list[int]] = mapped_column(default=list)
    time: Mapped[str | None] = mapped_column(String(5))
    minutes_per_week: Mapped[int | None] = mapped_column(Integer)


class AuditRecord(Base):
    """Who changed which status, when, and why (DESIGN "Storage")."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)


BOOKS_READ = "book_code IS NOT NULL AND activity_date IS NOT NULL AND status IN ('approved', 'overturned')"
"""The essays whose books count (`core.entry_status.COUNTED`): the daily reminders count each reader's books
by an index-only scan of these alone, however many other entries the diary holds."""


class Entry(Base):
    """A diary entry (R5.2); while `status` is draft it is also the composer's saved progress."""

    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_activity_date", "activity_date"),
        Index("ix_entries_status_submitted", "status", "submitted_at"),
        Index("ix_entries_status_appealed", "status", "appealed_at"),
        Index("ix_entries_decided_by", "decided_by", "decided_at", "status", "submitted_at"),
        Index(
            "ix_entries_pending",
            "application_id",
            "submitted_at",
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
        Index(
            "ix_entries_books_read",
            "application_id",
            "book_code",
            postgresql_where=text(BOOKS_READ),
            sqlite_where=text(BOOKS_READ),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True, default="draft")
    step: Mapped[str] = mapped_column(String(16))
    activity_date: Mapped[date | None] = mapped_column(Date)
    minutes: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)
    book_code: Mapped[str | None] = mapped_column(ForeignKey("books.code"))
    revising: Mapped[bool] = mapped_column(Boolean, default=False)
    employer_name: Mapped[str | None] = mapped_column(String(200))
    employer_phone: Mapped[str | None] = mapped_column(String(32))
    employer_confirmed_at: Mapped[datetime | None]
    task_id: Mapped[int | None] = mapped_column(ForeignKey("extra_tasks.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str | None] = mapped_column(Text)
    appeal_reason: Mapped[str | None] = mapped_column(Text)
    appealed_at: Mapped[datetime | None]
    arbiter_reason: Mapped[str | None] = mapped_column(Text)


class RulesOfYear(Base):
    """The programme rules the operator put in force for a year (R3.5, R6.6), as the YAML text they sent; newer
    than the shipped file of the same or an earlier year, they win."""

    __tablename__ = "programme_rules"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime]
    changed_by: Mapped[int | None] = mapped_column(BigInteger)


class Progress(Base):
    """Completion of one direction of an application (R8.3), rewritten in the transaction that changes it (an
    activation, an approval, an appeal overturned), so the dashboards read figures and never the diary."""

    __tablename__ = "progress"

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    direction: Mapped[str] = mapped_column(String(16), primary_key=True)
    percent: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FigureSnapshot(Base):
    """Figures that scan every application (the operator's national ones), made by the figures tick so that the
    dashboard reads one row; `body` is `core.analytics.snapshot_body`'s."""

    __tablename__ = "figure_snapshots"
    scope: Mapped[str] = mapped_column(String(32), primary_key=True)
    taken_at: Mapped[datetime]
    body: Mapped[dict[str, Any]]


class EntryMedia(Base):
    """A file of an entry: Telegram's ids and what Telegram reports about it; bytes stay with Telegram."""

    __tablename__ = "entry_media"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))
    file_unique_id: Mapped[str] = mapped_column(String(64), index=True)
    duration: Mapped[int | None] = mapped_column(Integer)
    file_size: Mapped[int | None] = mapped_column(Integer)
    mime_type: Mapped[str | None] = mapped_column(String(100))
    media_group_id: Mapped[str | None] = mapped_column(String(64))
    speech_seconds: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MissedWeek(Base):
    """A participant's reason for not doing a task or not uploading in time (R5.5), told to the mentor."""

    __tablename__ = "missed_weeks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(16))
    details: Mapped[str | None] = mapped_column(Text)
    week_of: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExtraTask(Base):
    """A task the mentor sets beyond the schedule (R5.3); it shows in the participant's diary."""

    __tablename__ = "extra_tasks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]


class ExpertNote(Base):
    """The expert's journal on a mentor they supervise (R6.3)."""

    __tablename__ = "expert_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    expert_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("staff.user_id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ParticipantDocument(Base):
    """A copy the mentor collects from a participant (R6.2): the signed agreement, an ID, certificates. Only
    Telegram's file ids are kept; `status` is sent, checked or returned (with the mentor's reason)."""

    __tablename__ = "participant_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    media: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(256))
    file_unique_id: Mapped[str] = mapped_column(String(64))
    file_size: Mapped[int | None] = mapped_column(Integer)
    mime_type: Mapped[str | None] = mapped_column(String(100))
    uploaded_at: Mapped[datetime]
    checked_at: Mapped[datetime | None]
    checked_by: Mapped[int | None] = mapped_column(BigInteger)
    return_reason: Mapped[str | None] = mapped_column(Text)


class RatingBallot(Base):
    """That a participant answered a period's survey, kept apart from the answers so neither leads to the other."""

    __tablename__ = "rating_ballots"
    __table_args__ = (UniqueConstraint("application_id", "period"), Index("ix_rating_ballots_period", "period"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(16))


class RatingAnswer(Base):
    """One anonymous answer about a mentor: a random key, the period and the scores, nothing about who or when."""

    __tablename__ = "rating_answers"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("staff.user_id"), index=True)
    period: Mapped[str] = mapped_column(String(16))
    scores: Mapped[dict[str, Any]]


OUTBOX_WAITING = "status IN ('pending', 'sending')"
"""Rows a sender may still send. Indexes limited to them keep a claim's scan, and its "an earlier row of
this chat is still waiting" probe, proportional to the queue, not to the history of sent rows, whatever
plan the planner picks from statistics taken before a burst of enqueues."""

OUTBOX_UNPURGED = "purged_at IS NULL AND status NOT IN ('pending', 'sending')"
"""Finished rows whose parameters (names, texts) the retention rule has yet to remove."""


class OutboxMessage(Base):
    """One Bot API call to someone other than the user who acted, written in the transaction that caused it.

    The unique key makes enqueueing idempotent: a tick that runs twice, or two schedulers, write one row.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "not_before"),
        Index("ix_outbox_chat_id", "chat_id"),
        Index("ix_outbox_waiting", "id", postgresql_where=text(OUTBOX_WAITING), sqlite_where=text(OUTBOX_WAITING)),
        Index(
            "ix_outbox_waiting_chat",
            "chat_id",
            "id",
            postgresql_where=text(OUTBOX_WAITING),
            sqlite_where=text(OUTBOX_WAITING),
        ),
        Index(
            "ix_outbox_unpurged",
            "created_at",
            postgresql_where=text(OUTBOX_UNPURGED),
            sqlite_where=text(OUTBOX_UNPURGED),
        ),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(300))
    subject_id: Mapped[int | None] = mapped_column(Integer, index=True)
    """The application the message is about, so erasing a participant's data finds the messages naming them."""
    purged_at: Mapped[datetime | None]
    """When the parameters were emptied: by the retention rule, or because the participant erased their data."""


CENTRE_APPLICATION_PENDING = "status = 'pending'"


class CentreApplication(Base):
    """An organisation's application to become a programme centre (R6.5), made from the bot and decided by
    an operator; an approval creates the centre (`centre_id`) and makes the applicant its head. At most one
    is pending per user."""

    __tablename__ = "centre_applications"
    __table_args__ = (
        Index(
            "uq_centre_applications_pending_user",
            "user_id",
            unique=True,
            postgresql_where=text(CENTRE_APPLICATION_PENDING),
            sqlite_where=text(CENTRE_APPLICATION_PENDING),
        ),
        Index("ix_centre_applications_status_created", "status", "created_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    organisation: Mapped[str] = mapped_column(String(300))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    bin: Mapped[str] = mapped_column(String(12))
    address: Mapped[str] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    """The contact person's name and phone: personal data, exported and erased with the applicant's account."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str | None] = mapped_column(Text)
    """Why the operator refused, as the applicant is told."""
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"))


class HandledUpdate(Base):
    """A Telegram update whose effects were committed, written in the same transaction as they were: an update
    delivered again (Telegram re-sends on a slow or failed answer, maybe to another instance) is then skipped."""

    __tablename__ = "handled_updates"
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
