"""Steps shared by every message the bot posts: replies, reply markup and the user's keyboard."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .keyboards import reply_rows, validate_markup
from .params import Params
from .state import Chat, ChatMessage, State


def _reply_target(chat: Chat, p: Params) -> ChatMessage | None:
    reply = p.get_json("reply_parameters") or {}
    message_id = reply.get("message_id") if reply else p.get_int("reply_to_message_id")
    if message_id is None:
        return None
    target = chat.find(int(message_id))
    allow_missing = reply.get("allow_sending_without_reply") or p.get_bool("allow_sending_without_reply")
    if target is None and not allow_missing:
        raise bad_request("message to be replied not found")
    return target


def post(state: State, chat: Chat, p: Params, content: dict[str, Any], html: str | None) -> ChatMessage:
    """Add the bot's message to ``chat``; only inline keyboards are echoed in the Message, like Telegram."""
    markup = validate_markup(p.get_json("reply_markup"))
    data = dict(content)
    if (target := _reply_target(chat, p)) is not None:
        data["reply_to_message"] = {key: value for key, value in target.data.items() if key != "reply_to_message"}
    if markup and "inline_keyboard" in markup:
        data["reply_markup"] = markup
    message = chat.add(state.bot, data, from_bot=True)
    message.html = html or None
    message.reply_markup = markup
    if markup and "keyboard" in markup:
        chat.reply_keyboard = reply_rows(markup)
    elif markup and markup.get("remove_keyboard"):
        chat.reply_keyboard = None
    return message
