"""The scheduler's set-based ticks (`storage/repositories/due.py`) against the per-application rules they
replaced: the same notices, each passed to commit once, in a number of statements that does not grow with
the number of participants, entries or applications.

The publisher here writes every notice's key to the outbox, as the bot's does, so "already queued?" is
answered by the database; it also keeps what each commit was handed, empty lists included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, event, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.notifications import OutboxPublisher
from core import applications, digests, escalations, reminders
from core.errors import DomainError
from core.notices import (
    AppealOverdue,
    AppealToArbiter,
    ApplicationOverdue,
    BooksBehind,
    DeadlineNear,
    EntryOverdue,
    Notice,
    RatingDue,
    ReviewDigest,
    SessionReminder,
    WeekNudge,
)
from core.programme import Direction, Role
from core.progress import progress
from core.rating import period_of
from core.workdays import add_working_days, is_working_day
from locales.translations import Translations
from storage.holder import Holder
from storage.models import (
    BOOKS_READ,
    Application,
    Entry,
    EntryMedia,
    MissedWeek,
    OutboxMessage,
    RatingBallot,
    ScheduleItem,
    Staff,
    User,
)
from storage.repositories.due import COUNTED_VALUES
from tests.unit.usecases.conftest import (
    COORDINATOR,
    EXPERT,
    MENTOR,
    NOW,
    OTHER_EXPERT,
    OTHER_MENTOR,
    POLICY,
    THIRD_MENTOR,
    ZONE,
    Store,
    add_staff,
    change,
)

ACTING_EXPERT = 202
"""Acts for OTHER_EXPERT, who is away."""
DAY = timedelta(days=1)
REVIEW = timedelta(days=POLICY.review_days)


# --- a publisher that queues, and a unit of work that shows what each commit was handed ------------------


@dataclass
class OutboxWriter:
    """Writes each notice's key to the outbox (one row per notice, as the bot's renderer does for these
    kinds), and remembers every list handed to commit; with `statements`, also how many statements had
    run when commit was called: the selection's cost, without the writing's."""

    passed: list[list[Notice]] = field(default_factory=list)
    statements: list[str] | None = None
    selecting: list[int] = field(default_factory=list)

    async def publish(self, uow: Holder, notices: Sequence[Notice]) -> int:
        rows = [
            {"key": n.key, "chat_id": n.recipient, "kind": n.kind, "method": "sendMessage", "params": {}}
            for n in notices
        ]
        return await uow.outbox.enqueue_many(rows, NOW)


class Tick(Holder):
    def __init__(self, session: AsyncSession, writer: OutboxWriter) -> None:
        super().__init__(session, writer)
        self.writer = writer

    async def commit(self, notices: Sequence[Notice] = ()) -> int:
        self.writer.passed.append(list(notices))
        if self.writer.statements is not None:
            self.writer.selecting.append(len(self.writer.statements))
        return await super().commit(notices)


Job = Callable[[Holder], Awaitable[int]]


def sessions_at(now: datetime) -> Job:
    return lambda uow: reminders.queue_due(uow, now, POLICY, daily=False)


def daily_at(local: datetime) -> Job:
    return lambda uow: reminders.queue_due(uow, local.astimezone(UTC), POLICY, daily=True)


def escalations_at(now: datetime) -> Job:
    return lambda uow: escalations.queue_due(uow, now, POLICY)


def digests_on(day: date) -> Job:
    return lambda uow: digests.queue_due(uow, day)


async def run(store: Store, writer: OutboxWriter, job: Job) -> tuple[int, list[Notice]]:
    """One tick in a unit of work of its own: (what it returned, the notices it handed to commit)."""
    async with store.sessions() as session:
        returned = await job(Tick(session, writer))
    return returned, writer.passed[-1]


@contextmanager
def counting(engine: AsyncEngine, writer: OutboxWriter) -> Iterator[list[str]]:
    """Every statement sent to the database meanwhile."""
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    writer.statements = statements
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
        writer.statements = None


async def selection_cost(engine: AsyncEngine, store: Store, writer: OutboxWriter, job: Job) -> int:
    """Statements a tick ran before it committed."""
    with counting(engine, writer):
        await run(store, writer, job)
    return writer.selecting[-1]


async def clear_outbox(store: Store) -> None:
    async with store.sessions() as session, session.begin():
        await session.execute(delete(OutboxMessage))


async def queue_keys(store: Store, *keys: str) -> None:
    """Outbox rows as earlier ticks would have left them."""
    async with store.sessions() as session, session.begin():
        for key in keys:
            session.add(
                OutboxMessage(
                    key=key, chat_id=1, kind="reminder", method="sendMessage", params={}, not_before=NOW, created_at=NOW
                )
            )


async def outbox_keys(store: Store) -> set[str]:
    async with store.sessions() as session:
        return set(await session.scalars(select(OutboxMessage.key)))


def counted(notices: Sequence[Notice]) -> Counter[Notice]:
    return Counter(notices)


def difference(expected: Counter[Any], actual: Counter[Any]) -> str:
    missing, extra = expected - actual, actual - expected
    return f"missing {sorted(missing.items(), key=repr)[:12]}; extra {sorted(extra.items(), key=repr)[:12]}"


# --- rows ------------------------------------------------------------------------------------------------


def application(
    user_id: int,
    mentor_id: int | None,
    *,
    status: str = "active",
    activated_at: datetime | None = None,
    level: str = "bronze",
    directions: Sequence[str] = ("sport", "talent", "reading"),
    **values: Any,
) -> Application:
    """An application row as `conftest.add_application` makes it, for inserting many in one transaction."""
    return Application(
        user_id=user_id,
        programme_year=POLICY.rules.year,
        status=status,
        step="review",
        pd_consent_at=NOW - timedelta(days=200),
        full_name=f"Participant {user_id}",
        birth_date=date(2000, 5, 15),
        phone="+77010000000",
        photo_file_id="photo",
        photo_unique_id="photo-u",
        region_code="astana",
        locality_code="astana",
        study_place="Nazarbayev University",
        about="About me",
        hobbies="Chess",
        level=level,
        directions=list(directions),
        partners={},
        mentor_id=mentor_id,
        submitted_at=NOW - timedelta(days=200),
        review_deadline=(NOW - timedelta(days=190)).date(),
        activated_at=activated_at,
        **values,
    )


async def add_apps(store: Store, rows: Sequence[tuple[User, Application]]) -> list[int]:
    """Users and their applications in one transaction; the applications' ids."""
    async with store.sessions() as session, session.begin():
        session.add_all([user for user, _ in rows])
        await session.flush()
        session.add_all([app for _, app in rows])
        await session.flush()
        return [app.id for _, app in rows]


