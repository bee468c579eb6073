"""A participant's right to see and erase their personal data (Kazakhstan's personal data law).

Decisions and awards must stay for the programme's records, so those rows are anonymised:
every field that identifies the person is cleared and the link to the Telegram account cut.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete

from core.application_status import OPEN
from core.programme import ApplicationStatus as S
from storage.models import Application, ScheduleItem, User
from storage.repository import Repository

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
)
KEPT_FIELDS = (
    "id",
    "status",
    "programme_year",
    "level",
    "directions",
    "submitted_at",
    "activated_at",
    "decision_reason",
)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


async def export(repo: Repository, user: User) -> dict[str, Any]:
    """Everything stored about the user, as plain JSON-ready data."""
    apps = []
    for app in await repo.applications_of(user.id):
        data = {c.name: _plain(getattr(app, c.key)) for c in Application.__table__.columns}
        data["schedule"] = [
            {
                "direction": i.direction,
                "activity": i.activity,
                "weekdays": i.weekdays,
                "time": i.time,
                "minutes_per_week": i.minutes_per_week,
            }
            for i in await repo.schedule(app.id)
        ]
        data["history"] = [
            {"from": a.from_status, "to": a.to_status, "at": _plain(a.at)}
            for a in await repo.audit_trail("application", app.id)
        ]
        apps.append(data)
    return {
        "telegram_id": user.id,
        "language": user.locale,
        "first_contact": _plain(user.created_at),
        "applications": apps,
    }


async def erase(repo: Repository, user: User, now: datetime) -> None:
    """Deletes drafts, anonymises the rest, withdraws what was still open, forgets the account."""
    for app in await repo.applications_of(user.id):
        if app.status == S.DRAFT.value:
            await repo.session.delete(app)
            continue
        if S(app.status) in OPEN:
            await repo.audit("application", app.id, None, app.status, S.WITHDRAWN.value, "personal data erased")
            app.status = S.WITHDRAWN.value
        for field in PERSONAL_FIELDS:
            setattr(app, field, None)
        await repo.session.execute(delete(ScheduleItem).where(ScheduleItem.application_id == app.id))
        app.user_id = None
        app.anonymised_at = now
    await repo.forget_user(user.id)
    await repo.session.flush()
    await repo.session.delete(user)
