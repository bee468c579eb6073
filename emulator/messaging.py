"""Bot API methods for text-like messages, deletion, copies, chat actions and callback answers."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .outgoing import post
from .params import Handler, Params
from .state import CallbackAnswer, State
from .text import caption_text, message_text

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


class Messaging:
    def __init__(self, state: State) -> None:
        self.state = state

    def handlers(self) -> dict[str, Handler]:
        return {
            "sendMessage": self.send_message,
            "sendLocation": self.send_location,
            "sendContact": self.send_contact,
            "sendChatAction": self.send_chat_action,
            "deleteMessage": self.delete_message,
            "copyMessage": self.copy_message,
            "forwardMessage": self.forward_message,
            "answerCallbackQuery": self.answer_callback_query,
            "getChat": self.get_chat,
        }

    async def send_message(self, p: Params) -> Any:
        chat = self.state.writable_chat(p.get_chat_id())
        text = message_text(p.get_str("text"), p.get_str("parse_mode"), p.get_json("entities"))
        return post(self.state, chat, p, text.fields("text", "entities"), text.raw).data

    async def send_location(self, p: Params) -> Any:
        chat = self.state.writable_chat(p.get_chat_id())
        location = {"latitude": p.need_float("latitude"), "longitude": p.need_float("longitude")}
        return post(self.state, chat, p, {"location": location}, None).data

    async def send_contact(self, p: Params) -> Any:
        chat = self.state.writable_chat(p.get_chat_id())
        contact = {"phone_number": p.need_str("phone_number"), "first_name": p.need_str("first_name")}
        contact |= {key: value for key in ("last_name", "vcard") if (value := p.get_str(key)) is not None}
        return post(self.state, chat, p, {"contact": contact}, None).data

    async def send_chat_action(self, p: Params) -> bool:
        chat = self.state.writable_chat(p.get_chat_id())
        action = p.get_str("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.chat_actions.append(action)
        return True

    async def delete_message(self, p: Params) -> bool:
        chat = self.state.chat(p.get_chat_id())
        message = chat.find(p.need_int("message_id"))
        if message is None:
            raise bad_request("message to delete not found")
        message.deleted = True
        return True

    async def copy_message(self, p: Params) -> Any:
        source = self.state.chat(p.get_chat_id("from_chat_id")).find(p.need_int("message_id"))
        chat = self.state.writable_chat(p.get_chat_id())
        if source is None:
            raise bad_request("message to copy not found")
        content = source.content()
        html = source.html
        if p.get("caption") is not None and source.media:
            caption = caption_text(p.get_str("caption"), p.get_str("parse_mode"), p.get_json("caption_entities"))
            content = {k: v for k, v in content.items() if k not in ("caption", "caption_entities")}
            content |= caption.fields("caption", "caption_entities")
            html = caption.raw
        return {"message_id": post(self.state, chat, p, content, html).message_id}

    async def forward_message(self, p: Params) -> Any:
        source = self.state.chat(p.get_chat_id("from_chat_id")).find(p.need_int("message_id"))
        chat = self.state.writable_chat(p.get_chat_id())
        if source is None:
            raise bad_request("message to forward not found")
        origin = {"type": "user", "sender_user": source.data["from"], "date": source.data["date"]}
        return post(self.state, chat, p, {"forward_origin": origin, **source.content()}, source.html).data

    async def answer_callback_query(self, p: Params) -> bool:
        query_id = p.need_str("callback_query_id")
        chat_id = self.state.open_queries.pop(query_id, None)
        if chat_id is None:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        answer = CallbackAnswer(
            query_id=query_id,
            text=p.get_str("text"),
            show_alert=p.get_bool("show_alert"),
            url=p.get_str("url"),
            cache_time=p.get_int("cache_time"),
        )
        self.state.chats[chat_id].callback_answers.append(answer)
        return True

    async def get_chat(self, p: Params) -> Any:
        return self.state.chat(p.get_chat_id()).full_info()
