"""Reminders and digests over whole weeks with a controllable clock: the right ones on the right days,
none in quiet hours, none after a pause or a block, none twice with a restart or two schedulers (R5.1, R7.1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from bot.callbacks import QueueCb, RatingCb, ReminderCb
from bot.notifications import OutboxPublisher
from core.policy import Policy
from core.reminders import QuietHours
from core.rules import load_rules
from core.settings import Settings
from scheduler.context import JobContext
from scheduler.ticks import run_ticks
from storage.models import Entry, MissedWeek, OutboxMessage, ScheduleItem, User
from tests.e2e.conftest import TRANSLATIONS, World, plain, restart, tr
from tests.e2e.test_diary import rv, session_report, team

ALMATY = ZoneInfo("Asia/Almaty")


def context(world: World, **settings: Any) -> JobContext:
    """What the scheduler gets in `tosbelgi run`, with these settings."""
    config = Settings(bot_token="", **settings)
    publisher = OutboxPublisher(TRANSLATIONS, config.zone, QuietHours.parse(config.quiet_hours), world.clock)
    return JobContext(world.sessions, publisher, Policy.of(config, load_rules()), config, world.clock)


def texts(user: Any, key: str, **args: Any) -> list[str]:
    """Messages the user got that start like this text (its first line, before any variable part)."""
    head = plain(tr("en")(key, **args)).split("{")[0][:25]
    return [m.text or "" for m in user.messages if (m.text or "").startswith(head)]


async def run_week(world: World, contexts: list[JobContext], user: Any, step: timedelta) -> list[tuple[datetime, str]]:
    """Ticks (with every scheduler given) and drains at each step for seven days; what arrived when, local time."""
    seen = len(user.messages)
    arrived: list[tuple[datetime, str]] = []
    end = world.clock() + timedelta(days=7)
    while world.clock() < end:
        for ctx in contexts:
            await run_ticks(ctx)
        await world.drain()
        arrived += [(world.clock().astimezone(ALMATY), m.text or "") for m in user.messages[seen:]]
        seen = len(user.messages)
        world.clock.advance(seconds=step.total_seconds())
    return arrived


async def test_a_week_of_session_reminders_with_two_schedulers(world: World) -> None:
    """Sessions are Tue and Thu at 18:30 for each of three directions: six reminders, each once, an hour ahead."""
    _, _, user, _ = await team(world)
    sessions = await run_week(world, [context(world), context(world)], user, timedelta(minutes=20))
    reminders = [(at, text) for at, text in sessions if "⏰" in text]
    assert len(reminders) == 6
    assert {at.strftime("%a") for at, _ in reminders} == {"Tue", "Thu"}
    assert all(
        datetime.strptime("17:30", "%H:%M").time() <= at.time() < datetime.strptime("18:30", "%H:%M").time()
        for at, _ in reminders
    )
    assert all(not (at.hour >= 22 or at.hour < 8) for at, _ in sessions), "nothing in quiet hours"
    weekly = [text for _, text in sessions if text.startswith("📅")]
    assert len(weekly) == 1, "one Friday nudge for the week without entries"


async def test_restart_and_missed_ticks_neither_skip_nor_repeat(world: World, database_url: str) -> None:
    _, _, user, _ = await team(world)
    world.clock.now = datetime(2026, 12, 1, 12, 40, tzinfo=UTC)  # Tue 17:40 in Almaty, session at 18:30
    await run_ticks(context(world))
    await restart(world, database_url)
    await run_ticks(context(world))
    await world.drain()
    world.clock.advance(minutes=30)
    await run_ticks(context(world))
    await world.drain()
    assert len(session_reminders(user)) == 3
    world.clock.now = datetime(2026, 12, 3, 13, 25, tzinfo=UTC)  # Thu: the ticks were down until 18:25
    await run_ticks(context(world))
    await world.drain()
    assert len(session_reminders(user)) == 6


async def test_no_reminder_after_pause_or_block(world: World) -> None:
    t = tr("en")
    _, _, user, _ = await team(world)
    await user.send_text(t("menu-reminders"))
    assert plain(t("reminder-toggle", kind=t("reminder-kind-session"), on=1)) in user.inline_buttons()
    await user.click(data=ReminderCb(action="kind", value="session").pack())
    assert plain(t("reminder-toggle", kind=t("reminder-kind-session"), on=0)) in user.inline_buttons()
    await user.click(data=ReminderCb(action="lead", value="120").pack())
    assert plain(t("reminders-title", minutes=120)).splitlines()[0] in (user.last.text or "")
    answers = await user.forge_click(ReminderCb(action="lead", value="7").pack(), user.last.message_id)
    assert answers is not None and answers.text == plain(t("error-bad-button"))
    sessions = await run_week(world, [context(world)], user, timedelta(minutes=30))
    assert not [text for _, text in sessions if text.startswith("⏰")]
    assert [text for _, text in sessions if text.startswith("📅")], "other kinds still come"
    await user.click(data=ReminderCb(action="kind", value="session").pack())
    await user.block()
    sessions = await run_week(world, [context(world)], user, timedelta(minutes=30))
    assert sessions == []


async def reschedule(world: World, app_id: int, at: str, lead_minutes: int = 60) -> None:
    async with world.sessions() as session:
        await session.execute(
            update(ScheduleItem).where(ScheduleItem.application_id == app_id).values(time=at, weekdays=[1])
        )
        await session.execute(update(User).values(reminder_lead_minutes=lead_minutes))
        await session.commit()


def session_reminders(user: Any) -> list[str]:
    return [m.text or "" for m in user.messages if (m.text or "").startswith("⏰")]


async def test_quiet_hours_hold_a_reminder_until_morning_or_drop_it(world: World) -> None:
    _, _, user, app_id = await team(world)
    await reschedule(world, app_id, "07:30")
    sessions = await run_week(world, [context(world)], user, timedelta(minutes=15))
    assert not [text for _, text in sessions if text.startswith("⏰")], "due at 06:30, it could only come too late"
    await reschedule(world, app_id, "09:00", lead_minutes=120)
    world.clock.now = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)  # Tue 07:00 local, quiet until 08:00
    await run_ticks(context(world))
    await world.drain()
    assert session_reminders(user) == []
    world.clock.now = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)  # 08:00 local
    await world.drain()
    assert len(session_reminders(user)) == 3


async def test_weekly_nudge_skips_directions_with_entries_and_excused_weeks(world: World) -> None:
    t = tr("en")
    _, mentor, user, app_id = await team(world)
    await session_report(user, t)
    world.clock.now = datetime(2026, 12, 4, 5, 0, tzinfo=UTC)  # Fri 10:00 local
    await run_ticks(context(world))
    await world.drain()
    nudge = [m.text or "" for m in user.messages if (m.text or "").startswith("📅")]
    assert len(nudge) == 1 and t("direction-sport") not in nudge[0] and t("direction-talent") in nudge[0]
    async with world.sessions() as session:
        session.add(MissedWeek(application_id=app_id, reason="illness", week_of=datetime(2026, 12, 7).date()))
        await session.commit()
    world.clock.now = datetime(2026, 12, 11, 5, 0, tzinfo=UTC)
    await run_ticks(context(world))
    await world.drain()
    assert len([m for m in user.messages if (m.text or "").startswith("📅")]) == 1


async def test_mentor_digest_instead_of_a_message_per_entry(world: World) -> None:
    t = tr("en")
    _, mentor, user, _ = await team(world)
    await mentor.send_text(t("menu-reminders"))
    assert plain(t("digest-off")) in (mentor.last.text or "")
    await mentor.click(data=ReminderCb(action="digest").pack())
    assert plain(t("digest-on")) in (mentor.last.text or "")
    before = len(mentor.messages)
    await session_report(user, t)
    assert len(mentor.messages) == before, "no message per entry"
    world.clock.now = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 08:00 local, before the digest hour
    await run_ticks(context(world))
    await world.drain()
    assert len(mentor.messages) == before
    world.clock.now = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)
    for _ in range(2):
        await run_ticks(context(world))
        await world.drain()
    digest = mentor.messages[before:]
    assert len(digest) == 1 and plain(t("digest-title", count=1)) in (digest[0].text or "")
    async with world.sessions() as session:
        (entry_id,) = (await session.scalars(select(Entry.id))).all()
    await mentor.send_text(t("menu-review-queue"))
    await mentor.click(data=QueueCb(action="open", value=entry_id).pack())
    await mentor.click(data=rv("approve", entry_id))
    world.clock.advance(days=1)
    await run_ticks(context(world))
    await world.drain()
    digests = [m for m in mentor.messages if plain(t("digest-title", count=1)) in (m.text or "")]
    assert len(digests) == 1, "no digest when nothing waits"


async def test_outbox_rows_of_ticks_are_unique(world: World) -> None:
    _, _, user, _ = await team(world)
    world.clock.now = datetime(2026, 12, 1, 12, 40, tzinfo=UTC)
    contexts = [context(world) for _ in range(3)]
    for ctx in contexts:
        await run_ticks(ctx)
    async with world.sessions() as session:
        keys = list(await session.scalars(select(OutboxMessage.key).where(OutboxMessage.chat_id == user.id)))
    reminders = [k for k in keys if k.startswith("session:")]
    assert len(reminders) == len(set(reminders)) == 3


async def test_monthly_rating_prompt_until_rated(world: World) -> None:
    t = tr("en")
    _, _, user, _ = await team(world)
    world.clock.now = datetime(2026, 12, 19, 6, 0, tzinfo=UTC)
    await run_ticks(context(world))
    await world.drain()
    prompt = plain(t("reminder-rating", button=t("menu-rate-mentor")))
    assert not [m for m in user.messages if m.text == prompt]
    world.clock.now = datetime(2026, 12, 20, 6, 0, tzinfo=UTC)
    for _ in range(2):
        await run_ticks(context(world))
        await world.drain()
    assert len([m for m in user.messages if m.text == prompt]) == 1
    await user.send_text(t("menu-rate-mentor"))
    for q in (1, 2, 3):
        await user.click(data=RatingCb(q=q, value=5).pack())
    world.clock.now = datetime(2027, 1, 20, 6, 0, tzinfo=UTC)
    await run_ticks(context(world))
    await world.drain()
    assert len([m for m in user.messages if m.text == prompt]) == 2, "a new month asks again"
