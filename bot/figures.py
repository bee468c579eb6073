"""Team figures as text (R8.4): the same lines for every role that sees a team, each with its own title."""

from __future__ import annotations

from core.analytics import TeamFigures
from core.programme import Level
from locales.translations import Translator

LEVEL_ORDER = [level.value for level in Level]


def team_lines(t: Translator, title: str, figures: TeamFigures) -> str:
    """The number of active participants, the mean completion per direction, the mean rating per level."""
    lines = [title, t("analytics-participants", count=figures.participants)]
    if figures.participants == 0:
        return "\n".join([*lines, t("analytics-empty")])
    if figures.directions:
        lines += ["", t("analytics-directions")]
        lines += [
            t("analytics-direction", direction=t(f"direction-{f.direction}"), average=f.average, count=f.participants)
            for f in figures.directions
        ]
    if figures.levels:
        lines += ["", t("analytics-levels")]
        levels = sorted(figures.levels, key=lambda f: LEVEL_ORDER.index(f.level) if f.level in LEVEL_ORDER else 99)
        lines += [
            t("analytics-level", level=t(f"level-{f.level}"), rating=f.rating, count=f.participants) for f in levels
        ]
    waiting = figures.participants - max((f.participants for f in figures.directions), default=0)
    if waiting > 0:
        lines += ["", t("analytics-waiting", count=waiting)]
    return "\n".join(lines)
