"""Participants' reminders, derived from the database on every tick (R5.1, R7.1).

Before each planned session (every tick); once a day after DIGEST_HOUR: a Friday nudge for session
directions with no entry this week, a word when reading falls behind the plan (once a week), a summary
of what is left 30, 14, 7 and 1 days before the level's end, and from the 20th a request to rate the
mentor for the month if not done yet (R6.1).
Each has a key naming the participant and the occasion, so it is queued once however often the tick
runs, and only while the participant has not paused that kind. Keys already queued are looked up in one
query, so a tick over thousands of participants composes only what is new.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core import applications
from core.errors import DomainError
from core.notices import BooksBehind, DeadlineNear, Notice, RatingDue, SessionReminder, WeekNudge
from core.programme import Direction
from core.progress import progress
from core.rating import period_of
from core.reminders import (
    NUDGE_WEEKDAY,
    RATING_DAY,
    books_expected,
    deadline_milestone,
    due_session,
    level_end,
    week_start,
)
from scheduler.context import JobContext
from storage.holder import Holder
from storage.models import Application, ScheduleItem, User


async def tick(ctx: JobContext) -> int:
    """Queues every reminder due now; returns how many were new."""
    async with ctx.unit_of_work() as uow:
        now = ctx.clock()
        local = now.astimezone(ctx.policy.zone)
        participants = await uow.applications.active_with_users()
        items = await uow.applications.active_schedules()
        daily = ctx.daily_due("reminders", local)
        notices: list[Notice] = []
        for app, user in participants:
            if "session" not in user.reminders_off:
                notices += sessions_due(ctx, app, user, items.get(app.id, []), now)
        if daily:
            notices += await daily_reminders(ctx, uow, participants, local)
        new = await uow.commit(notices)
        if daily:
            ctx.daily_done["reminders"] = local.date()
        return new


def sessions_due(
    ctx: JobContext, app: Application, user: User, items: list[ScheduleItem], now: datetime
) -> list[Notice]:
    lead = timedelta(minutes=user.reminder_lead_minutes)
    found: list[Notice] = []
    for item in items:
        start = due_session(item.weekdays, item.time, lead, now, ctx.policy.zone)
        if start is not None:
            found.append(SessionReminder(user.id, app.id, item.direction, item.activity or "—", start))
    return found


async def daily_reminders(
    ctx: JobContext, uow: Holder, participants: list[tuple[Application, User]], local: datetime
) -> list[Notice]:
    today, monday = local.date(), week_start(local.date())
    period = period_of(today)
    candidates = {
        app.id: {
            "week": f"week:{app.id}:{monday.isoformat()}",
            "books": f"books:{app.id}:{monday.isoformat()}",
            "rating": f"rating:{app.id}:{period}",
        }
        for app, _ in participants
    }
    queued = await uow.outbox.existing_keys([key for keys in candidates.values() for key in keys.values()])
    found: list[Notice] = []
    for app, user in participants:
        off, keys = set(user.reminders_off), candidates[app.id]
        if "week" not in off and local.weekday() >= NUDGE_WEEKDAY and keys["week"] not in queued:
            found += await weekly_nudge(ctx, uow, app, user, monday)
        if "books" not in off and keys["books"] not in queued:
            found += await books_behind(ctx, uow, app, user, today)
        if "deadline" not in off:
            found += await deadline_summary(ctx, uow, app, user, today)
        if "rating" not in off and local.day >= RATING_DAY and keys["rating"] not in queued:
            found += await rating_prompt(uow, app, user, period)
    return found


async def weekly_nudge(ctx: JobContext, uow: Holder, app: Application, user: User, monday: date) -> list[Notice]:
    if app.activated_at is None or app.activated_at.astimezone(ctx.policy.zone).date() > monday:
        return []
    if await uow.journal.week_missed(app.id, monday):
        return []
    targets = applications.targets_of(ctx.policy.rules, app)
    written = await uow.entries.directions_written_since(app.id, monday)
    empty = tuple(sorted(d.value for d, t in targets.items() if t.months > 0 and d.value not in written))
    return [WeekNudge(user.id, app.id, monday, empty)] if empty else []


async def books_behind(ctx: JobContext, uow: Holder, app: Application, user: User, today: date) -> list[Notice]:
    targets = applications.targets_of(ctx.policy.rules, app)
    target = targets.get(Direction.READING)
    if target is None:
        return []
    started = applications.started_on(app, ctx.policy.zone)
    expected = books_expected(target, started, level_end(targets, started), today)
    done = {d.book_code for d in await uow.entries.done(app.id) if d.book_code}
    if len(done) >= expected:
        return []
    return [BooksBehind(user.id, app.id, week_start(today), len(done), expected, target.books)]


async def deadline_summary(ctx: JobContext, uow: Holder, app: Application, user: User, today: date) -> list[Notice]:
    try:
        started = applications.started_on(app, ctx.policy.zone)
    except DomainError:
        return []
    targets = applications.targets_of(ctx.policy.rules, app)
    end = level_end(targets, started)
    milestone = deadline_milestone(today, end)
    if milestone is None or await uow.outbox.existing_keys([f"deadline:{app.id}:{milestone}"]):
        return []
    percents = progress(targets, await uow.entries.done(app.id), started)
    unfinished = tuple((d.value, p) for d, p in percents.items() if p < 100)
    return [DeadlineNear(user.id, app.id, milestone, (end - today).days, end, unfinished)]


async def rating_prompt(uow: Holder, app: Application, user: User, period: str) -> list[Notice]:
    if app.mentor_id is None or await uow.ratings.answered(app.id, period):
        return []
    return [RatingDue(user.id, app.id, period)]
