"""One-time link tokens (staff invitations, guardian consent): random, stored only as a hash."""

import hashlib
import secrets

TOKEN_BYTES = 16
"""22 url-safe characters; a deep link payload allows 64, so a prefix still fits."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
