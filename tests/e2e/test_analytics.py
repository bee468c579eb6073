"""Figures by role (R8.4) through the bot: a mentor sees their own participants' figures, kept current by the
approval itself, and nobody else's."""

from __future__ import annotations

import pytest

from core.programme import Role
from scheduler.ticks import run_ticks
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text
from tests.e2e.test_diary import session_report
from tests.e2e.test_reminders import context

EXPERT, MENTOR, OTHER_MENTOR = 7100, 7101, 7102


def figures_text(locale: str, participants: int, sport: int, rating: int) -> list[str]:
    t = tr(locale)
    return [
        plain(t("analytics-mentor-title")),
        plain(t("analytics-participants", count=participants)),
        plain(t("analytics-direction", direction=t("direction-sport"), average=sport, count=participants)),
        plain(t("analytics-group", name=t("level-bronze"), rating=rating, count=participants)),
    ]


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_a_mentor_sees_figures_of_their_own_participants(world: World, locale: str) -> None:
    t = tr(locale)
    await become_staff(world, EXPERT, locale, Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, locale, Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    other = await become_staff(
        world, OTHER_MENTOR, locale, Role.MENTOR, "Other Mentor", centre="astana-youth", expert_id=EXPERT
    )
    await other.send_text(t("menu-analytics"))
    assert last_text(other) == "\n".join(
        [plain(t("analytics-mentor-title")), plain(t("analytics-participants", count=0)), plain(t("analytics-empty"))]
    )

    user, _ = await activated(world, 7001, locale, mentor, MENTOR)
    await activated(world, 7002, locale, mentor, MENTOR)
    await mentor.send_text(t("menu-analytics"))
    assert all(line in last_text(mentor) for line in figures_text(locale, 2, 0, 0))

    await session_report(user, t)
    await mentor.click(text=t("button-review-approve"))
    await mentor.send_text(t("menu-analytics"))
    shown = last_text(mentor)
    assert all(line in shown for line in figures_text(locale, 2, 3, 1)), "(7 + 0) // 2; ratings (2 + 0) // 2"
    assert plain(t("analytics-waiting", count=1)) not in shown

    await other.send_text(t("menu-analytics"))
    assert plain(t("analytics-participants", count=0)) in last_text(other), "another mentor's participants stay theirs"


async def test_a_participant_has_no_team_figures(world: World) -> None:
    t = tr("en")
    await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user, _ = await activated(world, 7003, "en", mentor, MENTOR)
    await user.send_text(t("menu-analytics"))
    assert plain(t("analytics-mentor-title")) not in last_text(user)


async def test_expert_coordinator_and_operator_see_their_own_scope(world: World) -> None:
    """The expert over their mentors' participants, Astana's coordinator over Astana's, the operator over
    everything, with applications by status and staff by role; Almaty's coordinator sees none of them."""
    t = tr("en")
    expert = await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    astana = await become_staff(world, 7103, "en", Role.COORDINATOR, "Astana Coord", region="astana")
    almaty = await become_staff(world, 7104, "en", Role.COORDINATOR, "Almaty Coord", region="almaty-city")
    operator = await become_staff(world, 7105, "en", Role.OPERATOR, "Operator Person")
    user, _ = await activated(world, 7004, "en", mentor, MENTOR)
    await almaty.send_text(t("menu-analytics"))
    assert plain(t("analytics-backlog-none")) in last_text(almaty)
    await session_report(user, t)
    app = await world.application(7004)
    assert app is not None and app.region_code == "astana"

    await expert.send_text(t("menu-analytics"))
    shown = last_text(expert)
    assert plain(t("analytics-expert-title")) in shown and plain(t("analytics-mentors", count=1)) in shown
    assert plain(t("analytics-participants", count=1)) in shown

    await astana.send_text(t("menu-analytics"))
    shown = last_text(astana)
    assert plain(t("analytics-coordinator-title", region="Astana city")) in shown
    assert plain(t("analytics-participants", count=1)) in shown and plain(t("analytics-experts", count=1)) in shown
    waiting = plain(t("analytics-backlog-mentor-new", name="Mentor Person", waiting=1, days=0))
    assert waiting in shown, "the region's mentor with an entry waiting"
    await almaty.send_text(t("menu-analytics"))
    assert plain(t("analytics-participants", count=0)) in last_text(almaty)
    assert waiting not in last_text(almaty)

    await operator.send_text(t("menu-analytics"))
    shown = last_text(operator)
    assert plain(t("analytics-status", status=t("status-active"), count=1)) in shown
    assert plain(t("analytics-role", role=t("role-coordinator"), count=2)) in shown
    assert plain(t("analytics-group", name="Astana city", rating=0, count=1)) in shown
    assert waiting in shown
    as_of = world.clock().astimezone(world.dp["policy"].zone).strftime("%d.%m.%Y %H:%M")
    assert plain(t("analytics-as-of", time=as_of)) in shown

    await activated(world, 7005, "en", mentor, MENTOR)
    await operator.send_text(t("menu-analytics"))
    assert plain(t("analytics-status", status=t("status-active"), count=1)) in last_text(operator), "as of then"
    await run_ticks(context(world))
    await operator.send_text(t("menu-analytics"))
    assert plain(t("analytics-status", status=t("status-active"), count=2)) in last_text(operator), "after a tick"
