"""A participant's right to see and erase their personal data (Kazakhstan's personal data law).

Decisions and awards must stay for the programme's records, so those rows are anonymised: every field
that identifies the person is cleared and the link to the Telegram account cut. What stays is the
anonymous record of the decision: year, level, directions, status, dates and the history of statuses.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from core.application_status import OPEN
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
)
SCHEDULE_FIELDS = ("direction", "activity", "weekdays", "time", "minutes_per_week")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


async def export(uow: UnitOfWork, user: UserRecord) -> dict[str, Any]:
    """Everything stored about the user, as plain JSON-ready data."""
    apps = []
    for app in await uow.applications.of_user(user.id):
        data = {name: _plain(value) for name, value in uow.applications.fields_of(app).items()}
        data["schedule"] = [
            {f: getattr(i, f) for f in SCHEDULE_FIELDS} for i in await uow.applications.schedule(app.id)
        ]
        data["history"] = [
            {"from": a.from_status, "to": a.to_status, "at": _plain(a.at)}
            for a in await uow.audit.trail("application", app.id)
        ]
        apps.append(data)
    return {
        "telegram_id": user.id,
        "language": user.locale,
        "first_contact": _plain(user.created_at),
        "applications": apps,
    }


async def erase(uow: UnitOfWork, user: UserRecord, now: datetime) -> None:
    """Deletes drafts, anonymises the rest, withdraws what was still open, forgets the account."""
    for app in await uow.applications.of_user(user.id):
        if app.status == S.DRAFT.value:
            await uow.applications.delete(app)
            continue
        if S(app.status) in OPEN:
            await uow.audit.add("application", app.id, None, app.status, S.WITHDRAWN.value, "personal data erased")
            app.status = S.WITHDRAWN.value
        for field in PERSONAL_FIELDS:
            setattr(app, field, None)
        await uow.applications.clear_schedule(app.id)
        app.user_id = None
        app.anonymised_at = now
    await uow.users.forget(user.id)
    await uow.users.delete(user)
    await uow.commit()
