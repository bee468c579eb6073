"""The outbox sender at full speed: N notifications, several sender processes, PostgreSQL + Redis, the emulator.

Run from the project root: ``python -m bench.outbox``. The main process creates a throw-away database,
enqueues the rows, serves the Bot API emulator and otherwise only watches; each ``--worker`` process is a
production-like sender (its own Bot, engine, RedisLimiter and Sender). The emulator enforces the global rate
the senders are configured with and one message per chat per second, so any overshoot shows up as 429.
Each worker runs `Sender.run`, the loop `tosbelgi run` runs, until no row is left to send. Without options it
measures the project's code as production configures it; the options exist to measure other settings.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import inspect
import json
import logging
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from redis.asyncio import Redis
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.runner import make_bot, settle_heap, utc_now
from cli.outbox import render_status
from core.settings import Settings
from emulator.server import BotAPIEmulator
from scheduler.limiter import HEADROOM, RedisLimiter
from scheduler.sender import Sender
from storage import outbox
from storage.db import create_engine, create_scratch_database, drop_scratch_database, session_factory, upgrade
from storage.models import OutboxMessage

TOKEN = "123456789:AAHtest-token-for-the-emulator_0000000"
FIRST_CHAT = 1_000_000
CHAT_INTERVAL = 1.0
ROOT = Path(__file__).resolve().parent.parent
MIN_RATIO = 0.9
WATCH_SECONDS = 0.1
"""How often a worker checks whether any row is left for any sender."""
SENDER_DEFAULTS = {name: p.default for name, p in inspect.signature(Sender).parameters.items()}


# -- database -------------------------------------------------------------------------------------


def chat_of(n: int, chats: int) -> int:
    """Round robin: a chat's next message is `chats` rows later, long after its 1 s gap when chats >> rate."""
    return FIRST_CHAT + n % chats


async def enqueue_all(url: str, messages: int, chats: int) -> None:
    """Through `outbox.enqueue_many`, the way a scheduler tick writes its notices, in one transaction."""
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            rows = [
                {
                    "key": f"bench:{n}",
                    "chat_id": chat_of(n, chats),
                    "kind": "bench",
                    "method": "sendMessage",
                    "params": {"text": f"bench {n}"},
                }
                for n in range(messages)
            ]
            await outbox.enqueue_many(session, rows, utc_now())
    finally:
        await engine.dispose()


HISTORY_SQL = """
INSERT INTO outbox (key, chat_id, kind, method, params, status, attempts, not_before, created_at, sent_at)
SELECT 'history:' || n, :first_chat + n % 100000, 'reminder', 'sendMessage',
       json_build_object('chat_id', :first_chat + n % 100000, 'text', 'an old reminder, number ' || n),
       'sent', 1, now() - (n % 60) * interval '1 day', now() - (n % 60) * interval '1 day',
       now() - (n % 60) * interval '1 day'
FROM generate_series(1, :rows) AS n
"""


async def add_history(url: str, rows: int) -> float:
    """Rows sent over the last 60 days, as a year of the programme leaves them (one statement on the server,
    then statistics taken as autovacuum would); returns the seconds it took."""
    started = time.perf_counter()
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(HISTORY_SQL), {"rows": rows, "first_chat": FIRST_CHAT + 10_000_000})
        async with engine.connect() as conn:
            await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(text("VACUUM (ANALYZE) outbox"))
    finally:
        await engine.dispose()
    return time.perf_counter() - started


async def outbox_report(url: str) -> str:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return render_status(await outbox.status(session, utc_now()))
    finally:
        await engine.dispose()


# -- worker process -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerStats:
    rows: int
    batches: int
    wall: float
    cpu: float


class CountingSender(Sender):
    """The project's Sender, counting what each of its batches claimed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.done: Counter[str] = Counter()

    async def run_once(self) -> int:
        claimed = await super().run_once()
        if claimed:
            self.done.update(rows=claimed, batches=1)
        return claimed


async def in_flight(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Rows some sender may still send: pending (perhaps backing off) or leased."""
    async with sessions() as session:
        waiting = OutboxMessage.status.in_((outbox.PENDING, outbox.SENDING))
        return int(await session.scalar(select(func.count()).where(waiting)) or 0)


