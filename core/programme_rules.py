"""The year's requirements and mandatory directions (R3.5, R6.6): the operator sends a rules file (the format of
`core/data/rules/2026.yaml`), it is checked like the shipped one and against every active participant's plan,
and put in force for the whole programme. The newest rules put in force win over the shipped file of the same
or an earlier year; every process adopts them on its next tick."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import yaml

from core.access import active_staff
from core.applications import targets_of
from core.errors import DomainError
from core.policy import Policy
from core.ports import StaffRecord, UnitOfWork
from core.programme import Role
from core.rules import ProgrammeRules, parse_rules

MAX_BYTES = 64 * 1024
"""A rules file is a page of YAML; anything bigger is not one."""


@dataclass(frozen=True)
class Checked:
    rules: ProgrammeRules
    text: str
    plans: int
    """Active participants' distinct plans that resolve under the new rules (all of them, or it is refused)."""


@dataclass(frozen=True)
class InForce:
    rules: ProgrammeRules
    recounted: int
    """Progress rows forgotten, to be made again under the new rules by the figures tick."""


def read(data: bytes) -> tuple[ProgrammeRules, str]:
    """The rules in a file as sent, or the reason it is not a rules file, in the operator's language."""
    if len(data) > MAX_BYTES:
        raise DomainError("rules-too-big", limit=MAX_BYTES // 1024)
    try:
        text = data.decode("utf-8-sig")
        raw = yaml.safe_load(text)
    except (UnicodeDecodeError, yaml.YAMLError):
        raise DomainError("rules-not-yaml") from None
    if not isinstance(raw, dict):
        raise DomainError("rules-not-yaml")
    try:
        rules = parse_rules(raw)
    except ValueError as error:
        raise DomainError("rules-invalid", problem=str(error)[:200]) from None
    problem = sanity(rules)
    if problem:
        raise DomainError("rules-invalid", problem=problem)
    return rules, text


def sanity(rules: ProgrammeRules) -> str | None:
    """What `parse_rules` cannot see: numbers that make no programme."""
    if not 2000 <= rules.year <= 2100:
        return f"year {rules.year}"
    if not 0 < rules.min_age <= rules.max_age:
        return "age.min and age.max"
    if not rules.levels:
        return "no levels"
    for level in rules.levels.values():
        if not rules.mandatory <= set(level.requirements):
            return f"levels.{level.level.value} lacks a mandatory direction"
        if level.duration_months <= 0 or not rules.min_age <= level.min_age <= rules.max_age:
            return f"levels.{level.level.value}: duration_months or min_age"
        for direction, req in level.requirements.items():
            numbers = (*req.session_months, req.books, req.trip_days, req.work_days)
            if any(n < 0 for n in numbers) or not any(numbers) or req.section1_books > max(req.books, 1):
                return f"levels.{level.level.value}.directions.{direction.value}"
    if rules.weekly_minutes <= 0:
        return "weekly_minutes"
    return None


async def check(
    uow: UnitOfWork, staff: StaffRecord | None, data: bytes, policy: Policy, *, shell: bool = False
) -> Checked:
    """Checked and compared with what active participants chose: rules under which a participant's level or
    directions no longer make sense would leave them without targets, so those are refused. A year before the
    one in force is refused too."""
    operator(staff, shell)
    rules, text = read(data)
    if rules.year < policy.rules.year:
        raise DomainError("rules-older-year", year=str(rules.year), current=str(policy.rules.year))
    plans = await uow.due.active_plans()
    broken = 0
    for plan in plans:
        try:
            targets_of(rules, plan)
        except (DomainError, KeyError, ValueError):
            broken += 1
    if broken:
        raise DomainError("rules-break-plans", count=broken)
    return Checked(rules, text, len(plans))


async def put_in_force(
    uow: UnitOfWork, staff: StaffRecord | None, data: bytes, now: datetime, policy: Policy, *, shell: bool = False
) -> InForce:
    """Stored, then adopted by this process at once (others on their next tick); every active participant's
    figures are made again under the new rules by the figures tick."""
    checked = await check(uow, staff, data, policy, shell=shell)
    await uow.rules.put(checked.rules.year, checked.text, now, staff.user_id if staff else None)
    recounted = await uow.rules.forget_figures()
    await uow.commit()
    policy.adopt(checked.rules, now)
    return InForce(checked.rules, recounted)


async def in_force(uow: UnitOfWork, shipped: ProgrammeRules) -> tuple[ProgrammeRules, datetime | None]:
    """At start: the newest rules the operator put in force, unless the shipped file is of a later year."""
    stored = await uow.rules.newest()
    if stored is None or stored.year < shipped.year:
        return shipped, None
    return read(stored.text.encode())[0], stored.changed_at


async def follow(uow: UnitOfWork, policy: Policy) -> bool:
    """The tick's part: adopts rules another process put in force since; whether it did."""
    changed = await uow.rules.newest_change()
    if changed is None or changed == policy.rules_since:
        return False
    rules, since = await in_force(uow, policy.rules)
    if since is None:
        return False
    policy.adopt(rules, since)
    return True


async def current_text(
    uow: UnitOfWork, staff: StaffRecord | None, policy: Policy, *, shell: bool = False
) -> str | None:
    """The operator's stored rules in force, to download and edit; None while the shipped file is."""
    operator(staff, shell)
    stored = await uow.rules.newest()
    return stored.text if stored is not None and stored.changed_at == policy.rules_since else None


def operator(staff: StaffRecord | None, shell: bool) -> None:
    """Only the operator, in the bot or at the shell (which is theirs)."""
    if not shell:
        active_staff(staff, Role.OPERATOR)
