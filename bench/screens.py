"""Every screen that lists rows, at national scale: how long its reads take and how many statements it sends.

Run from the project root: ``python -m bench.screens``. For each ``--apps`` size it creates a throw-away
PostgreSQL database beside ``--database-url`` (or, with ``--sqlite``, a SQLite file), migrates it and fills it
with `bench.data.populate`, as `bench.ticks` does. Then for every screen that reads more than one row it picks
the busiest actor of the generated data (the mentor with the most pending entries, the participant with the
most entries, the expert with the most appeals, ...), so the figure is the worst case, and opens the screen
``--runs`` times, after one run that warms the caches (SQLAlchemy's compiled statements, asyncpg's prepared
ones, as a running bot has them).

A screen is what its handler does between the update and the Bot API call: the same reads in the same order,
through a `Holder` on a fresh session each run, so nothing comes from the identity map. The user and staff row
are loaded first as `ContextMiddleware` loads them for every update, untimed. Where the handler renders through
a function of its own (`page_of`, `card_lines`, `report`, `mentor_prompt`, `summary`, ...) that is called too;
what a handler builds inline (its keyboard) is left out, and nothing goes through aiogram's dispatcher or
Telegram. Sessions never commit (a commit only flushes, the close rolls back), so the one screen that changes
state, an expert going away, finds the same state every run.

It prints, per screen and size, the median, 95th percentile and slowest run in milliseconds, the statements
per run and how many items the screen shows; then per screen whether its statements stay the same at every
size (they grow with the data when a screen reads row by row: "N+1") and whether its median is under its goal:
50 ms for a screen, 100 ms for a dashboard of figures, 2 s for a chart or an export of a region. It exits
non-zero when a screen grows or misses its goal at the largest size.

Generating the data dominates: on this project's 2-core machine, 100,000 applications with 50 entries each
(5 million entries, 6.4 million rows) take 80 s on PostgreSQL when nothing else runs, 135-160 s beside a test
run; 10,000 take 10 s. The screens then take about 10 s per size. ``--entries 5`` is enough while developing.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy import Select, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from bench.data import add_database_options, populate, scratch
from bench.ticks import DEFAULT_AT, Statements, context, local_moment
from bench.ticks import text_table as table
from bot.callbacks import QueueCb
from bot.entries import summary
from bot.mentor import queue
from bot.mentor.participants import card_lines
from bot.notifications import appeal_to_arbiter, render
from bot.operator.outbox import report
from bot.participant import mydata
from bot.participant.application import mentor_prompt
from bot.participant.journal import left_lines
from bot.participant.rating import summary_lines
from bot.runner import settle_heap
from bot.staff.figures import backlog_lines, team_lines
from bot.staff.reports import panels_of
from core import (
    absence,
    analytics,
    completion,
    drafts,
    notes,
    personal_data,
    rating,
    reports,
    reviews,
    staff_profiles,
)
from core.access import mentored_application
from core.notices import AppealToArbiter, EntryToReview, StaffAbsent
from core.policy import Policy
from core.programme import ApplicationStatus, EntryStatus, Role
from core.settings import Settings
from locales.translations import Translations, Translator
from media import charts
from media.exports import sheets_of
from media.tables import render_xlsx
from scheduler.context import JobContext
from storage.holder import Holder, Publisher
from storage.models import Application, Centre, Entry, OutboxMessage, RatingAnswer, Staff, User
from storage.repositories.applications import LOAD_STATUSES

LIMIT_MS = 50.0
"""The goal for every screen, at every size (issue 11)."""
DASHBOARD_MS = 100.0
"""A dashboard of figures (issue 12)."""
APPROVAL_MS = 10.0
"""An approval with its progress update (issue 12), flat in the number of participants."""
FILE_MS = 2000.0
"""An export or a chart of a whole region (issue 12), made off the event loop."""


class Uncommitted(AsyncSession):
    """A session whose commit only flushes: what a screen changed is rolled back when the session closes."""

    async def commit(self) -> None:
        await self.flush()


@dataclass(frozen=True)
class Cast:
    """The busiest actors of the generated data, found once per size (untimed): (id, how busy)."""

    queue: tuple[int, int]
    """The mentor with the most entries waiting for review, and how many."""
    oldest_pending: int
    """That mentor's entry waiting longest, one with a book if any: the first of the queue."""
    mentor: tuple[int, int]
    """The mentor with the most participants (submitted, not yet decided), and how many."""
    away: tuple[int, int]
    """The absent mentor with the most participants (if none is absent, the mentor with the most)."""
    away_expert: int
    diary: tuple[int, int]
    """The active application with the most entries, one of them about a book, and how many."""
    participant: int
    diary_mentor: int
    diary_expert: int
    rated: tuple[int, int]
    """The mentor with the most rating answers."""
    supervisor: tuple[int, int]
    """The expert whose mentors have the most participants, and how many."""
    arbiter: tuple[int, int]
    """The present expert with the most appeals waiting, and how many."""
    coordinator: tuple[int, int]
    """The coordinator of the region where the most participants live, and how many applications live there."""
    operator: int
    outbox: int
    centres: int
    applicant: int
    """A participant whose application is under review: the mentor step ranks every mentor for them."""
    mentors: int


