"""Method parameters in every encoding Telegram accepts: query string, JSON, urlencoded, multipart.

Form encodings carry everything as strings (complex values JSON-encoded, files as parts referenced
by ``attach://name``); the typed accessors hide that and remember the typed values for the call log.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiohttp import BodyPartReader, MultipartReader, web

from .errors import ApiError, bad_request

T = TypeVar("T")
N = TypeVar("N", int, float)


@dataclass(frozen=True)
class UploadInfo:
    """How an uploaded file appears in the call log (bytes left out)."""

    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes

    def info(self) -> UploadInfo:
        return UploadInfo(self.filename, self.content_type, len(self.data))


def missing(name: str) -> ApiError:
    return bad_request("chat_id is empty" if name == "chat_id" else f'parameter "{name}" is required')


class Params:
    """One call's parameters. Handlers read them through typed accessors that raise Telegram's errors."""

    def __init__(self, values: dict[str, Any] | None = None, files: dict[str, Upload] | None = None) -> None:
        self.values: dict[str, Any] = values or {}
        self.files: dict[str, Upload] = files or {}
        self._typed: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        value = self.values.get(name)
        return None if value == "" else value

    def _keep(self, name: str, value: T) -> T:
        self._typed[name] = value
        return value

    def get_str(self, name: str) -> str | None:
        value = self.get(name)
        return None if value is None else self._keep(name, str(value))

    def get_int(self, name: str) -> int | None:
        return self._number(name, int)

    def get_float(self, name: str) -> float | None:
        return self._number(name, float)

    def _number(self, name: str, kind: Callable[[Any], N]) -> N | None:
        value = self.get(name)
        if value is None:
            return None
        try:
            return self._keep(name, kind(value))
        except (TypeError, ValueError):
            raise bad_request(f'invalid parameter "{name}"') from None

    def get_chat_id(self, name: str = "chat_id") -> int | str | None:
        """Chat ids are integers, or ``@username`` strings (which never resolve here)."""
        value = self.get(name)
        if value is None:
            return None
        try:
            return self._keep(name, int(value))
        except (TypeError, ValueError):
            return self._keep(name, str(value))

    def get_bool(self, name: str) -> bool:
        value = self.get(name)
        if isinstance(value, str):
            value = value.lower() in ("true", "1")
        return self._keep(name, bool(value))

    def get_json(self, name: str) -> Any:
        value = self.get(name)
        if not isinstance(value, str):
            return None if value is None else self._keep(name, value)
        try:
            return self._keep(name, json.loads(value))
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def need_int(self, name: str) -> int:
        value = self.get_int(name)
        if value is None:
            raise missing(name)
        return value

    def need_float(self, name: str) -> float:
        value = self.get_float(name)
        if value is None:
            raise missing(name)
        return value

    def need_str(self, name: str) -> str:
        value = self.get_str(name)
        if value is None:
            raise missing(name)
        return value

    def logged(self) -> dict[str, Any]:
        """Raw values, overridden by their typed form where a handler read them; files as UploadInfo."""
        return {**self.values, **self._typed, **{name: upload.info() for name, upload in self.files.items()}}


async def read_multipart(reader: MultipartReader) -> Params:
    params = Params()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.filename is not None:
            content_type = part.headers.get("Content-Type", "application/octet-stream")
            params.files[part.name] = Upload(part.filename, content_type, bytes(await part.read(decode=True)))
        else:
            params.values[part.name] = await part.text()
    return params


async def read_request(request: web.Request) -> Params:
    """Query-string values, overridden by the body's (JSON, urlencoded or multipart)."""
    query = dict(request.query)
    if request.content_type == "multipart/form-data":
        params = await read_multipart(await request.multipart())
    elif request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        params = Params(body if isinstance(body, dict) else {})
    elif request.can_read_body:
        params = Params(dict(await request.post()))
    else:
        params = Params()
    params.values = {**query, **params.values}
    return params


Handler = Callable[[Params], Awaitable[Any]]
"""A Bot API method implementation: parameters in, ``result`` out (or ApiError raised)."""
