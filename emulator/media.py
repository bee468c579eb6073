"""Media methods: uploads (multipart ``attach://``), re-sending by file_id, albums, getFile."""

from __future__ import annotations

import itertools
import mimetypes
from collections.abc import Callable
from typing import Any

from .editing import commit, editable
from .errors import bad_request
from .files import StoredFile
from .outgoing import post
from .params import Handler, Params, Upload, missing
from .state import MEDIA_KINDS, ChatMessage, State
from .text import Formatted, caption_text

SENDERS = {
    "sendPhoto": "photo",
    "sendDocument": "document",
    "sendAudio": "audio",
    "sendVoice": "voice",
    "sendVideo": "video",
    "sendVideoNote": "video_note",
}
_DEFAULT_MIME = {
    "audio": "audio/mpeg",
    "voice": "audio/ogg",
    "video": "video/mp4",
    "document": "application/octet-stream",
}
_ALBUM_KINDS = ("photo", "video", "document", "audio")
_PHOTO_SIZE = (1280, 960)
"""Dimensions given to photos the bot uploads: the emulator does not decode images."""
MAX_ALBUM = 10


def _meta(kind: str, upload: Upload, option: Callable[[str], Any]) -> dict[str, Any]:
    """Kind-specific fields of a fresh upload, from the call's options (or the album item)."""
    guessed = mimetypes.guess_type(upload.filename)[0]
    given = None if upload.content_type == "application/octet-stream" else upload.content_type
    mime_type = guessed or given or _DEFAULT_MIME.get(kind)
    duration = int(option("duration") or 0)
    if kind == "video_note":
        return {"length": int(option("length") or 240), "duration": duration}
    if kind == "voice":
        return {"duration": duration, "mime_type": mime_type}
    meta: dict[str, Any] = {"file_name": upload.filename, "mime_type": mime_type}
    if kind == "audio":
        meta |= {"duration": duration, "performer": option("performer"), "title": option("title")}
    elif kind == "video":
        meta |= {"duration": duration, "width": int(option("width") or 0), "height": int(option("height") or 0)}
    return meta


def _options(p: Params) -> Callable[[str], Any]:
    """Read a call's own parameters like an album item's fields (entities arrive JSON-encoded)."""
    return lambda name: p.get_json(name) if name == "caption_entities" else p.get(name)


class Media:
    def __init__(self, state: State) -> None:
        self.state = state
        self._album_ids = itertools.count(13_000_000_000_000_000)

    def handlers(self) -> dict[str, Handler]:
        senders: dict[str, Handler] = {name: self._sender(kind) for name, kind in SENDERS.items()}
        return senders | {
            "sendMediaGroup": self.send_media_group,
            "editMessageMedia": self.edit_media,
            "getFile": self.get_file,
        }

    def resolve(self, p: Params, kind: str, value: Any, option: Callable[[str], Any]) -> StoredFile:
        """An uploaded part (directly under ``kind`` or via ``attach://``), a URL, or a known file_id."""
        upload = p.files.get(kind) if value is None else None
        if isinstance(value, str) and value.startswith("attach://"):
            upload = p.files.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            upload = Upload(value.rsplit("/", 1)[-1] or kind, "application/octet-stream", b"")
        if upload is not None:
            if kind == "photo":
                return self.state.files.add_photo(upload.data, *_PHOTO_SIZE)
            return self.state.files.add(kind, upload.data, **_meta(kind, upload, option))
        if value is None:
            raise missing(kind)
        return self.state.files.reuse(str(value), kind)

    @staticmethod
    def _caption(kind: str, option: Callable[[str], Any]) -> Formatted:
        if kind == "video_note":
            return Formatted(text="", raw="")
        return caption_text(option("caption"), option("parse_mode"), option("caption_entities"))

    def _sender(self, kind: str) -> Handler:
        async def send(p: Params) -> Any:
            chat = self.state.writable_chat(p.get_chat_id())
            option = _options(p)
            caption = self._caption(kind, option)
            stored = self.resolve(p, kind, p.get(kind), option)
            content = {kind: stored.content(), **caption.fields("caption", "caption_entities")}
            return post(self.state, chat, p, content, caption.raw).data

        return send

    def _album_item(self, p: Params, item: Any) -> tuple[dict[str, Any], str]:
        if not isinstance(item, dict) or item.get("type") not in _ALBUM_KINDS:
            kind = item.get("type") if isinstance(item, dict) else None
            raise bad_request(f"can't parse InputMedia: type \"{kind}\" can't be used in sendMediaGroup")
        kind = item["type"]
        caption = self._caption(kind, item.get)
        stored = self.resolve(p, kind, item.get("media"), item.get)
        return {kind: stored.content(), **caption.fields("caption", "caption_entities")}, caption.raw

    async def send_media_group(self, p: Params) -> Any:
        chat = self.state.writable_chat(p.get_chat_id())
        items = p.get_json("media")
        if items is None:
            raise missing("media")
        if not isinstance(items, list) or not items:
            raise bad_request("there are no messages to send")
        if len(items) > MAX_ALBUM:
            raise bad_request("too many messages to send as an album")
        kinds = {item.get("type") for item in items if isinstance(item, dict)}
        for exclusive in ("document", "audio"):
            if exclusive in kinds and len(kinds) > 1:
                raise bad_request(f"{exclusive} can't be mixed with other media types")
        prepared = [self._album_item(p, item) for item in items]
        group_id = str(next(self._album_ids))
        sent: list[ChatMessage] = [
            post(self.state, chat, p, content | {"media_group_id": group_id}, raw) for content, raw in prepared
        ]
        return [message.data for message in sent]

    async def edit_media(self, p: Params) -> Any:
        message = editable(self.state, p)
        media = p.get_json("media")
        if not isinstance(media, dict) or media.get("type") not in _ALBUM_KINDS:
            raise bad_request("can't parse InputMedia JSON object")
        if message.media is None:
            raise bad_request("there is no media in the message to edit")
        content, raw = self._album_item(p, media)
        replaced = (*MEDIA_KINDS, "caption", "caption_entities")
        return commit(message, p, content, replaced, raw or None)

    async def get_file(self, p: Params) -> Any:
        return self.state.files.file_info(p.need_str("file_id"))
