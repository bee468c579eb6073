"""What a use case tells people other than the one who acted: values, not messages (R7).

A use case returns the notices it caused and hands them to `UnitOfWork.commit`, which turns them into
outbox rows in the same transaction as the change (see `bot/notifications.py`), so a change and its
notifications are stored together or not at all. Each notice names its recipient and its outbox key: a
key names the occasion, so a job that runs twice queues a reminder once; one-off events carry a nonce.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar

from core.rules import Target

SCHEDULED = frozenset({"reminder", "escalation", "digest"})
"""Kinds that wait for the end of quiet hours and are not made for users who blocked the bot."""


def _nonce() -> str:
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class Notice:
    recipient: int
    kind: ClassVar[str] = "news"

    @property
    def key(self) -> str:
        raise NotImplementedError

    @property
    def latest(self) -> datetime | None:
        """A moment after which the message is pointless (the session it announces)."""
        return None


# --- applications ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewApplication(Notice):
    """An application reached the mentor (or whoever acts for them) for review (R2.6, R7.2)."""

    app_id: int
    status: str
    kind: ClassVar[str] = "alert"

    @property
    def key(self) -> str:
        return f"new-application:{self.app_id}:{self.status}"


# --- diary and review -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryToReview(Notice):
    """A submitted entry with its files and the review buttons (R7.2)."""

    entry_id: int
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"review:{self.entry_id}:{self.nonce}"


@dataclass(frozen=True)
class EntryDecided(Notice):
    """The mentor's decision on an entry, to its participant (R5.3)."""

    entry_id: int
    status: str
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"decided:{self.entry_id}:{self.status}:{self.nonce}"


@dataclass(frozen=True)
class AppealToArbiter(Notice):
    """An appeal with the entry's files and history, to the expert or whoever acts for them (R6.3)."""

    entry_id: int
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"appeal:{self.entry_id}:{self.recipient}:{self.nonce}"


@dataclass(frozen=True)
class AppealDecided(Notice):
    """The arbiter's decision, to the participant and to the mentor."""

    entry_id: int

    @property
    def key(self) -> str:
        return f"arbitrated:{self.entry_id}:{self.recipient}"


@dataclass(frozen=True)
class GuardianConfirmed(Notice):
    """The legal representative confirmed the agreement (R2.5)."""

    app_id: int

    @property
    def key(self) -> str:
        return f"guardian-confirmed:{self.app_id}"


@dataclass(frozen=True)
class IndividualRequirements(Notice):
    """The operator changed a direction's target for this participant (R3.5): told to them and their mentor."""

    app_id: int
    target: Target
    at: str

    @property
    def key(self) -> str:
        return f"individual:{self.app_id}:{self.recipient}:{self.target.direction.value}:{self.at}"


@dataclass(frozen=True)
class Activated(Notice):
    """The mentor activated the participant: the clock starts, here is the schedule (R5.1)."""

    app_id: int
    by: int
    """The staff member who activated, named in the message."""

    @property
    def key(self) -> str:
        return f"activated:{self.app_id}"


@dataclass(frozen=True)
class LevelCompleted(Notice):
    """The level is complete (R5.4); the message offers the end-of-level mentor survey."""

    app_id: int

    @property
    def key(self) -> str:
        return f"completed:{self.app_id}"


# --- work experience, tasks, missed weeks, messages -----------------------------------------------


@dataclass(frozen=True)
class WorkConfirmed(Notice):
    """The employer confirmed a work report (R5.2): to the participant."""

    entry_id: int

    @property
    def key(self) -> str:
        return f"work-confirmed:{self.entry_id}:participant"


@dataclass(frozen=True)
class WorkConfirmedForMentor(Notice):
    """The employer confirmed a work report: to whoever reviews it, who may now approve it."""

    entry_id: int
    kind: ClassVar[str] = "alert"

    @property
    def key(self) -> str:
        return f"work-confirmed:{self.entry_id}:mentor"


