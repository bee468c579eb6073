"""Mentors who chose a daily digest get one message of pending reviews instead of one per entry (R7.1)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from core.programme import EntryStatus, Role
from scheduler.context import JobContext, queue
from storage.models import Application, Entry, Staff, User
from storage.repository import Repository


async def tick(ctx: JobContext) -> int:
    """After the digest hour, once per local day: who waits for review, oldest first."""
    local = ctx.clock().astimezone(ctx.settings.zone)
    if not ctx.daily_due("digests", local):
        return 0
    async with ctx.sessions() as session:
        repo = Repository(session)
        mentors = await session.execute(
            select(Staff, User)
            .join(User, User.id == Staff.user_id)
            .where(Staff.role == Role.MENTOR.value, Staff.active, Staff.review_digest)
        )
        waiting = await session.execute(
            select(Application.mentor_id, Application.full_name)
            .join(Entry, Entry.application_id == Application.id)
            .where(Entry.status == EntryStatus.PENDING.value)
            .order_by(Entry.submitted_at, Entry.id)
        )
        per_reviewer: dict[int, Counter[str]] = {}
        reviewers: dict[int, int] = {}
        for mentor_id, name in waiting.all():
            mentor = mentor_id or 0
            if mentor not in reviewers:
                reviewers[mentor] = await repo.acting_for(mentor)
            per_reviewer.setdefault(reviewers[mentor], Counter())[name or "—"] += 1
        new = 0
        for staff, user in mentors.all():
            counts = per_reviewer.get(staff.user_id)
            if not counts:
                continue
            t = ctx.translator(user)
            lines = [t("digest-title", count=sum(counts.values()))]
            lines += [t("digest-line", name=name, count=n) for name, n in counts.items()]
            key = f"digest:{staff.user_id}:{local.date().isoformat()}"
            new += await queue(ctx, session, user, key, "\n".join(lines), kind="digest")
        await session.commit()
        ctx.daily_done["digests"] = local.date()
        return new
