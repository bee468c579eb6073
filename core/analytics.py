"""Figures by role (R8.3, R8.4), read from the progress rows that approvals keep current, never from the diary.

Each role sees only its own people: a mentor their participants; the rest of R8.4 (expert, coordinator,
operator) builds on the same figures over a wider team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.applications import progress_of, started_on, targets_of
from core.errors import NotAllowed
from core.policy import Policy
from core.ports import ApplicationRecord, StaffRecord, UnitOfWork
from core.programme import Direction, Role
from core.progress import progress

REBUILD_BATCH = 2000
"""Applications given their figures per tick when they have none (activated before figures were kept)."""


@dataclass(frozen=True)
class DirectionFigure:
    direction: str
    participants: int
    average: int
    """Mean completion percent, floored."""


@dataclass(frozen=True)
class LevelFigure:
    level: str
    participants: int
    rating: int
    """Mean personal rating (R8.3), floored."""


@dataclass(frozen=True)
class TeamFigures:
    participants: int
    """Active participants, counted whether or not their figures are made yet."""
    directions: tuple[DirectionFigure, ...]
    levels: tuple[LevelFigure, ...]


async def refresh(uow: UnitOfWork, app: ApplicationRecord, policy: Policy, now: datetime) -> dict[Direction, int]:
    """Rewrites the application's figures from the entries that count; the caller commits with its change.
    An application never activated has no clock to measure against, and no figures."""
    if app.activated_at is None:
        return {}
    percents = await progress_of(uow, app, policy)
    await uow.figures.put(app.id, {d.value: p for d, p in percents.items()}, now)
    return percents


async def start(uow: UnitOfWork, app: ApplicationRecord, now: datetime) -> None:
    """At activation every direction starts at 0%, so the participant counts in the figures from day one."""
    await uow.figures.put(app.id, dict.fromkeys(app.directions, 0), now)


async def fill_missing(uow: UnitOfWork, policy: Policy, now: datetime, limit: int = REBUILD_BATCH) -> int:
    """Figures for active applications that have none, a batch at a time: two reads and one write however
    many entries they hold. Returns how many applications got theirs."""
    apps = await uow.figures.without_figures(limit)
    done = await uow.due.done_of([app.id for app in apps])
    made = {}
    for app in apps:
        percents = progress(targets_of(policy.rules, app), done.get(app.id, []), started_on(app, policy.zone))
        made[app.id] = {d.value: p for d, p in percents.items()}
    await uow.figures.add(made, now)
    await uow.commit()
    return len(apps)


async def mentor_figures(uow: UnitOfWork, staff: StaffRecord | None) -> TeamFigures:
    """A mentor's own participants: how many, completion per direction, ratings by level (R8.4)."""
    if staff is None or not staff.active or staff.role != Role.MENTOR.value:
        raise NotAllowed()
    return await uow.figures.of_mentors([staff.user_id])
