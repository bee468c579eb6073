"""Parse and validate catalogue files: regions, localities, books, partners and centres.

Used by ``tosbelgi catalog import FILE`` and by the bot's first start (``default_catalog``).
This module only parses and validates; the caller decides whether a catalogue replaces
or extends what is already stored. Every problem in a file is collected and reported with
its 1-based line number, so an operator can fix a whole file in one pass.

YAML format (``.yaml``/``.yml``)::

    regions:
      - code: astana
        name: {kk: Астана қаласы, ru: город Астана, en: Astana city}
        localities:                       # optional; region is implied
          - {code: astana, name: {kk: Астана, ru: Астана, en: Astana}}
    localities:                           # optional; for regions defined elsewhere
      - {code: astana-nura, region: astana, name: {kk: ..., ru: ..., en: ...}}
    books:
      - {code: abai-words, section: 1, title: {kk: ..., ru: ..., en: ...},
         author: {kk: ..., ru: ..., en: ...}}
    partners:
      - {code: red-crescent, name: {...}, directions: [volunteering], region: null}
    centres:
      - {code: c1, name: {...}, region: astana, locality: astana, institutions: [School 1]}

CSV format (``.csv``, UTF-8, optional BOM): a header row, then one row per item::

    kind,code,region,locality,section,directions,name_kk,name_ru,name_en,author_kk,author_ru,author_en,institutions

``kind`` is one of region, locality, book, partner, centre. ``name_*`` hold the name
(the title for a book), ``author_*`` a book's author. ``directions`` (volunteering,
tourism) and ``institutions`` are ``;``-separated. Columns a kind does not use stay empty.

In both formats codes match ``^[a-z0-9][a-z0-9-]{0,39}$`` (a code travels inside 64-byte button
data with its prefix), every name needs kk, ru and en,
book sections are 1..3, and a locality's, partner's or centre's ``region`` must be defined
in the same file or be passed in ``known_regions`` (likewise a centre's ``locality``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

import yaml

LANGUAGES: Final = ("kk", "ru", "en")
PARTNER_DIRECTIONS: Final = frozenset({"volunteering", "tourism"})
BOOK_SECTIONS: Final = (1, 2, 3)
CODE_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")

_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "region": ("code", "name"),
    "locality": ("code", "region", "name"),
    "book": ("code", "section", "title", "author"),
    "partner": ("code", "name", "directions", "region"),
    "centre": ("code", "name", "region", "locality", "institutions"),
}
_YAML_SECTIONS: Final[Mapping[str, str]] = {
    "regions": "region",
    "localities": "locality",
    "books": "book",
    "partners": "partner",
    "centres": "centre",
}
_CSV_COLUMNS: Final = (
    "kind",
    "code",
    "region",
    "locality",
    "section",
    "directions",
    "name_kk",
    "name_ru",
    "name_en",
    "author_kk",
    "author_ru",
    "author_en",
    "institutions",
)
_YAML_NULL_TAG: Final = "tag:yaml.org,2002:null"
# item mapping -> field -> name language / list element: anything deeper is malformed
_MAX_DEPTH: Final = 3


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


def load_catalog(path: Path, known_regions: Mapping[str, frozenset[str]] | None = None) -> Catalog:
    """Parse and validate a ``.yaml``/``.yml`` or ``.csv`` catalogue file.

    ``known_regions`` maps region codes already stored to their locality codes, so an
    extending file may refer to them. Raises ``CatalogError`` listing every problem, and
    ``ValueError`` for an unsupported file extension.
    """
    readers: dict[str, Callable[[str, list[CatalogIssue]], list[_Item]]] = {
        ".yaml": _read_yaml,
        ".yml": _read_yaml,
        ".csv": _read_csv,
    }
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ValueError(f"{path.name}: unsupported catalogue format; use .yaml, .yml or .csv")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError([CatalogIssue(line, "the file is not valid UTF-8")]) from None
    issues: list[CatalogIssue] = []
    items = reader(text, issues)
    catalog = _Builder(known_regions or {}, issues).build(items)
    if issues:
        raise CatalogError(issues)
    return catalog


@cache
def default_catalog() -> Catalog:
    """The catalogue shipped with the bot, loaded on its first start."""
    resource = resources.files("core.data").joinpath("catalog.yaml")
    with resources.as_file(resource) as path:
        return load_catalog(path)


@dataclass(slots=True)
class _Item:
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


# --- YAML ---------------------------------------------------------------------------


def _read_yaml(text: str, issues: list[CatalogIssue]) -> list[_Item]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        issues.append(_yaml_syntax_issue(exc))
        return []
    if root is None:
        issues.append(CatalogIssue(1, "the file is empty"))
        return []
    if not isinstance(root, yaml.MappingNode):
        issues.append(CatalogIssue(_line(root), "the top level must be a mapping of sections"))
        return []
    items: list[_Item] = []
    for section, key_node, value_node in _pairs(root, issues):
        kind = _YAML_SECTIONS.get(section)
        if kind is None:
            expected = ", ".join(_YAML_SECTIONS)
            issues.append(CatalogIssue(_line(key_node), f"unknown section {section!r}; expected {expected}"))
        elif isinstance(value_node, yaml.SequenceNode):
            for entry in value_node.value:
                items.extend(_yaml_entry(kind, section, entry, issues))
        elif not _is_null(value_node):
            issues.append(CatalogIssue(_line(value_node), f"{section!r} must be a list"))
    return items


def _yaml_syntax_issue(exc: yaml.YAMLError) -> CatalogIssue:
    """Where the parser gave up, plus where the broken construct started when it knows."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    message = f"malformed YAML: {getattr(exc, 'problem', None) or exc}"
    context = getattr(exc, "context", None)
    if context and context_mark:
        message += f" ({context} on line {context_mark.line + 1})"
    mark = problem_mark or context_mark
    return CatalogIssue(mark.line + 1 if mark else 1, message)