async def send_until_empty(
    sender: CountingSender, sessions: async_sessionmaker[AsyncSession], poll: float
) -> WorkerStats:
    """`Sender.run` until no row is pending or leased: then nothing can need sending again, as nobody enqueues."""
    started, cpu = time.monotonic(), time.process_time()
    stop, wake = asyncio.Event(), asyncio.Event()
    running = asyncio.create_task(sender.run(stop, wake, poll))
    while await in_flight(sessions):
        await asyncio.sleep(WATCH_SECONDS)
    stop.set()
    wake.set()
    await running
    wall, cpu = time.monotonic() - started, time.process_time() - cpu
    return WorkerStats(sender.done["rows"], sender.done["batches"], wall, cpu)


async def work(args: argparse.Namespace) -> None:
    """One sender process, built as production builds it; says `ready`, waits for `go` on stdin, then sends."""
    logging.basicConfig(level=logging.ERROR, format="worker %(process)d %(levelname)s %(name)s: %(message)s")
    settings = Settings(
        bot_token=SecretStr(TOKEN),
        database_url=args.database_url,
        redis_url=args.redis_url,
        telegram_api_base=args.api_base,
        send_rate=args.rate,
        send_chat_interval=CHAT_INTERVAL,
    )
    engine = create_engine(settings.database_url)
    sessions = session_factory(engine)
    redis = Redis.from_url(args.redis_url)
    bot = make_bot(settings)
    limiter = RedisLimiter(redis, settings.send_rate, settings.send_chat_interval, prefix=args.prefix)
    tuning = {"batch": args.batch, "concurrency": args.concurrency, "lanes": args.lanes}
    sender = CountingSender(sessions, bot, limiter, utc_now, **tuning)
    try:
        await in_flight(sessions)
        settle_heap()
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        stats = await send_until_empty(sender, sessions, settings.outbox_poll_seconds)
        print(json.dumps(asdict(stats)), flush=True)
    finally:
        await bot.session.close()
        await redis.aclose()
        await engine.dispose()


# -- main process ---------------------------------------------------------------------------------


