"""Figures by role (R8.3, R8.4), read from the progress rows that approvals keep current, never from the diary.

Each role sees only its own people: a mentor their participants, an expert their mentors' participants, a
regional coordinator the region's, the operator everyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from core.access import active_staff
from core.applications import percents_of, progress_of, started_on, targets_of
from core.errors import NotAllowed
from core.policy import Policy
from core.ports import ApplicationRecord, NamedRecord, StaffRecord, UnitOfWork
from core.programme import Direction, Role
from core.progress import Standing, level_end, rating, standing

BACKLOG_SHOWN = 10
"""Mentors listed in a backlog, the longest waits first."""
REVIEW_WINDOW = timedelta(days=30)
REBUILD_BATCH = 2000
"""Applications given their figures per tick when they have none (activated before figures were kept)."""
NATIONAL = "national"
SNAPSHOT_STALE = timedelta(minutes=15)
"""A national snapshot older than this (the ticks stopped) is made again when the operator opens the figures."""


@dataclass(frozen=True)
class DirectionFigure:
    direction: str
    participants: int
    average: int
    """Mean completion percent, floored."""


@dataclass(frozen=True)
class GroupFigure:
    name: str
    """A level or a region code."""
    participants: int
    rating: int
    """Mean personal rating (R8.3), floored."""


@dataclass(frozen=True)
class TeamFigures:
    participants: int
    """Active participants, counted whether or not their figures are made yet."""
    directions: tuple[DirectionFigure, ...]
    levels: tuple[GroupFigure, ...]


@dataclass(frozen=True)
class MentorBacklog:
    """A mentor's entries waiting for review, so a slow mentor is seen before anyone waits weeks."""

    mentor_id: int
    name: str
    waiting: int
    oldest: datetime
    """When the entry waiting longest was sent."""
    median_review: timedelta | None = None
    """Median time from sending to the mentor's decision over `REVIEW_WINDOW` (None: no decision then)."""


@dataclass(frozen=True)
class ExpertFigures:
    team: TeamFigures
    mentors: int


@dataclass(frozen=True)
class RegionFigures:
    region: NamedRecord
    team: TeamFigures
    experts: int
    backlog: tuple[MentorBacklog, ...]


@dataclass(frozen=True)
class Programme:
    """The figures that scan every application, too slow to count while the operator waits (a fifth of a second
    at 100,000 applications): kept as a snapshot that the figures tick makes again every tick."""

    team: TeamFigures
    applications: dict[str, int]
    """Applications by status."""
    regions: tuple[GroupFigure, ...]
    """Mean rating per region, by region code."""
    as_of: datetime


@dataclass(frozen=True)
class NationalFigures:
    programme: Programme
    staff: dict[str, int]
    """Active staff by role, counted live."""
    region_names: dict[str, NamedRecord]
    backlog: tuple[MentorBacklog, ...]
    """Counted live."""


@dataclass(frozen=True)
class Outlook:
    """A participant's own figures (R8.4): each direction's standing, the personal rating, and the day the level
    ends, by which every direction must be done."""

    standings: tuple[Standing, ...]
    rating: int
    ends_on: date
    weeks_left: int
    """Whole weeks from today to the end: a direction of sessions needing more weeks than this is behind."""


def stored(percents: Mapping[Direction, int]) -> dict[str, int]:
    return {direction.value: percent for direction, percent in percents.items()}


async def refresh(uow: UnitOfWork, app: ApplicationRecord, policy: Policy, now: datetime) -> None:
    """Rewrites the application's figures from the entries that count; the caller commits with its change.
    An application never activated has no clock to measure against, and no figures."""
    if app.activated_at is not None:
        await uow.figures.put(app.id, stored(await progress_of(uow, app, policy)), now)


async def start(uow: UnitOfWork, app: ApplicationRecord, now: datetime) -> None:
    """At activation every direction starts at 0%, so the participant counts in the figures from day one."""
    await uow.figures.put(app.id, dict.fromkeys(app.directions, 0), now)


async def fill_missing(uow: UnitOfWork, policy: Policy, now: datetime, limit: int = REBUILD_BATCH) -> int:
    """Figures for active applications that have none, a batch at a time: two reads and one write however
    many entries they hold. Returns how many applications got theirs."""
    apps = await uow.figures.without_figures(limit)
    done = await uow.due.done_of([app.id for app in apps])
    await uow.figures.add({app.id: stored(percents_of(app, done.get(app.id, []), policy)) for app in apps}, now)
    await uow.commit()
    return len(apps)


