"""The scheduler's ticks at national scale: how long each takes, how many statements it runs, what it queues.

Run from the project root: ``python -m bench.ticks``. For each ``--apps`` size it creates a throw-away
PostgreSQL database beside ``--database-url`` (or, with ``--sqlite``, a SQLite file), migrates it, fills it
with `bench.data.populate`, then runs every tick as `scheduler.ticks` runs it in production: a `JobContext`
with the bot's `OutboxPublisher` (real rendering, in each recipient's language), `Policy.of` the settings
and the shipped rules, and a fixed clock (by default Friday 20 November 2026, 12:00 in Asia/Almaty: after
the digest hour, the Friday nudge and the rating prompt due). Each tick runs twice: "first" finds the day's
work and queues it, "steady" finds the same state and should queue nothing new; the once-a-day parts are
made due again before each run, as after a restart. A tick still running after ``--timeout`` seconds is
cancelled (its transaction rolls back) and reported as such.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.data import add_database_options, populate, scratch
from bot.notifications import OutboxPublisher
from core.notices import Notice
from core.policy import Policy
from core.reminders import QuietHours
from core.rules import load_rules
from core.settings import Settings
from locales.translations import Translations
from scheduler.context import JobContext
from scheduler.ticks import digests_tick, escalations_tick, figures_tick, reminders_tick, retention_tick
from storage.db import session_factory
from storage.holder import Holder, Publisher
from storage.models import OutboxMessage

DEFAULT_AT = "2026-11-20T12:00"
"""A Friday the 20th, noon in Almaty: the 5-minute part, and the daily part with every reminder kind due."""
PLACEHOLDER = r"(?:\$\d+(?:::[A-Z][A-Z ]*[A-Z])?|\?)"
PLACEHOLDERS = re.compile(rf"{PLACEHOLDER}(?:\s*,\s*{PLACEHOLDER})+")
"""A list of bound parameters (`$1::VARCHAR, $2::VARCHAR` on asyncpg, `?, ?` on SQLite): as long as a
chunk is, the statement is the same."""
COLUMNS = re.compile(r"^SELECT (.{60,}?) FROM |\(([^()]{60,})\)")
"""A long select list or parenthesised list (an INSERT's columns and values): only the rest tells apart."""


@dataclass(frozen=True)
class Step:
    """A tick as the benchmark runs it: the scheduler's function, and which once-a-day part is due."""

    name: str
    tick: Callable[[JobContext], Awaitable[int]]
    daily: str | None
    """The `daily_done` entry cleared before each run, so the once-a-day part runs (None: not gated)."""
    five_minutes: bool = False
    """Reminders' every-5-minutes part only: the daily part is marked done today."""


STEPS = (
    Step("reminders (5 min)", reminders_tick, None, five_minutes=True),
    Step("reminders (daily)", reminders_tick, "reminders"),
    Step("digests", digests_tick, "digests"),
    Step("escalations", escalations_tick, None),
    Step("retention", retention_tick, "retention"),
    Step("figures (a batch)", figures_tick, None),
)


class Statements:
    """Counts and times what the engine sends to the database, by statement (its placeholders folded)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.count: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()
        sync = engine.sync_engine
        event.listen(sync, "before_cursor_execute", self._before)
        event.listen(sync, "after_cursor_execute", self._after)

    def _before(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def _after(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        took = time.perf_counter() - conn.info["bench_started"].pop()
        shape = shape_of(statement)
        self.count[shape] += 1
        self.seconds[shape] += took

    @contextmanager
    def measuring(self) -> Iterator[None]:
        self.count.clear()
        self.seconds.clear()
        yield

    @property
    def total(self) -> int:
        return sum(self.count.values())

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def top(self, n: int) -> list[tuple[str, int, float]]:
        """The statements that took the longest in all: (statement, how many, seconds)."""
        return [(s, self.count[s], t) for s, t in self.seconds.most_common(n)]


def shape_of(statement: str) -> str:
    """The statement on one line, its parameter lists, select list and column lists folded."""
    shape = PLACEHOLDERS.sub("…", " ".join(statement.split()))
    return COLUMNS.sub(lambda m: "SELECT … FROM " if m.group(1) else "(…)", shape)


class TimedPublisher:
    """The bot's publisher, timed: how much of a tick goes to rendering notices and writing outbox rows."""

    def __init__(self, publisher: Publisher) -> None:
        self.publisher = publisher
        self.seconds = 0.0

    async def publish(self, uow: Holder, notices: Sequence[Notice]) -> int:
        started = time.perf_counter()
        try:
            return await self.publisher.publish(uow, notices)
        finally:
            self.seconds += time.perf_counter() - started


@dataclass
class Run:
    step: str
    size: int
    run: str
    seconds: float | None = None
    statements: int = 0
    sql_seconds: float = 0.0
    """Time from sending each statement to having its rows (asyncpg and aiosqlite fetch them all)."""
    publish_seconds: float = 0.0
    """Time in `OutboxPublisher.publish`: rendering the notices and writing their rows (statements included)."""
    queued: int | None = None
    note: str = ""
    top: list[tuple[str, int, float]] = field(default_factory=list)

    def cells(self) -> list[str]:
        seconds = "—" if self.seconds is None else f"{self.seconds:.2f}"
        queued = "—" if self.queued is None else str(self.queued)
        sql = f"{self.sql_seconds:.2f}" if self.statements else "—"
        publish = f"{self.publish_seconds:.2f}" if self.statements else "—"
        return [self.step, str(self.size), self.run, seconds, str(self.statements), sql, publish, queued, self.note]


def text_table(head: list[str], rows: list[list[str]], right: set[int]) -> str:
    """Columns padded to their widest cell, those numbered in `right` aligned right, a rule under the head."""
    rows = [head, *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def table(runs: list[Run]) -> str:
    head = ["tick", "size", "run", "seconds", "statements", "in SQL (s)", "publishing (s)", "queued", "note"]
    return text_table(head, [r.cells() for r in runs], {1, 3, 4, 5, 6, 7})


def context(url: str, engine: AsyncEngine, now: datetime) -> JobContext:
    """What `scheduler.service.background_jobs` gives the ticks, on a clock that stands still (the publisher
    timed)."""
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]

    def clock() -> datetime:
        return now

    translations = Translations(settings.default_locale)
    publisher = OutboxPublisher(translations, settings.zone, QuietHours.parse(settings.quiet_hours), clock)
    policy = Policy.of(settings, load_rules(settings.rules_file), clock)
    return JobContext(session_factory(engine), TimedPublisher(publisher), policy, settings, clock)


async def outbox_counts(ctx: JobContext, now: datetime) -> tuple[int, int]:
    """Rows in the outbox, and rows the retention rule emptied at `now`."""
    async with ctx.sessions() as session:
        rows = await session.scalar(select(func.count()).select_from(OutboxMessage))
        purged = await session.scalar(select(func.count()).where(OutboxMessage.purged_at == now))
    return int(rows or 0), int(purged or 0)


async def run_step(
    step: Step, ctx: JobContext, statements: Statements, size: int, label: str, timeout: float, top: int
) -> Run:
    now = ctx.clock()
    today = now.astimezone(ctx.policy.zone).date()
    if step.five_minutes:
        ctx.daily_done["reminders"] = today
    elif step.daily:
        ctx.daily_done.pop(step.daily, None)
    rows, purged = await outbox_counts(ctx, now)
    result = Run(step.name, size, label)
    publisher = ctx.publisher
    assert isinstance(publisher, TimedPublisher)
    publisher.seconds = 0.0
    started = time.perf_counter()
    with statements.measuring():
        try:
            result.queued = await asyncio.wait_for(step.tick(ctx), timeout)
            result.seconds = time.perf_counter() - started
        except TimeoutError:
            result.note = f"timeout: still running after {timeout:.0f} s, rolled back"
        except Exception as exc:  # reported, and the other ticks still run
            result.note = f"failed after {time.perf_counter() - started:.1f} s: {type(exc).__name__}: {exc}"[:200]
        result.statements, result.sql_seconds = statements.total, statements.total_seconds
        result.publish_seconds = publisher.seconds
        result.top = statements.top(top)
    if result.seconds is not None:
        rows_after, purged_after = await outbox_counts(ctx, now)
        if rows_after - rows != result.queued:
            result.note = f"outbox grew by {rows_after - rows}"
        if purged_after > purged:
            result.note = f"{purged_after - purged} emptied"
    return result


async def bench_size(args: argparse.Namespace, size: int, now: datetime) -> list[Run]:
    async with scratch(args.database_url, sqlite=args.sqlite, keep=args.keep, prefix="tosbelgi_bench") as (url, engine):
        print(f"\n== {size} applications, {args.entries:g} entries each on average, {make_url(url).get_backend_name()}")
        population = await populate(
            session_factory(engine),
            applications=size,
            entries_per_app=args.entries,
            now=now,
            seed=args.seed,
            history=args.history,
            progress=lambda line: print(f"  {line}", flush=True) if args.verbose else None,
        )
        print(population.summary(), flush=True)
        ctx = context(url, engine, now)
        statements = Statements(engine)
        runs = []
        for step in STEPS:
            first = await run_step(step, ctx, statements, size, "first", args.timeout, args.top)
            runs.append(first)
            progress(first)
            if first.seconds is None:
                runs.append(Run(step.name, size, "steady", note="not run: the first run did not finish"))
                continue
            steady = await run_step(step, ctx, statements, size, "steady", args.timeout, args.top)
            runs.append(steady)
            progress(steady)
        return runs


def local_moment(value: str, zone: ZoneInfo) -> datetime:
    moment = datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def progress(run: Run) -> None:
    took = "did not finish" if run.seconds is None else f"{run.seconds:.2f} s"
    sql = f"{run.statements} statements ({run.sql_seconds:.2f} s), publishing {run.publish_seconds:.2f} s"
    queued = "nothing" if run.queued is None else run.queued
    print(f"  {run.step}, {run.run}: {took}, {sql}, {queued} queued {run.note}".rstrip(), flush=True)


async def bench(args: argparse.Namespace) -> int:
    zone = Settings(_env_file=None).zone  # type: ignore[call-arg]
    now = local_moment(args.at, zone)
    print(f"clock: {now.astimezone(zone):%A %d %B %Y %H:%M} in {zone.key} ({now.isoformat()})")
    runs: list[Run] = []
    for size in args.apps:
        runs += await bench_size(args, size, now)
    print("\n" + table(runs))
    if args.top:
        print("\nStatements that took the longest (count, seconds in all), per run:")
        for run in runs:
            if run.top:
                print(f"{run.step}, {run.size}, {run.run}:")
                for statement, count, seconds in run.top:
                    print(f"  {count:>7} {seconds:8.2f} s  {statement[: args.width]}")
    return 1 if any(r.seconds is None for r in runs) else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ticks", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--apps", type=int, nargs="+", default=[10_000], help="sizes, in applications")
    parser.add_argument("--entries", type=float, default=5, help="diary entries per application on average")
    parser.add_argument("--history", type=int, help="sent outbox rows (default: five per application)")
    parser.add_argument("--at", default=DEFAULT_AT, help="the ticks' clock, ISO; local time unless it has a zone")
    parser.add_argument("--timeout", type=float, default=240, help="seconds a tick may take before it is stopped")
    parser.add_argument("--top", type=int, default=3, help="statements to show per run (0: none)")
    parser.add_argument("--width", type=int, default=160, help="characters of each statement shown")
    add_database_options(parser)
    return parser.parse_args(argv)


def main() -> None:
    sys.exit(asyncio.run(bench(parse_args())))


if __name__ == "__main__":
    main()
