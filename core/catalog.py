"""The rules a catalogue must follow: regions, localities, books, partners and centres.

``build_catalog`` checks raw items, whatever file they came from, and assembles a ``Catalog``,
collecting every problem with its 1-based line so an operator can fix a whole file in one pass.
Reading the YAML and CSV file formats into raw items is ``storage.catalog_files``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Final

LANGUAGES: Final = ("kk", "ru", "en")
PARTNER_DIRECTIONS: Final = frozenset({"volunteering", "tourism"})
BOOK_SECTIONS: Final = (1, 2, 3)
CODE_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")

FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "region": ("code", "name"),
    "locality": ("code", "region", "name"),
    "book": ("code", "section", "title", "author"),
    "partner": ("code", "name", "directions", "region"),
    "centre": ("code", "name", "region", "locality", "institutions"),
}
"""The fields each kind of item may set; any other is reported."""


@dataclass(frozen=True, slots=True)
class LocalizedText:
    """A text in the bot's three languages."""

    kk: str
    ru: str
    en: str

    def get(self, locale: str) -> str:
        """Text for ``locale`` (``kk``, ``ru-RU``...); falls back ru, kk, en so it is not blank."""
        texts = {"kk": self.kk, "ru": self.ru, "en": self.en}
        language = locale.replace("_", "-").split("-", 1)[0].lower()
        for candidate in (language, "ru", "kk", "en"):
            if texts.get(candidate):
                return texts[candidate]
        return ""


@dataclass(frozen=True, slots=True)
class Locality:
    """A town, village or city district a participant lives or studies in."""

    code: str
    region_code: str
    name: LocalizedText


@dataclass(frozen=True, slots=True)
class Region:
    """An oblast or a city of republican significance."""

    code: str
    name: LocalizedText
    localities: tuple[Locality, ...]


@dataclass(frozen=True, slots=True)
class Book:
    """A book of the Reading direction; ``section`` is 1, 2 or 3 (see the glossary)."""

    code: str
    section: int
    title: LocalizedText
    author: LocalizedText


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner organisation; ``region_code`` is None when it works nationwide."""

    code: str
    name: LocalizedText
    directions: frozenset[str]
    region_code: str | None


@dataclass(frozen=True, slots=True)
class Centre:
    """A programme centre and the places of study it serves."""

    code: str
    name: LocalizedText
    region_code: str
    locality_code: str | None
    institutions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything one catalogue file defines.

    ``extra_localities`` are localities added to regions that the file does not define
    but that were passed in ``known_regions`` (an extending import).
    """

    regions: tuple[Region, ...]
    books: tuple[Book, ...]
    partners: tuple[Partner, ...]
    centres: tuple[Centre, ...]
    extra_localities: tuple[Locality, ...] = ()


