"""Read catalogue files: regions, localities, books, partners and centres.

Used by ``tosbelgi catalog import FILE`` and by the bot's first start (``default_catalog``).
This module parses a file into raw items and hands them to ``core.catalog.build_catalog``,
which holds the rules; the caller decides whether a catalogue replaces or extends what is
already stored. Every problem in a file is collected and reported with its 1-based line
number, so an operator can fix a whole file in one pass.

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
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

import yaml

from core.catalog import FIELDS, LANGUAGES, Catalog, CatalogError, CatalogIssue, RawItem, build_catalog

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


def load_catalog(path: Path, known_regions: Mapping[str, frozenset[str]] | None = None) -> Catalog:
    """Parse and validate a ``.yaml``/``.yml`` or ``.csv`` catalogue file.

    ``known_regions`` maps region codes already stored to their locality codes, so an
    extending file may refer to them. Raises ``CatalogError`` listing every problem, and
    ``ValueError`` for an unsupported file extension.
    """
    readers: dict[str, Callable[[str, list[CatalogIssue]], list[RawItem]]] = {
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
    catalog = build_catalog(items, known_regions or {}, issues)
    if issues:
        raise CatalogError(issues)
    return catalog


@cache
def default_catalog() -> Catalog:
    """The catalogue shipped with the bot, loaded on its first start."""
    resource = resources.files("core.data").joinpath("catalog.yaml")
    with resources.as_file(resource) as path:
        return load_catalog(path)


# --- YAML ---------------------------------------------------------------------------


def _read_yaml(text: str, issues: list[CatalogIssue]) -> list[RawItem]:
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
    items: list[RawItem] = []
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


def _yaml_entry(kind: str, section: str, node: yaml.Node, issues: list[CatalogIssue]) -> list[RawItem]:
    if not isinstance(node, yaml.MappingNode):
        issues.append(CatalogIssue(_line(node), f"each entry of {section!r} must be a mapping"))
        return []
    item = RawItem(kind, _line(node), {})
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


def _read_csv(text: str, issues: list[CatalogIssue]) -> list[RawItem]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    items: list[RawItem] = []
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


def _csv_item(cells: dict[str, str], line: int, issues: list[CatalogIssue]) -> RawItem | None:
    kind = cells["kind"].lower()
    if kind not in FIELDS:
        issues.append(CatalogIssue(line, f"unknown kind {cells['kind']!r}; expected {', '.join(FIELDS)}"))
        return None
    used = FIELDS[kind]
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
    return RawItem(kind, line, values)