@dataclass(frozen=True)
class TaskSet(Notice):
    """An extra task from the mentor (R5.3)."""

    app_id: int
    direction: str
    text: str
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"task:{self.app_id}:{self.nonce}"


@dataclass(frozen=True)
class WeekMissed(Notice):
    """The participant's reason for a missed week, to the mentor or whoever acts for them (R5.5)."""

    app_id: int
    reason: str
    details: str | None
    kind: ClassVar[str] = "alert"
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"missed:{self.app_id}:{self.nonce}"


@dataclass(frozen=True)
class MentorMessage(Notice):
    """What the mentor wrote to the participant through the bot (R6.2)."""

    app_id: int
    sender: int
    text: str
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"mentor-message:{self.app_id}:{self.nonce}"


@dataclass(frozen=True)
class ProblemReported(Notice):
    """A coordinator's report of a threat to the service's quality, to an operator (R6.4)."""

    coordinator: int
    text: str
    event: str
    kind: ClassVar[str] = "alert"

    @property
    def key(self) -> str:
        return f"problem:{self.coordinator}:{self.event}:{self.recipient}"


# --- participants' documents (R6.2) ------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentsRequested(Notice):
    """The mentor asks the participant for the documents still missing, with a button to upload each."""

    app_id: int
    missing: tuple[str, ...]
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"docs-asked:{self.app_id}:{self.nonce}"


@dataclass(frozen=True)
class DocumentArrived(Notice):
    """A participant uploaded a document, to the mentor or whoever acts for them."""

    app_id: int
    document_kind: str
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"docs-arrived:{self.app_id}:{self.nonce}"


@dataclass(frozen=True)
class DocumentDecided(Notice):
    """The mentor checked or returned a document (with the reason), to its participant."""

    app_id: int
    document_id: int
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"docs-decided:{self.document_id}:{self.nonce}"


# --- absence --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffAbsent(Notice):
    """A mentor (to their expert, with keep/hand-over buttons) or an expert (to the coordinator) is away."""

    absent: int
    since: datetime
    appeals: int = 0
    """An expert's appeals already waiting: the coordinator opens them one at a time from this message."""
    deactivated: bool = False
    """The operator deactivated them (R6.6): the same hand-over, told as for good rather than until they are back."""
    kind: ClassVar[str] = "alert"

    @property
    def key(self) -> str:
        return f"absent:{self.absent}:{self.since.isoformat()}"


@dataclass(frozen=True)
class SubstituteChosen(Notice):
    """The expert handed an absent mentor's participants to this mentor."""

    mentor: int
    kind: ClassVar[str] = "alert"
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"substitute:{self.mentor}:{self.nonce}"


@dataclass(frozen=True)
class SubstituteReleased(Notice):
    """A mentor who acted for an absent one no longer does."""

    mentor: int
    kind: ClassVar[str] = "alert"
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"released:{self.mentor}:{self.nonce}"


@dataclass(frozen=True)
class StaffBack(Notice):
    """The absent mentor or expert is back; whoever acted for them is told."""

    staff: int
    role: str
    kind: ClassVar[str] = "alert"
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"back:{self.staff}:{self.nonce}"


# --- administration (R6.6) ------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpertAssigned(Notice):
    """The operator put a mentor under an expert; told to both (the recipient says which text)."""

    mentor: int
    expert: int
    kind: ClassVar[str] = "alert"
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"assigned:{self.mentor}:{self.expert}:{self.recipient}:{self.nonce}"


@dataclass(frozen=True)
class RegionAssigned(Notice):
    """The operator set the region whose coordinator takes an expert's duties while they are away."""

    region_code: str
    kind: ClassVar[str] = "alert"
    nonce: str = field(default_factory=_nonce, compare=False)

    @property
    def key(self) -> str:
        return f"region:{self.recipient}:{self.region_code}:{self.nonce}"


# --- reminders (R5.1, R7.1) -----------------------------------------------------------------------


