"""Texts about the programme's rules and a participant's schedule, shared by the application, its status,
the mentor's card and the notifications."""

from __future__ import annotations

from core.ports import ApplicationRecord, ScheduleRecord
from core.rules import Requirement, Target
from locales.translations import Translator
from storage.holder import Holder


def describe_requirement(t: Translator, req: Requirement) -> str:
    """What a direction asks at a level, before the participant's choices."""
    if req.session_months:
        text = t("req-sessions-options", months=" / ".join(map(str, req.session_months)))
        return text + (t("req-or-extra-book") if req.extra_book else "")
    return _fixed(t, req.books, req.section1_books, req.trip_days, req.work_days)


def describe_target(t: Translator, target: Target) -> str:
    if target.months:
        return t("req-sessions", months=target.months, minutes=target.weekly_minutes)
    return _fixed(t, target.books, target.section1_books, target.trip_days, target.work_days)


def _fixed(t: Translator, books: int, section1: int, trip_days: int, work_days: int) -> str:
    if books:
        return t("req-books", books=books, section1=section1)
    if trip_days:
        return t("req-trip", days=trip_days)
    return t("req-work", days=work_days)


def schedule_line(t: Translator, item: ScheduleRecord) -> str:
    """One direction of the individual schedule: activity, weekdays, time, minutes a week (R5.1)."""
    days = ", ".join(t(f"weekday-{d}") for d in sorted(item.weekdays))
    return t(
        "schedule-line",
        activity=item.activity or "",
        days=days,
        time=item.time or "",
        minutes=item.minutes_per_week or 0,
    )


async def profile(t: Translator, uow: Holder, app: ApplicationRecord) -> dict[str, str]:
    """The profile's answers as the card and the review screen show them (R2.1)."""
    region = await uow.catalogue.region(app.region_code or "")
    place = await uow.catalogue.locality(app.locality_code or "")
    return {
        "birth_date": app.birth_date.strftime("%d.%m.%Y") if app.birth_date else "",
        "phone": app.phone or "",
        "region": t.name(region) if region else "",
        "locality": t.name(place) if place else "",
        "study_place": app.study_place or "",
        "about": app.about or "",
        "hobbies": app.hobbies or "",
    }
