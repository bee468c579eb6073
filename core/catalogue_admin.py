"""The operator's catalogue edits from the bot and the CLI (R6.6): add an item, rename it, retire or restore it.

Every item is checked by the import's own validator (`core.catalog.build_catalog`), so a book, partner,
centre or region added from the bot follows exactly the rules of one imported from a file. The validator
reports problems by line; each field here is given a line of its own, so a problem names the field and
the operator is asked for that field again in their language. Retired items stay on the applications and
entries that point at them and are no longer offered (the bot's lists read active items only).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

from core.catalog import BOOK_SECTIONS, LANGUAGES, Catalog, CatalogIssue, RawItem, build_catalog
from core.errors import DomainError, NotAllowed
from core.ports import CatalogueItemRecord, StaffRecord, UnitOfWork
from core.staff_admin import operator_of
from core.text_input import clean_text, visible_length

KINDS: Final = ("book", "partner", "centre", "region")
NAME_FIELD: Final[Mapping[str, str]] = {"book": "title", "partner": "name", "centre": "name", "region": "name"}
"""The localized field an item is known by: a book's title, everything else's name."""
NAME_LIMIT: Final = 200
"""The narrowest name column (regions, authors)."""
ERRORS: Final[Mapping[str, str]] = {
    "code": "admin-error-code",
    "name": "admin-error-names",
    "title": "admin-error-names",
    "author": "admin-error-names",
    "section": "admin-error-section",
    "directions": "admin-error-directions",
    "region": "admin-error-region",
    "locality": "admin-error-code-taken",
}
"""The localized explanation of a problem the validator found in a field."""
LOCALITY_LINE: Final = 100
SECTIONS: Final = tuple(str(section) for section in BOOK_SECTIONS)


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise DomainError("error-bad-button")
    return kind


def parse_names(text: str | None) -> dict[str, str]:
    """Three lines, Kazakh, Russian and English, as the operator types a name."""
    lines = [clean_text(line) for line in (text or "").splitlines()]
    names = [line for line in lines if line]
    if len(names) != len(LANGUAGES):
        raise DomainError("admin-error-names")
    if any(visible_length(name) > NAME_LIMIT for name in names):
        raise DomainError("error-text-too-long", limit=NAME_LIMIT)
    return dict(zip(LANGUAGES, names, strict=True))


def validate(
    kind: str, values: Mapping[str, object], known_regions: Mapping[str, frozenset[str]], fields: Collection[str] = ()
) -> Catalog:
    """The import's checks on one item (a region with its first locality, named as the region: a new region
    must offer applicants a place). A problem in one of `fields` is refused with that field's explanation;
    without `fields` every problem is, and problems in fields not asked yet are left for later."""
    items = [RawItem(kind, 1, dict(values), {key: n for n, key in enumerate(values, 2)})]
    if kind == "region":
        place = {"code": values.get("code"), "region": values.get("code"), "name": values.get("name")}
        items.append(RawItem("locality", LOCALITY_LINE + 1, place, {"code": LOCALITY_LINE}))
    issues: list[CatalogIssue] = []
    catalog = build_catalog(items, known_regions, issues)
    for issue in issues:
        field = _field_at(values, issue.line)
        if not fields or field in fields:
            raise DomainError(ERRORS.get(field or "", "admin-error-invalid"))
    return catalog


def _field_at(values: Mapping[str, object], line: int) -> str | None:
    """The field a problem's line names; the locality's code is the region's code, taken elsewhere."""
    if line == LOCALITY_LINE:
        return "locality"
    keys = list(values)
    return keys[line - 2] if 2 <= line < len(keys) + 2 else None


async def check_field(uow: UnitOfWork, kind: str, values: Mapping[str, object], field: str) -> None:
    """One answer of the form, checked as the import would (and a new code against what is stored)."""
    check_kind(kind)
    validate(kind, values, await uow.admin.known_regions(), {field, "locality"} if field == "code" else {field})
    if field == "code" and await uow.admin.item(kind, str(values["code"])) is not None:
        raise DomainError("admin-error-code-taken")


@dataclass(frozen=True)
class Added:
    kind: str
    code: str


async def add(uow: UnitOfWork, staff: StaffRecord | None, kind: str, values: Mapping[str, object]) -> Added:
    """Stores a new item after the import's checks of every field; a code that exists is refused."""
    operator_of(staff)
    check_kind(kind)
    catalog = validate(kind, values, await uow.admin.known_regions())
    code = str(values["code"])
    if await uow.admin.item(kind, code) is not None:
        raise DomainError("admin-error-code-taken")
    await uow.admin.add(catalog)
    await uow.commit()
    return Added(kind, code)


async def item_of(uow: UnitOfWork, kind: str, code: str) -> CatalogueItemRecord:
    """The item a button names; a forged kind or code is refused."""
    item = await uow.admin.item(check_kind(kind), code)
    if item is None:
        raise NotAllowed()
    return item


async def rename(
    uow: UnitOfWork, staff: StaffRecord | None, kind: str, code: str, names: Mapping[str, str]
) -> CatalogueItemRecord:
    """New names in the three languages, checked as the import checks a name."""
    operator_of(staff)
    item = await item_of(uow, kind, code)
    field = NAME_FIELD[kind]
    validate(kind, {"code": code, field: dict(names)}, await uow.admin.known_regions(), {field})
    for language in LANGUAGES:
        setattr(item, f"{field}_{language}", names[language])
    await uow.commit()
    return item


async def set_active(
    uow: UnitOfWork, staff: StaffRecord | None, kind: str, code: str, active: bool
) -> CatalogueItemRecord:
    """Retires an item (no longer offered; kept wherever it is used) or restores it; twice is a stale button."""
    operator_of(staff)
    item = await item_of(uow, kind, code)
    if item.active == active:
        raise DomainError("error-stale-button")
    item.active = active
    await uow.commit()
    return item
