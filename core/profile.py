"""Parsing and checking what a participant types into the application (R2.1)."""

from __future__ import annotations

import re
from datetime import date, datetime

from core.errors import DomainError
from core.text_input import clean_text, visible_length, without_format

NAME_RE = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %m %Y")
LIMITS = {"full_name": 100, "study_place": 200, "about": 1000, "hobbies": 500}


def parse_full_name(text: str) -> str:
    """Two to five words of letters (hyphens and apostrophes inside a word are fine); format characters, such
    as a zero-width space or a soft hyphen pasted with the name, are dropped."""
    text = without_format(text).strip()
    words = text.split()
    if len(text) > LIMITS["full_name"]:
        raise DomainError("error-text-too-long", limit=LIMITS["full_name"])
    if not 2 <= len(words) <= 5 or not all(NAME_RE.match(w) for w in words):
        raise DomainError("error-full-name")
    return " ".join(w[:1].upper() + w[1:] for w in words)


def parse_date(text: str) -> date:
    """A date as people type it in Kazakhstan (DD.MM.YYYY first), or a localized refusal."""
    value = clean_text(text)
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if day.year >= 1900:
            return day
    raise DomainError("error-not-a-date")


def parse_birth_date(text: str, today: date) -> date:
    born = parse_date(text)
    if born > today:
        raise DomainError("error-date-in-future")
    return born


def check_text(field: str, text: str | None) -> str:
    """A free-text answer within its length limit; zero-width characters alone are no answer."""
    value = clean_text(text)
    if not visible_length(value):
        raise DomainError("error-text-expected")
    if len(value) > LIMITS[field]:
        raise DomainError("error-text-too-long", limit=LIMITS[field])
    if field == "study_place" and visible_length(value) < 2:
        raise DomainError("error-text-too-short")
    return value


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    return "+" + digits