@dataclass(frozen=True, slots=True)
class CatalogIssue:
    """One problem in a catalogue file, at a 1-based line."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class CatalogError(Exception):
    """A catalogue file is invalid; ``errors`` lists every problem found, by line."""

    def __init__(self, errors: list[CatalogIssue]) -> None:
        self.errors = sorted(errors, key=lambda issue: issue.line)
        super().__init__("\n".join(str(issue) for issue in self.errors))


@dataclass(slots=True)
class RawItem:
    """One raw entry of either format, with the line of each field for error reports."""

    kind: str
    line: int
    values: dict[str, object]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, path: str) -> int:
        """Line of ``name.ru`` / ``directions[1]``, else of its field, else of the item."""
        if path in self.lines:
            return self.lines[path]
        return self.lines.get(re.split(r"[.\[]", path, maxsplit=1)[0], self.line)

    def raw_text(self, key: str) -> str | None:
        value = self.values.get(key)
        return (value.strip() or None) if isinstance(value, str) else None


def build_catalog(
    items: list[RawItem], known_regions: Mapping[str, frozenset[str]], issues: list[CatalogIssue]
) -> Catalog:
    """Validate raw items into a Catalog, appending every problem to ``issues``.

    ``known_regions`` maps region codes already stored to their locality codes, so an
    extending file may refer to them. Items with problems are left out of the result.
    """
    return _Builder(known_regions, issues).build(items)


# --- validation ---------------------------------------------------------------------


class _Builder:
    """Validates raw items of either format and assembles the Catalog."""

    def __init__(self, known_regions: Mapping[str, frozenset[str]], issues: list[CatalogIssue]) -> None:
        self.known_regions = known_regions
        self.known_locality_regions = {
            locality: region for region, localities in known_regions.items() for locality in localities
        }
        self.issues = issues
        self.first_items: dict[tuple[str, str], RawItem] = {}
        self.file_regions: set[str] = set()
        self.file_locality_regions: dict[str, str | None] = {}

    def build(self, items: list[RawItem]) -> Catalog:
        for item in items:
            code = item.raw_text("code")
            if code is not None and item.kind == "region":
                self.file_regions.add(code)
            elif code is not None and item.kind == "locality":
                self.file_locality_regions.setdefault(code, item.raw_text("region"))
        regions: list[Region] = []
        localities: list[Locality] = []
        books: list[Book] = []
        partners: list[Partner] = []
        centres: list[Centre] = []
        for item in items:
            before = len(self.issues)
            self._check_fields(item)
            code = self._code(item)
            if item.kind == "region":
                name = self._localized(item, "name")
                if len(self.issues) == before and code and name:
                    regions.append(Region(code, name, ()))
            elif item.kind == "locality":
                locality = self._locality(item, code)
                if len(self.issues) == before and locality:
                    localities.append(locality)
            elif item.kind == "book":
                book = self._book(item, code)
                if len(self.issues) == before and book:
                    books.append(book)
            elif item.kind == "partner":
                partner = self._partner(item, code)
                if len(self.issues) == before and partner:
                    partners.append(partner)
            else:
                centre = self._centre(item, code)
                if len(self.issues) == before and centre:
                    centres.append(centre)
        region_codes = {region.code for region in regions}
        return Catalog(
            regions=tuple(
                replace(
                    region,
                    localities=tuple(loc for loc in localities if loc.region_code == region.code),
                )
                for region in regions
            ),
            books=tuple(books),
            partners=tuple(partners),
            centres=tuple(centres),
            extra_localities=tuple(loc for loc in localities if loc.region_code not in region_codes),
        )

    def _locality(self, item: RawItem, code: str | None) -> Locality | None:
        name = self._localized(item, "name")
        region = self._region_ref(item, required=True)
        known_region = self.known_locality_regions.get(code or "")
        if code and region and known_region not in (None, region):
            self._error(item, "code", f"already exists in region {known_region!r}")
        if code and region and name:
            return Locality(code, region, name)
        return None

    def _book(self, item: RawItem, code: str | None) -> Book | None:
        section = self._section(item)
        title = self._localized(item, "title")
        author = self._localized(item, "author")
        if code and section and title and author:
            return Book(code, section, title, author)
        return None

    def _partner(self, item: RawItem, code: str | None) -> Partner | None:
        name = self._localized(item, "name")
        directions = self._texts(item, "directions", required=True)
        for path, direction in directions:
            if direction not in PARTNER_DIRECTIONS:
                expected = ", ".join(sorted(PARTNER_DIRECTIONS))
                self._error(item, path, f"unknown direction {direction!r}; expected {expected}")
        region = self._region_ref(item, required=False)
        if code and name and directions:
            return Partner(code, name, frozenset(d for _, d in directions), region)
        return None

    def _centre(self, item: RawItem, code: str | None) -> Centre | None:
        name = self._localized(item, "name")
        region = self._region_ref(item, required=True)
        locality = self._text(item, "locality", required=False)
        if region and locality:
            self._check_locality_ref(item, region, locality)
        institutions = self._texts(item, "institutions", required=False)
        if code and name and region:
            return Centre(code, name, region, locality, tuple(i for _, i in institutions))
        return None

    def _check_fields(self, item: RawItem) -> None:
        for key in item.values:
            if key not in FIELDS[item.kind]:
                self._error(item, key, f"unknown field {key!r}")

    def _code(self, item: RawItem) -> str | None:
        code = self._text(item, "code", required=True)
        if code is None:
            return None
        if not CODE_PATTERN.fullmatch(code):
            rule = f"{CODE_PATTERN.pattern} (lowercase latin, digits, '-')"
            self._error(item, "code", f"code must match {rule}")
            return None
        first = self.first_items.setdefault((item.kind, code), item)
        if first is not item:
            line = first.line_of("code")
            self._error(item, "code", f"duplicate {item.kind} code (first on line {line})")
        return code

    def _region_ref(self, item: RawItem, *, required: bool) -> str | None:
        region = self._text(item, "region", required=required)
        if region is not None and region not in self.file_regions | self.known_regions.keys():
            self._error(item, "region", f"unknown region {region!r}")
            return None
        return region

    def _check_locality_ref(self, item: RawItem, region: str, locality: str) -> None:
        owner: str | None
        if locality in self.file_locality_regions:
            owner = self.file_locality_regions[locality]
        else:
            owner = self.known_locality_regions.get(locality)
        if owner is None:
            self._error(item, "locality", f"unknown locality {locality!r}")
        elif owner != region:
            self._error(item, "locality", f"locality {locality!r} is in region {owner!r}, not {region!r}")

    def _section(self, item: RawItem) -> int | None:
        section = self._text(item, "section", required=True)
        if section is None:
            return None
        if section not in {str(number) for number in BOOK_SECTIONS}:
            self._error(item, "section", f"section must be 1, 2 or 3, not {section!r}")
            return None
        return int(section)

    def _text(self, item: RawItem, key: str, *, required: bool) -> str | None:
        value = item.values.get(key)
        if value is not None and not isinstance(value, str):
            self._error(item, key, f"{key!r} must be text")
            return None
        text = item.raw_text(key)
        if text is None and required:
            self._error(item, key, f"{key!r} is required")
        return text

    def _texts(self, item: RawItem, key: str, *, required: bool) -> list[tuple[str, str]]:
        """Non-blank entries of a list field, each with its path for line lookup."""
        value = item.values.get(key)
        if value is None or value == []:
            if required:
                self._error(item, key, f"{key!r} is required")
            return []
        if not isinstance(value, list):
            self._error(item, key, f"{key!r} must be a list")
            return []
        entries: list[tuple[str, str]] = []
        for index, element in enumerate(value):
            path = f"{key}[{index}]"
            if isinstance(element, str) and element.strip():
                entries.append((path, element.strip()))
            else:
                self._error(item, path, f"{key!r} entries must be non-blank text")
        return entries

    def _localized(self, item: RawItem, key: str) -> LocalizedText | None:
        value = item.values.get(key)
        if value is None:
            self._error(item, key, f"{key!r} is required")
            return None
        if not isinstance(value, dict):
            self._error(item, key, f"{key!r} must have kk, ru and en texts")
            return None
        for language in value:
            if language not in LANGUAGES:
                self._error(item, f"{key}.{language}", f"{key!r} has unknown language {language!r}")
        texts: dict[str, str] = {}
        missing: list[str] = []
        for language in LANGUAGES:
            text = value.get(language)
            if isinstance(text, str) and text.strip():
                texts[language] = text.strip()
            elif text is None or isinstance(text, str):
                missing.append(language)
            else:
                self._error(item, f"{key}.{language}", f"{key}.{language} must be text")
        if missing:
            self._error(item, f"{key}.{missing[0]}", f"{key!r} is missing {', '.join(missing)}")
        if len(texts) != len(LANGUAGES):
            return None
        return LocalizedText(**texts)

    def _error(self, item: RawItem, path: str, message: str) -> None:
        code = item.raw_text("code")
        label = f"{item.kind} {code!r}" if code else item.kind
        self.issues.append(CatalogIssue(item.line_of(path), f"{label}: {message}"))
