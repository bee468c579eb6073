"""Message edits with Telegram's rules: only the bot's own messages, and never a no-op edit."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .keyboards import validate_markup
from .params import Handler, Params
from .state import ChatMessage, State
from .text import caption_text, message_text

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


def editable(state: State, p: Params) -> ChatMessage:
    """The message an edit targets; inline-mode messages do not exist here."""
    if p.get("inline_message_id") is not None:
        raise bad_request("message to edit not found")
    chat = state.writable_chat(p.get_chat_id())
    message = chat.find(p.need_int("message_id"))
    if message is None:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


def commit(
    message: ChatMessage, p: Params, content: dict[str, Any], replaced: tuple[str, ...], html: str | None
) -> Any:
    """Swap ``replaced`` fields for ``content``; an omitted reply_markup removes the keyboard, like Telegram."""
    markup = validate_markup(p.get_json("reply_markup"))
    kept = {k: v for k, v in message.data.items() if k not in (*replaced, "reply_markup", "edit_date")}
    data = kept | content
    if markup and "inline_keyboard" in markup:
        data["reply_markup"] = markup
    current = {k: v for k, v in message.data.items() if k != "edit_date"}
    if data == current and markup == message.reply_markup:
        raise bad_request(NOT_MODIFIED)
    message.apply_edit(data, markup, html)
    return message.data


class Editing:
    def __init__(self, state: State) -> None:
        self.state = state

    def handlers(self) -> dict[str, Handler]:
        return {
            "editMessageText": self.edit_text,
            "editMessageCaption": self.edit_caption,
            "editMessageReplyMarkup": self.edit_reply_markup,
        }

    async def edit_text(self, p: Params) -> Any:
        message = editable(self.state, p)
        text = message_text(p.get_str("text"), p.get_str("parse_mode"), p.get_json("entities"))
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        return commit(message, p, text.fields("text", "entities"), ("text", "entities"), text.raw)

    async def edit_caption(self, p: Params) -> Any:
        message = editable(self.state, p)
        caption = caption_text(p.get_str("caption"), p.get_str("parse_mode"), p.get_json("caption_entities"))
        if message.media is None:
            raise bad_request("there is no caption in the message to edit")
        fields = caption.fields("caption", "caption_entities")
        return commit(message, p, fields, ("caption", "caption_entities"), caption.raw or None)

    async def edit_reply_markup(self, p: Params) -> Any:
        message = editable(self.state, p)
        return commit(message, p, {}, (), message.html)
