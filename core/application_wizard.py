"""The order of the application's steps (R2.1-R2.4) and what makes each one complete.

The step lives in the database, so a half-filled application survives a restart and the
storage choice (memory or Redis) does not matter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.programme import PARTNER_DIRECTIONS, Direction, Level
from core.rules import ProgrammeRules, age_on, choices_needed

STEPS = (
    "consent",
    "full_name",
    "birth_date",
    "phone",
    "photo",
    "region",
    "locality",
    "study_place",
    "about",
    "hobbies",
    "level",
    "directions",
    "choices",
    "partners",
    "mentor",
    "review",
)
EDITABLE = STEPS[1:-1]
FIELDS = {"region": "region_code", "locality": "locality_code", "photo": "photo_file_id"}
"""Steps whose answer is stored under another name."""
"""Steps the participant may jump back to from the review."""


def chosen_directions(app: Any) -> set[Direction]:
    return {Direction(d) for d in app.directions}


def missing_choices(app: Any, rules: ProgrammeRules) -> list[str]:
    if not app.level:
        return []
    needed = choices_needed(rules.levels[Level(app.level)], chosen_directions(app))
    values = {
        "longer": app.longer_direction,
        "heritage_mode": app.heritage_mode,
        "heritage_months": app.heritage_months,
    }
    if app.heritage_mode == "book" and "heritage_months" in needed:
        needed.remove("heritage_months")
    return [c for c in needed if values[c] is None]


def missing_partners(app: Any) -> list[Direction]:
    return [d for d in sorted(chosen_directions(app) & PARTNER_DIRECTIONS) if not app.partners.get(d)]


def is_complete(app: Any, step: str, rules: ProgrammeRules) -> bool:
    match step:
        case "consent":
            return app.pd_consent_at is not None
        case "directions":
            return bool(app.directions)
        case "choices":
            return not missing_choices(app, rules)
        case "partners":
            return not missing_partners(app)
        case "mentor":
            return app.mentor_id is not None
        case "review":
            return False
        case _:
            return getattr(app, FIELDS.get(step, step)) not in (None, "")


def next_step(app: Any, rules: ProgrammeRules) -> str:
    """The first incomplete step: linear filling and edits from the review both end up right."""
    return next(s for s in STEPS if not is_complete(app, s, rules))


def applies(app: Any, step: str, rules: ProgrammeRules) -> bool:
    """Whether a step asks anything of this participant: choices and partners may not."""
    if step == "choices":
        return bool(app.level) and bool(choices_needed(rules.levels[Level(app.level)], chosen_directions(app)))
    if step == "partners":
        return bool(chosen_directions(app) & PARTNER_DIRECTIONS)
    return True


def previous_step(app: Any, rules: ProgrammeRules) -> str | None:
    """The nearest earlier step that asks something; none before the full name."""
    index = STEPS.index(app.step)
    return next((s for s in reversed(STEPS[1:index]) if applies(app, s, rules)), None)


def editable_steps(app: Any, rules: ProgrammeRules) -> list[str]:
    return [s for s in EDITABLE if applies(app, s, rules)]


def reopen(app: Any, step: str) -> None:
    """Goes back to a step; steps made of several answers are asked again from their first one."""
    app.step = step
    if step == "choices":
        app.longer_direction = app.heritage_mode = app.heritage_months = None
    elif step == "partners":
        app.partners = {}


def invalidate(app: Any, changed: str, rules: ProgrammeRules, today: date) -> None:
    """Clears answers that a changed answer made wrong, so the wizard asks them again."""
    if changed == "region":
        app.locality_code = None
        app.mentor_id = app.centre_id = None
    if changed in ("locality", "study_place"):
        app.mentor_id = app.centre_id = None
    if changed == "birth_date" and app.level and app.birth_date:
        if Level(app.level) not in rules.levels_for_age(age_on(app.birth_date, today)):
            app.level = None
            changed = "level"
    if changed == "level":
        allowed = set(rules.levels[Level(app.level)].directions) if app.level else set()
        app.directions = [d for d in app.directions if Direction(d) in allowed]
        changed = "directions"
    if changed == "directions":
        app.longer_direction = app.heritage_mode = app.heritage_months = None
        app.partners = {d: p for d, p in app.partners.items() if d in app.directions}