@dataclass(frozen=True)
class Actor:
    user_id: int
    target: int
    """What the screen opens: an application, an entry, a page, a mentor (0: nothing)."""
    who: str


@dataclass(frozen=True)
class Visit:
    """What the handler is given: the unit of work, the user and staff row the middleware loaded, their
    translator, the policy, and what the screen opens."""

    uow: Holder
    user: User
    staff: Staff | None
    t: Translator
    policy: Policy
    target: int

    @property
    def member(self) -> Staff:
        assert self.staff is not None, "a staff screen opened by a user who is not staff"
        return self.staff


@dataclass(frozen=True)
class Screen:
    name: str
    handler: str
    """Where the screen is (file and handler), for the report."""
    actor: Callable[[Cast], Actor]
    show: Callable[[Visit], Awaitable[int]]
    """The handler's reads and rendering; returns how many items the screen shows."""
    limit_ms: float = LIMIT_MS
    """Its goal: 50 ms for a screen (issue 11), 100 ms for a dashboard of figures (issue 12)."""
    per_page: int = 0
    """Of a screen that reads its items a page at a time (memory follows the page): the items per page, and the
    statements a page adds; what grows beyond one page's statements per page is N+1."""
    page_statements: int = 0


# -- the screens, as their handlers read ------------------------------------------------------------------


def queue_entries(markup: InlineKeyboardMarkup | None) -> int:
    """Entries listed on a page of the review queue: its buttons that open one (the rest turn pages)."""
    rows = markup.inline_keyboard if markup else []
    return sum(1 for row in rows for b in row if b.callback_data and QueueCb.unpack(b.callback_data).action == "open")


def last_page(pending: int) -> int:
    """The queue's last page (from 0): its OFFSET skips the most rows."""
    return max(pending - 1, 0) // queue.PAGE


async def review_queue(v: Visit) -> int:
    _, markup = await queue.page_of(v.t, v.uow, v.member, v.target)
    return queue_entries(markup)


async def queued_entry(v: Visit) -> int:
    """`open_entry`: the entry, locked and checked, then rendered as the review alert (files, book, buttons)."""
    entry = (await reviews.reviewable(v.uow, v.member, v.target)).entry
    return len(await render(EntryToReview(v.member.user_id, entry.id), v.t, v.uow))


async def approve_entry(v: Visit) -> int:
    """`approve` in bot/mentor/review.py: the entry approved and the participant's figures rewritten from their
    diary, in one transaction (rolled back afterwards)."""
    result = await reviews.decide(v.uow, v.member, v.target, "approve", None, v.policy.now(), v.policy)
    return len(result.notices)


async def figures_of_mentor(v: Visit) -> int:
    """`mentor` in bot/staff/figures.py: the mentor's participants, completion by direction, ratings by level."""
    figures = await analytics.mentor_figures(v.uow, v.member)
    return len(team_lines(v.t, figures))


async def figures_of_expert(v: Visit) -> int:
    """`expert` in bot/staff/figures.py: over the participants of the expert's mentors."""
    return len(team_lines(v.t, (await analytics.expert_figures(v.uow, v.member)).team))


async def figures_of_region(v: Visit) -> int:
    """`coordinator` in bot/staff/figures.py: over the participants living in the region, and the review backlog
    of the region's mentors."""
    found = await analytics.coordinator_figures(v.uow, v.member, v.policy.now())
    return len(team_lines(v.t, found.team)) + len(backlog_lines(v.t, found.backlog, v.policy.now()))


