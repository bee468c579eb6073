"""One-time deep links: staff invitations (R6.7), legal representatives' consent (R2.5), employers (R5.2)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from core.errors import DomainError
from core.ports import LinkRecord, Repository
from core.tokens import new_token, token_hash

INVITE = "invite"
GUARDIAN = "guardian"
EMPLOYER = "employer"
PAYLOAD_PREFIX = {INVITE: "i_", GUARDIAN: "g_", EMPLOYER: "e_"}


async def create_link(
    repo: Repository,
    purpose: str,
    payload: dict[str, Any],
    now: datetime,
    ttl: timedelta,
    created_by: int | None = None,
) -> str:
    """Returns the deep-link payload (prefix + token); only the token's hash is stored."""
    token = new_token()
    await repo.create_link(token_hash(token), purpose, payload, now + ttl, created_by)
    return PAYLOAD_PREFIX[purpose] + token


def split_payload(payload: str) -> tuple[str, str] | None:
    """(purpose, token) of a /start payload, or None when it is not one of ours."""
    for purpose, prefix in PAYLOAD_PREFIX.items():
        if payload.startswith(prefix) and len(payload) > len(prefix):
            return purpose, payload[len(prefix) :]
    return None


async def valid_link(repo: Repository, purpose: str, token: str, now: datetime) -> LinkRecord:
    """The live link for this token, locked for the caller's transaction; refuses used, expired or forged."""
    link = await repo.link_by_hash(token_hash(token), for_update=True)
    if link is None or link.purpose != purpose:
        raise DomainError("error-link-invalid")
    if link.used_at is not None:
        raise DomainError("error-link-used")
    if link.expires_at <= now:
        raise DomainError("error-link-expired")
    return link


def consume(link: LinkRecord, user_id: int, now: datetime) -> None:
    link.used_at = now
    link.used_by = user_id
