"""Numbers and free text as people type them, and as forged buttons claim them.

`str.isdigit()` is true for "²", "①" and "٣٠" (Arabic-Indic), and `int()` then crashes on the first two
and reads a number nobody meant from the third; so a number is ASCII digits only, with the usual
"90 мин", "90 минут", "90 min" accepted where minutes are asked. Zero-width and other format characters
(Unicode category Cf: U+200B, U+200D, U+FEFF, the soft hyphen...) show nothing yet make a text non-empty;
they are stripped at the ends of a text and not counted when judging whether it is empty or too short.
Every check on what a user types, or a button's value claims, goes through here.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})
"""Letters and symbols that render as blank (Hangul fillers, the Braille blank), though not of category Cf."""

TAGS = range(0xE0020, 0xE0080)
"""Tag characters: format characters, yet the tail of an emoji flag such as England's 🏴󠁧󠁢󠁥󠁮󠁧󠁿."""

MINUTES_RE = re.compile(
    r"([0-9]{1,6})\s*(?:min(?:s|ute|utes)?|мин(?:ут|ута|уты|уту)?)?\.?",
    re.IGNORECASE,
)
"""90, "90 min", "90 minutes", "90мин", "90 минут" (kk and ru), "90 мин."; ASCII digits only."""


def is_invisible(char: str) -> bool:
    """A format character (category Cf) or a known blank-looking letter."""
    return unicodedata.category(char) == "Cf" or char in INVISIBLE


def _blank(char: str) -> bool:
    return char.isspace() or is_invisible(char)


def clean_text(text: str | None) -> str:
    """The text without whitespace and format characters at its ends; those inside stay, so an emoji
    sequence joined by U+200D, or a flag ending in tag characters, is kept whole."""
    value = text or ""
    start, end = 0, len(value)
    while start < end and _blank(value[start]):
        start += 1
    while end > start and _blank(value[end - 1]):
        if ord(value[end - 1]) in TAGS:
            first = end - 1
            while first > start and ord(value[first - 1]) in TAGS:
                first -= 1
            if first > start and not _blank(value[first - 1]):
                break  # the tags of an emoji flag
            end = first
        else:
            end -= 1
    return value[start:end]


def visible_length(text: str) -> int:
    """Characters that show: format characters and blank-looking letters are not counted."""
    return sum(1 for char in text if not is_invisible(char))


def without_format(text: str | None) -> str:
    """The text with every format character removed, for values where none belongs (a person's name)."""
    return "".join(char for char in text or "" if not is_invisible(char))


def ascii_int(value: str | None, *, max_digits: int = 18) -> int | None:
    """The number written in ASCII digits (a button's value, a typed number), else None: never "²", "①",
    "٣٠" or a sign. `max_digits` keeps it within the database column it is looked up in."""
    if not value or len(value) > max_digits or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def parse_minutes(text: str | None) -> int | None:
    """A number of minutes as typed: "90", "90 мин", "90 минут", "90мин", "90 min"; else None."""
    match = MINUTES_RE.fullmatch(clean_text(text))
    return int(match[1]) if match else None
