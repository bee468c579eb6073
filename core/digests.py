"""Mentors who chose a daily digest get one message of pending reviews instead of one per entry (R7.2)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from core.notices import Notice, ReviewDigest
from core.ports import UnitOfWork


async def queue_due(uow: UnitOfWork, day: date) -> int:
    """Once a local day: per reviewer who chose the digest (the mentor, or whoever acts for them), the
    participants waiting, oldest first. Only the entries of mentors whose reviewer has no digest queued
    today are read."""
    keys = {m: ReviewDigest(m, day, ()).key for m in await uow.staff.digest_mentors()}
    queued = await uow.due.queued_keys(list(keys.values()))
    digest = {mentor for mentor, key in keys.items() if key not in queued}
    if not digest:
        return await uow.commit([])
    staff = await uow.staff.everyone()
    reviewer = {m.user_id: await uow.staff.acting_for(m.user_id) for m in staff}
    reviewed = [mentor for mentor, acting in reviewer.items() if acting in digest]
    per_reviewer: dict[int, Counter[str]] = {}
    for mentor_id, name, count in await uow.due.pending_per_participant(reviewed):
        per_reviewer.setdefault(reviewer[mentor_id or 0], Counter())[name or "—"] += count
    notices: list[Notice] = [
        ReviewDigest(mentor_id, day, tuple(per_reviewer[mentor_id].items()))
        for mentor_id in sorted(digest)
        if per_reviewer.get(mentor_id)
    ]
    return await uow.commit(notices)
