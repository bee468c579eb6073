"""Mentors who chose a daily digest get one message of pending reviews instead of one per entry (R7.2)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from core.notices import Notice, ReviewDigest
from core.ports import UnitOfWork


async def queue_due(uow: UnitOfWork, day: date) -> int:
    """Once a local day: per reviewer (the mentor, or whoever acts for them) who waits, oldest first."""
    per_reviewer: dict[int, Counter[str]] = {}
    reviewers: dict[int, int] = {}
    for mentor_id, name in await uow.entries.pending_names():
        mentor = mentor_id or 0
        if mentor not in reviewers:
            reviewers[mentor] = await uow.staff.acting_for(mentor)
        per_reviewer.setdefault(reviewers[mentor], Counter())[name or "—"] += 1
    notices: list[Notice] = []
    for mentor_id in await uow.staff.digest_mentors():
        counts = per_reviewer.get(mentor_id)
        if counts:
            notices.append(ReviewDigest(mentor_id, day, tuple(counts.items())))
    return await uow.commit(notices)