async def figures_of_programme(v: Visit) -> int:
    """`operator` in bot/staff/figures.py: every active participant, applications by status, staff by role,
    ratings by region, the review backlog nationally."""
    found = await analytics.national_figures(v.uow, v.member, v.policy.now())
    counted = found.programme
    shown = len(team_lines(v.t, counted.team)) + len(backlog_lines(v.t, found.backlog, v.policy.now()))
    return shown + len(counted.applications) + len(found.staff) + len(counted.regions)


async def national_snapshot(v: Visit) -> int:
    """`figures_tick` in scheduler/ticks.py, off any screen: the national figures counted for the snapshot the
    operator's dashboard reads."""
    programme = await analytics.take_snapshot(v.uow, v.policy.now())
    return programme.team.participants


async def my_participants(v: Visit) -> int:
    return len(await v.uow.applications.of_mentor(v.member.user_id))


async def task_participants(v: Visit) -> int:
    """`/task`: the mentor's participants, the active ones offered."""
    apps = await v.uow.applications.of_mentor(v.member.user_id)
    return sum(1 for a in apps if a.status == ApplicationStatus.ACTIVE.value)


async def mentor_card(v: Visit) -> int:
    app = await mentored_application(v.uow, v.member, v.target)
    return len(await card_lines(app, v.t, v.uow, v.policy))


async def completion_standing(v: Visit) -> int:
    return len((await completion.standing(v.uow, v.member, v.target, v.policy)).percents)


async def mentor_ratings(v: Visit) -> int:
    """Per month with enough answers, and overall: the averages rendered as the handler renders them."""
    found = await rating.summary_for(v.uow, v.user.id)
    for result in [found.overall, *(result for _, result in found.periods)]:
        if result is not None:
            summary_lines(v.t, result)
    return len(found.periods)


async def my_mentors(v: Visit) -> int:
    mentors = await v.uow.staff.mentors_of(v.member.user_id)
    await v.uow.applications.load_of_mentors([m.user_id for m in mentors])
    return len(mentors)


async def mentor_page(v: Visit) -> int:
    """`open_mentor`, then `mentor_page`: the mentor's card (profile, documents, participants with their figures,
    the journal), the participants to open, who acts while the mentor is away."""
    mentor = await notes.supervised_mentor(v.uow, v.member, v.target)
    card = await staff_profiles.card(v.uow, v.member, mentor.user_id)
    apps = await v.uow.applications.of_mentor(mentor.user_id)
    if mentor.absent_since is not None:
        await v.uow.staff.get(mentor.substitute_id or 0)
    return len(apps) + len(card.notes)


async def supervised_diary(v: Visit) -> int:
    """`open_application`: the card as the mentor sees it, then every entry with its files and book."""
    uow = v.uow
    app = await uow.applications.get(v.target)
    assert app is not None and app.mentor_id is not None
    await notes.supervised_mentor(uow, v.member, app.mentor_id)
    await card_lines(app, v.t, uow, v.policy)
    entries = await uow.entries.of_application(app.id)
    files = await uow.entries.media_of([e.id for e in entries])
    books = await uow.catalogue.books_by_code({e.book_code for e in entries if e.book_code})
    return len([summary(v.t, e, books.get(e.book_code or ""), len(files[e.id])) for e in entries])


async def away_with_appeals(v: Visit) -> int:
    """`go` in bot/staff/absence.py for an expert: the coordinator takes over and is told, in one message with
    a button, how many appeals wait (rolled back afterwards); the items are those appeals."""
    (told,) = (await absence.go(v.uow, v.member, v.policy.now())).notices
    assert isinstance(told, StaffAbsent)
    return told.appeals


async def next_appeal(v: Visit) -> int:
    """`next_appeal` in bot/expert/appeals.py: the oldest appeal waiting, rendered as the arbitration message
    with its files; the items are the Bot API calls."""
    entry, _ = await reviews.next_appeal(v.uow, v.member, v.member.user_id)
    assert entry is not None
    return len(await appeal_to_arbiter(AppealToArbiter(v.user.id, entry.id), v.t, v.uow))


async def outbox_status(v: Visit) -> int:
    text, _ = await report(v.t, v.uow, v.policy)
    return len(text.splitlines())


async def invitation_centres(v: Visit) -> int:
    """`choose_place` for a mentor's or centre head's invitation: every active centre is a button."""
    return len(await v.uow.catalogue.centres())


