"""Participants' reminders, derived from the database on every tick (R5.1, R7.1).

Before each planned session (every tick); once a day after DIGEST_HOUR: a Friday nudge for session
directions with no entry this week, a word when reading falls behind the plan (once a week), a summary
of what is left 30, 14, 7 and 1 days before the level's end, and from the 20th a request to rate the
mentor for the month if not done yet (R6.1).
Each has a key naming the participant and the occasion, so it is queued once however often the tick
runs, and only while the participant has not paused that kind.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core import applications
from core.errors import DomainError
from core.programme import ApplicationStatus, Direction, EntryStatus
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
from scheduler.context import JobContext, queue
from storage.models import Application, Entry, MissedWeek, RatingBallot, ScheduleItem, User
from storage.outbox import key_exists
from storage.repository import Repository


async def tick(ctx: JobContext) -> int:
    """Queues every reminder due now; returns how many were new."""
    async with ctx.sessions() as session:
        now = ctx.clock()
        local = now.astimezone(ctx.settings.zone)
        participants = list(
            (
                await session.execute(
                    select(Application, User)
                    .join(User, User.id == Application.user_id)
                    .where(Application.status == ApplicationStatus.ACTIVE.value, User.blocked_at.is_(None))
                    .order_by(Application.id)
                )
            ).all()
        )
        items: defaultdict[int, list[ScheduleItem]] = defaultdict(list)
        for item in await session.scalars(
            select(ScheduleItem)
            .join(Application, Application.id == ScheduleItem.application_id)
            .where(Application.status == ApplicationStatus.ACTIVE.value)
        ):
            items[item.application_id].append(item)
        daily = ctx.daily_due("reminders", local)
        new = 0
        for app, user in participants:
            off = set(user.reminders_off)
            if "session" not in off:
                new += await sessions_due(ctx, session, app, user, items[app.id], now)
            if not daily:
                continue
            if "week" not in off and local.weekday() >= NUDGE_WEEKDAY:
                new += await weekly_nudge(ctx, session, app, user, local.date())
            if "books" not in off:
                new += await books_behind(ctx, session, app, user, local.date())
            if "deadline" not in off:
                new += await deadline_summary(ctx, session, app, user, local.date())
            if "rating" not in off and local.day >= RATING_DAY:
                new += await rating_prompt(ctx, session, app, user, local.date())
        await session.commit()
        if daily:
            ctx.daily_done["reminders"] = local.date()
        return new


async def sessions_due(
    ctx: JobContext, session: AsyncSession, app: Application, user: User, items: list[ScheduleItem], now: datetime
) -> int:
    t = ctx.translator(user)
    lead = timedelta(minutes=user.reminder_lead_minutes)
    new = 0
    for item in items:
        start = due_session(item.weekdays, item.time, lead, now, ctx.settings.zone)
        if start is None:
            continue
        text = t(
            "reminder-session",
            direction=t(f"direction-{item.direction}"),
            activity=item.activity or "—",
            time=start.strftime("%H:%M"),
        )
        key = f"session:{app.id}:{item.direction}:{start.date().isoformat()}"
        new += await queue(ctx, session, user, key, text, kind="reminder", latest=start)
    return new


async def weekly_nudge(ctx: JobContext, session: AsyncSession, app: Application, user: User, today: date) -> int:
    monday = week_start(today)
    key = f"week:{app.id}:{monday.isoformat()}"
    if app.activated_at is None or app.activated_at.astimezone(ctx.settings.zone).date() > monday:
        return 0
    if await key_exists(session, key):
        return 0
    missed = await session.scalar(
        select(MissedWeek.id).where(MissedWeek.application_id == app.id, MissedWeek.week_of == monday)
    )
    if missed is not None:
        return 0
    targets = applications.targets_of(ctx.rules, app)
    weekly = {d for d, target in targets.items() if target.months > 0}
    written = set(
        await session.scalars(
            select(Entry.direction).where(
                Entry.application_id == app.id,
                Entry.activity_date >= monday,
                Entry.status != EntryStatus.DRAFT.value,
            )
        )
    )
    empty = sorted(d.value for d in weekly if d.value not in written)
    if not empty:
        return 0
    t = ctx.translator(user)
    text = t("reminder-week", directions=", ".join(t(f"direction-{d}") for d in empty))
    return await queue(ctx, session, user, key, text, kind="reminder")


async def books_behind(ctx: JobContext, session: AsyncSession, app: Application, user: User, today: date) -> int:
    key = f"books:{app.id}:{week_start(today).isoformat()}"
    target = applications.targets_of(ctx.rules, app).get(Direction.READING)
    if target is None or await key_exists(session, key):
        return 0
    started = applications.started_on(app, ctx.settings.zone)
    end = level_end(applications.targets_of(ctx.rules, app), started)
    expected = books_expected(target, started, end, today)
    done = {d.book_code for d in await Repository(session).done_entries(app.id) if d.book_code}
    if len(done) >= expected:
        return 0
    text = ctx.translator(user)("reminder-books", done=len(done), expected=expected, total=target.books)
    return await queue(ctx, session, user, key, text, kind="reminder")


async def deadline_summary(ctx: JobContext, session: AsyncSession, app: Application, user: User, today: date) -> int:
    try:
        started = applications.started_on(app, ctx.settings.zone)
    except DomainError:
        return 0
    targets = applications.targets_of(ctx.rules, app)
    end = level_end(targets, started)
    milestone = deadline_milestone(today, end)
    key = f"deadline:{app.id}:{milestone}"
    if milestone is None or await key_exists(session, key):
        return 0
    percents = progress(targets, await Repository(session).done_entries(app.id), started)
    t = ctx.translator(user)
    lines = [t("reminder-deadline", days=(end - today).days, date=end.strftime("%d.%m.%Y"))]
    lines += [
        t("diary-direction", direction=t(f"direction-{d.value}"), percent=p) for d, p in percents.items() if p < 100
    ]
    return await queue(ctx, session, user, key, "\n".join(lines), kind="reminder")


async def rating_prompt(ctx: JobContext, session: AsyncSession, app: Application, user: User, today: date) -> int:
    period = period_of(today)
    key = f"rating:{app.id}:{period}"
    if app.mentor_id is None or await key_exists(session, key):
        return 0
    ballot = await session.scalar(
        select(RatingBallot.id).where(RatingBallot.application_id == app.id, RatingBallot.period == period)
    )
    if ballot is not None:
        return 0
    t = ctx.translator(user)
    return await queue(ctx, session, user, key, t("reminder-rating", button=t("menu-rate-mentor")), kind="reminder")