async def add_rows(store: Store, *rows: Any) -> None:
    async with store.sessions() as session, session.begin():
        session.add_all(rows)


def entry(app_id: int, status: str, direction: str = "sport", **values: Any) -> Entry:
    kind = "essay" if direction == "reading" else "session"
    return Entry(application_id=app_id, direction=direction, kind=kind, status=status, step="confirm", **values)


# --- 1. session reminders -----------------------------------------------------------------------------------


def due_session(weekdays: list[int], at: str | None, lead: timedelta, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The per-application rule the set-based selection replaced (`git show HEAD:core/reminders.py`), copied
    as the oracle: the start of a planned session whose reminder window [start - lead, start) contains now."""
    if not weekdays or not at:
        return None
    local = now.astimezone(zone)
    clock = time.fromisoformat(at)
    for offset in (0, 1):
        day = local.date() + timedelta(days=offset)
        if day.weekday() not in weekdays:
            continue
        start = datetime.combine(day, clock, zone)
        if start - lead <= local < start:
            return start
    return None


LOCAL_NOWS = (
    datetime(2026, 12, 1, 18, 29, 30, tzinfo=ZONE),  # Tuesday, with seconds
    datetime(2026, 12, 1, 23, 30, tzinfo=ZONE),  # Tuesday night: every lead reaches into Wednesday
    datetime(2026, 12, 3, 0, 0, tzinfo=ZONE),  # Thursday, midnight exactly
    datetime(2026, 12, 6, 23, 15, tzinfo=ZONE),  # Sunday night into Monday
    datetime(2026, 12, 5, 12, 0, tzinfo=ZONE),  # Saturday noon
    datetime(2026, 12, 7, 21, 0, tzinfo=ZONE),  # Monday: the 180-minute window ends at midnight exactly
    datetime(2026, 12, 2, 22, 59, 59, tzinfo=ZONE),  # Wednesday, a second before the hour
    datetime(2026, 12, 4, 23, 59, tzinfo=ZONE),  # Friday, the last minute of the day
)
LEADS = reminders.LEAD_MINUTES
WEEKDAYS: tuple[list[int], ...] = (
    [],
    [0, 1, 2, 3, 4, 5, 6],
    [0],
    [6],
    [1, 3],
    [5, 6],
    [0, 6],
    [2, 4, 5],
    [3, 4],
)
"""For every `now` above, lists holding today and tomorrow, only one of them, or neither."""
SESSION_DIRECTIONS = ("sport", "talent", "reading", "heritage", "volunteering", "tourism")
"""A reminder's key names the direction: an application has one line per direction."""


def critical_times() -> list[str | None]:
    """Times that sit on an edge for some `now`: now itself and now + each lead, a minute either side, and
    the ends of the day; plus lines without a time, which are never reminded."""
    found: set[str] = {"00:00", "00:15", "23:59", "23:45", "12:00"}
    for local in LOCAL_NOWS:
        floor = local.replace(second=0)
        for lead in (0, *LEADS):
            for delta in (-1, 0, 1):
                found.add((floor + timedelta(minutes=lead + delta)).strftime("%H:%M"))
    return [*sorted(found), None, ""]


@dataclass(frozen=True)
class Line:
    direction: str
    weekdays: list[int]
    time: str | None
    activity: str | None


@dataclass
class Person:
    user_id: int
    lead: int
    lines: list[Line]
    off: tuple[str, ...] = ()
    blocked: bool = False
    status: str = "active"
    app_id: int = 0

    @property
    def reminded(self) -> bool:
        return self.status == "active" and not self.blocked and "session" not in self.off


def population() -> list[Person]:
    """Every lead x weekday list x critical time, six lines an application; and people who must get no
    session reminder though their lines are due: blocked, with sessions paused, not active."""
    people: list[Person] = []
    user_id = 5000
    n = 0
    for lead in LEADS:
        lines: list[Line] = []
        for weekdays in WEEKDAYS:
            for at in critical_times():
                n += 1
                lines.append(Line("", weekdays, at, None if n % 7 == 0 else f"Club {n}"))
        for start in range(0, len(lines), len(SESSION_DIRECTIONS)):
            chunk = lines[start : start + len(SESSION_DIRECTIONS)]
            named = zip(SESSION_DIRECTIONS, chunk, strict=False)
            user_id += 1
            people.append(
                Person(
                    user_id,
                    lead,
                    [Line(d, line.weekdays, line.time, line.activity) for d, line in named],
                    off=("week", "books") if user_id % 3 == 0 else (),
                )
            )
    # A line due at every `now` for a 180-minute lead: an hour ahead, every day.
    due_everywhere = [(local + timedelta(hours=1)).strftime("%H:%M") for local in LOCAL_NOWS]
    excluded: list[dict[str, Any]] = [
        {"blocked": True},
        {"off": ("session",)},
        {"off": ("session", "week")},
        {"status": "under_review"},
        {"status": "completed"},
        {"status": "withdrawn"},
    ]
    for values in excluded:
        for start in range(0, len(due_everywhere), len(SESSION_DIRECTIONS)):
            times = due_everywhere[start : start + len(SESSION_DIRECTIONS)]
            user_id += 1
            lines = [Line(d, list(range(7)), at, "Club") for d, at in zip(SESSION_DIRECTIONS, times, strict=False)]
            people.append(Person(user_id, 180, lines, **values))
    return people


async def add_people(store: Store, people: Sequence[Person]) -> None:
    rows = [
        (
            User(
                id=p.user_id,
                locale="en",
                reminder_lead_minutes=p.lead,
                reminders_off=list(p.off),
                blocked_at=NOW if p.blocked else None,
            ),
            application(p.user_id, None, status=p.status, activated_at=NOW - timedelta(days=30)),
        )
        for p in people
    ]
    for p, app_id in zip(people, await add_apps(store, rows), strict=True):
        p.app_id = app_id
    await add_rows(
        store,
        *(
            ScheduleItem(
                application_id=p.app_id,
                direction=line.direction,
                activity=line.activity,
                weekdays=line.weekdays,
                time=line.time,
                minutes_per_week=60,
            )
            for p in people
            for line in p.lines
        ),
    )


Reminded = tuple[int, int, str, str, datetime]


def oracle(people: Sequence[Person], now: datetime) -> tuple[Counter[Reminded], Counter[Reminded]]:
    """(what the old rule reminds of now, what it would have reminded the excluded people of)."""
    expected: Counter[Reminded] = Counter()
    excluded: Counter[Reminded] = Counter()
    for p in people:
        for line in p.lines:
            start = due_session(line.weekdays, line.time, timedelta(minutes=p.lead), now, ZONE)
            if start is not None:
                found = expected if p.reminded else excluded
                found[(p.user_id, p.app_id, line.direction, line.activity or "—", start)] += 1
    return expected, excluded


async def test_session_reminders_are_exactly_those_of_the_per_application_rule(store: Store) -> None:
    """For each `now`, from an empty outbox: the reminders handed to commit are the old rule's, each once,
    and a second tick at the same moment hands commit nothing (the selection skips queued keys)."""
    people = population()
    await add_people(store, people)
    writer = OutboxWriter()
    for local in LOCAL_NOWS:
        now = local.astimezone(UTC)
        await clear_outbox(store)
        expected, excluded = oracle(people, now)
        assert expected, f"{local}: the population has nothing due"
        assert excluded, f"{local}: the excluded people have nothing due, so their exclusion proves nothing"

        returned, passed = await run(store, writer, sessions_at(now))

        assert all(isinstance(n, SessionReminder) for n in passed)
        actual: Counter[Reminded] = Counter(
            (n.recipient, n.app_id, n.direction, n.activity, n.start) for n in passed if isinstance(n, SessionReminder)
        )
        assert actual == expected, f"{local}: {difference(expected, actual)}"
        assert returned == len(passed) == sum(expected.values())
        assert await outbox_keys(store) == {n.key for n in passed}

        returned, passed = await run(store, writer, sessions_at(now))
        assert (returned, passed) == (0, []), f"{local}: the second tick selected {passed[:5]}"


async def test_a_reminder_queued_at_one_moment_is_not_selected_again_later_in_its_window(store: Store) -> None:
    """Ticks every minute across a Sunday night: each session is reminded once, at the first tick of its
    window, though the window spans many ticks (and crosses midnight)."""
    people = [
        Person(6001, 60, [Line("sport", [6], "23:59", "Run"), Line("talent", [0], "00:00", "Sing")]),
        Person(6002, 180, [Line("sport", [0], "01:30", "Run"), Line("reading", [0, 6], "00:15", None)]),
        Person(6003, 30, [Line("sport", [0, 6], "00:10", "Run"), Line("talent", [6], "23:45", "Draw")]),
    ]
    await add_people(store, people)
    writer = OutboxWriter()
    first_seen: dict[str, datetime] = {}
    expected_first: dict[str, datetime] = {}
    local = datetime(2026, 12, 6, 21, 0, tzinfo=ZONE)
    while local <= datetime(2026, 12, 7, 2, 0, tzinfo=ZONE):
        now = local.astimezone(UTC)
        _, passed = await run(store, writer, sessions_at(now))
        for notice in passed:
            assert notice.key not in first_seen, f"{notice.key} handed to commit again at {local}"
            first_seen[notice.key] = local
        due, _ = oracle(people, now)
        for _, app_id, direction, _, start in due:
            expected_first.setdefault(f"session:{app_id}:{direction}:{start.date().isoformat()}", local)
        local += timedelta(minutes=1)
    assert first_seen == expected_first
    assert len(first_seen) == 6


# --- 2. the coordinator's cutoff ------------------------------------------------------------------------------


def test_coordinator_cutoff_is_the_old_working_day_condition() -> None:
    """`deadline <= coordinator_cutoff(today)`, which the database compares, holds exactly when the old
    per-application test `today > add_working_days(deadline, COORDINATOR_AFTER)` did, across weekends and
    Kazakhstan's holidays (16 December, New Year, 7 January, 8 and 15 March, Nauryz)."""
    holidays_seen = 0
    for first in (date(2026, 12, 1), date(2027, 3, 1)):
        for n in range(60):
            today = first + n * DAY
            holidays_seen += today.weekday() < 5 and not is_working_day(today)
            cutoff = escalations.coordinator_cutoff(today)
            for back in range(1, 31):
                deadline = today - back * DAY
                old = today > add_working_days(deadline, escalations.COORDINATOR_AFTER)
                assert (deadline <= cutoff) == old, (today, deadline, cutoff)
    assert holidays_seen >= 8


# --- 3. escalations -------------------------------------------------------------------------------------------


async def escalation_staff(store: Store) -> None:
    """MENTOR under EXPERT; OTHER_MENTOR under OTHER_EXPERT, who is away with ACTING_EXPERT acting; the
    coordinator of the participants' region."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert Person")
    await add_staff(store, ACTING_EXPERT, Role.EXPERT, "Acting Expert")
    await add_staff(store, OTHER_EXPERT, Role.EXPERT, "Away Expert")
    await change(store, Staff, OTHER_EXPERT, absent_since=NOW - 40 * DAY, substitute_id=ACTING_EXPERT)
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person", expert_id=EXPERT)
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other Mentor", expert_id=OTHER_EXPERT)
    await add_staff(store, COORDINATOR, Role.COORDINATOR, "Coordinator", region_code="astana")


@dataclass(frozen=True)
class Overdue:
    """A message of the old rule and the moment after which it was due: a local day (`x < today`,
    `today > x`) or an instant (`sent < now - limit`, that is `now > sent + limit`)."""

    notice: Notice
    after_day: date | None = None
    after: datetime | None = None

    def due(self, now: datetime) -> bool:
        if self.after_day is not None:
            return POLICY.today(now) > self.after_day
        assert self.after is not None
        return now > self.after


def old_rules(
    apps: Sequence[tuple[int, date, int]],
    entries: Sequence[tuple[int, datetime, int, int]],
    appeals: Sequence[tuple[int, datetime]],
) -> list[Overdue]:
    """What `git show HEAD:core/escalations.py` sent, and when: applications (id, deadline, acting expert),
    pending entries (id, sent, acting mentor, acting expert), appeals (id, appealed)."""
    found: list[Overdue] = []
    for app_id, deadline, expert in apps:
        found.append(Overdue(ApplicationOverdue(expert, app_id, "expert"), after_day=deadline))
        coordinator_after = add_working_days(deadline, escalations.COORDINATOR_AFTER)
        found.append(Overdue(ApplicationOverdue(COORDINATOR, app_id, "coordinator"), after_day=coordinator_after))
    for entry_id, sent, mentor, expert in entries:
        sent_on = POLICY.today(sent)
        found.append(Overdue(EntryOverdue(mentor, entry_id, "mentor", sent_on), after=sent + REVIEW))
        found.append(Overdue(EntryOverdue(expert, entry_id, "expert", sent_on), after=sent + 2 * REVIEW))
    for entry_id, appealed in appeals:
        found.append(Overdue(AppealOverdue(COORDINATOR, entry_id), after=appealed + REVIEW))
    return found


async def test_escalations_reach_each_recipient_once_when_the_old_rule_first_said_so(store: Store) -> None:
    """Ticks twice a day over three weeks (across the 16 December holiday), each run twice: every message
    is handed to commit exactly once, at the first tick the old rule made it due; the repeated run hands
    commit nothing."""
    await escalation_staff(store)
    mine, others = date(2026, 12, 11), date(2026, 12, 10)
    sent = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    rows = [
        (User(id=1000 + n, locale="en"), application(1000 + n, mentor, status=status, activated_at=activated))
        for n, (mentor, status, activated) in enumerate(
            [
                (MENTOR, "under_review", None),
                (OTHER_MENTOR, "under_review", None),
                (MENTOR, "active", NOW - 60 * DAY),
                (OTHER_MENTOR, "active", NOW - 60 * DAY),
            ]
        )
    ]
    mine_id, others_id, active_id, other_active_id = await add_apps(store, rows)
    await change(store, Application, mine_id, review_deadline=mine)
    await change(store, Application, others_id, review_deadline=others)
    pending = entry(active_id, "pending", submitted_at=sent)
    # Sent long before the first tick: the mentor's reminder and the expert's escalation come together.
    stale = entry(other_active_id, "pending", submitted_at=sent - 10 * DAY)
    appeal = entry(active_id, "appealed", direction="talent", submitted_at=sent - 9 * DAY, appealed_at=sent + DAY)
    reviewed = entry(active_id, "approved", submitted_at=sent - 20 * DAY)
    await add_rows(store, pending, stale, appeal, reviewed)
    rules = old_rules(
        [(mine_id, mine, EXPERT), (others_id, others, ACTING_EXPERT)],
        [(pending.id, sent, MENTOR, EXPERT), (stale.id, sent - 10 * DAY, OTHER_MENTOR, ACTING_EXPERT)],
        [(appeal.id, sent + DAY)],
    )

    writer = OutboxWriter()
    seen: dict[Notice, datetime] = {}
    for now in [sent + n * timedelta(hours=12) for n in range(44)]:
        _, passed = await run(store, writer, escalations_at(now))
        expected = {r.notice for r in rules if r.due(now) and r.notice not in seen}
        assert counted(passed) == Counter(expected), f"{now}: {difference(Counter(expected), counted(passed))}"
        seen.update({n: now for n in passed})
        _, again = await run(store, writer, escalations_at(now))
        assert again == [], f"{now}: the repeated run selected {again}"

    assert set(seen) == {r.notice for r in rules}
    # The same timeline, said by hand: the day after the deadline to the (acting) expert; the coordinator
    # once five working days have passed (the 16th is a holiday: 14, 15, 17, 18, 21 December; for the
    # deadline of the 10th: 11, 14, 15, 17, 18 December, so Saturday the 19th).
    when = {n: POLICY.today(at) for n, at in seen.items()}
    assert when[ApplicationOverdue(EXPERT, mine_id, "expert")] == date(2026, 12, 12)
    assert when[ApplicationOverdue(ACTING_EXPERT, others_id, "expert")] == date(2026, 12, 11)
    assert when[ApplicationOverdue(COORDINATOR, mine_id, "coordinator")] == date(2026, 12, 22)
    assert when[ApplicationOverdue(COORDINATOR, others_id, "coordinator")] == date(2026, 12, 19)
    assert seen[EntryOverdue(MENTOR, pending.id, "mentor", sent.date())] == sent + REVIEW + timedelta(hours=12)
    assert seen[EntryOverdue(EXPERT, pending.id, "expert", sent.date())] == sent + 2 * REVIEW + timedelta(hours=12)
    stale_on = (sent - 10 * DAY).date()
    assert seen[EntryOverdue(OTHER_MENTOR, stale.id, "mentor", stale_on)] == sent
    assert seen[EntryOverdue(ACTING_EXPERT, stale.id, "expert", stale_on)] == sent
    assert seen[AppealOverdue(COORDINATOR, appeal.id)] == sent + DAY + REVIEW + timedelta(hours=12)
    assert await outbox_keys(store) == {n.key for n in seen}


async def test_after_the_expert_escalation_an_entry_reminds_no_one(store: Store) -> None:
    """The old rule skipped an entry whose expert escalation was queued, even when its mentor reminder was
    not (the publisher drops messages to people who blocked the bot): the mentor is not reminded later."""
    await escalation_staff(store)
    (app_id,) = await add_apps(store, [(User(id=1000, locale="en"), application(1000, MENTOR, activated_at=NOW))])
    escalated = entry(app_id, "pending", submitted_at=NOW - 10 * DAY)
    reminded = entry(app_id, "pending", direction="talent", submitted_at=NOW - 10 * DAY)
    await add_rows(store, escalated, reminded)
    await queue_keys(store, f"esc-entry:{escalated.id}:expert", f"esc-entry:{reminded.id}:mentor")
    writer = OutboxWriter()
    _, passed = await run(store, writer, escalations_at(NOW))
    assert passed == [EntryOverdue(EXPERT, reminded.id, "expert", (NOW - 10 * DAY).date())]


async def add_overdue(store: Store, first_user: int, count: int) -> None:
    """`count` applications past the coordinator's deadline, and `count` participants each with an entry
    waiting for twice the review time and an appeal waiting for longer than it."""
    rows = [
        (User(id=first_user + n, locale="en"), application(first_user + n, MENTOR, status="under_review"))
        for n in range(count)
    ]
    rows += [
        (
            User(id=first_user + count + n, locale="en"),
            application(first_user + count + n, MENTOR, activated_at=NOW - 60 * DAY),
        )
        for n in range(count)
    ]
    app_ids = await add_apps(store, rows)
    for app_id in app_ids[count:]:
        await add_rows(
            store,
            entry(app_id, "pending", submitted_at=NOW - 10 * DAY),
            entry(app_id, "appealed", direction="talent", submitted_at=NOW - 20 * DAY, appealed_at=NOW - 10 * DAY),
        )


async def test_a_steady_escalation_tick_costs_the_same_statements_for_3_and_30_overdue_objects(
    store: Store, engine: AsyncEngine
) -> None:
    """Once everything overdue is escalated, a tick selects nothing and hands commit nothing, in as many
    statements for 3 overdue applications, entries and appeals as for 30."""
    await escalation_staff(store)
    writer = OutboxWriter()
    tick = escalations_at(NOW)

    costs: list[int] = []
    for count, first_user in ((3, 10_000), (27, 20_000)):
        await add_overdue(store, first_user, count)
        await run(store, writer, tick)
        assert len(writer.passed[-1]) == count * 5  # expert, coordinator; mentor, expert; appeal
        with counting(engine, writer) as statements:
            _, passed = await run(store, writer, tick)
        assert passed == []
        costs.append(len(statements))
    assert costs[0] == costs[1], f"statements of a steady tick with 3 and 30 overdue of each: {costs}"


async def test_an_escalation_tick_that_finds_work_costs_the_same_statements_for_3_and_30_objects(
    store: Store, engine: AsyncEngine
) -> None:
    """`escalations.queue_due` loads every staff member first so that `staff.get` and `staff.acting_for`
    "cost no query"; the selection before commit should then be as cheap for 30 overdue objects as for 3.

    Fails (15 statements vs 63): `await uow.staff.everyone()` discards the list it returns, and the
    session's identity map holds objects weakly, so the Staff rows are garbage-collected at once and
    every `staff.get` / `staff.acting_for` of a member nothing else holds (the experts, above all) runs
    `SELECT ... FROM staff WHERE staff.user_id = ?` again, per overdue application and entry."""
    await escalation_staff(store)
    writer = OutboxWriter()
    tick = escalations_at(NOW)

    costs: list[int] = []
    for count, first_user in ((3, 10_000), (27, 20_000)):
        await add_overdue(store, first_user, count)
        costs.append(await selection_cost(engine, store, writer, tick))
        assert len(writer.passed[-1]) == count * 5
    assert costs[0] == costs[1], f"statements before commit with 3 and 30 overdue of each: {costs}"


async def test_publishing_the_escalations_of_3_and_30_objects_costs_the_same_statements(
    store: Store, engine: AsyncEngine
) -> None:
    """The bot's publisher renders each escalation with the participant's name and the mentor's: it reads
    the entries and applications the notices name once for all, so rendering 150 messages costs no more
    statements than rendering 15.

    Fails (33 statements vs 273) when `Applications.get` and `Entries.get` select by id on every call
    instead of finding the rows the publisher read first."""
    await escalation_staff(store)
    publisher = OutboxPublisher(Translations("en"), ZONE, None, lambda: NOW)
    costs: list[int] = []
    overdue = 0
    for count, first_user in ((3, 10_000), (30, 20_000)):
        await clear_outbox(store)
        overdue += count
        await add_overdue(store, first_user, count)
        with counting(engine, OutboxWriter()) as statements:
            async with store.sessions() as session:
                queued = await escalations.queue_due(Holder(session, publisher), NOW, POLICY)
        assert queued == overdue * 5  # the outbox was emptied: the first participants' again too
        costs.append(len(statements))
        async with store.sessions() as session:
            texts = [params["text"] for params in await session.scalars(select(OutboxMessage.params))]
        assert any("Mentor Person" in t for t in texts) and all("—" not in t for t in texts)
    assert costs[0] == costs[1], f"statements of an escalation tick publishing 15 and 165 messages: {costs}"


async def appeals_with_files(store: Store, first_user: int, count: int) -> list[int]:
    """`count` appealed essays of MENTOR's participants, each with a photo: their entry ids."""
    app_ids = await add_apps(
        store,
        [(User(id=first_user + n, locale="en"), application(first_user + n, MENTOR)) for n in range(count)],
    )
    async with store.sessions() as session, session.begin():
        entries = [
            entry(app_id, "appealed", "reading", book_code=BOOK1, submitted_at=NOW - DAY, appealed_at=NOW)
            for app_id in app_ids
        ]
        session.add_all(entries)
        await session.flush()
        session.add_all(
            EntryMedia(entry_id=e.id, kind="photo", file_id=f"photo-{e.id}", file_unique_id=f"u-{e.id}")
            for e in entries
        )
        return [e.id for e in entries]


async def test_publishing_appeals_with_their_files_costs_the_same_statements_for_3_and_30(
    store: Store, engine: AsyncEngine
) -> None:
    """An absent expert's appeals go to their substitute, each with its files, book and mentor's name: read
    for all the appeals at once.

    Fails (14 statements vs 95) when each appeal's files, book and mentor are selected one by one."""
    await escalation_staff(store)
    publisher = OutboxPublisher(Translations("en"), ZONE, None, lambda: NOW)
    costs: list[int] = []
    for count, first_user in ((3, 50_000), (30, 60_000)):
        await clear_outbox(store)
        entry_ids = await appeals_with_files(store, first_user, count)
        with counting(engine, OutboxWriter()) as statements:
            async with store.sessions() as session:
                uow = Holder(session, publisher)
                assert await uow.commit([AppealToArbiter(EXPERT, entry_id) for entry_id in entry_ids]) == 2 * count
        costs.append(len(statements))
        async with store.sessions() as session:
            calls = list(await session.execute(select(OutboxMessage.method, OutboxMessage.params)))
        assert sorted(method for method, _ in calls) == ["sendMessage"] * count + ["sendPhoto"] * count
        assert {p["photo"] for m, p in calls if m == "sendPhoto"} == {f"photo-{e}" for e in entry_ids}
        assert all("Mentor Person" in p["text"] for m, p in calls if m == "sendMessage")
    assert costs[0] == costs[1], f"statements publishing 3 and 30 appeals: {costs}"


# --- 4. daily reminders -----------------------------------------------------------------------------------------


async def old_daily_reminders(store: Store, local: datetime) -> list[Notice]:
    """`git show HEAD:core/reminders.py`'s daily part, per application, with the repository methods it used
    that no longer exist (`active_with_users`, `week_missed`, `directions_written_since`) as queries here."""
    today, monday = local.date(), reminders.week_start(local.date())
    period = period_of(today)
    async with store.sessions() as session:
        uow = Holder(session)
        participants = (
            await session.execute(
                select(Application, User)
                .join(User, User.id == Application.user_id)
                .where(Application.status == "active", User.blocked_at.is_(None))
                .order_by(Application.id)
            )
        ).all()
        candidates = {
            app.id: {
                "week": f"week:{app.id}:{monday.isoformat()}",
                "books": f"books:{app.id}:{monday.isoformat()}",
                "rating": f"rating:{app.id}:{period}",
            }
            for app, _ in participants
        }
        queued = await uow.due.queued_keys([key for keys in candidates.values() for key in keys.values()])
        found: list[Notice] = []
        for app, user in participants:
            off, keys = set(user.reminders_off), candidates[app.id]
            if "week" not in off and local.weekday() >= reminders.NUDGE_WEEKDAY and keys["week"] not in queued:
                found += await old_weekly_nudge(session, app, user, monday)
            if "books" not in off and keys["books"] not in queued:
                found += await old_books_behind(uow, app, user, today)
            if "deadline" not in off:
                found += await old_deadline_summary(uow, app, user, today)
            if "rating" not in off and local.day >= reminders.RATING_DAY and keys["rating"] not in queued:
                if app.mentor_id is not None and not await uow.ratings.answered(app.id, period):
                    found.append(RatingDue(user.id, app.id, period))
        return found


async def old_weekly_nudge(session: AsyncSession, app: Application, user: User, monday: date) -> list[Notice]:
    if app.activated_at is None or app.activated_at.astimezone(ZONE).date() > monday:
        return []
    missed = await session.scalar(
        select(MissedWeek.id).where(MissedWeek.application_id == app.id, MissedWeek.week_of == monday)
    )
    if missed is not None:
        return []
    targets = applications.targets_of(POLICY.rules, app)
    written = set(
        await session.scalars(
            select(Entry.direction).where(
                Entry.application_id == app.id, Entry.activity_date >= monday, Entry.status != "draft"
            )
        )
    )
    empty = tuple(sorted(d.value for d, t in targets.items() if t.months > 0 and d.value not in written))
    return [WeekNudge(user.id, app.id, monday, empty)] if empty else []


async def old_books_behind(uow: Holder, app: Application, user: User, today: date) -> list[Notice]:
    targets = applications.targets_of(POLICY.rules, app)
    target = targets.get(Direction.READING)
    if target is None:
        return []
    started = applications.started_on(app, ZONE)
    expected = reminders.books_expected(target, started, reminders.level_end(targets, started), today)
    done = {d.book_code for d in await uow.entries.done(app.id) if d.book_code}
    if len(done) >= expected:
        return []
    return [BooksBehind(user.id, app.id, reminders.week_start(today), len(done), expected, target.books)]


async def old_deadline_summary(uow: Holder, app: Application, user: User, today: date) -> list[Notice]:
    try:
        started = applications.started_on(app, ZONE)
    except DomainError:
        return []
    targets = applications.targets_of(POLICY.rules, app)
    end = reminders.level_end(targets, started)
    milestone = reminders.deadline_milestone(today, end)
    if milestone is None or await uow.due.queued_keys([f"deadline:{app.id}:{milestone}"]):
        return []
    percents = progress(targets, await uow.entries.done(app.id), started)
    unfinished = tuple((d.value, p) for d, p in percents.items() if p < 100)
    return [DeadlineNear(user.id, app.id, milestone, (end - today).days, end, unfinished)]


@dataclass(frozen=True)
class Profile:
    """A participant of the daily population, relative to the day of the tick."""

    name: str
    days_active: int
    """Days since activation (the clock starts on the local date of `activated_at`)."""
    written: tuple[tuple[str, str, int], ...] = ()
    """Entries (direction, status, days before today of the activity)."""
    books: tuple[tuple[str, str], ...] = ()
    """Essays (status, book code), written 3 days after activation."""
    weekly_sessions: int = 0
    """Approved 60-minute sport sessions, one a week from the start."""
    off: tuple[str, ...] = ()
    missed_this_week: bool = False
    rated: str | None = None
    """The period of the participant's rating ballot."""
    queued: tuple[str, ...] = ()
    """Outbox keys already there, `{app}` standing for the application's id."""
    mentor: bool = True
    blocked: bool = False
    status: str = "active"
    level: str = "bronze"
    directions: tuple[str, ...] = ("sport", "talent", "reading")
    values: tuple[tuple[str, Any], ...] = ()
    hour: int = 9
    """Local hour of the activation: before 05:00 in Almaty it is the day before in UTC."""


BOOK1, BOOK2, BOOK3 = "abai-book-of-words", "auezov-path-of-abai", "homer-odyssey"


def profiles(today: date) -> list[Profile]:
    """A mixed population for a tick on `today` (bronze: 13 weeks, 3 books, 1 of section 1)."""
    since_monday = today.weekday()
    this_week, last_week = since_monday // 2, since_monday + 1
    return [
        Profile("sport this week", 20, written=(("sport", "pending", this_week),)),
        Profile("both this week", 20, written=(("sport", "approved", since_monday), ("talent", "more_work", 0))),
        Profile("draft only", 20, written=(("talent", "draft", 0), ("sport", "approved", last_week)), rated="2026-11"),
        Profile("missed week", 20, missed_this_week=True, rated=period_of(today)),
        Profile("started this week", since_monday // 2),
        Profile("started on monday", since_monday),
        Profile("behind on books", 62, books=(("approved", BOOK1), ("pending", BOOK2), ("rejected", BOOK3))),
        Profile("enough books", 62, books=(("approved", BOOK1), ("approved", BOOK1), ("overturned", BOOK3))),
        Profile("no books yet", 40),
        Profile("seven days left", 84, weekly_sessions=5, books=(("approved", BOOK1),)),
        Profile("thirty days left, told", 61, queued=("deadline:{app}:30",)),
        Profile("fourteen days left", 77, queued=("deadline:{app}:30",), weekly_sessions=13),
        Profile("past the end", 100),
        Profile("thirty days left, activated at 01:30", 61, hour=1),
        Profile("thirty-one days left, activated at 23:00", 60, hour=23),
        Profile("the last day, activated at 00:00", 91, hour=0),
        Profile("a day past the end, activated at 23:00", 92, hour=23),
        Profile("all paused", 84, off=tuple(reminders.KINDS)),
        Profile("rating and week paused", 40, off=("rating", "week")),
        Profile("deadline paused, a day left", 90, off=("deadline",)),
        Profile("no mentor", 40, mentor=False),
        Profile(
            "reminded this week",
            50,
            queued=("week:{app}:{monday}", "books:{app}:{monday}", "rating:{app}:{period}"),
        ),
        Profile("silver, 22 days left", 160, level="silver", values=(("longer_direction", "sport"),)),
        Profile(
            "heritage by book",
            40,
            directions=("sport", "talent", "reading", "heritage"),
            values=(("heritage_mode", "book"),),
        ),
        Profile("blocked", 84, blocked=True),
        Profile("completed", 84, status="completed"),
    ]


async def add_profiles(store: Store, today: date, chosen: Sequence[Profile], first_user: int) -> dict[str, int]:
    """The participants, their entries, missed weeks, ballots and queued keys; application id by name."""
    monday = reminders.week_start(today)
    rows = [
        (
            User(
                id=first_user + n,
                locale="en",
                reminders_off=list(p.off),
                blocked_at=NOW if p.blocked else None,
            ),
            application(
                first_user + n,
                MENTOR if p.mentor else None,
                status=p.status,
                activated_at=datetime.combine(
                    today - p.days_active * DAY, time(p.hour, 30 if p.hour == 1 else 0), ZONE
                ).astimezone(UTC),
                level=p.level,
                directions=p.directions,
                **dict(p.values),
            ),
        )
        for n, p in enumerate(chosen)
    ]
    ids = await add_apps(store, rows)
    extra: list[Any] = []
    keys: list[str] = []
    for p, app_id in zip(chosen, ids, strict=True):
        started = today - p.days_active * DAY
        for direction, status, back in p.written:
            extra.append(entry(app_id, status, direction, activity_date=today - back * DAY, minutes=60))
        for status, book in p.books:
            extra.append(entry(app_id, status, "reading", activity_date=started + 3 * DAY, book_code=book))
        for week in range(p.weekly_sessions):
            extra.append(entry(app_id, "approved", "sport", activity_date=started + week * 7 * DAY, minutes=60))
        if p.missed_this_week:
            extra.append(MissedWeek(application_id=app_id, reason="ill", week_of=monday))
        if p.rated:
            extra.append(RatingBallot(application_id=app_id, period=p.rated))
        keys += [k.format(app=app_id, monday=monday.isoformat(), period=period_of(today)) for k in p.queued]
    await add_rows(store, *extra)
    await queue_keys(store, *keys)
    return {p.name: app_id for p, app_id in zip(chosen, ids, strict=True)}


DAILY_DAYS = (
    datetime(2026, 12, 25, 10, 0, tzinfo=ZONE),  # Friday the 25th: nudges and rating prompts too
    datetime(2026, 12, 16, 10, 0, tzinfo=ZONE),  # Wednesday the 16th: neither
    datetime(2026, 12, 20, 21, 0, tzinfo=ZONE),  # Sunday the 20th, evening: both, the week ends today
)


def by_hand(passed: Sequence[Notice], apps: dict[str, int]) -> None:
    """Some of Friday the 25th's reminders, worked out by hand (bronze: 13 weeks, 3 books)."""
    mine = {(type(x).__name__, x.app_id): x for x in passed if hasattr(x, "app_id")}
    monday = date(2026, 12, 21)

    def of(name: str, kind: type[Notice]) -> Notice | None:
        return mine.get((kind.__name__, apps[name]))

    assert of("sport this week", WeekNudge) == WeekNudge(30_000, apps["sport this week"], monday, ("talent",))
    assert of("both this week", WeekNudge) is None
    assert of("draft only", WeekNudge) is not None
    assert of("missed week", WeekNudge) is None
    assert of("started this week", WeekNudge) is None
    assert of("started on monday", WeekNudge) is not None
    assert of("both this week", RatingDue) is not None and of("missed week", RatingDue) is None
    assert of("no mentor", RatingDue) is None
    behind = of("behind on books", BooksBehind)
    assert isinstance(behind, BooksBehind) and (behind.done, behind.expected, behind.total) == (1, 2, 3)
    assert of("enough books", BooksBehind) is None
    near = of("seven days left", DeadlineNear)
    assert isinstance(near, DeadlineNear)
    assert (near.milestone, near.days_left, near.unfinished) == (
        7,
        7,
        (("sport", 38), ("talent", 0), ("reading", 33)),
    )
    assert of("thirty days left, told", DeadlineNear) is None
    fourteen = of("fourteen days left", DeadlineNear)
    assert isinstance(fourteen, DeadlineNear) and fourteen.milestone == 14
    assert of("past the end", DeadlineNear) is None
    assert of("thirty days left, activated at 01:30", DeadlineNear) is not None
    assert of("thirty-one days left, activated at 23:00", DeadlineNear) is None
    last = of("the last day, activated at 00:00", DeadlineNear)
    assert isinstance(last, DeadlineNear) and (last.milestone, last.days_left) == (1, 0)
    assert of("a day past the end, activated at 23:00", DeadlineNear) is None
    silver = of("silver, 22 days left", DeadlineNear)
    assert isinstance(silver, DeadlineNear) and (silver.milestone, silver.days_left) == (30, 22)
    assert not [x for x in passed if getattr(x, "app_id", None) == apps["all paused"]]
    assert not [x for x in passed if getattr(x, "app_id", None) == apps["reminded this week"]]
    assert not [x for x in passed if getattr(x, "app_id", None) in (apps["blocked"], apps["completed"])]


async def test_daily_reminders_are_those_of_the_per_application_code(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    writer = OutboxWriter()
    for n, local in enumerate(DAILY_DAYS):
        today = local.date()
        apps = await add_profiles(store, today, profiles(today), 30_000 + 1000 * n)
        old = await old_daily_reminders(store, local)
        assert len(old) > 10
        _, passed = await run(store, writer, daily_at(local))
        assert counted(passed) == counted(old), f"{local}: {difference(counted(old), counted(passed))}"
        _, again = await run(store, writer, daily_at(local))
        assert again == []

        # The same, said by hand for a few of them on the first day.
        if n == 0:
            by_hand(passed, apps)
        await clear_outbox(store)
        async with store.sessions() as session, session.begin():
            await session.execute(
                update(Application).where(Application.id.in_(list(apps.values()))).values(status="withdrawn")
            )


async def test_a_daily_tick_costs_the_same_statements_for_5_and_40_participants(
    store: Store, engine: AsyncEngine
) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    local = DAILY_DAYS[0]
    mix = profiles(local.date())
    chosen = [p for p in mix if not p.blocked and p.status == "active"]
    writer = OutboxWriter()
    tick = daily_at(local)

    await add_profiles(store, local.date(), [mix[0], mix[6], mix[9], mix[11], mix[17]], 40_000)
    few = await selection_cost(engine, store, writer, tick)
    assert {type(n) for n in writer.passed[-1]} == {WeekNudge, BooksBehind, DeadlineNear, RatingDue}
    await clear_outbox(store)
    await add_profiles(store, local.date(), [chosen[n % len(chosen)] for n in range(35)], 41_000)
    many = await selection_cost(engine, store, writer, tick)
    assert len(writer.passed[-1]) > 60
    assert few == many


# --- 5. digests -------------------------------------------------------------------------------------------------


async def digest_team(store: Store) -> None:
    """MENTOR takes the digest and acts for OTHER_MENTOR, who is away; THIRD_MENTOR does not take it."""
    await add_staff(store, EXPERT, Role.EXPERT, "Expert Person")
    for mentor in (MENTOR, OTHER_MENTOR, THIRD_MENTOR):
        await add_staff(store, mentor, Role.MENTOR, f"Mentor {mentor}", expert_id=EXPERT)
    await change(store, Staff, MENTOR, review_digest=True)
    await change(store, Staff, OTHER_MENTOR, absent_since=NOW - 5 * DAY, substitute_id=MENTOR)


async def add_waiting(store: Store, first_user: int, mentors: Sequence[int], per_app: Sequence[int]) -> list[int]:
    """An active participant per mentor, named after the user id, with that many entries waiting (sent an
    hour apart in order of the participants) and an approved one."""
    rows = [
        (User(id=first_user + n, locale="en"), application(first_user + n, mentor, activated_at=NOW - 60 * DAY))
        for n, mentor in enumerate(mentors)
    ]
    ids = await add_apps(store, rows)
    waiting: list[Any] = []
    for n, (app_id, count) in enumerate(zip(ids, per_app, strict=True)):
        waiting += [
            entry(app_id, "pending", submitted_at=NOW - timedelta(hours=100 - n, minutes=k)) for k in range(count)
        ]
        waiting.append(entry(app_id, "approved", submitted_at=NOW - 30 * DAY))
    await add_rows(store, *waiting)
    return ids


async def test_a_digest_counts_the_participants_of_the_mentors_its_reader_acts_for(store: Store) -> None:
    await digest_team(store)
    await add_waiting(store, 7000, [OTHER_MENTOR, MENTOR, THIRD_MENTOR, MENTOR], [3, 2, 4, 0])
    writer = OutboxWriter()
    _, passed = await run(store, writer, digests_on(NOW.date()))
    assert passed == [ReviewDigest(MENTOR, NOW.date(), (("Participant 7000", 3), ("Participant 7001", 2)))]
    _, again = await run(store, writer, digests_on(NOW.date()))
    assert again == [], "today's digest is queued: the tick neither reads the entries nor renders it again"

    await change(store, Staff, MENTOR, review_digest=False)
    _, passed = await run(store, writer, digests_on(NOW.date() + DAY))
    assert passed == []


async def test_a_digest_tick_costs_the_same_statements_for_3_and_30_waiting_entries(
    store: Store, engine: AsyncEngine
) -> None:
    await digest_team(store)
    writer = OutboxWriter()
    tick = digests_on(NOW.date())

    await add_waiting(store, 8000, [MENTOR, OTHER_MENTOR, THIRD_MENTOR], [1, 1, 1])
    few = await selection_cost(engine, store, writer, tick)
    assert len(writer.passed[-1]) == 1
    await clear_outbox(store)
    await add_waiting(store, 9000, [MENTOR, OTHER_MENTOR, THIRD_MENTOR] * 3, [3, 4, 2] * 3)
    many = await selection_cost(engine, store, writer, tick)
    digest = writer.passed[-1]
    assert len(digest) == 1 and isinstance(digest[0], ReviewDigest)
    assert sum(n for _, n in digest[0].waiting) == 2 + 3 * 3 + 3 * 4
    assert few == many


def test_the_books_read_index_covers_the_counted_statuses() -> None:
    """The daily reminders' book count is served by a partial index only while its predicate names exactly
    the statuses that count: a status added to COUNTED must be added to the index too."""
    assert f"status IN ({', '.join(repr(v) for v in COUNTED_VALUES)})" in BOOKS_READ
