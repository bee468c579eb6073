"""What the scheduler's ticks select: only what is due, each in one statement, whatever the number of
participants (`core/reminders.py`, `core/escalations.py`, `core/digests.py` decide what to do with it).

Whether a message was queued already is asked of the outbox inside the same statement: its keys are built
in SQL the way `core/notices.py` builds them, and the outbox's unique key index answers each probe.
A schedule's weekdays are a JSON list of single digits 0-6, so "the list holds 3" is `LIKE '%3%'` on its
text, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import String, and_, cast, exists, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.programme import ApplicationStatus, Direction, EntryStatus
from core.progress import Done
from core.reminders import Participation, Plan, SessionWindow, StartWindow
from core.rules import individual_key
from storage.batches import batches
from storage.models import (
    Application,
    Entry,
    MissedWeek,
    OutboxMessage,
    RatingBallot,
    ScheduleItem,
    User,
)
from storage.outbox import existing_keys
from storage.repositories.entries import COUNTED_VALUES, done_of

ACTIVE = ApplicationStatus.ACTIVE.value


def key(*parts: Any) -> Any:
    """An outbox key as a SQL expression: literal strings and columns joined, ids as text."""
    expression: Any = literal("")
    for part in parts:
        expression = expression + (part if isinstance(part, str) else cast(part, String))
    return expression


def queued(*parts: Any) -> Any:
    return exists().where(OutboxMessage.key == key(*parts))


def paused_not(kind: str) -> Any:
    """The user has not paused this kind of reminder: `reminders_off` is a JSON list of kinds."""
    return ~cast(User.reminders_off, String).like(f'%"{kind}"%')


ACTIVE_AND_REACHABLE = (
    Application.status == ACTIVE,
    Application.activated_at.is_not(None),
    User.blocked_at.is_(None),
)
PLAN = (
    Application.level,
    cast(Application.directions, String),
    Application.longer_direction,
    Application.heritage_mode,
    Application.heritage_months,
    cast(Application.individual, String),
)
PARTICIPATION = (Application.id, Application.user_id, Application.activated_at, *PLAN)


@lru_cache(maxsize=4096)
def plan(
    level: str,
    directions: str,
    longer: str | None,
    heritage_mode: str | None,
    heritage_months: int | None,
    individual: str | None,
) -> Plan:
    """A plan from its columns, the JSON texts decoded once per distinct text."""
    adjusted = individual_key(json.loads(individual or "{}"))
    return Plan(level, tuple(json.loads(directions)), longer, heritage_mode, heritage_months, adjusted)


def participation(row: Any) -> Participation:
    return Participation(row[0], row[1], row[2], plan(*row[3:9]))


class Due:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def session_starts(
        self, windows: Sequence[SessionWindow]
    ) -> list[tuple[ScheduleItem, Application, User, date]]:
        """Schedule lines of active, reachable participants whose session starts inside their reminder
        window, and whose reminder for that day is not queued yet: (line, application, user, day)."""
        found = []
        for window in windows:
            clock = ScheduleItem.time <= window.until
            if window.after is not None:
                clock = and_(clock, ScheduleItem.time > window.after)
            rows = await self._session.execute(
                select(ScheduleItem, Application, User)
                .join(Application, Application.id == ScheduleItem.application_id)
                .join(User, User.id == Application.user_id)
                .where(
                    Application.status == ACTIVE,
                    User.blocked_at.is_(None),
                    User.reminder_lead_minutes.in_(window.leads),
                    cast(ScheduleItem.weekdays, String).like(f"%{window.day.weekday()}%"),
                    clock,
                    ~queued("session:", Application.id, ":", ScheduleItem.direction, f":{window.day.isoformat()}"),
                )
                .order_by(ScheduleItem.id)
            )
            found += [(item, app, user, window.day) for item, app, user in rows.all()]
        return found

    async def not_nudged(self, monday: date, started_before: datetime) -> list[Participation]:
        """Participants active since before `started_before`, who neither paused the weekly nudge, nor
        reported this week missed, nor were nudged this week."""
        return await self._participations(
            paused_not("week"),
            Application.activated_at < started_before,
            ~exists().where(MissedWeek.application_id == Application.id, MissedWeek.week_of == monday),
            ~queued("week:", Application.id, f":{monday.isoformat()}"),
        )

    async def written_since(self, day: date, app_ids: Sequence[int]) -> dict[int, set[str]]:
        """Per application, the directions with a sent entry whose activity happened on or after `day`."""
        written: defaultdict[int, set[str]] = defaultdict(set)
        for chunk in batches(app_ids):
            rows = await self._session.execute(
                select(Entry.application_id, Entry.direction)
                .where(
                    Entry.application_id.in_(chunk),
                    Entry.activity_date >= day,
                    Entry.status != EntryStatus.DRAFT.value,
                )
                .distinct()
            )
            for app_id, direction in rows.all():
                written[app_id].add(direction)
        return written

    async def readers(self, monday: date) -> list[tuple[Participation, int]]:
        """Participants who read for their level, did not pause the reading reminder and were not sent it
        this week: with the distinct books of their essays that count."""
        books = (
            select(Entry.application_id, func.count(func.distinct(Entry.book_code)).label("read"))
            .where(Entry.book_code.is_not(None), Entry.status.in_(COUNTED_VALUES), Entry.activity_date.is_not(None))
            .group_by(Entry.application_id)
            .subquery()
        )
        rows = await self._session.execute(
            select(*PARTICIPATION, func.coalesce(books.c.read, 0))
            .join(User, User.id == Application.user_id)
            .outerjoin(books, books.c.application_id == Application.id)
            .where(
                *ACTIVE_AND_REACHABLE,
                paused_not("books"),
                cast(Application.directions, String).like(f'%"{Direction.READING.value}"%'),
                ~queued("books:", Application.id, f":{monday.isoformat()}"),
            )
            .order_by(Application.id)
        )
        return [(participation(row), int(row[-1])) for row in rows.all()]

    async def active_plans(self) -> list[Plan]:
        """The distinct plans of the active participants: a hundred or so, however many participants."""
        rows = await self._session.execute(select(*PLAN).where(Application.status == ACTIVE).distinct())
        return [plan(*row) for row in rows.all()]

    async def nearing_end(self, windows: Sequence[StartWindow]) -> list[Participation]:
        """Participants who did not pause the deadline summaries, activated inside one of the windows."""
        if not windows:
            return []
        return await self._participations(
            paused_not("deadline"),
            or_(
                *(
                    and_(
                        Application.level == w.level,
                        Application.activated_at >= w.since,
                        Application.activated_at < w.until,
                    )
                    for w in windows
                )
            ),
        )

    async def unrated(self, period: str) -> list[tuple[int, int]]:
        """(user, application) of participants with a mentor who have not rated them for `period`, did not
        pause the prompt and were not sent it yet."""
        rows = await self._session.execute(
            select(User.id, Application.id)
            .join(User, User.id == Application.user_id)
            .where(
                *ACTIVE_AND_REACHABLE,
                paused_not("rating"),
                Application.mentor_id.is_not(None),
                ~exists().where(RatingBallot.application_id == Application.id, RatingBallot.period == period),
                ~queued("rating:", Application.id, f":{period}"),
            )
            .order_by(Application.id)
        )
        return [(user_id, app_id) for user_id, app_id in rows.all()]

    async def _participations(self, *conditions: Any) -> list[Participation]:
        rows = await self._session.execute(
            select(*PARTICIPATION)
            .join(User, User.id == Application.user_id)
            .where(*ACTIVE_AND_REACHABLE, *conditions)
            .order_by(Application.id)
        )
        return [participation(row) for row in rows.all()]

    async def done_of(self, app_ids: Sequence[int]) -> dict[int, list[Done]]:
        """`Entries.done` for several applications in one statement."""
        return await done_of(self._session, app_ids)

    async def queued_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of these keys are queued, for the few keys a tick cannot probe inside its selection."""
        return await existing_keys(self._session, keys)

    async def overdue_applications(self, today: date, coordinator_by: date) -> list[tuple[Application, bool, bool]]:
        """Applications under review past their deadline whose escalation is not queued yet: to the expert,
        or (deadline on or before `coordinator_by`) to the coordinator. With whether each is queued."""
        to_expert = queued("esc-app:", Application.id, ":expert")
        to_coordinator = queued("esc-app:", Application.id, ":coordinator")
        rows = await self._session.execute(
            select(Application, to_expert, to_coordinator)
            .where(
                Application.status == ApplicationStatus.UNDER_REVIEW.value,
                Application.review_deadline < today,
                or_(~to_expert, and_(Application.review_deadline <= coordinator_by, ~to_coordinator)),
            )
            .order_by(Application.id)
        )
        return [(app, bool(e), bool(c)) for app, e, c in rows.all()]

    async def overdue_entries(
        self, mentor_before: datetime, expert_before: datetime
    ) -> list[tuple[Entry, Application, bool, bool]]:
        """Pending entries sent before `mentor_before` whose reminder to the mentor is not queued, or sent
        before `expert_before` whose escalation to the expert is not: with whether each is queued."""
        to_mentor = queued("esc-entry:", Entry.id, ":mentor")
        to_expert = queued("esc-entry:", Entry.id, ":expert")
        rows = await self._session.execute(
            select(Entry, Application, to_mentor, to_expert)
            .join(Application, Entry.application_id == Application.id)
            .where(
                Entry.status == EntryStatus.PENDING.value,
                Entry.submitted_at < mentor_before,
                or_(~to_mentor, and_(Entry.submitted_at < expert_before, ~to_expert)),
            )
            .order_by(Entry.id)
        )
        return [(e, a, bool(m), bool(x)) for e, a, m, x in rows.all()]

    async def overdue_appeals(self, before: datetime) -> list[tuple[Entry, Application]]:
        """Appeals undecided since before `before` whose escalation to the coordinator is not queued."""
        rows = await self._session.execute(
            select(Entry, Application)
            .join(Application, Entry.application_id == Application.id)
            .where(
                Entry.status == EntryStatus.APPEALED.value,
                Entry.appealed_at < before,
                ~queued("esc-appeal:", Entry.id, ":coordinator"),
            )
            .order_by(Entry.id)
        )
        return [(e, a) for e, a in rows.all()]

    async def pending_per_participant(self, mentor_ids: Sequence[int]) -> list[tuple[int | None, str | None, int]]:
        """(mentor, participant's name, entries waiting) for these mentors' participants, oldest first."""
        if not mentor_ids:
            return []
        rows = await self._session.execute(
            select(Application.mentor_id, Application.full_name, func.count(), func.min(Entry.submitted_at))
            .join(Entry, Entry.application_id == Application.id)
            .where(
                Entry.status == EntryStatus.PENDING.value,
                Application.mentor_id.in_(mentor_ids),
            )
            .group_by(Application.id, Application.mentor_id, Application.full_name)
            .order_by(func.min(Entry.submitted_at), Application.id)
        )
        return [(mentor, name, int(n)) for mentor, name, n, _ in rows.all()]