async def my_diary(v: Visit) -> int:
    """`show_diary`: progress per direction, the latest entries of each, the open extra tasks."""
    app = await drafts.active_application(v.uow, v.user.id)
    entries = await v.uow.entries.of_application(app.id)
    found = await analytics.outlook(v.uow, app, v.policy)
    lines = [line for standing in found.standings for line in left_lines(v.t, standing, found)]
    tasks = await v.uow.journal.open_tasks(app.id)
    return len(entries) + len(tasks) + len(lines)


async def chart_of(v: Visit) -> int:
    """`chart` in bot/staff/reports.py, drawn every run (the bot draws a set of figures once and sends the file
    again until they change): the figures, then the PNG on the drawing thread."""
    found = await reports.spread(v.uow, v.member)
    return len(await charts.render(panels_of(found, v.t))) // 1024


async def export_of(v: Visit) -> int:
    """`export` in bot/staff/reports.py as XLSX: every participant of the scope with their progress, ratings by
    region and level, the backlog, written on the writer thread; returns the participants."""
    now = v.policy.now()
    found = await reports.export(v.uow, await reports.scope_of(v.uow, v.member), now, v.policy.today(now))
    await render_xlsx(sheets_of(found, v.t, v.policy.zone))
    return len(found.participants)


async def my_data(v: Visit) -> int:
    data = await personal_data.export(v.uow, v.user)
    return len(mydata.summary(v.t, data, v.policy).splitlines())


async def mentor_choice(v: Visit) -> int:
    """The application's mentor step (`open_application`, then `render`): every mentor ranked for them."""
    app = await v.uow.applications.open_of(v.user.id)
    assert app is not None
    _, rows = await mentor_prompt(app, v.t, v.uow)
    return len(rows)


