"""One-time deep links: staff invitations (R6.7), legal representatives' consent (R2.5), employers (R5.2).

A link is a random token in a `/start` payload; only its hash is stored. It works once, until it expires,
and a newer link for the same object ends the older ones. The purposes differ only in what the link's
payload points to and what using it does (`core/invitations.py`, `core/applications.py`, `core/work.py`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from core.errors import DomainError
from core.ports import LinkRecord, UnitOfWork
from core.tokens import new_token, token_hash

INVITE = "invite"
GUARDIAN = "guardian"
EMPLOYER = "employer"
PAYLOAD_PREFIX = {INVITE: "i_", GUARDIAN: "g_", EMPLOYER: "e_"}


async def create_link(
    uow: UnitOfWork,
    purpose: str,
    payload: dict[str, Any],
    now: datetime,
    ttl: timedelta,
    created_by: int | None = None,
) -> str:
    """Returns the deep-link payload (prefix + token); only the token's hash is stored."""
    token = new_token()
    await uow.links.add(token_hash(token), purpose, payload, now + ttl, created_by)
    return PAYLOAD_PREFIX[purpose] + token


async def renew_link(
    uow: UnitOfWork, purpose: str, key: str, value: int, now: datetime, ttl: timedelta, created_by: int | None
) -> str:
    """A fresh link for an object; the older ones for it stop working."""
    await uow.links.expire(purpose, key, value, now)
    return await create_link(uow, purpose, {key: value}, now, ttl, created_by)


def split_payload(payload: str) -> tuple[str, str] | None:
    """(purpose, token) of a /start payload, or None when it is not one of ours."""
    for purpose, prefix in PAYLOAD_PREFIX.items():
        if payload.startswith(prefix) and len(payload) > len(prefix):
            return purpose, payload[len(prefix) :]
    return None


async def valid_link(uow: UnitOfWork, purpose: str, token: str, now: datetime) -> LinkRecord:
    """The live link for this token, locked for the caller's transaction; refuses used, expired or forged."""
    link = await uow.links.by_hash(token_hash(token))
    if link is None or link.purpose != purpose:
        raise DomainError("error-link-invalid")
    if link.used_at is not None:
        raise DomainError("error-link-used")
    if link.expires_at <= now:
        raise DomainError("error-link-expired")
    return link


async def refuse_staff(uow: UnitOfWork, user_id: int, key: str) -> None:
    """A legal representative or an employer is someone outside the programme: any staff account (every
    role, active or not) is refused with `key`, so a mentor cannot consent or confirm for their own
    participant (R2.5, R5.2)."""
    if await uow.staff.get(user_id) is not None:
        raise DomainError(key)


def consume(link: LinkRecord, user_id: int, now: datetime) -> None:
    link.used_at = now
    link.used_by = user_id