async def run_workers(args: argparse.Namespace, url: str, api_base: str, prefix: str) -> list[WorkerStats]:
    """Starts every worker, releases them together once all are ready, and waits (bounded) for them to finish."""
    command = [sys.executable, "-m", "bench.outbox", "--worker", "--database-url", url, "--redis-url", args.redis_url]
    command += ["--api-base", api_base, "--prefix", prefix, "--rate", str(args.rate)]
    command += ["--batch", str(args.batch), "--concurrency", str(args.concurrency), "--lanes", str(args.lanes)]
    pipe = asyncio.subprocess.PIPE
    procs = [
        await asyncio.create_subprocess_exec(*command, cwd=ROOT, stdin=pipe, stdout=pipe) for _ in range(args.workers)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            if (await asyncio.wait_for(proc.stdout.readline(), 60)).strip() != b"ready":
                raise RuntimeError("a worker failed to start; see its traceback above")
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write(b"go\n")
            await proc.stdin.drain()
        chats = args.chats or args.messages
        deadline = 60 + 5 * max(args.messages / args.rate, args.messages / chats * CHAT_INTERVAL / HEADROOM)
        try:
            outputs = await asyncio.wait_for(asyncio.gather(*(proc.communicate() for proc in procs)), deadline)
        except TimeoutError:
            raise RuntimeError(f"workers still sending after {deadline:.0f} s; stopped them") from None
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
    if any(proc.returncode for proc in procs):
        raise RuntimeError("a worker failed; see its traceback above")
    return [WorkerStats(**json.loads(stdout)) for stdout, _ in outputs]


@dataclass(frozen=True)
class Result:
    delivered: int
    duration: float
    refused: int
    other_errors: int
    duplicates: int
    losses: int
    out_of_order: int


def measure(emu: BotAPIEmulator, messages: int, chats: int) -> Result:
    """Judged from the emulator's call log alone: what Telegram would have seen."""
    calls = emu.calls_to("sendMessage")
    ok = [call for call in calls if call.ok]
    seen = Counter((int(call.params["chat_id"]), call.params["text"]) for call in ok)
    expected = {(chat_of(n, chats), f"bench {n}") for n in range(messages)}
    order: dict[int, list[int]] = defaultdict(list)
    for call in sorted(ok, key=lambda call: call.timestamp):
        order[int(call.params["chat_id"])].append(int(call.params["text"].split()[1]))
    stamps = [call.timestamp for call in ok]
    return Result(
        delivered=len(ok),
        duration=max(stamps) - min(stamps) if stamps else 0.0,
        refused=sum(call.error_code == 429 for call in calls),
        other_errors=sum(not call.ok and call.error_code != 429 for call in calls),
        duplicates=sum(count > 1 for count in seen.values()),
        losses=len(expected - seen.keys()),
        out_of_order=sum(sent != sorted(sent) for sent in order.values()),
    )


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The emulator stands in for Telegram and keeps every call: a full collection over them stalls it for
    ~300 ms, then the queued requests are counted as one burst the senders never sent (a false 429)."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


async def flush(redis: Redis, prefix: str) -> None:
    async for key in redis.scan_iter(match=f"{prefix}:*"):
        await redis.delete(key)


def describe(args: argparse.Namespace, chats: int) -> list[str]:
    return [
        f"messages: {args.messages} to {chats} chats, {args.workers} sender processes",
        f"sender: batch {args.batch}, concurrency {args.concurrency}, {args.lanes} lane(s); paced at {HEADROOM:.0%}",
    ]


async def bench(args: argparse.Namespace) -> int:
    chats = args.chats or args.messages
    prefix = f"tosbelgi:bench:{uuid.uuid4().hex[:10]}"
    url = await create_scratch_database(args.database_url, "tosbelgi_bench")
    emu = BotAPIEmulator(TOKEN)
    redis = Redis.from_url(args.redis_url)
    try:
        await upgrade(url)
        history = await add_history(url, args.history) if args.history else 0.0
        await enqueue_all(url, args.messages, chats)
        api_base = await emu.start()
        emu.limits.global_per_second = args.rate
        emu.limits.per_chat_per_second = 1
        for n in range(chats):
            emu.user(chat_of(n, chats))
        await flush(redis, prefix)
        cpu = time.process_time()
        with collector_paused():
            workers = await run_workers(args, url, api_base, prefix)
        emulator_cpu = time.process_time() - cpu
        result = measure(emu, args.messages, chats)
        report = await outbox_report(url)
    finally:
        await emu.stop()
        await flush(redis, prefix)
        await redis.aclose()
        await drop_scratch_database(url)
    achieved = result.delivered / result.duration if result.duration else 0.0
    ceiling = min(args.rate, chats / CHAT_INTERVAL)  # Telegram's bound: the global rate, or a message a second a chat
    ratio = achieved / ceiling
    lines = describe(args, chats) + [
        *([f"sent history: {args.history} rows, written in {history:.0f} s"] if args.history else []),
        f"configured rate: {args.rate}/s",
        f"achieved rate: {achieved:.0f}/s (ratio {ratio:.2f} of the {ceiling:g}/s allowed"
        + (", one a second to each chat)" if ceiling < args.rate else ")"),
        f"429 received: {result.refused}",
        f"duplicates: {result.duplicates}",
        f"losses: {result.losses}",
        f"out of order: {result.out_of_order}",
        f"other errors: {result.other_errors}",
        f"wall time: {max(w.wall for w in workers):.1f} s (first to last delivery {result.duration:.1f} s)",
        report,
        f"emulator cpu: {emulator_cpu:.1f} s",
    ]
    lines += [
        f"worker {n}: {w.rows} rows in {w.batches} batches, cpu {w.cpu:.1f} s of {w.wall:.1f} s"
        for n, w in enumerate(workers, 1)
    ]
    print("\n".join(lines))
    failed = result.duplicates or result.losses or result.out_of_order or ratio < MIN_RATIO
    return 1 if failed else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.outbox", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--chats", type=int, default=0, help="distinct recipients (default: one per message)")
    parser.add_argument(
        "--history", type=int, default=0, help="rows of sent history in the table before the run (2000000: a year)"
    )
    parser.add_argument("--rate", type=int, default=1000, help="SEND_RATE, and the emulator's global limit")
    parser.add_argument("--workers", type=int, default=2, help="sender processes")
    parser.add_argument(
        "--database-url",
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres",
        help="admin database; the benchmark creates and drops its own beside it",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--batch", type=int, default=SENDER_DEFAULTS["batch"], help="Sender batch")
    parser.add_argument("--concurrency", type=int, default=SENDER_DEFAULTS["concurrency"], help="Sender concurrency")
    parser.add_argument("--lanes", type=int, default=SENDER_DEFAULTS["lanes"], help="Sender lanes")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--api-base", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.worker:
        asyncio.run(work(args))
    else:
        sys.exit(asyncio.run(bench(args)))


if __name__ == "__main__":
    main()
