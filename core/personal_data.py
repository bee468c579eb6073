"""A person's right to see and erase what is stored about them (Kazakhstan's personal data law).

Export: everything stored about the person as a participant, as a legal representative, as an employer
and as a staff member (their profile and documents, R8.2), and the notifications the bot keeps for them. The
answers to mentor surveys are withheld: they are stored apart from the participant on purpose, so nothing
can lead from a person to them.

Erasure: the account goes, and with it the messages to it. Drafts and the copies of documents the mentor
collected (R6.2) are deleted. Decisions and awards stay for the programme's statistics, anonymised: every
field below is cleared, every free text emptied, every file reference deleted and the Telegram id cut out
of the audit and the links. What stays is the anonymous
record: year, level, directions, centre, mentor, statuses and their dates, entries' kinds, dates, minutes
and statuses, the reasons chosen for missed weeks (not the words), the periods of answered surveys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from core import centre_applications
from core.application_status import OPEN
from core.errors import DomainError
from core.notices import ApplicationOverdue
from core.ports import UnitOfWork, UserRecord
from core.programme import ApplicationStatus as S

PERSONAL_FIELDS = (
    "full_name",
    "birth_date",
    "phone",
    "photo_file_id",
    "photo_unique_id",
    "region_code",
    "locality_code",
    "study_place",
    "about",
    "hobbies",
    "guardian_name",
    "guardian_phone",
    "guardian_user_id",
    "decision_reason",
    "assessment",
    "characterisation",
)
"""Of an application: who the participant is, what they wrote, what was written about them."""

ENTRY_TEXTS = ("title", "text", "reason", "appeal_reason", "arbiter_reason", "employer_name", "employer_phone")
"""Of a diary entry: the participant's words, the reviewers' words about them, the employer's contact."""

GUARDIAN_FIELDS = ("guardian_name", "guardian_phone", "guardian_user_id")
"""What a legal representative's erasure clears; the date of the consent stays, as the fact it was given."""

EMPLOYER_FIELDS = ("employer_name", "employer_phone")

SCHEDULE_FIELDS = ("direction", "activity", "weekdays", "time", "minutes_per_week")
WITHHELD = ("rating-answers",)


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO strings, containers walked."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


async def export(uow: UnitOfWork, user: UserRecord) -> dict[str, Any]:
    """Everything stored about the user, as plain JSON-ready data."""
    apps = []
    for app in await uow.applications.of_user(user.id):
        data = uow.applications.fields_of(app)
        data["schedule"] = [
            {f: getattr(i, f) for f in SCHEDULE_FIELDS} for i in await uow.applications.schedule(app.id)
        ]
        data["history"] = [
            {
                "entity": h["entity"],
                "entity_id": h["entity_id"],
                "from": h["from_status"],
                "to": h["to_status"],
                "reason": h["reason"],
                "at": h["at"],
            }
            for h in await uow.personal.history(app.id)
        ]
        data["entries"] = await uow.personal.entries(app.id)
        data["missed_weeks"] = await uow.personal.missed_weeks(app.id)
        data["extra_tasks"] = await uow.personal.tasks(app.id)
        data["surveys_answered"] = await uow.personal.rated_periods(app.id)
        data["documents"] = await uow.personal.documents(app.id)
        apps.append(data)
    guardian = [
        {
            "application_id": a.id,
            "participant": a.full_name,
            "guardian_name": a.guardian_name,
            "guardian_phone": a.guardian_phone,
            "confirmed_at": a.guardian_confirmed_at,
        }
        for a in await uow.personal.as_guardian(user.id)
    ]
    employer = [
        {
            "entry_id": e.id,
            "employer_name": e.employer_name,
            "employer_phone": e.employer_phone,
            "confirmed_at": e.employer_confirmed_at,
        }
        for e in await uow.personal.as_employer(user.id)
    ]
    messages = [
        {
            "kind": m.kind,
            "status": m.status,
            "created_at": m.created_at,
            "sent_at": m.sent_at,
            "text": m.params.get("text") or m.params.get("caption"),
            "purged_at": m.purged_at,
        }
        for m in await uow.outbox.messages_to(user.id)
    ]
    return plain(
        {
            "account": {
                "telegram_id": user.id,
                "language": user.locale,
                "first_contact": user.created_at,
                "blocked_at": user.blocked_at,
                "reminders_paused": user.reminders_off,
                "reminder_lead_minutes": user.reminder_lead_minutes,
            },
            "applications": apps,
            "as_legal_representative": guardian,
            "as_employer": employer,
            "as_centre_applicant": await centre_applications.export_of(uow, user.id),
            "as_staff": {
                "profile": await uow.personal.staff_profile(user.id),
                "documents": await uow.personal.staff_documents(user.id),
            },
            "notifications": messages,
            "withheld": list(WITHHELD),
        }
    )