def _yaml_entry(kind: str, section: str, node: yaml.Node, issues: list[CatalogIssue]) -> list[_Item]:
    if not isinstance(node, yaml.MappingNode):
        issues.append(CatalogIssue(_line(node), f"each entry of {section!r} must be a mapping"))
        return []
    item = _Item(kind, _line(node), {})
    nested: list[yaml.Node] = []
    for key, key_node, value_node in _pairs(node, issues):
        if kind == "region" and key == "localities":
            if isinstance(value_node, yaml.SequenceNode):
                nested = value_node.value
            elif not _is_null(value_node):
                issues.append(CatalogIssue(_line(value_node), "'localities' must be a list"))
            continue
        item.values[key] = _plain(value_node, key, item.lines, issues, depth=1)
        item.lines[key] = _line(key_node)
    items = [item]
    for child in nested:
        for locality in _yaml_entry("locality", "localities", child, issues):
            if "region" in locality.values:
                issues.append(
                    CatalogIssue(
                        locality.line_of("region"),
                        f"locality {locality.raw_text('code')!r}: "
                        "a locality listed inside a region must not set 'region'",
                    )
                )
            locality.values["region"] = item.values.get("code")
            locality.lines["region"] = item.line_of("code")
            items.append(locality)
    return items


def _pairs(node: yaml.MappingNode, issues: list[CatalogIssue]) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Key/value nodes of a mapping, reporting non-text and duplicate keys."""
    pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            issues.append(CatalogIssue(_line(key_node), "mapping keys must be plain text"))
        elif key_node.value in seen:
            issues.append(CatalogIssue(_line(key_node), f"duplicate key {key_node.value!r}"))
        else:
            seen.add(key_node.value)
            pairs.append((key_node.value, key_node, value_node))
    return pairs


def _plain(node: yaml.Node, path: str, lines: dict[str, int], issues: list[CatalogIssue], depth: int) -> object:
    """Convert a node to str/None/list/dict, keeping scalars as written (no 'no' -> False)."""
    lines[path] = _line(node)
    if isinstance(node, yaml.ScalarNode):
        return None if _is_null(node) else str(node.value)
    if depth >= _MAX_DEPTH:
        issues.append(CatalogIssue(_line(node), f"{path!r} is nested too deeply"))
        return None
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, object] = {}
        for key, key_node, value_node in _pairs(node, issues):
            mapping[key] = _plain(value_node, f"{path}.{key}", lines, issues, depth + 1)
            lines[f"{path}.{key}"] = _line(key_node)
        return mapping
    return [  # a sequence: the only other node type
        _plain(child, f"{path}[{index}]", lines, issues, depth + 1) for index, child in enumerate(node.value)
    ]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _YAML_NULL_TAG


# --- CSV ----------------------------------------------------------------------------


def _read_csv(text: str, issues: list[CatalogIssue]) -> list[_Item]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    items: list[_Item] = []
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            issues.append(CatalogIssue(start, f"malformed CSV: {exc}"))
            break
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if not _header_ok(header, start, issues):
                return []
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            issues.append(CatalogIssue(start, f"expected {len(header)} columns, found {len(row)}"))
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        item = _csv_item(cells, start, issues)
        if item is not None:
            items.append(item)
    if header is None and not issues:
        issues.append(CatalogIssue(1, "the file is empty"))
    return items


def _header_ok(header: list[str], line: int, issues: list[CatalogIssue]) -> bool:
    problems = [f"missing column {column!r}" for column in _CSV_COLUMNS if column not in header]
    problems += [f"unknown column {column!r}" for column in header if column not in _CSV_COLUMNS]
    problems += [f"duplicate column {column!r}" for index, column in enumerate(header) if column in header[:index]]
    issues.extend(CatalogIssue(line, f"header: {problem}") for problem in problems)
    return not problems


def _csv_item(cells: dict[str, str], line: int, issues: list[CatalogIssue]) -> _Item | None:
    kind = cells["kind"].lower()
    if kind not in _FIELDS:
        issues.append(CatalogIssue(line, f"unknown kind {cells['kind']!r}; expected {', '.join(_FIELDS)}"))
        return None
    used = _FIELDS[kind]
    values: dict[str, object] = {}

    def unused(column: str) -> None:
        issues.append(CatalogIssue(line, f"{kind}: column {column!r} must be empty"))

    for column in ("code", "region", "locality", "section"):
        if cells[column]:
            if column in used:
                values[column] = cells[column]
            else:
                unused(column)
    for prefix, key in (("name", "title" if kind == "book" else "name"), ("author", "author")):
        texts = {lang: cells[f"{prefix}_{lang}"] for lang in LANGUAGES}
        if any(texts.values()):
            if key in used:
                values[key] = texts
            else:
                unused(f"{prefix}_*")
    for column in ("directions", "institutions"):
        if cells[column]:
            if column in used:
                values[column] = [part.strip() for part in cells[column].split(";") if part.strip()]
            else:
                unused(column)
    return _Item(kind, line, values)


# --- validation ---------------------------------------------------------------------


class _Builder:
    """Validates raw items of either format and assembles the Catalog."""

    def __init__(self, known_regions: Mapping[str, frozenset[str]], issues: list[CatalogIssue]) -> None:
        self.known_regions = known_regions
        self.known_locality_regions = {
            locality: region for region, localities in known_regions.items() for locality in localities
        }
        self.issues = issues
        self.first_items: dict[tuple[str, str], _Item] = {}
        self.file_regions: set[str] = set()
        self.file_locality_regions: dict[str, str | None] = {}

    def build(self, items: list[_Item]) -> Catalog:
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

    def _locality(self, item: _Item, code: str | None) -> Locality | None:
        name = self._localized(item, "name")
        region = self._region_ref(item, required=True)
        known_region = self.known_locality_regions.get(code or "")
        if code and region and known_region not in (None, region):
            self._error(item, "code", f"already exists in region {known_region!r}")
        if code and region and name:
            return Locality(code, region, name)
        return None

    def _book(self, item: _Item, code: str | None) -> Book | None:
        section = self._section(item)
        title = self._localized(item, "title")
        author = self._localized(item, "author")
        if code and section and title and author:
            return Book(code, section, title, author)
        return None

    def _partner(self, item: _Item, code: str | None) -> Partner | None:
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

    def _centre(self, item: _Item, code: str | None) -> Centre | None:
        name = self._localized(item, "name")
        region = self._region_ref(item, required=True)
        locality = self._text(item, "locality", required=False)
        if region and locality:
            self._check_locality_ref(item, region, locality)
        institutions = self._texts(item, "institutions", required=False)
        if code and name and region:
            return Centre(code, name, region, locality, tuple(i for _, i in institutions))
        return None

    def _check_fields(self, item: _Item) -> None:
        for key in item.values:
            if key not in _FIELDS[item.kind]:
                self._error(item, key, f"unknown field {key!r}")

    def _code(self, item: _Item) -> str | None:
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

    def _region_ref(self, item: _Item, *, required: bool) -> str | None:
        region = self._text(item, "region", required=required)
        if region is not None and region not in self.file_regions | self.known_regions.keys():
            self._error(item, "region", f"unknown region {region!r}")
            return None
        return region

    def _check_locality_ref(self, item: _Item, region: str, locality: str) -> None:
        owner: str | None
        if locality in self.file_locality_regions:
            owner = self.file_locality_regions[locality]
        else:
            owner = self.known_locality_regions.get(locality)
        if owner is None:
            self._error(item, "locality", f"unknown locality {locality!r}")
        elif owner != region:
            self._error(item, "locality", f"locality {locality!r} is in region {owner!r}, not {region!r}")

    def _section(self, item: _Item) -> int | None:
        section = self._text(item, "section", required=True)
        if section is None:
            return None
        if section not in {str(number) for number in BOOK_SECTIONS}:
            self._error(item, "section", f"section must be 1, 2 or 3, not {section!r}")
            return None
        return int(section)

    def _text(self, item: _Item, key: str, *, required: bool) -> str | None:
        value = item.values.get(key)
        if value is not None and not isinstance(value, str):
            self._error(item, key, f"{key!r} must be text")
            return None
        text = item.raw_text(key)
        if text is None and required:
            self._error(item, key, f"{key!r} is required")
        return text

    def _texts(self, item: _Item, key: str, *, required: bool) -> list[tuple[str, str]]:
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

    def _localized(self, item: _Item, key: str) -> LocalizedText | None:
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

    def _error(self, item: _Item, path: str, message: str) -> None:
        code = item.raw_text("code")
        label = f"{item.kind} {code!r}" if code else item.kind
        self.issues.append(CatalogIssue(item.line_of(path), f"{label}: {message}"))
