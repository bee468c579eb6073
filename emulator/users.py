"""The test's hands and eyes: a Telegram user who writes to the bot and sees what it answers."""

from __future__ import annotations

import re
import time
from types import EllipsisType
from typing import Any, Literal

from .delivery import Delivery
from .html import utf16_len
from .keyboards import ReplyButton
from .state import CallbackAnswer, Chat, ChatMessage, State
from .sync import Sync

AlbumItem = (
    tuple[Literal["photo"], bytes] | tuple[Literal["video"], bytes, int] | tuple[Literal["document"], bytes, str]
)
"""``("photo", data)``, ``("video", data, duration)`` or ``("document", data, file_name)``."""

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@\w+)?")
_SAMPLE_PHOTO = b"\xff\xd8\xff\xe0emulator-photo\xff\xd9"


class FakeUser:
    """Every action returns only after the bot finished handling it (see :class:`emulator.sync.Sync`)."""

    def __init__(self, chat: Chat, state: State, delivery: Delivery, sync: Sync) -> None:
        self.chat = chat
        self._state = state
        self._delivery = delivery
        self._sync = sync
        self._album_ids = 0

    @property
    def id(self) -> int:
        return self.chat.user.id

    @property
    def first_name(self) -> str:
        return self.chat.user.first_name

    @property
    def username(self) -> str | None:
        return self.chat.user.username

    @property
    def blocked(self) -> bool:
        return self.chat.user.blocked

    # -- actions ----------------------------------------------------------------------------------

    async def _send_many(self, contents: list[dict[str, Any]]) -> list[ChatMessage]:
        messages = [self.chat.add(self.chat.user, content, from_bot=False) for content in contents]
        updates = [self._delivery.push("message", message.data) for message in messages]
        await self._sync.deliver([update for update in updates if update is not None])
        return messages

    async def _send(self, content: dict[str, Any]) -> ChatMessage:
        return (await self._send_many([content]))[0]

    async def send_text(self, text: str) -> ChatMessage:
        content: dict[str, Any] = {"text": text}
        if command := _COMMAND.match(text):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command.group())}]
        return await self._send(content)

    async def send_command(self, name: str, args: str | None = None) -> ChatMessage:
        text = "/" + name.removeprefix("/")
        return await self.send_text(f"{text} {args}" if args else text)

    async def open_deep_link(self, payload: str) -> ChatMessage:
        """What tapping ``t.me/<bot>?start=<payload>`` sends."""
        return await self.send_command("start", payload)

    async def send_contact(
        self,
        phone: str,
        *,
        user_id: int | EllipsisType | None = ...,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> ChatMessage:
        """Share a contact: by default the user's own (``user_id`` = own id); pass None or another id otherwise."""
        own = user_id is ...
        contact: dict[str, Any] = {
            "phone_number": phone,
            "first_name": first_name or (self.first_name if own else "Contact"),
        }
        if last_name or (own and self.chat.user.last_name):
            contact["last_name"] = last_name or self.chat.user.last_name
        if (contact_id := self.id if user_id is ... else user_id) is not None:
            contact["user_id"] = contact_id
        return await self._send({"contact": contact})

    async def send_location(self, latitude: float, longitude: float) -> ChatMessage:
        return await self._send({"location": {"latitude": latitude, "longitude": longitude}})

    def _photo(self, data: bytes, width: int, height: int) -> dict[str, Any]:
        return {"photo": self._state.files.add_photo(data, width, height).content()}

    def _file(self, kind: str, data: bytes, **meta: Any) -> dict[str, Any]:
        return {kind: self._state.files.add(kind, data, **meta).content()}

    @staticmethod
    def _caption(caption: str | None) -> dict[str, Any]:
        return {"caption": caption} if caption else {}

    async def send_photo(
        self, data: bytes = _SAMPLE_PHOTO, caption: str | None = None, width: int = 1280, height: int = 960
    ) -> ChatMessage:
        return await self._send(self._photo(data, width, height) | self._caption(caption))

    async def send_document(
        self, data: bytes, file_name: str, mime_type: str, caption: str | None = None
    ) -> ChatMessage:
        document = self._file("document", data, file_name=file_name, mime_type=mime_type)
        return await self._send(document | self._caption(caption))

    async def send_voice(self, data: bytes, duration: int, mime_type: str = "audio/ogg") -> ChatMessage:
        return await self._send(self._file("voice", data, duration=duration, mime_type=mime_type))

    async def send_audio(
        self,
        data: bytes,
        duration: int,
        *,
        file_name: str = "audio.mp3",
        mime_type: str = "audio/mpeg",
        title: str | None = None,
        performer: str | None = None,
        caption: str | None = None,
    ) -> ChatMessage:
        audio = self._file(
            "audio", data, duration=duration, performer=performer, title=title, file_name=file_name, mime_type=mime_type
        )
        return await self._send(audio | self._caption(caption))

    async def send_video(
        self, data: bytes, duration: int, width: int = 1280, height: int = 720, caption: str | None = None
    ) -> ChatMessage:
        video = self._file(
            "video", data, duration=duration, width=width, height=height, file_name="video.mp4", mime_type="video/mp4"
        )
        return await self._send(video | self._caption(caption))

    async def send_video_note(self, data: bytes, duration: int, length: int = 240) -> ChatMessage:
        return await self._send(self._file("video_note", data, length=length, duration=duration))

    async def send_album(self, items: list[AlbumItem], caption: str | None = None) -> list[ChatMessage]:
        """Several messages sharing one media_group_id; ``caption`` goes on the first, as clients do."""
        self._album_ids += 1
        group_id = str(self.id * 1000 + self._album_ids)
        contents = []
        for index, item in enumerate(items):
            if item[0] == "photo":
                content = self._photo(item[1], 1280, 960)
            elif item[0] == "video":
                content = self._file("video", item[1], duration=item[2], width=1280, height=720, mime_type="video/mp4")
            else:
                content = self._file("document", item[1], file_name=item[2], mime_type="application/octet-stream")
            contents.append(content | {"media_group_id": group_id} | self._caption(caption if index == 0 else None))
        return await self._send_many(contents)

    def _find_button(self, text: str | None, data: str | None, message_id: int | None) -> tuple[ChatMessage, str]:
        if text is None and data is None:
            raise AssertionError("click() needs the button text or its callback data")
        if message_id is not None:
            message = self.chat.find(message_id)
            if message is None:
                raise AssertionError(f"message {message_id} does not exist (or was deleted) in chat {self.id}")
            candidates = [message]
        else:
            candidates = [m for m in reversed(self.messages) if not m.deleted]
        wanted = f"text={text!r}" if data is None else f"data={data!r}"
        for message in candidates:
            for row in message.reply_markup.get("inline_keyboard", []) if message.reply_markup else []:
                for button in row:
                    if (text is None or button["text"] == text) and (
                        data is None or button.get("callback_data") == data
                    ):
                        if "callback_data" not in button:
                            raise AssertionError(f"button {button['text']!r} is not a callback button: {button}")
                        return message, button["callback_data"]
        seen = {m.message_id: m.buttons for m in candidates if m.buttons}
        raise AssertionError(f"no inline button with {wanted} in chat {self.id}; buttons seen: {seen}")

    async def _callback(self, data: str, message: ChatMessage | None, message_id: int) -> CallbackAnswer | None:
        query_id = self._state.open_query(self.id)
        shown = message.data if message else {"chat": self.chat.to_json(), "message_id": message_id, "date": 0}
        query = {
            "id": query_id,
            "from": self.chat.user.to_json(),
            "message": shown,
            "chat_instance": str(self.id * 7919 % 2**62),
            "data": data,
        }
        update = self._delivery.push("callback_query", query)
        await self._sync.deliver([update] if update else [])
        return next((answer for answer in self.chat.callback_answers if answer.query_id == query_id), None)

    async def click(
        self, text: str | None = None, *, data: str | None = None, message_id: int | None = None
    ) -> CallbackAnswer | None:
        """Press an inline button on ``message_id`` or on the newest bot message that has it.

        Returns what answerCallbackQuery showed, or None if the bot did not answer.
        """
        message, callback_data = self._find_button(text, data, message_id)
        return await self._callback(callback_data, message, message.message_id)

    async def forge_click(self, data: str, message_id: int) -> CallbackAnswer | None:
        """Send callback data no button carries, as a modified client could."""
        return await self._callback(data, self.chat.find(message_id), message_id)

    async def _membership(self, old: str, new: str) -> None:
        bot = self._state.bot.to_json()
        member = {
            "chat": self.chat.to_json(),
            "from": self.chat.user.to_json(),
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": bot} | ({"until_date": 0} if old == "kicked" else {}),
            "new_chat_member": {"status": new, "user": bot} | ({"until_date": 0} if new == "kicked" else {}),
        }
        update = self._delivery.push("my_chat_member", member)
        await self._sync.deliver([update] if update else [])

    async def block(self) -> None:
        """Block the bot: its sends here fail with 403 and it gets a ``my_chat_member`` (kicked) update."""
        self.chat.user.blocked = True
        await self._membership("member", "kicked")

    async def unblock(self) -> None:
        self.chat.user.blocked = False
        await self._membership("kicked", "member")

    # -- what the user sees ------------------------------------------------------------------------

    @property
    def messages(self) -> list[ChatMessage]:
        """The bot's messages in this chat, oldest first, deleted ones included (flagged)."""
        return [message for message in self.chat.messages.values() if message.from_bot]

    @property
    def last(self) -> ChatMessage:
        """The newest bot message still visible."""
        visible = [message for message in self.messages if not message.deleted]
        if not visible:
            raise AssertionError(f"the bot has sent nothing (visible) to user {self.id}")
        return visible[-1]

    def inline_buttons(self, message: ChatMessage | None = None) -> list[str]:
        target = message or self.last
        return [text for row in target.buttons for text, _ in row]

    @property
    def reply_keyboard(self) -> list[list[ReplyButton]] | None:
        """Rows of buttons (``str`` with ``request_contact``/``request_location`` flags) or None."""
        return self.chat.reply_keyboard

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        return self.chat.callback_answers

    @property
    def chat_actions(self) -> list[str]:
        return self.chat.chat_actions