@dataclass(frozen=True)
class Summary:
    """Counts for the readable summary beside the file."""

    applications: int
    entries: int
    files: int
    missed_weeks: int
    tasks: int
    surveys: int
    consents: int
    confirmations: int
    notifications: int
    statuses: list[tuple[str | None, str, int]] = field(default_factory=list)
    """(level, status, year) of each application."""


def summarise(data: dict[str, Any]) -> Summary:
    apps = data["applications"]
    entries = [e for a in apps for e in a["entries"]]
    return Summary(
        applications=len(apps),
        entries=len(entries),
        files=sum(len(e["media"]) for e in entries)
        + sum(1 for a in apps if a["photo_file_id"])
        + sum(len(a["documents"]) for a in apps),
        missed_weeks=sum(len(a["missed_weeks"]) for a in apps),
        tasks=sum(len(a["extra_tasks"]) for a in apps),
        surveys=sum(len(a["surveys_answered"]) for a in apps),
        consents=len(data["as_legal_representative"]),
        confirmations=len(data["as_employer"]),
        notifications=len(data["notifications"]),
        statuses=[(a["level"], a["status"], a["programme_year"]) for a in apps],
    )


async def erase(uow: UnitOfWork, user: UserRecord, now: datetime) -> None:
    """Deletes drafts, anonymises the rest, withdraws what was still open, forgets the account. A staff member
    at work is refused (their participants and appeals would be left with nobody: the operator deactivates them
    first, which hands the duties over); a deactivated one loses profile, documents and name, while the Telegram
    id stays as the key of the staff row their past decisions and notes refer to."""
    staff = await uow.staff.get(user.id)
    if staff is not None and staff.active:
        raise DomainError("erase-staff-active")
    for app in await uow.applications.of_user(user.id):
        await uow.outbox.forget_subject(app.id, now)
        if app.full_name:
            await uow.outbox.forget_mentions("digest", [app.full_name], now)
        await uow.personal.redact_application(app.id, ENTRY_TEXTS)
        if app.status == S.DRAFT.value:
            await uow.applications.delete(app)
            continue
        if S(app.status) in OPEN:
            await uow.audit.add("application", app.id, None, app.status, S.WITHDRAWN.value, "personal data erased")
            app.status = S.WITHDRAWN.value
        for name in PERSONAL_FIELDS:
            setattr(app, name, None)
        app.individual = {}  # individual requirements say a disability exists
        await uow.applications.clear_schedule(app.id)
        app.user_id = None
        app.anonymised_at = now
    await uow.personal.redact_guardian(user.id, GUARDIAN_FIELDS)
    employer = [e.id for e in await uow.personal.as_employer(user.id)]
    await uow.personal.redact_employer(employer, EMPLOYER_FIELDS)
    await uow.personal.erase_staff_profile(user.id)
    await centre_applications.forget(uow, user.id, now)
    await uow.outbox.forget_chat(user.id)
    if staff is not None:
        staff.full_name = None
    else:
        await uow.users.forget(user.id)
        await uow.users.delete(user)
    await uow.commit()


async def purge_notifications(uow: UnitOfWork, now: datetime, keep: timedelta, delete_after: timedelta) -> int:
    """The retention rule: finished notifications lose their texts (names, entries' words) after `keep`,
    and all but escalations are deleted after `delete_after`. Committed in batches by the outbox, so a first
    run over a long history holds no lock for long. Returns how many rows were emptied or deleted."""
    purged = await uow.outbox.purge_params(now - keep, now)
    purged += await uow.outbox.delete_finished(now - delete_after, keep_kinds=(ApplicationOverdue.kind,))
    await uow.commit()
    return purged
