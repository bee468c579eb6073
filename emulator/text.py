"""Message text and caption handling: parse mode, trimming and Telegram's length limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request
from .html import HtmlError, parse_html, utf16_len

MAX_TEXT = 4096
MAX_CAPTION = 1024
_TRIMMED = " \t\n\r\v\f"


@dataclass(frozen=True)
class Formatted:
    """What the user sees (``text`` + ``entities``) and what the bot sent (``raw``)."""

    text: str
    raw: str
    entities: list[dict[str, Any]] = field(default_factory=list)

    def fields(self, text_key: str, entities_key: str) -> dict[str, Any]:
        """Message JSON fields, e.g. ``text``/``entities`` or ``caption``/``caption_entities``."""
        result: dict[str, Any] = {text_key: self.text} if self.text else {}
        if self.text and self.entities:
            result[entities_key] = self.entities
        return result


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram strips surrounding whitespace and shifts/clips entities accordingly."""
    stripped = text.strip(_TRIMMED)
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip(_TRIMMED))])
    end = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    return stripped, kept


def format_text(raw: str, parse_mode: str | None, entities: list[dict[str, Any]] | None) -> Formatted:
    """Apply explicit entities or the parse mode. Markdown modes pass through unparsed."""
    if entities is not None:
        text, found = raw, entities
    elif not parse_mode or parse_mode.lower() in ("markdown", "markdownv2"):
        text, found = raw, []
    elif parse_mode.lower() == "html":
        try:
            text, found = parse_html(raw)
        except HtmlError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    else:
        raise bad_request("unsupported parse_mode")
    text, found = _trim(text, found)
    return Formatted(text=text, raw=raw, entities=found)


def message_text(raw: str | None, parse_mode: str | None, entities: list[dict[str, Any]] | None) -> Formatted:
    formatted = format_text(raw or "", parse_mode, entities)
    if not formatted.text:
        raise bad_request("message text is empty")
    if utf16_len(formatted.text) > MAX_TEXT:
        raise bad_request("message is too long")
    return formatted


def caption_text(raw: str | None, parse_mode: str | None, entities: list[dict[str, Any]] | None) -> Formatted:
    formatted = format_text(raw or "", parse_mode, entities)
    if utf16_len(formatted.text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return formatted
