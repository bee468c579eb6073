"""Stored files: every upload gets Telegram-like ids and keeps its bytes for getFile and downloads."""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request

MAX_DOWNLOAD = 20 * 1024 * 1024
"""getFile refuses bigger files, like the public Bot API."""

_FOLDERS = {
    "photo": ("photos", ".jpg"),
    "document": ("documents", ""),
    "audio": ("music", ".mp3"),
    "voice": ("voice", ".oga"),
    "video": ("videos", ".mp4"),
    "video_note": ("video_notes", ".mp4"),
}
_TYPE_NAMES = {
    "photo": "Photo",
    "document": "Document",
    "audio": "Audio",
    "voice": "Voice",
    "video": "Video",
    "video_note": "VideoNote",
}
_PHOTO_SIDES = (90, 320, 800)


@dataclass
class StoredFile:
    kind: str
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)
    """Kind-specific fields of the JSON object: width, duration, file_name, mime_type..."""
    photo: list[StoredFile] = field(default_factory=list)
    """For a photo size: all sizes of the same photo, smallest first."""

    def to_json(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            **{key: value for key, value in self.meta.items() if value is not None},
        }

    def content(self) -> Any:
        """The value under the message key ``kind``: a PhotoSize list for photos, else one object."""
        return [size.to_json() for size in self.photo] if self.kind == "photo" else self.to_json()


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def add(self, kind: str, data: bytes, **meta: Any) -> StoredFile:
        number = next(self._counter)
        folder, suffix = _FOLDERS[kind]
        name = meta.get("file_name") or ""
        extension = name[name.rfind(".") :] if "." in name else suffix
        stored = StoredFile(
            kind=kind,
            file_id=f"{kind[:2].upper()}ACAgIAAxkBAA{number:06d}{secrets.token_urlsafe(18)}",
            file_unique_id=f"AQAD{number:06d}{secrets.token_urlsafe(6)}",
            file_path=f"{folder}/file_{number}{extension}",
            data=data,
            meta=meta,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def add_photo(self, data: bytes, width: int, height: int) -> StoredFile:
        """Store a photo as Telegram does: several sizes; returns the largest.

        Without an image library the smaller sizes carry the original bytes too.
        """
        longest = max(width, height)
        dimensions = [
            (round(width * side / longest), round(height * side / longest)) for side in _PHOTO_SIDES if side < longest
        ]
        sizes = [self.add("photo", data, width=w, height=h) for w, h in [*dimensions, (width, height)]]
        for size in sizes:
            size.photo = sizes
        return sizes[-1]

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        return self._by_path.get(path)

    def reuse(self, file_id: str, kind: str) -> StoredFile:
        """Resolve a file_id the bot sends again, with Telegram's errors."""
        stored = self._by_id.get(file_id)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise bad_request(f"can't use file of type {_TYPE_NAMES[stored.kind]} as {_TYPE_NAMES[kind]}")
        return stored

    def file_info(self, file_id: str) -> dict[str, Any]:
        """getFile's result."""
        stored = self._by_id.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }
