"""Charts and exports of the figures (R8.4) for regional coordinators and the operator: a coordinator gets their
region, the operator the whole programme, each only the fields their role may see. The figures come from the
progress rows, never from the diary; the bot draws and writes them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime

from core.access import active_staff
from core.analytics import GroupFigure, MentorBacklog, TeamFigures, backlog
from core.errors import NotAllowed
from core.ports import NamedRecord, StaffRecord, UnitOfWork
from core.programme import Role

BUCKETS = 10
"""The rating's distribution in tenths: 0-9%, 10-19% ... 90-100%."""
PAGE = 2000
"""Participants read per statement of an export."""
EXPORT_BACKLOG = 500
"""Mentors in an export's backlog, the longest waits first (a screen shows `BACKLOG_SHOWN`)."""


@dataclass(frozen=True)
class RatingCell:
    """Active participants of one region and level, and their mean personal rating (None: no figures yet)."""

    region: str
    level: str
    participants: int
    rating: int | None


@dataclass(frozen=True)
class ParticipantRow:
    """What an export says of a participant: no contact details, birth date or diary, only progress."""

    app_id: int
    full_name: str
    status: str
    level: str
    region: str
    locality: str | None
    mentor: str | None
    activated_at: datetime | None
    rating: int | None
    percents: dict[str, int]


@dataclass(frozen=True)
class Scope:
    """A coordinator's region, or the whole programme (region None) for the operator."""

    region: NamedRecord | None

    @property
    def code(self) -> str | None:
        return self.region.code if self.region is not None else None


@dataclass(frozen=True)
class Spread:
    """A chart's figures: participants per tenth of the rating, the team's means, and for the whole programme
    the mean rating per region."""

    scope: Scope
    distribution: tuple[int, ...]
    team: TeamFigures
    regions: tuple[GroupFigure, ...]
    region_names: dict[str, NamedRecord]


@dataclass(frozen=True)
class Export:
    scope: Scope
    participants: tuple[ParticipantRow, ...]
    ratings: tuple[RatingCell, ...]
    backlog: tuple[MentorBacklog, ...]
    region_names: dict[str, NamedRecord]
    locality_names: dict[str, NamedRecord]
    made_on: date


async def scope_of(uow: UnitOfWork, staff: StaffRecord | None) -> Scope:
    """Only a regional coordinator (their region) and the operator (everything) have charts and exports."""
    if staff is not None and staff.role == Role.OPERATOR.value:
        active_staff(staff, Role.OPERATOR)
        return Scope(None)
    code = active_staff(staff, Role.COORDINATOR).region_code
    region = await uow.catalogue.region(code) if code else None
    if region is None:
        raise NotAllowed()
    return Scope(region)


async def region_scope(uow: UnitOfWork, code: str | None) -> Scope:
    """The shell's scope (`tosbelgi export`), run by the operator: a region by code, or everything."""
    if code is None:
        return Scope(None)
    region = await uow.catalogue.region(code)
    if region is None:
        raise NotAllowed()
    return Scope(region)


async def spread(uow: UnitOfWork, staff: StaffRecord | None) -> Spread:
    scope = await scope_of(uow, staff)
    if scope.code is None:
        team, regions = await uow.figures.national()
        names = {region.code: region for region in await uow.catalogue.regions()}
    else:
        team, regions, names = await uow.figures.of_region(scope.code), (), {}
    return Spread(scope, await uow.figures.distribution(scope.code), team, regions, names)


async def participants(uow: UnitOfWork, scope: Scope) -> AsyncIterator[ParticipantRow]:
    """Every participant of the scope, a page at a time, so memory follows the page and not the programme."""
    after = 0
    while True:
        page = await uow.figures.participants(scope.code, after, PAGE)
        for row in page:
            yield row
        if len(page) < PAGE:
            return
        after = page[-1].app_id


async def export(uow: UnitOfWork, scope: Scope, now: datetime, today: date) -> Export:
    """Participants with their progress, ratings by region and level, and the review backlog of the scope."""
    rows = tuple([row async for row in participants(uow, scope)])
    regions = {region.code: region for region in await uow.catalogue.regions()}
    localities: dict[str, NamedRecord] = {}
    for code in sorted({row.region for row in rows if row.locality}):
        localities.update({locality.code: locality for locality in await uow.catalogue.localities(code)})
    return Export(
        scope,
        rows,
        tuple(await uow.figures.rating_cells(scope.code)),
        await backlog(uow, scope.code, now, EXPORT_BACKLOG),
        regions,
        localities,
        today,
    )
