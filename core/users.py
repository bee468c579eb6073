"""Who is talking to the bot: a user row on first contact, their language, their reachability (R7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.errors import DomainError
from core.ports import StaffRecord, UnitOfWork, UserRecord
from core.reminders import KINDS, LEAD_MINUTES
from core.text_input import ascii_int

LOCALES = ("kk", "ru", "en")


@dataclass(frozen=True)
class Seen:
    user: UserRecord
    first_contact: bool
    staff: StaffRecord | None = None


async def seen(uow: UnitOfWork, user_id: int, locale: str, *, membership_change: bool) -> Seen:
    """Creates the user on first contact in the language Telegram reports; a user who writes again after
    blocking the bot is reachable again (a membership update says so itself). With the staff row, if any:
    both in one statement, as this runs on every update."""
    user, staff = await uow.users.with_staff(user_id)
    if user is None:
        user = await uow.users.add(user_id, locale)
        await uow.commit()
        return Seen(user, True)
    if user.blocked_at is not None and not membership_change:
        user.blocked_at = None
        await uow.commit()
    return Seen(user, False, staff)


async def blocked(uow: UnitOfWork, user_id: int, now: datetime) -> None:
    """The user blocked the bot: what is queued for them is dropped and no reminders are made."""
    await uow.outbox.mark_unreachable(user_id, now, "blocked by the user")
    await uow.commit()


async def unblocked(uow: UnitOfWork, user: UserRecord) -> None:
    user.blocked_at = None
    await uow.commit()


async def set_language(uow: UnitOfWork, user: UserRecord, locale: str) -> None:
    if locale not in LOCALES:
        raise DomainError("error-bad-button")
    user.locale = locale
    await uow.commit()


async def toggle_reminder(uow: UnitOfWork, user: UserRecord, kind: str) -> None:
    """Pausing a kind also withdraws reminders of that kind already queued (e.g. held back by quiet hours)."""
    if kind not in KINDS:
        raise DomainError("error-bad-button")
    off = set(user.reminders_off)
    if kind in off:
        off.remove(kind)
    else:
        off.add(kind)
        await uow.outbox.drop_waiting(user.id, f"{kind}:", "paused by the user")
    user.reminders_off = sorted(off)
    await uow.commit()


async def set_reminder_lead(uow: UnitOfWork, user: UserRecord, minutes: str) -> None:
    """How long before a planned session its reminder comes."""
    lead = ascii_int(minutes)
    if lead is None or lead not in LEAD_MINUTES:
        raise DomainError("error-bad-button")
    user.reminder_lead_minutes = lead
    await uow.commit()


async def toggle_review_digest(uow: UnitOfWork, mentor: StaffRecord) -> None:
    """A mentor chooses one daily digest of pending reviews instead of a message per entry (R7.2)."""
    mentor.review_digest = not mentor.review_digest
    await uow.commit()
