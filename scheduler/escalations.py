"""Deadlines that escalate, derived from the database on every tick (R2.6, R6.2-R6.5, R7.3).

- An application not decided within its 14 working days goes to the mentor's expert; five working
  days later to the regional coordinator.
- An entry not reviewed within REVIEW_DAYS reminds whoever acts for the mentor; after twice as long
  it goes to the expert (or whoever acts for them).
- An appeal not decided within REVIEW_DAYS goes to the regional coordinator.
- A centre that has not signed its agreement is warned after 7 working days and loses its
  registration after 10 (R6.5); its staff and the operators are told.
Each message's key names the object and the step, so it is sent once.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.programme import ApplicationStatus, EntryStatus, Role
from core.workdays import add_working_days, working_days_between
from scheduler.context import JobContext, queue
from storage.models import Application, Centre, Entry, Staff, User
from storage.outbox import existing_keys
from storage.repository import Repository

COORDINATOR_AFTER = 5
"""Working days after the application deadline when the coordinator is told too."""
CENTRE_WARNING, CENTRE_LIMIT = 7, 10


async def tick(ctx: JobContext) -> int:
    async with ctx.sessions() as session:
        repo = Repository(session)
        today = ctx.clock().astimezone(ctx.settings.zone).date()
        new = await late_applications(ctx, repo, today)
        new += await late_entries(ctx, repo)
        new += await late_appeals(ctx, repo)
        new += await unsigned_centres(ctx, repo, today)
        await session.commit()
        return new


async def tell(
    ctx: JobContext, session: AsyncSession, user_id: int | None, key: str, message: str, **args: str | Centre
) -> int:
    """Queues the message in the recipient's language (a centre by its name in that language); 1 when new."""
    user = await session.get(User, user_id) if user_id else None
    if user is None:
        return 0
    t = ctx.translator(user)
    text = t(message, **{k: t.name(v, "name") if isinstance(v, Centre) else v for k, v in args.items()})
    return int(await queue(ctx, session, user, key, text, kind="escalation"))


async def late_applications(ctx: JobContext, repo: Repository, today: date) -> int:
    waiting = await repo.session.scalars(
        select(Application).where(
            Application.status == ApplicationStatus.UNDER_REVIEW.value, Application.review_deadline < today
        )
    )
    new = 0
    for app in waiting:
        assert app.review_deadline is not None
        mentor = await repo.staff(app.mentor_id or 0)
        args = {
            "name": app.full_name or "",
            "mentor": (mentor.full_name if mentor else None) or "—",
            "deadline": app.review_deadline.strftime("%d.%m.%Y"),
        }
        if mentor is not None and mentor.expert_id is not None:
            expert = await repo.acting_for(mentor.expert_id)
            new += await tell(
                ctx,
                repo.session,
                expert,
                f"esc-app:{app.id}:expert",
                "escalation-application",
                **args,
            )
        if today > add_working_days(app.review_deadline, COORDINATOR_AFTER) and app.region_code:
            coordinator = await repo.regional_coordinator(app.region_code)
            if coordinator is not None:
                key = f"esc-app:{app.id}:coordinator"
                new += await tell(ctx, repo.session, coordinator.user_id, key, "escalation-application", **args)
    return new


async def late_entries(ctx: JobContext, repo: Repository) -> int:
    now = ctx.clock()
    limit = timedelta(days=ctx.settings.review_days)
    rows = (
        await repo.session.execute(
            select(Entry, Application)
            .join(Application, Entry.application_id == Application.id)
            .where(Entry.status == EntryStatus.PENDING.value, Entry.submitted_at < now - limit)
        )
    ).all()
    done = await existing_keys(repo.session, [f"esc-entry:{e.id}:expert" for e, _ in rows])
    new = 0
    for entry, app in rows:
        assert entry.submitted_at is not None
        if f"esc-entry:{entry.id}:expert" in done:
            continue
        args = {
            "name": app.full_name or "",
            "date": entry.submitted_at.astimezone(ctx.settings.zone).strftime("%d.%m.%Y"),
        }
        reviewer = await repo.acting_for(app.mentor_id or 0)
        new += await tell(
            ctx,
            repo.session,
            reviewer,
            f"esc-entry:{entry.id}:mentor",
            "escalation-entry-mentor",
            **args,
        )
        mentor = await repo.staff(app.mentor_id or 0)
        if entry.submitted_at < now - 2 * limit and mentor is not None and mentor.expert_id is not None:
            expert = await repo.acting_for(mentor.expert_id)
            args["mentor"] = mentor.full_name or "—"
            new += await tell(
                ctx,
                repo.session,
                expert,
                f"esc-entry:{entry.id}:expert",
                "escalation-entry-expert",
                **args,
            )
    return new


async def late_appeals(ctx: JobContext, repo: Repository) -> int:
    rows = await repo.session.execute(
        select(Entry, Application)
        .join(Application, Entry.application_id == Application.id)
        .where(
            Entry.status == EntryStatus.APPEALED.value,
            Entry.appealed_at < ctx.clock() - timedelta(days=ctx.settings.review_days),
        )
    )
    new = 0
    for entry, app in rows.all():
        coordinator = await repo.regional_coordinator(app.region_code) if app.region_code else None
        if coordinator is not None:
            key = f"esc-appeal:{entry.id}:coordinator"
            new += await tell(
                ctx, repo.session, coordinator.user_id, key, "escalation-appeal", name=app.full_name or ""
            )
    return new


async def unsigned_centres(ctx: JobContext, repo: Repository, today: date) -> int:
    centres = await repo.session.scalars(
        select(Centre).where(Centre.active, Centre.approved_at.is_not(None), Centre.agreement_signed_at.is_(None))
    )
    new = 0
    for centre in centres:
        assert centre.approved_at is not None
        approved = centre.approved_at.astimezone(ctx.settings.zone).date()
        passed = working_days_between(approved, today)
        deadline = add_working_days(approved, CENTRE_LIMIT).strftime("%d.%m.%Y")
        staff = list(
            await repo.session.scalars(
                select(Staff.user_id).where(Staff.centre_id == centre.id, Staff.role == Role.CENTRE.value, Staff.active)
            )
        )
        if passed > CENTRE_LIMIT:
            centre.active = False
            operators = await repo.session.scalars(
                select(Staff.user_id).where(Staff.role == Role.OPERATOR.value, Staff.active)
            )
            for user_id in [*staff, *operators]:
                new += await tell(
                    ctx,
                    repo.session,
                    user_id,
                    f"centre-lost:{centre.id}:{user_id}",
                    "centre-agreement-lost",
                    centre=centre,
                )
        elif passed >= CENTRE_WARNING:
            for user_id in staff:
                new += await tell(
                    ctx,
                    repo.session,
                    user_id,
                    f"centre-warn:{centre.id}:{user_id}",
                    "centre-agreement-warning",
                    centre=centre,
                    deadline=deadline,
                )
    return new
