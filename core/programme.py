"""The programme's vocabulary: levels, directions, roles and statuses (SPEC R3, R4, R6)."""

from enum import StrEnum


class Level(StrEnum):
    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"


class Direction(StrEnum):
    SPORT = "sport"
    TALENT = "talent"
    READING = "reading"
    HERITAGE = "heritage"
    VOLUNTEERING = "volunteering"
    TOURISM = "tourism"
    WORK = "work"


PARTNER_DIRECTIONS = frozenset({Direction.VOLUNTEERING, Direction.TOURISM})
"""Directions that need an authorised partner organisation (R2.3)."""


class Role(StrEnum):
    PARTICIPANT = "participant"
    MENTOR = "mentor"
    EXPERT = "expert"
    COORDINATOR = "coordinator"
    CENTRE = "centre"
    OPERATOR = "operator"


STAFF_ROLES = (Role.MENTOR, Role.EXPERT, Role.COORDINATOR, Role.CENTRE, Role.OPERATOR)


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CONSENT_PENDING = "consent_pending"
    UNDER_REVIEW = "under_review"
    ACTIVE = "active"
    COMPLETED = "completed"
    AWARDED = "awarded"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class HeritageMode(StrEnum):
    """How National heritage is fulfilled (R3.2-R3.4): by sessions or by an extra section-1 book."""

    SESSIONS = "sessions"
    BOOK = "book"


class EntryStatus(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    MORE_WORK = "more_work"
    APPEALED = "appealed"
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class EntryKind(StrEnum):
    """What a diary entry must contain, by direction (R5.2)."""

    SESSION = "session"
    FINAL_VIDEO = "final_video"
    ESSAY = "essay"
    DAILY = "daily"
    WORK = "work"


class MediaKind(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    VIDEO_NOTE = "video_note"
    VOICE = "voice"
    DOCUMENT = "document"
