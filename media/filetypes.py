"""The real type of an uploaded file, from its first bytes (magic numbers), for the rule in
``core.diary.check_document_content``: the type Telegram reports is whatever the sender's app claimed."""

from __future__ import annotations

import filetype

HEAD_BYTES = 8192
"""What the `filetype` matchers look at; a DOCX is recognised from the names of its first ZIP members."""


def detect_mime(data: bytes) -> str | None:
    """The MIME type the content shows ("application/pdf", "image/png", "application/zip"...), or None when
    no known signature matches (plain text, an empty file)."""
    kind = filetype.guess(data[:HEAD_BYTES])
    return str(kind.mime) if kind is not None else None
