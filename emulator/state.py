"""The emulated Telegram world: users, their private chats with the bot and the messages in them."""

from __future__ import annotations

import copy
import itertools
import time
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import bad_request, forbidden
from .files import FileStore
from .keyboards import ReplyButton, inline_rows
from .params import missing

MEDIA_KINDS = ("photo", "document", "audio", "voice", "video", "video_note")
CONTENT_KEYS = ("text", "entities", "caption", "caption_entities", *MEDIA_KINDS, "contact", "location")
"""Message fields that make up its content (what copyMessage copies)."""


@dataclass
class UserInfo:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    blocked: bool = False
    """The user blocked the bot: sends to their chat fail with 403."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        optional = {"last_name": self.last_name, "username": self.username, "language_code": self.language_code}
        return data | {key: value for key, value in optional.items() if value is not None}


@dataclass
class CallbackAnswer:
    """What answerCallbackQuery showed the user (a toast, or an alert when ``show_alert``)."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None


@dataclass
class ChatMessage:
    """One message as the user's client shows it. Edits update it in place; ``history`` keeps old versions."""

    message_id: int
    chat_id: int
    from_bot: bool
    data: dict[str, Any]
    """The Message object exactly as the Bot API returns it."""
    html: str | None = None
    """Text or caption exactly as the bot sent it (with markup when parse_mode was HTML)."""
    reply_markup: dict[str, Any] | None = None
    """Markup as sent, including reply keyboards that Message objects do not echo."""
    edited: bool = False
    deleted: bool = False
    history: list[ChatMessage] = field(default_factory=list)

    @property
    def text(self) -> str | None:
        return self.data.get("text")

    @property
    def caption(self) -> str | None:
        return self.data.get("caption")

    @property
    def media(self) -> str | None:
        return next((kind for kind in MEDIA_KINDS if kind in self.data), None)

    @property
    def file_id(self) -> str | None:
        kind = self.media
        if kind is None:
            return None
        content = self.data[kind]
        return str(content[-1]["file_id"] if kind == "photo" else content["file_id"])

    @property
    def media_group_id(self) -> str | None:
        return self.data.get("media_group_id")

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Inline buttons as rows of (text, callback_data or url)."""
        return inline_rows(self.reply_markup)

    def content(self) -> dict[str, Any]:
        return {key: copy.deepcopy(value) for key, value in self.data.items() if key in CONTENT_KEYS}

    def apply_edit(self, data: dict[str, Any], reply_markup: dict[str, Any] | None, html: str | None) -> None:
        self.history.append(replace(self, data=copy.deepcopy(self.data), history=[]))
        self.data = data | {"edit_date": int(time.time())}
        self.reply_markup = reply_markup
        self.html = html
        self.edited = True


@dataclass
class Chat:
    """A private chat between the bot and ``user`` (its id equals the user's id, like Telegram)."""

    user: UserInfo
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    reply_keyboard: list[list[ReplyButton]] | None = None
    chat_actions: list[str] = field(default_factory=list)
    callback_answers: list[CallbackAnswer] = field(default_factory=list)
    last_message_id: int = 0

    @property
    def id(self) -> int:
        return self.user.id

    def to_json(self) -> dict[str, Any]:
        user = self.user.to_json()
        return {"id": self.id, "type": "private"} | {
            key: user[key] for key in ("first_name", "last_name", "username") if key in user
        }

    def full_info(self) -> dict[str, Any]:
        """getChat's ChatFullInfo."""
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels")
        return self.to_json() | {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys(gifts, True),
        }

    def add(self, sender: UserInfo, content: dict[str, Any], *, from_bot: bool) -> ChatMessage:
        """Message ids grow per chat and are shared by both sides, as in Telegram."""
        self.last_message_id += 1
        data = {
            "message_id": self.last_message_id,
            "from": sender.to_json(),
            "chat": self.to_json(),
            "date": int(time.time()),
            **content,
        }
        message = ChatMessage(self.last_message_id, self.id, from_bot, data)
        self.messages[message.message_id] = message
        return message

    def find(self, message_id: int | None) -> ChatMessage | None:
        message = self.messages.get(message_id) if message_id is not None else None
        return None if message is None or message.deleted else message


class State:
    def __init__(self, bot: UserInfo) -> None:
        self.bot = bot
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.open_queries: dict[str, int] = {}
        """Unanswered callback query id -> chat id."""
        self._query_ids = itertools.count(4_611_686_018_427_387_904)

    def open_query(self, chat_id: int) -> str:
        query_id = str(next(self._query_ids))
        self.open_queries[query_id] = chat_id
        return query_id

    def add_user(self, user: UserInfo) -> Chat:
        return self.chats.setdefault(user.id, Chat(user))

    def chat(self, chat_id: Any) -> Chat:
        if chat_id is None or chat_id == "":
            raise missing("chat_id")
        try:
            return self.chats[int(chat_id)]
        except (KeyError, ValueError):
            raise bad_request("chat not found") from None

    def writable_chat(self, chat_id: Any) -> Chat:
        """A chat the bot may post to: known and not blocked."""
        chat = self.chat(chat_id)
        if chat.user.blocked:
            raise forbidden("bot was blocked by the user")
        return chat
