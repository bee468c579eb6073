"""«📊 Figures» for every staff role (R8.4), each over the people the role may see; the rules and the scopes are
`core/analytics.py`."""

from __future__ import annotations

from datetime import datetime

from aiogram import Router
from aiogram.types import Message

from bot.filters import MenuButton, RoleFilter
from bot.staff.reports import report_buttons
from core import analytics
from core.analytics import GroupFigure, MentorBacklog, TeamFigures
from core.policy import Policy
from core.programme import ApplicationStatus, Level, Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

LEVEL_ORDER = [level.value for level in Level]
STAFF_ROLES = (Role.MENTOR, Role.EXPERT, Role.COORDINATOR, Role.CENTRE, Role.OPERATOR)


def group_line(t: Translator, group: GroupFigure, name: str) -> str:
    return t("analytics-group", name=name, rating=group.rating, count=group.participants)


def team_lines(t: Translator, figures: TeamFigures) -> list[str]:
    """The number of active participants, the mean completion per direction, the mean rating per level."""
    lines = [t("analytics-participants", count=figures.participants)]
    if figures.participants == 0:
        return [*lines, t("analytics-empty")]
    if figures.directions:
        lines += ["", t("analytics-directions")]
        lines += [
            t("analytics-direction", direction=t(f"direction-{f.direction}"), average=f.average, count=f.participants)
            for f in figures.directions
        ]
    if figures.levels:
        levels = sorted(figures.levels, key=lambda f: LEVEL_ORDER.index(f.name) if f.name in LEVEL_ORDER else 99)
        lines += ["", t("analytics-levels"), *(group_line(t, f, t(f"level-{f.name}")) for f in levels)]
    waiting = figures.participants - max((f.participants for f in figures.directions), default=0)
    if waiting > 0:
        lines += ["", t("analytics-waiting", count=waiting)]
    return lines


def backlog_lines(t: Translator, backlog: tuple[MentorBacklog, ...], now: datetime) -> list[str]:
    """The mentors whose oldest entry has waited longest: how many wait, for how long, their usual pace."""
    if not backlog:
        return ["", t("analytics-backlog-none")]
    lines = ["", t("analytics-backlog")]
    for mentor in backlog:
        days = (now - mentor.oldest).days
        if mentor.median_review is None:
            lines.append(t("analytics-backlog-mentor-new", name=mentor.name, waiting=mentor.waiting, days=days))
        else:
            hours = round(mentor.median_review.total_seconds() / 3600)
            lines.append(
                t("analytics-backlog-mentor", name=mentor.name, waiting=mentor.waiting, days=days, hours=hours)
            )
    return lines


async def mentor(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    figures = await analytics.mentor_figures(uow, staff)
    await message.answer("\n".join([t("analytics-mentor-title"), *team_lines(t, figures)]))


async def expert(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    found = await analytics.expert_figures(uow, staff)
    lines = [t("analytics-expert-title"), t("analytics-mentors", count=found.mentors), *team_lines(t, found.team)]
    await message.answer("\n".join(lines))


async def coordinator(message: Message, t: Translator, uow: Holder, staff: Staff, policy: Policy) -> None:
    now = policy.now()
    found = await analytics.coordinator_figures(uow, staff, now)
    lines = [t("analytics-coordinator-title", region=t.name(found.region)), t("analytics-experts", count=found.experts)]
    lines += [*team_lines(t, found.team), *backlog_lines(t, found.backlog, now)]
    await message.answer("\n".join(lines), reply_markup=report_buttons(t))


async def operator(message: Message, t: Translator, uow: Holder, staff: Staff, policy: Policy) -> None:
    now = policy.now()
    found = await analytics.national_figures(uow, staff, now)
    counted = found.programme
    by_status = counted.applications
    as_of = counted.as_of.astimezone(policy.zone).strftime("%d.%m.%Y %H:%M")
    lines = [t("analytics-operator-title"), t("analytics-as-of", time=as_of), "", t("analytics-applications")]
    lines += [
        t("analytics-status", status=t(f"status-{s.value.replace('_', '-')}"), count=by_status.get(s.value, 0))
        for s in ApplicationStatus
    ]
    lines += ["", t("analytics-staff")]
    lines += [t("analytics-role", role=t(f"role-{r.value}"), count=found.staff.get(r.value, 0)) for r in STAFF_ROLES]
    lines += ["", *team_lines(t, counted.team)]
    if counted.regions:
        named = [
            (t.name(found.region_names[g.name]) if g.name in found.region_names else "—", g) for g in counted.regions
        ]
        lines += [
            "",
            t("analytics-regions"),
            *(group_line(t, g, name) for name, g in sorted(named, key=lambda p: p[0])),
        ]
    lines += backlog_lines(t, found.backlog, now)
    await message.answer("\n".join(lines), reply_markup=report_buttons(t))


def router() -> Router:
    r = Router(name="staff-figures")
    figures = MenuButton("menu-analytics")
    r.message.register(mentor, RoleFilter(Role.MENTOR), figures)
    r.message.register(expert, RoleFilter(Role.EXPERT), figures)
    r.message.register(coordinator, RoleFilter(Role.COORDINATOR), figures)
    r.message.register(operator, RoleFilter(Role.OPERATOR), figures)
    return r