SCREENS = (
    Screen(
        "mentor: review queue",
        "bot/mentor/queue.py show_queue",
        lambda c: Actor(c.queue[0], 0, f"mentor {c.queue[0]}, {c.queue[1]} pending"),
        review_queue,
    ),
    Screen(
        "mentor: review queue, last page",
        "bot/mentor/queue.py turn_page",
        lambda c: Actor(c.queue[0], last_page(c.queue[1]), f"page {last_page(c.queue[1]) + 1}"),
        review_queue,
    ),
    Screen(
        "mentor: open a queued entry",
        "bot/mentor/queue.py open_entry",
        lambda c: Actor(c.queue[0], c.oldest_pending, f"entry {c.oldest_pending}"),
        queued_entry,
    ),
    Screen(
        "mentor: approve an entry",
        "bot/mentor/review.py approve",
        lambda c: Actor(c.queue[0], c.oldest_pending, f"entry {c.oldest_pending}"),
        approve_entry,
        APPROVAL_MS,
    ),
    Screen(
        "mentor: figures",
        "bot/staff/figures.py mentor",
        lambda c: Actor(c.mentor[0], 0, f"mentor {c.mentor[0]}"),
        figures_of_mentor,
        DASHBOARD_MS,
    ),
    Screen(
        "mentor: my participants",
        "bot/mentor/participants.py list_participants",
        lambda c: Actor(c.mentor[0], 0, f"mentor {c.mentor[0]}, {c.mentor[1]} participants"),
        my_participants,
    ),
    Screen(
        "mentor: /task, whom",
        "bot/mentor/tasks.py start",
        lambda c: Actor(c.mentor[0], 0, f"mentor {c.mentor[0]}"),
        task_participants,
    ),
    Screen(
        "mentor: participant's card",
        "bot/mentor/participants.py card",
        lambda c: Actor(c.diary_mentor, c.diary[0], f"application {c.diary[0]}, {c.diary[1]} entries"),
        mentor_card,
    ),
    Screen(
        "mentor: complete a level",
        "bot/mentor/completion.py start",
        lambda c: Actor(c.diary_mentor, c.diary[0], f"application {c.diary[0]}"),
        completion_standing,
    ),
    Screen(
        "mentor: /ratings",
        "bot/participant/rating.py mentor_ratings",
        lambda c: Actor(c.rated[0], 0, f"mentor {c.rated[0]}, {c.rated[1]} answers"),
        mentor_ratings,
    ),
    Screen(
        "expert: my mentors",
        "bot/expert/supervision.py list_mentors",
        lambda c: Actor(c.supervisor[0], 0, f"expert {c.supervisor[0]}, {c.supervisor[1]} participants"),
        my_mentors,
    ),
    Screen(
        "expert: a mentor's page",
        "bot/expert/supervision.py open_mentor",
        lambda c: Actor(c.away_expert, c.away[0], f"mentor {c.away[0]}, {c.away[1]} participants"),
        mentor_page,
    ),
    Screen(
        "expert: a participant's diary",
        "bot/expert/supervision.py open_application",
        lambda c: Actor(c.diary_expert, c.diary[0], f"application {c.diary[0]}, {c.diary[1]} entries"),
        supervised_diary,
    ),
    Screen(
        "expert: away, appeals counted",
        "bot/staff/absence.py go",
        lambda c: Actor(c.arbiter[0], 0, f"expert {c.arbiter[0]}, {c.arbiter[1]} appeals"),
        away_with_appeals,
    ),
    Screen(
        "expert: the next appeal",
        "bot/expert/appeals.py next_appeal",
        lambda c: Actor(c.arbiter[0], 0, f"expert {c.arbiter[0]}, {c.arbiter[1]} appeals"),
        next_appeal,
    ),
    Screen(
        "expert: figures",
        "bot/staff/figures.py expert",
        lambda c: Actor(c.supervisor[0], 0, f"expert {c.supervisor[0]}, {c.supervisor[1]} participants"),
        figures_of_expert,
        DASHBOARD_MS,
    ),
    Screen(
        "coordinator: figures of the region",
        "bot/staff/figures.py coordinator",
        lambda c: Actor(c.coordinator[0], 0, f"coordinator {c.coordinator[0]}, {c.coordinator[1]} applications"),
        figures_of_region,
        DASHBOARD_MS,
    ),
    Screen(
        "operator: figures of the programme",
        "bot/staff/figures.py operator",
        lambda c: Actor(c.operator, 0, "every participant"),
        figures_of_programme,
        DASHBOARD_MS,
    ),
    Screen(
        "figures tick: the national snapshot",
        "scheduler/ticks.py figures_tick",
        lambda c: Actor(c.operator, 0, "every application"),
        national_snapshot,
        FILE_MS,
    ),
    Screen(
        "coordinator: chart of the region",
        "bot/staff/reports.py chart",
        lambda c: Actor(c.coordinator[0], 0, f"coordinator {c.coordinator[0]}, {c.coordinator[1]} applications"),
        chart_of,
        FILE_MS,
    ),
    Screen(
        "operator: chart of the programme",
        "bot/staff/reports.py chart",
        lambda c: Actor(c.operator, 0, "every participant, ratings by region"),
        chart_of,
        FILE_MS,
    ),
    Screen(
        "coordinator: export of the region (XLSX)",
        "bot/staff/reports.py export",
        lambda c: Actor(c.coordinator[0], 0, f"coordinator {c.coordinator[0]}, {c.coordinator[1]} applications"),
        export_of,
        FILE_MS,
        per_page=reports.PAGE,
        page_statements=2,
    ),
    Screen(
        "operator: outbox status",
        "bot/operator/outbox.py show",
        lambda c: Actor(c.operator, 0, f"{c.outbox} outbox rows"),
        outbox_status,
    ),
    Screen(
        "operator: invite, pick a centre",
        "bot/operator/invitations.py choose_place",
        lambda c: Actor(c.operator, 0, f"{c.centres} centres"),
        invitation_centres,
    ),
    Screen(
        "participant: my diary",
        "bot/participant/journal.py show_diary",
        lambda c: Actor(c.participant, 0, f"application {c.diary[0]}, {c.diary[1]} entries"),
        my_diary,
    ),
    Screen(
        "participant: /mydata",
        "bot/participant/mydata.py my_data",
        lambda c: Actor(c.participant, 0, f"application {c.diary[0]}"),
        my_data,
    ),
    Screen(
        "participant: pick a mentor",
        "bot/participant/application.py open_application",
        lambda c: Actor(c.applicant, 0, f"{c.mentors} mentors ranked"),
        mentor_choice,
    ),
)


# -- the busiest actors -----------------------------------------------------------------------------------


async def busiest(session: AsyncSession, key: Any, query: Select[Any], *prefer: Any) -> tuple[int, int]:
    """The `key` with the most rows in `query` (first by `prefer`, ties to the smaller), and how many."""
    n = func.count()
    ordered = query.add_columns(n).group_by(key, *prefer).order_by(*prefer, n.desc(), key)
    row = (await session.execute(ordered.limit(1))).first()
    if row is None:
        raise LookupError(f"the data has no rows for {key}")
    return int(row[0]), int(row[1])


async def number(session: AsyncSession, query: Select[Any]) -> int:
    """The first column of the first row, 0 when there is none."""
    return int(await session.scalar(query) or 0)


