"""Log lines for people (text) or for a log collector (one JSON object a line). The project's own messages
carry ids, kinds and counts, never a name, a phone or a text a user wrote; an exception is reduced to its type
and the frames it passed, as its message may quote data (an SQL parameter, a user's answer)."""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def frames(exc: BaseException) -> str:
    """The last three frames an exception passed, innermost first, without its message."""
    found = traceback.extract_tb(exc.__traceback__)[-3:]
    return " <- ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno} {f.name}" for f in reversed(found))


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[1] is not None:
            entry["exception"] = type(record.exc_info[1]).__name__
            entry["where"] = frames(record.exc_info[1])
        return json.dumps(entry, ensure_ascii=False)


class TextLines(logging.Formatter):
    """The text format, with an exception shown as JSON lines show it: type and frames, not its message."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def formatException(self, ei):  # type: ignore[no-untyped-def]  # noqa: N802 (logging's name)
        return f"{ei[0].__name__} at {frames(ei[1])}" if ei[1] is not None else ""


def configure(level: str, form: str) -> None:
    """The root logger's one handler on stderr, in `form` ("text" or "json")."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if form == "json" else TextLines())
    logging.basicConfig(level=level, handlers=[handler], force=True)