@dataclass(frozen=True)
class SessionReminder(Notice):
    app_id: int
    direction: str
    activity: str
    start: datetime
    """The session's start, local time: the message is pointless after it."""
    kind: ClassVar[str] = "reminder"

    @property
    def key(self) -> str:
        return f"session:{self.app_id}:{self.direction}:{self.start.date().isoformat()}"

    @property
    def latest(self) -> datetime | None:
        return self.start


@dataclass(frozen=True)
class WeekNudge(Notice):
    """Friday: session directions with no entry yet this week."""

    app_id: int
    monday: date
    directions: tuple[str, ...]
    kind: ClassVar[str] = "reminder"

    @property
    def key(self) -> str:
        return f"week:{self.app_id}:{self.monday.isoformat()}"


@dataclass(frozen=True)
class BooksBehind(Notice):
    app_id: int
    monday: date
    done: int
    expected: int
    total: int
    kind: ClassVar[str] = "reminder"

    @property
    def key(self) -> str:
        return f"books:{self.app_id}:{self.monday.isoformat()}"


@dataclass(frozen=True)
class DeadlineNear(Notice):
    """30, 14, 7 and 1 days before the level ends: what is left per direction."""

    app_id: int
    milestone: int
    days_left: int
    end: date
    unfinished: tuple[tuple[str, int], ...]
    kind: ClassVar[str] = "reminder"

    @property
    def key(self) -> str:
        return f"deadline:{self.app_id}:{self.milestone}"


@dataclass(frozen=True)
class RatingDue(Notice):
    app_id: int
    period: str
    kind: ClassVar[str] = "reminder"

    @property
    def key(self) -> str:
        return f"rating:{self.app_id}:{self.period}"


@dataclass(frozen=True)
class ReviewDigest(Notice):
    """One daily message of entries waiting for the mentor's review, per participant."""

    day: date
    waiting: tuple[tuple[str, int], ...]
    kind: ClassVar[str] = "digest"

    @property
    def key(self) -> str:
        return f"digest:{self.recipient}:{self.day.isoformat()}"


# --- escalations (R2.6, R6.5, R7.3) ---------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationOverdue(Notice):
    app_id: int
    to: str
    """"expert" the day after the deadline, "coordinator" five working days later."""
    kind: ClassVar[str] = "escalation"

    @property
    def key(self) -> str:
        return f"esc-app:{self.app_id}:{self.to}"


@dataclass(frozen=True)
class EntryOverdue(Notice):
    entry_id: int
    to: str
    """"mentor" after REVIEW_DAYS, "expert" after twice as long."""
    submitted: date
    """The local day the entry was sent."""
    kind: ClassVar[str] = "escalation"

    @property
    def key(self) -> str:
        return f"esc-entry:{self.entry_id}:{self.to}"


@dataclass(frozen=True)
class AppealOverdue(Notice):
    entry_id: int
    kind: ClassVar[str] = "escalation"

    @property
    def key(self) -> str:
        return f"esc-appeal:{self.entry_id}:coordinator"


@dataclass(frozen=True)
class CentreUnsigned(Notice):
    """A centre's agreement is unsigned: a warning after 7 working days, the lost registration after 10."""

    centre_id: int
    lost: bool
    deadline: date
    kind: ClassVar[str] = "escalation"

    @property
    def key(self) -> str:
        return f"centre-{'lost' if self.lost else 'warn'}:{self.centre_id}:{self.recipient}"


# --- programme centres applying from the bot (R6.5) -----------------------------------------------


@dataclass(frozen=True)
class CentreApplied(Notice):
    """An organisation applied to be a programme centre: to each operator, with Approve and Refuse buttons."""

    request_id: int
    kind: ClassVar[str] = "alert"

    @property
    def key(self) -> str:
        return f"centre-applied:{self.request_id}:{self.recipient}"


@dataclass(frozen=True)
class CentreDecided(Notice):
    """The operator's decision, to the applicant: refused with the reason, or approved with the last day to
    sign the agreement and the centre's menu."""

    request_id: int
    deadline: date | None = None

    @property
    def key(self) -> str:
        return f"centre-decided:{self.request_id}"