async def cast_of(session: AsyncSession) -> Cast:
    """Whom each screen is shown to: the actor with the most of what it lists."""
    pending = Entry.status == EntryStatus.PENDING.value
    queue_top = await busiest(
        session,
        Application.mentor_id,
        select(Application.mentor_id).join(Entry, Entry.application_id == Application.id).where(pending),
    )
    oldest = select(Entry.id).join(Application, Entry.application_id == Application.id)
    oldest = oldest.where(Application.mentor_id == queue_top[0], pending)
    oldest = oldest.order_by(Entry.book_code.is_(None), Entry.submitted_at, Entry.id)  # with a book: one more read
    load = Application.status.in_(LOAD_STATUSES)
    mentor_top = await busiest(
        session, Application.mentor_id, select(Application.mentor_id).where(load, Application.mentor_id.is_not(None))
    )
    away = await busiest(  # an absent mentor's page also names who acts for them
        session,
        Staff.user_id,
        select(Staff.user_id).join(Application, Application.mentor_id == Staff.user_id).where(load),
        Staff.absent_since.is_(None),
    )
    shown = Entry.status != EntryStatus.DRAFT.value
    reading = select(Entry.application_id).where(Entry.book_code.is_not(None), shown)  # one more read: the books
    diary_top = await busiest(
        session,
        Entry.application_id,
        select(Entry.application_id)
        .join(Application, Entry.application_id == Application.id)
        .where(Application.status == ApplicationStatus.ACTIVE.value, shown, Entry.application_id.in_(reading)),
    )
    diary_app = await session.get_one(Application, diary_top[0])
    diary_mentor = await session.get_one(Staff, diary_app.mentor_id)
    mentors, experts = aliased(Staff), aliased(Staff)
    return Cast(
        queue=queue_top,
        oldest_pending=await number(session, oldest.limit(1)),
        mentor=mentor_top,
        away=away,
        away_expert=int((await session.get_one(Staff, away[0])).expert_id or 0),
        diary=diary_top,
        participant=int(diary_app.user_id or 0),
        diary_mentor=diary_mentor.user_id,
        diary_expert=int(diary_mentor.expert_id or 0),
        rated=await busiest(session, RatingAnswer.mentor_id, select(RatingAnswer.mentor_id)),
        supervisor=await busiest(
            session,
            mentors.expert_id,
            select(mentors.expert_id)
            .join(Application, Application.mentor_id == mentors.user_id)
            .where(load, mentors.expert_id.is_not(None)),
        ),
        arbiter=await busiest(
            session,
            mentors.expert_id,
            select(mentors.expert_id)
            .select_from(Entry)
            .join(Application, Entry.application_id == Application.id)
            .join(mentors, mentors.user_id == Application.mentor_id)
            .join(experts, experts.user_id == mentors.expert_id)
            .where(Entry.status == EntryStatus.APPEALED.value, experts.absent_since.is_(None)),
        ),
        coordinator=await busiest(
            session,
            Staff.user_id,
            select(Staff.user_id)
            .join(Application, Application.region_code == Staff.region_code)
            .where(Staff.role == Role.COORDINATOR.value),
        ),
        operator=await number(
            session, select(Staff.user_id).where(Staff.role == Role.OPERATOR.value).order_by(Staff.user_id).limit(1)
        ),
        outbox=await number(session, select(func.count()).select_from(OutboxMessage)),
        centres=await number(session, select(func.count()).select_from(Centre).where(Centre.active)),
        applicant=await number(
            session,
            select(Application.user_id)
            .where(Application.status == ApplicationStatus.UNDER_REVIEW.value)
            .order_by(Application.id)
            .limit(1),
        ),
        mentors=await number(session, select(func.count()).where(Staff.role == Role.MENTOR.value)),
    )


# -- measuring --------------------------------------------------------------------------------------------


@dataclass
class Result:
    screen: str
    size: int
    who: str = ""
    seconds: list[float] = field(default_factory=list)
    statements: set[int] = field(default_factory=set)
    """Statements per run: one value unless a run took another path."""
    shown: int = 0
    note: str = ""
    top: list[tuple[str, int, float]] = field(default_factory=list)
    """The statements that took the longest in the last run."""

    def ms(self, quantile: float) -> float:
        """Milliseconds at this quantile of the runs (nearest rank): 0.5 the median, 1 the slowest."""
        ordered = sorted(self.seconds)
        return 1000 * ordered[min(len(ordered) - 1, max(0, round(quantile * len(ordered)) - 1))]

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.seconds)

    def cells(self) -> list[str]:
        statements = "/".join(str(n) for n in sorted(self.statements)) or "—"
        if not self.seconds:
            return [self.screen, f"{self.size:,}", "—", "—", "—", statements, "—", self.note or self.who]
        times = [f"{self.median_ms:.1f}", f"{self.ms(0.95):.1f}", f"{self.ms(1):.1f}"]
        return [self.screen, f"{self.size:,}", *times, statements, str(self.shown), self.note or self.who]


