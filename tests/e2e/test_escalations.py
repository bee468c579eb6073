"""Deadlines that escalate, with a controllable clock (R2.6, R6.2-R6.5, R7.3), the absent expert's duties
passing to the coordinator (R6.3), and the coordinator's problem report to the operator (R6.4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from bot.callbacks import ArbitrationCb, OutboxCb, ProblemCb
from core.programme import Role
from core.workdays import add_working_days
from scheduler.ticks import run_ticks
from storage.models import Centre, Entry
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import become_staff, last_text, submitted
from tests.e2e.test_diary import EXPERT, MENTOR, dy, rv, session_report, team
from tests.e2e.test_reminders import context

COORDINATOR, CENTRE_HEAD, OPERATOR = 850, 851, 852
NAME = "Абайұлы Нұрлан Серікұлы"


async def tick(world: World) -> None:
    for _ in range(2):
        await run_ticks(context(world))
    await world.drain()


def count(user: Any, key: str, **args: Any) -> int:
    text = plain(tr("en")(key, **args))
    return sum(text in (m.text or "") for m in user.messages)


def at_local_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)


async def test_late_application_goes_to_expert_then_coordinator(world: World) -> None:
    expert = await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    await become_staff(world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT)
    coordinator = await become_staff(world, COORDINATOR, "en", Role.COORDINATOR, "Coord Person", region="astana")
    await submitted(world, 7001, "en", MENTOR)
    app = await world.application(7001)
    assert app is not None and app.review_deadline is not None
    args = {"name": NAME, "mentor": "Mentor Person", "deadline": app.review_deadline.strftime("%d.%m.%Y")}
    world.clock.now = at_local_noon(app.review_deadline)
    await tick(world)
    assert count(expert, "escalation-application", **args) == 0, "the deadline day itself is still in time"
    world.clock.now = at_local_noon(app.review_deadline + timedelta(days=1))
    await tick(world)
    assert count(expert, "escalation-application", **args) == 1
    assert count(coordinator, "escalation-application", **args) == 0
    world.clock.now = at_local_noon(add_working_days(app.review_deadline, 5) + timedelta(days=1))
    await tick(world)
    assert count(expert, "escalation-application", **args) == 1
    assert count(coordinator, "escalation-application", **args) == 1


async def test_unreviewed_entry_reminds_the_mentor_then_the_expert(world: World) -> None:
    t = tr("en")
    expert, mentor, user, _ = await team(world)
    await session_report(user, t)
    sent = world.clock().strftime("%d.%m.%Y")
    world.clock.advance(days=3, hours=-1)
    await tick(world)
    assert count(mentor, "escalation-entry-mentor", name=NAME, date=sent) == 0
    world.clock.advance(hours=2)
    await tick(world)
    assert count(mentor, "escalation-entry-mentor", name=NAME, date=sent) == 1
    assert count(expert, "escalation-entry-expert", name=NAME, date=sent, mentor="Mentor Person") == 0
    world.clock.advance(days=3)
    await tick(world)
    assert count(mentor, "escalation-entry-mentor", name=NAME, date=sent) == 1
    assert count(expert, "escalation-entry-expert", name=NAME, date=sent, mentor="Mentor Person") == 1


async def rejected_and_appealed(world: World, mentor: Any, user: Any, t: Any) -> Entry:
    await session_report(user, t)
    async with world.sessions() as session:
        (entry,) = (await session.scalars(select(Entry))).all()
    await mentor.click(data=rv("reject", entry.id))
    await mentor.click(text=t("reason-copied"))
    await user.click(data=dy("appeal", entry_id=entry.id))
    await user.send_text("I ran it myself, here is the route from my watch")
    assert plain(t("appeal-sent")) in last_text(user)
    return entry


async def test_undecided_appeal_goes_to_the_coordinator(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    coordinator = await become_staff(world, COORDINATOR, "en", Role.COORDINATOR, "Coord Person", region="astana")
    await rejected_and_appealed(world, mentor, user, t)
    world.clock.advance(days=2)
    await tick(world)
    assert count(coordinator, "escalation-appeal", name=NAME) == 0
    world.clock.advance(days=1, hours=1)
    await tick(world)
    assert count(coordinator, "escalation-appeal", name=NAME) == 1


async def test_absent_expert_passes_appeals_to_the_coordinator(world: World) -> None:
    t = tr("en")
    expert, mentor, user, _ = await team(world)
    coordinator = await become_staff(world, COORDINATOR, "en", Role.COORDINATOR, "Coord Person", region="astana")
    entry = await rejected_and_appealed(world, mentor, user, t)
    await expert.send_text(t("menu-absence"))
    assert plain(t("absence-confirm-expert")) in last_text(expert)
    await expert.click(text=t("button-absence-confirm"))
    assert last_text(coordinator) == plain(t("absence-coordinator-news", name="Expert Person", appeals=1))
    summary = coordinator.last
    await coordinator.click(text=t("button-next-appeal", count=1), message_id=summary.message_id)
    assert plain(t("expert-appeal", name=NAME, mentor="Mentor Person")) in last_text(coordinator)
    # The absent expert's old button still works for them; a stranger's forged one does not.
    stranger = await become_staff(world, 860, "en", Role.COORDINATOR, "Other Coord", region="almaty-city")
    answer = await stranger.forge_click(ArbitrationCb(action="uphold", entry_id=entry.id).pack(), 1)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))
    await coordinator.click(data=ArbitrationCb(action="overturn", entry_id=entry.id).pack())
    await coordinator.send_text("The watch route confirms the run")
    async with world.sessions() as session:
        final = await session.get(Entry, entry.id)
    assert final is not None and final.status == "overturned"
    assert plain(t("appeal-overturned-news", name=NAME)) in last_text(user)
    assert last_text(coordinator) == plain(t("arbitrated-overturned"))
    assert not coordinator.last.buttons, "no appeal left to open"
    answer = await coordinator.click(text=t("button-next-appeal", count=1), message_id=summary.message_id)
    assert answer is not None and answer.text == plain(t("appeals-none-waiting"))
    assert not summary.buttons, "the summary's button is gone once nothing waits"
    await expert.send_text(t("menu-absence"))
    await expert.click(text=t("button-absence-back"))
    assert plain(t("absence-back-news-expert", name="Expert Person")) in last_text(coordinator)


async def test_expert_without_coordinator_cannot_go_absent(world: World) -> None:
    t = tr("en")
    expert, _, _, _ = await team(world)
    await expert.send_text(t("menu-absence"))
    assert plain(t("absence-no-substitute-expert")) in last_text(expert)


async def test_unsigned_centre_is_warned_then_loses_registration(world: World) -> None:
    head = await become_staff(world, CENTRE_HEAD, "en", Role.CENTRE, "Centre Head", centre="astana-youth")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    approved = world.clock()
    async with world.sessions() as session:
        await session.execute(update(Centre).where(Centre.code == "astana-youth").values(approved_at=approved))
        await session.commit()
    day = approved.date()
    deadline = add_working_days(day, 10).strftime("%d.%m.%Y")
    world.clock.now = at_local_noon(add_working_days(day, 6))
    await tick(world)
    assert count(head, "centre-agreement-warning", centre="Astana Youth Centre", deadline=deadline) == 0
    world.clock.now = at_local_noon(add_working_days(day, 7))
    await tick(world)
    assert count(head, "centre-agreement-warning", centre="Astana Youth Centre", deadline=deadline) == 1
    world.clock.now = at_local_noon(add_working_days(day, 10))
    await tick(world)
    assert count(head, "centre-agreement-lost", centre="Astana Youth Centre") == 0
    world.clock.now = at_local_noon(add_working_days(day, 11))
    await tick(world)
    assert count(head, "centre-agreement-lost", centre="Astana Youth Centre") == 1
    assert count(operator, "centre-agreement-lost", centre="Astana Youth Centre") == 1
    async with world.sessions() as session:
        centre = await session.scalar(select(Centre).where(Centre.code == "astana-youth"))
    assert centre is not None and not centre.active


async def test_signed_centre_is_left_alone(world: World) -> None:
    head = await become_staff(world, CENTRE_HEAD, "en", Role.CENTRE, "Centre Head", centre="astana-youth")
    async with world.sessions() as session:
        await session.execute(
            update(Centre)
            .where(Centre.code == "astana-youth")
            .values(approved_at=world.clock(), agreement_signed_at=world.clock())
        )
        await session.commit()
    world.clock.advance(days=30)
    await tick(world)
    assert not [m for m in head.messages if "⚠️" in (m.text or "") or "⛔" in (m.text or "")]


async def test_coordinator_reports_a_problem_to_the_operator(world: World) -> None:
    t = tr("en")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    coordinator = await become_staff(world, COORDINATOR, "ru", Role.COORDINATOR, "Coord Person", region="astana")
    rt = tr("ru")
    await coordinator.send_text(rt("menu-report-problem"))
    assert plain(rt("ask-problem")) in last_text(coordinator)
    await coordinator.send_text("short")
    assert any(plain(rt("error-text-too-short-min", min=10)) in (m.text or "") for m in coordinator.messages[-2:])
    problem = "Three mentors of the Astana Youth Centre cannot open their participants' cards"
    await coordinator.send_text(problem)
    assert problem in last_text(coordinator)
    await coordinator.click(data=ProblemCb(action="send").pack())
    assert plain(rt("problem-sent")) in last_text(coordinator)
    assert plain(t("operator-problem", name="Coord Person", region="Astana city", text=problem)) in last_text(operator)
    answer = await coordinator.forge_click(ProblemCb(action="send").pack(), coordinator.last.message_id)
    assert answer is not None and answer.text == plain(rt("error-stale-button"))
    assert count(operator, "operator-problem", name="Coord Person", region="Astana city", text=problem) == 1


async def test_operator_sees_failed_notifications_and_sends_them_again(world: World) -> None:
    t = tr("en")
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    _, mentor, user, _ = await team(world)
    world.emu.fail_next("sendMessage", 400, "Bad Request: chat not found", chat_id=MENTOR)
    await session_report(user, t, with_photo=False)
    await operator.send_text(t("menu-outbox"))
    assert "Bad Request: chat not found" in last_text(operator)
    assert plain(t("button-outbox-retry")) in operator.inline_buttons()
    await operator.click(data=OutboxCb(action="retry").pack())
    assert operator.callback_answers[-1].text == plain(t("outbox-retried", count=1))
    await world.drain()
    assert plain(t("mentor-new-entry", name=NAME)) in last_text(mentor)
