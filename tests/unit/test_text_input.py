"""Numbers and free text as people type them (core/text_input.py) and the rules built on them: ASCII digits
only, minutes with their unit, format characters stripped and not counted, documents by their real type."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.diary import DOCX, check_document_content, check_entry_text, check_media, check_minutes
from core.errors import DomainError
from core.profile import check_text, parse_date, parse_full_name
from core.programme import MediaKind
from core.schedule import check_activity, parse_time
from core.text_input import ascii_int, clean_text, parse_minutes, visible_length, without_format
from media.filetypes import detect_mime

FORMAT_ONLY = "\u200b\u200d\ufeff"
FORMAT = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u2061"]
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧, joined by U+200D
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # a flag ending in tag characters


def key_of(error: pytest.ExceptionInfo[DomainError]) -> str:
    return error.value.key


@pytest.mark.parametrize(
    ("value", "number"),
    [("0", 0), ("7", 7), ("007", 7), ("123456789012345678", 123456789012345678)],
)
def test_ascii_int_reads_ascii_digits(value: str, number: int) -> None:
    assert ascii_int(value) == number


@pytest.mark.parametrize(
    "value",
    ["", "²", "①", "٣٠", "３０", "१२", "𝟗𝟎", "-5", "+5", " 5", "5 ", "5.0", "1_000", "0x10", "1234567890123456789"],
)
def test_ascii_int_refuses_anything_else(value: str) -> None:
    assert ascii_int(value) is None


def test_ascii_int_keeps_within_the_column() -> None:
    assert ascii_int("123456789", max_digits=9) == 123456789
    assert ascii_int("1234567890", max_digits=9) is None


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("90", 90),
        (" 90 ", 90),
        ("90 мин", 90),
        ("90мин", 90),
        ("90 мин.", 90),
        ("90 минут", 90),
        ("90 МИНУТ", 90),
        ("1 минута", 1),
        ("3 минуты", 3),
        ("90 min", 90),
        ("90min", 90),
        ("90 mins", 90),
        ("90 minutes", 90),
        ("90 Minutes", 90),
        ("\u200b90\u200b", 90),
    ],
)
def test_minutes_as_typed(typed: str, minutes: int) -> None:
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize(
    "typed",
    ["", "мин", "²", "①", "٣٠", "９０", "90²", "90 ①", "90 сағат", "90 hours", "1.5 h", "90 мин 30", "ninety", "-90"],
)
def test_minutes_refused(typed: str) -> None:
    assert parse_minutes(typed) is None


@given(st.text(max_size=12))
def test_parse_minutes_never_crashes_and_reads_only_ascii_digits(text: str) -> None:
    minutes = parse_minutes(text)
    assert minutes is None or minutes == int("".join(c for c in text if c in "0123456789"))


@pytest.mark.parametrize("typed", ["²", "①", "٣٠", "30²", "①②"])
def test_check_minutes_refuses_unicode_digits_with_the_step_error(typed: str) -> None:
    with pytest.raises(DomainError) as error:
        check_minutes(typed)
    assert key_of(error) == "error-entry-minutes" and error.value.params == {"min": 5, "max": 720}


def test_check_minutes_takes_the_unit() -> None:
    assert check_minutes("90 мин") == 90
    with pytest.raises(DomainError):
        check_minutes("900 минут")


@pytest.mark.parametrize("char", FORMAT)
def test_clean_text_strips_format_characters_at_the_ends(char: str) -> None:
    assert clean_text(f"{char} Nazarbayev University {char}\n") == "Nazarbayev University"
    assert clean_text(char * 3) == ""
    assert visible_length(char * 3) == 0


def test_clean_text_keeps_emoji_sequences_whole() -> None:
    assert clean_text(f"\u200b{FAMILY}\u200b") == FAMILY
    assert clean_text(f" Won the match {ENGLAND} ") == f"Won the match {ENGLAND}"
    assert clean_text(f"Ran {FAMILY}\u200d") == f"Ran {FAMILY}"
    assert clean_text("Ran \U000e0067\U000e007f") == "Ran"  # tags after a space are nothing's tail
    assert clean_text("\U000e0067" * 5) == ""


def test_visible_length_counts_what_shows() -> None:
    assert visible_length("a\u200bb\u00adc") == 3
    assert visible_length("\u3164\u2800") == 0  # Hangul filler, Braille blank
    assert visible_length(FAMILY) == 3


def test_without_format_drops_every_format_character() -> None:
    assert without_format("Ива\u00adнов\u200b Пётр\ufeff") == "Иванов Пётр"


@pytest.mark.parametrize("text", [FORMAT_ONLY, "\u00ad", " \u2060 \u200c ", "\u3164", "\u2800\u2800", None])
def test_format_characters_alone_are_no_text(text: str | None) -> None:
    for check in (lambda v: check_text("study_place", v), check_entry_text):
        with pytest.raises(DomainError) as error:
            check(text)
        assert key_of(error) == "error-text-expected"


def test_format_characters_do_not_count_to_the_minimum() -> None:
    with pytest.raises(DomainError) as error:
        check_text("study_place", "Ш\u200b")
    assert key_of(error) == "error-text-too-short"
    with pytest.raises(DomainError) as error:
        check_entry_text("ab\u200b\u200b\u200b", minimum=3)
    assert key_of(error) == "error-text-too-short-min"
    with pytest.raises(DomainError) as error:
        check_entry_text("\u200b/start")
    assert key_of(error) == "error-text-expected"


def test_valid_text_is_stored_with_its_emoji() -> None:
    assert check_entry_text(f"\ufeffTrained with my family {FAMILY}\u200b") == f"Trained with my family {FAMILY}"
    assert check_text("study_place", "\u200bШкола №12\u200b") == "Школа №12"
    assert check_text("about", f"{ENGLAND}") == ENGLAND


def test_activity_needs_visible_characters() -> None:
    with pytest.raises(DomainError) as error:
        check_activity(FORMAT_ONLY + "x")
    assert key_of(error) == "error-activity"
    assert check_activity("\u200bFootball club\u200b") == "Football club"


def test_names_dates_and_times_with_format_characters() -> None:
    assert parse_full_name("\u200bиванов\u00ad Пётр\ufeff") == "Иванов Пётр"
    for name in (FORMAT_ONLY, f"{FORMAT_ONLY} {FORMAT_ONLY}", "\u3164 \u3164"):
        with pytest.raises(DomainError) as error:
            parse_full_name(name)
        assert key_of(error) == "error-full-name"
    assert parse_date("\u200e15.05.2000\u200f").isoformat() == "2000-05-15"
    assert parse_time("\u200b18:30") == "18:30"
    for typed in ("١٨:٣٠", "18:³⁰", "１８:３０"):
        with pytest.raises(DomainError) as error:
            parse_time(typed)
        assert key_of(error) == "error-time"


def test_empty_file_refused() -> None:
    with pytest.raises(DomainError) as error:
        check_media(MediaKind.DOCUMENT, 0, None, "application/pdf", 0)
    assert key_of(error) == "error-file-empty"
    check_media(MediaKind.DOCUMENT, None, None, "application/pdf", 0)  # size unknown: the content decides


PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)
JPEG = b"\xff\xd8\xff\xe0" + bytes(32)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
EXE = b"MZ\x90\x00" + bytes(60)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (HEIC, "image/heic"),
        (EXE, "application/x-msdownload"),
        (docx(), DOCX),
        (plain_zip(), "application/zip"),
        (b"", None),
        (b"just some text", None),
    ],
    ids=["pdf", "png", "jpeg", "heic", "exe", "docx", "zip", "empty", "text"],
)
def test_detect_mime_from_the_first_bytes(data: bytes, mime: str | None) -> None:
    assert detect_mime(data) == mime


@pytest.mark.parametrize(
    ("declared", "detected"),
    [
        ("application/pdf", "application/pdf"),
        ("image/png", "image/png"),
        ("image/jpeg", "image/jpeg"),
        ("image/heic", "image/heic"),
        (DOCX, DOCX),
        (DOCX, "application/zip"),  # a DOCX is a ZIP container
    ],
)
def test_document_content_matches_its_type(declared: str, detected: str) -> None:
    check_document_content(declared, detected)


@pytest.mark.parametrize(
    ("declared", "detected"),
    [
        ("application/pdf", "application/x-msdownload"),  # an .exe named .pdf
        ("application/pdf", None),  # no known signature
        ("image/jpeg", "image/png"),
        ("image/png", "image/jpeg"),
        ("application/pdf", "application/zip"),
        ("image/png", DOCX),
        (None, "application/pdf"),
    ],
)
def test_document_content_refused(declared: str | None, detected: str | None) -> None:
    with pytest.raises(DomainError) as error:
        check_document_content(declared, detected)
    assert key_of(error) == "error-document-content"
