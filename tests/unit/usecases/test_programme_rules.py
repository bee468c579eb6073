"""The year's rules put in force by the operator (core/programme_rules.py, R3.5, R6.6): checked like the shipped
file and against every active plan, adopted by this process at once and by the others on their tick, and the
figures made again under them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from importlib import resources
from typing import Any

import pytest
import yaml

from core import analytics, programme_rules
from core.errors import NotAllowed
from core.policy import Policy
from storage.models import Application
from tests.unit.usecases.conftest import MENTOR, NOW, PARTICIPANT, POLICY, Store, add_entry, refused, stored
from tests.unit.usecases.test_analytics import OPERATOR, STARTED, active, decide, figures, team

__all__ = ["team"]


def shipped() -> dict[str, Any]:
    text = (resources.files("core.data.rules") / "2026.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def encoded(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True).encode()


def own_policy() -> Policy:
    """Adopting changes the policy: each test its own."""
    return replace(POLICY)


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"levels: [unclosed", "rules-not-yaml"),
        (b"- a list", "rules-not-yaml"),
        (b"\xff\xfe not utf-8", "rules-not-yaml"),
        (b"year: 2027\n", "rules-invalid"),
        (b"x" * (programme_rules.MAX_BYTES + 1), "rules-too-big"),
    ],
)
def test_what_is_not_a_rules_file_is_said(data: bytes, key: str) -> None:
    with refused(key):
        programme_rules.read(data)


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (("year",), 1999, "year 1999"),
        (("age", "min"), 30, "age.min and age.max"),
        (("levels", "bronze", "duration_months"), 0, "levels.bronze: duration_months or min_age"),
        (("levels", "bronze", "directions", "sport"), {"sessions": []}, "levels.bronze.directions.sport"),
    ],
)
def test_numbers_that_make_no_programme_are_refused(path: tuple[str, ...], value: object, problem: str) -> None:
    data = shipped()
    place = data
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    with pytest.raises(Exception) as raised:
        programme_rules.read(encoded(data))
    assert getattr(raised.value, "params", {}).get("problem") == problem


async def test_only_the_operator_puts_rules_in_force(store: Store) -> None:
    async with store.session() as uow:
        with pytest.raises(NotAllowed):
            await programme_rules.check(uow, await uow.staff.get(MENTOR), encoded(shipped()), own_policy())
        with pytest.raises(NotAllowed):
            await programme_rules.check(uow, None, encoded(shipped()), own_policy())
        checked = await programme_rules.check(uow, None, encoded(shipped()), own_policy(), shell=True)
    assert checked.rules == POLICY.rules


async def test_rules_that_would_strand_active_participants_are_refused(store: Store) -> None:
    await active(store, PARTICIPANT)
    data = shipped()
    data["mandatory_directions"] = [*data["mandatory_directions"], "volunteering"]
    async with store.session() as uow:
        with refused("rules-break-plans"):
            await programme_rules.check(uow, await uow.staff.get(OPERATOR), encoded(data), own_policy())
    earlier = shipped()
    earlier["year"] = 2025
    async with store.session() as uow:
        with refused("rules-older-year"):
            await programme_rules.check(uow, await uow.staff.get(OPERATOR), encoded(earlier), own_policy())


async def test_new_rules_are_adopted_and_the_figures_made_again(store: Store) -> None:
    """A 30-minute week: the approved half hour that did not count now does, once the figures are remade."""
    app_id = await active(store, PARTICIPANT)
    day = STARTED.astimezone(POLICY.zone).date() + timedelta(days=1)
    entry = await add_entry(
        store, app_id, "pending", direction="sport", kind="session", step="confirm", activity_date=day, minutes=30
    )
    await decide(store, entry, "approve")
    assert (await figures(store, app_id))["sport"] == 0
    data = shipped()
    data["weekly_minutes"] = 30
    here, elsewhere = own_policy(), own_policy()
    async with store.session() as uow:
        done = await programme_rules.put_in_force(uow, await uow.staff.get(OPERATOR), encoded(data), NOW, here)
    assert done.recounted == 3 and here.rules.weekly_minutes == 30 and here.rules_since == NOW
    assert await figures(store, app_id) == {}, "forgotten, to be made again"
    async with store.session() as uow:
        assert await analytics.fill_missing(uow, here, NOW) == 1
    assert (await figures(store, app_id))["sport"] == 7
    assert (await stored(store, Application, app_id)).rating == 2

    assert elsewhere.rules.weekly_minutes == 60
    async with store.session() as uow:
        assert await programme_rules.follow(uow, elsewhere)
        assert not await programme_rules.follow(uow, elsewhere), "adopted once"
    assert elsewhere.rules == here.rules and elsewhere.rules_since == NOW

    async with store.session() as uow:
        rules, since = await programme_rules.in_force(uow, POLICY.rules)
        text = await programme_rules.current_text(uow, await uow.staff.get(OPERATOR), here)
    assert rules == here.rules and since == NOW
    assert text is not None and yaml.safe_load(text)["weekly_minutes"] == 30
