"""Telegram's HTML parse mode, re-implemented after tdlib's parser.

The bot's HTML must be rejected exactly where Telegram rejects it (unknown tags, unclosed or
mismatched tags), otherwise a formatting bug passes the tests and fails in production.
Errors carry tdlib's wording and UTF-8 byte offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\n\r\v\f"


class HtmlError(ValueError):
    """Markup Telegram would refuse with ``can't parse entities: <message>``."""


def utf16_len(text: str) -> int:
    """Telegram measures text and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode ``&...;`` at ``pos``; None means Telegram keeps the ``&`` literally."""
    end = text.find(";", pos + 1, pos + 12)
    if end == -1:
        return None
    name = text[pos + 1 : end]
    if name in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[name], end + 1
    digits, base = (name[2:], 16) if name[:2] in ("#x", "#X") else (name[1:], 10)
    if not name.startswith("#") or not digits:
        return None
    try:
        code = int(digits, base)
    except ValueError:
        return None
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), end + 1


@dataclass
class _OpenTag:
    name: str
    offset: int
    attributes: dict[str, str] = field(default_factory=dict)


class _Parser:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.length = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode())

    def char(self, pos: int) -> str:
        return self.src[pos] if pos < len(self.src) else ""

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.length += utf16_len(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        while self.pos < len(self.src):
            ch = self.src[self.pos]
            if ch == "&" and (decoded := _decode_entity(self.src, self.pos)):
                self.emit(decoded[0])
                self.pos = decoded[1]
            elif ch != "<":
                self.emit(ch)
                self.pos += 1
            elif self.char(self.pos + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            raise HtmlError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def skip_spaces(self) -> None:
        while self.char(self.pos) and self.char(self.pos) in _SPACES:
            self.pos += 1

    def read_name(self, stop: str) -> str:
        start = self.pos
        while self.char(self.pos) and self.char(self.pos) not in _SPACES + stop:
            self.pos += 1
        return self.src[start : self.pos]

    def start_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        name = self.read_name(">").lower()
        if not self.char(self.pos):
            raise HtmlError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        if name not in _ENTITY_TYPES:
            raise HtmlError(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}')
        tag = _OpenTag(name, self.length)
        while True:
            self.skip_spaces()
            if self.char(self.pos) == ">":
                break
            attribute = self.read_name("=>").lower()
            if not attribute:
                raise HtmlError(f'Empty attribute name in the tag "{name}" at byte offset {self.byte_offset(begin)}')
            self.skip_spaces()
            if self.char(self.pos) != "=":
                if name == "blockquote" and attribute == "expandable":
                    tag.attributes[attribute] = ""
                    continue
                raise HtmlError(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}" '
                    f"at byte offset {self.byte_offset(begin)}"
                )
            self.pos += 1
            self.skip_spaces()
            tag.attributes[attribute] = self.attribute_value(begin)
        self.pos += 1
        if name == "span" and tag.attributes.get("class") != "tg-spoiler":
            raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}')
        self.stack.append(tag)

    def attribute_value(self, begin: int) -> str:
        quote = self.char(self.pos)
        if not quote:
            raise HtmlError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        value: list[str] = []
        if quote in "'\"":
            self.pos += 1
            while self.char(self.pos) and self.char(self.pos) != quote:
                if self.char(self.pos) == "&" and (decoded := _decode_entity(self.src, self.pos)):
                    value.append(decoded[0])
                    self.pos = decoded[1]
                else:
                    value.append(self.char(self.pos))
                    self.pos += 1
            if self.char(self.pos) == quote:
                self.pos += 1
        else:
            while self.char(self.pos).isalnum() or self.char(self.pos) in (".", "-"):
                value.append(self.char(self.pos))
                self.pos += 1
        if not self.char(self.pos):
            raise HtmlError(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.pos
        if not self.stack:
            raise HtmlError(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 2
        name = self.read_name(">").lower()
        self.skip_spaces()
        if self.char(self.pos) != ">":
            raise HtmlError(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        tag = self.stack.pop()
        if name and name != tag.name:
            raise HtmlError(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self.close(tag)

    def close(self, tag: _OpenTag) -> None:
        length = self.length - tag.offset
        css_class = tag.attributes.get("class", "")
        if tag.name == "code" and css_class.startswith("language-") and self.stack and self.stack[-1].name == "pre":
            self.stack[-1].attributes["language"] = css_class.removeprefix("language-")
            return
        if length == 0 or (tag.name == "a" and not tag.attributes.get("href")):
            return
        entity: dict[str, Any] = {"type": _ENTITY_TYPES[tag.name], "offset": tag.offset, "length": length}
        if tag.name == "a":
            entity["url"] = tag.attributes["href"]
        elif tag.name == "pre" and "language" in tag.attributes:
            entity["language"] = tag.attributes["language"]
        elif tag.name == "blockquote" and "expandable" in tag.attributes:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attributes.get("emoji-id", "")
        self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text the user sees and its entities, or raise HtmlError."""
    return _Parser(source).run()