async def outlook(uow: UnitOfWork, app: ApplicationRecord, policy: Policy) -> Outlook:
    """What is done and what is left per direction of an active application, and by when."""
    targets = targets_of(policy.rules, app)
    started = started_on(app, policy.zone)
    done = await uow.entries.done(app.id)
    standings = tuple(standing(target, done, started) for target in targets.values())
    ends_on = level_end(targets, started)
    weeks_left = max(0, (ends_on - policy.today(policy.now())).days // 7)
    return Outlook(standings, rating({s.direction: s.percent for s in standings}), ends_on, weeks_left)


async def mentor_figures(uow: UnitOfWork, staff: StaffRecord | None) -> TeamFigures:
    """A mentor's own participants: how many, completion per direction, ratings by level (R8.4)."""
    return await uow.figures.of_mentors([active_staff(staff, Role.MENTOR).user_id])


async def expert_figures(uow: UnitOfWork, staff: StaffRecord | None) -> ExpertFigures:
    """The same over the participants of the mentors an expert supervises, and how many mentors."""
    expert = active_staff(staff, Role.EXPERT)
    return ExpertFigures(await uow.figures.of_expert(expert.user_id), await uow.figures.mentors_of(expert.user_id))


async def backlog(
    uow: UnitOfWork, region: str | None, now: datetime, shown: int = BACKLOG_SHOWN
) -> tuple[MentorBacklog, ...]:
    """The mentors (of the region's centres, or all) whose oldest entry has waited longest, with how many wait
    and their median time to review lately."""
    waiting = await uow.figures.waiting_reviews(region, shown)
    medians = await uow.figures.review_medians([w.mentor_id for w in waiting], now - REVIEW_WINDOW)
    return tuple(replace(w, median_review=medians.get(w.mentor_id)) for w in waiting)


async def coordinator_figures(uow: UnitOfWork, staff: StaffRecord | None, now: datetime) -> RegionFigures:
    """The same over the participants living in the coordinator's region, how many experts work there, and the
    review backlog of the region's mentors."""
    code = active_staff(staff, Role.COORDINATOR).region_code
    region = await uow.catalogue.region(code) if code else None
    if region is None:
        raise NotAllowed()
    return RegionFigures(
        region,
        await uow.figures.of_region(region.code),
        await uow.figures.experts_in(region.code),
        await backlog(uow, region.code, now),
    )


async def national_figures(uow: UnitOfWork, staff: StaffRecord | None, now: datetime) -> NationalFigures:
    """The operator's: every active participant, applications by status and ratings by region as of the last
    snapshot (made here if there is none or it is stale), staff by role and the review backlog nationally."""
    active_staff(staff, Role.OPERATOR)
    kept = await uow.figures.snapshot(NATIONAL)
    if kept is not None and now - kept[0] < SNAPSHOT_STALE:
        programme = programme_of(*kept)
    else:
        programme = await take_snapshot(uow, now)
        await uow.commit()
    return NationalFigures(
        programme,
        await uow.figures.staff_by_role(),
        {region.code: region for region in await uow.catalogue.regions()},
        await backlog(uow, None, now),
    )


async def take_snapshot(uow: UnitOfWork, now: datetime) -> Programme:
    """Counts the national figures and keeps them; the caller commits."""
    team, regions = await uow.figures.national()
    programme = Programme(team, await uow.figures.applications_by_status(), regions, now)
    await uow.figures.keep_snapshot(NATIONAL, snapshot_body(programme), now)
    return programme


async def refresh_snapshot(uow: UnitOfWork, now: datetime) -> None:
    await take_snapshot(uow, now)
    await uow.commit()


def snapshot_body(programme: Programme) -> dict[str, Any]:
    body = asdict(programme)
    del body["as_of"]
    return body


def programme_of(taken_at: datetime, body: Mapping[str, Any]) -> Programme:
    team = body["team"]
    return Programme(
        TeamFigures(
            team["participants"],
            tuple(DirectionFigure(**d) for d in team["directions"]),
            tuple(GroupFigure(**g) for g in team["levels"]),
        ),
        dict(body["applications"]),
        tuple(GroupFigure(**g) for g in body["regions"]),
        taken_at,
    )