@dataclass(frozen=True)
class Env:
    """What every run shares: the policy and publisher the bot has, its translations, the statement counter."""

    policy: Policy
    publisher: Publisher
    translations: Translations
    statements: Statements


async def visit(
    screen: Screen, actor: Actor, sessions: async_sessionmaker[Uncommitted], env: Env, top: int
) -> tuple[float, int, int, list[tuple[str, int, float]]]:
    """One run on a fresh session: seconds, statements, items shown, the longest statements."""
    async with sessions() as session:
        uow = Holder(session, env.publisher)
        user, staff = await uow.users.with_staff(actor.user_id)
        if user is None:
            raise LookupError(f"no user {actor.user_id}")
        found = Visit(uow, user, staff, env.translations.translator(user.locale), env.policy, actor.target)
        with env.statements.measuring():
            started = time.perf_counter()
            shown = await screen.show(found)
            took = time.perf_counter() - started
        return took, env.statements.total, shown, env.statements.top(top)


async def measure(
    screen: Screen, cast: Cast, sessions: async_sessionmaker[Uncommitted], env: Env, size: int, args: argparse.Namespace
) -> Result:
    actor = screen.actor(cast)
    result = Result(screen.name, size, actor.who)
    try:
        await visit(screen, actor, sessions, env, 0)  # warms the caches a running bot has warm
        for _ in range(args.runs):
            took, statements, result.shown, result.top = await visit(screen, actor, sessions, env, args.top)
            result.seconds.append(took)
            result.statements.add(statements)
    except Exception as exc:  # reported, and the other screens still run
        result.seconds.clear()
        result.note = f"failed: {type(exc).__name__}: {exc}"[:200]
    return result


async def bench_size(args: argparse.Namespace, size: int, now: datetime) -> list[Result]:
    async with scratch(args.database_url, sqlite=args.sqlite, keep=args.keep, prefix="tosbelgi_screens") as (
        url,
        engine,
    ):
        print(
            f"\n== {size:,} applications, {args.entries:g} entries each on average, {make_url(url).get_backend_name()}"
        )
        ctx = context(url, engine, now)
        population = await populate(
            ctx.sessions,
            applications=size,
            entries_per_app=args.entries,
            now=now,
            seed=args.seed,
            progress=lambda line: print(f"  {line}", flush=True) if args.verbose else None,
        )
        print(population.summary(), flush=True)
        started = time.perf_counter()
        made = 0
        while filled := await fill_figures(ctx):
            made += filled
        if engine.dialect.name == "postgresql":  # as autovacuum does after a burst, before anyone reads them
            async with engine.connect() as conn:
                await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(text("ANALYZE progress"))
        async with ctx.unit_of_work() as uow:
            await analytics.refresh_snapshot(uow, ctx.clock())
        print(
            f"figures of {made:,} active participants and the national snapshot made by core.analytics in "
            f"{time.perf_counter() - started:.1f} s"
        )
        async with ctx.sessions() as session:
            cast = await cast_of(session)
        settle_heap()  # as the bot does once started, or a full collection over aiogram's classes pauses a run
        env = Env(ctx.policy, ctx.publisher, Translations(ctx.settings.default_locale), Statements(engine))
        sessions = async_sessionmaker(engine, class_=Uncommitted, expire_on_commit=False)
        results = []
        for screen in chosen(args):
            result = await measure(screen, cast, sessions, env, size, args)
            results.append(result)
            progress(result)
        return results


async def fill_figures(ctx: JobContext) -> int:
    """What the figures tick does for participants activated before figures were kept, 10,000 at a time."""
    async with ctx.unit_of_work() as uow:
        return await analytics.fill_missing(uow, ctx.policy, ctx.clock(), limit=10_000)


