"""Reply markup: Telegram's validation of inline buttons and the user's view of keyboards."""

from __future__ import annotations

from typing import Any

from .errors import bad_request

MAX_CALLBACK_DATA = 64
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


class ReplyButton(str):
    """A reply-keyboard button as the user sees it: compares equal to its text."""

    request_contact: bool
    request_location: bool

    def __new__(cls, button: dict[str, Any] | str) -> ReplyButton:
        if isinstance(button, str):
            button = {"text": button}
        self = super().__new__(cls, button.get("text", ""))
        self.request_contact = bool(button.get("request_contact"))
        self.request_location = bool(button.get("request_location"))
        return self


def validate_markup(markup: Any) -> dict[str, Any] | None:
    """Reject what Telegram rejects; most importantly callback_data over 64 UTF-8 bytes."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not any(key in button for key in _INLINE_ACTIONS):
                raise bad_request("text buttons are unallowed in the inline keyboard")
            if "callback_data" in button:
                data = str(button["callback_data"]).encode()
                if not data or len(data) > MAX_CALLBACK_DATA:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not str(button["url"]).startswith(("http://", "https://", "tg://")):
                raise bad_request("BUTTON_URL_INVALID")
    return markup


def inline_rows(markup: dict[str, Any] | None) -> list[list[tuple[str, str | None]]]:
    """Inline keyboard as rows of (text, callback_data or url)."""
    if not markup:
        return []
    return [
        [(button["text"], button.get("callback_data", button.get("url"))) for button in row]
        for row in markup.get("inline_keyboard", [])
    ]


def reply_rows(markup: dict[str, Any]) -> list[list[ReplyButton]]:
    return [[ReplyButton(button) for button in row] for row in markup["keyboard"]]
