"""Mentors who chose a daily digest get one message of pending reviews instead of one per entry (R7.2)."""

from __future__ import annotations

from collections import Counter

from core.notices import Notice, ReviewDigest
from scheduler.context import JobContext


async def tick(ctx: JobContext) -> int:
    """After the digest hour, once per local day: who waits for review, oldest first."""
    local = ctx.clock().astimezone(ctx.policy.zone)
    if not ctx.daily_due("digests", local):
        return 0
    async with ctx.unit_of_work() as uow:
        per_reviewer: dict[int, Counter[str]] = {}
        reviewers: dict[int, int] = {}
        for mentor_id, name in await uow.entries.pending_names():
            mentor = mentor_id or 0
            if mentor not in reviewers:
                reviewers[mentor] = await uow.staff.acting_for(mentor)
            per_reviewer.setdefault(reviewers[mentor], Counter())[name or "—"] += 1
        notices: list[Notice] = []
        for staff, _ in await uow.staff.digest_mentors():
            counts = per_reviewer.get(staff.user_id)
            if counts:
                notices.append(ReviewDigest(staff.user_id, local.date(), tuple(counts.items())))
        new = await uow.commit(notices)
        ctx.daily_done["digests"] = local.date()
        return new