def progress(result: Result) -> None:
    if not result.seconds:
        print(f"  {result.screen}: {result.note}", flush=True)
        return
    took = f"median {result.median_ms:.1f} ms, max {result.ms(1):.1f} ms"
    counts = f"{'/'.join(map(str, sorted(result.statements)))} statements, {result.shown} shown"
    print(f"  {result.screen}: {took}, {counts} ({result.who})", flush=True)


# -- the report -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """A screen across the sizes: whether its statements grow with the data (N+1), and whether it is fast enough
    at the largest."""

    screen: Screen
    statements: list[str]
    median_ms: float | None
    grows: bool
    fast: bool

    def cells(self) -> list[str]:
        median = "—" if self.median_ms is None else f"{self.median_ms:.1f}"
        grows = "yes: grows with the data" if self.grows else "no"
        fast = f"yes ({self.screen.limit_ms:g})" if self.fast else f"no ({self.screen.limit_ms:g})"
        return [self.screen.name, self.screen.handler, " → ".join(self.statements), grows, median, fast]


def pages(screen: Screen, shown: int) -> int:
    """The pages a paged screen read for `shown` items (a last, short or empty page ends the reading)."""
    return shown // screen.per_page + 1 if screen.per_page else 0


def chosen(args: argparse.Namespace) -> list[Screen]:
    return [screen for screen in SCREENS if not args.only or any(part in screen.name for part in args.only)]


def verdicts(results: list[Result], args: argparse.Namespace) -> list[Verdict]:
    found = []
    for screen in chosen(args):
        mine = sorted((r for r in results if r.screen == screen.name), key=lambda r: r.size)
        counts = [max(r.statements, default=0) - screen.page_statements * pages(screen, r.shown) for r in mine]
        median = mine[-1].median_ms if mine[-1].seconds else None
        fast = median is not None and median < screen.limit_ms
        paged = f" + {screen.page_statements} per {screen.per_page:,} rows" if screen.per_page else ""
        found.append(Verdict(screen, [f"{c}{paged}" for c in counts], median, counts[-1] > counts[0], fast))
    return found


def print_report(results: list[Result], args: argparse.Namespace) -> int:
    """The table, the verdicts, and for each screen found wanting the statements that took the longest."""
    head = ["screen", "size", "median ms", "p95 ms", "max ms", "statements", "shown", "actor"]
    print("\n" + table(head, [r.cells() for r in results], {1, 2, 3, 4, 5, 6}))
    found = verdicts(results, args)
    sizes = " → ".join(f"{size:,}" for size in args.apps)
    largest = f"{args.apps[-1]:,}"
    head = ["screen", "handler", f"statements at {sizes}", "N+1", f"median ms at {largest}", "under its goal (ms)"]
    print("\n" + table(head, [v.cells() for v in found], {4}))
    wanting = {v.screen.name for v in found if v.grows or not v.fast}
    if args.top and wanting:
        print("\nStatements that took the longest in the last run (count, ms in all), per screen found wanting:")
        for result in results:
            if result.screen in wanting and result.top:
                print(f"{result.screen}, {result.size:,}:")
                for statement, count, seconds in result.top:
                    print(f"  {count:>5} {1000 * seconds:8.1f} ms  {statement[: args.width]}")
    return 1 if wanting else 0


async def bench(args: argparse.Namespace) -> int:
    zone = Settings(_env_file=None).zone  # type: ignore[call-arg]
    now = local_moment(DEFAULT_AT, zone)
    print(
        f"clock: {now.astimezone(zone):%A %d %B %Y %H:%M} in {zone.key}; {args.runs} runs per screen after one warm-up"
    )
    results: list[Result] = []
    for size in args.apps:
        results += await bench_size(args, size, now)
    return print_report(results, args)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.screens", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--apps", type=int, nargs="+", default=[10_000, 100_000], help="sizes, in applications")
    parser.add_argument(
        "--entries",
        type=float,
        default=50,
        help="diary entries per application on average (50: 5 million at 100,000, 80-160 s to generate on PostgreSQL;"
        " 5 for quick runs)",
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per screen, after one warm-up")
    parser.add_argument("--top", type=int, default=2, help="statements to show per screen found wanting (0: none)")
    parser.add_argument("--width", type=int, default=160, help="characters of each statement shown")
    parser.add_argument("--only", nargs="+", default=[], help="only the screens whose name holds one of these")
    add_database_options(parser)
    args = parser.parse_args(argv)
    args.apps = sorted(args.apps)
    return args


def main() -> None:
    sys.exit(asyncio.run(bench(parse_args())))


if __name__ == "__main__":
    main()
