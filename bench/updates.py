"""Updates per second through the webhook: the bot behind a fast fake Bot API, many connections POSTing a mix.

Run from the project root: ``python -m bench.updates``. Each bot runs in a process of its own, as `tosbelgi run`
serves a webhook (`bot.webhook.UpdateEndpoint`, the same start-up: `prepare`, `make_bot`, `set_common`,
`settle_heap`, logging at INFO): a POST returns once the update was handled and its replies made. The outbox
sender and the scheduler's ticks do not run: this measures handling updates (`bench/outbox.py` measures
sending). Replies go to `bench.fakeapi`, another process that answers every method at once; the harness (this
process) holds ``--connections`` concurrent POSTs open.

The mix, by updates (``--mix``): new users' /start and their language button; menu presses of participants
(«📔 My diary», «📝 My application», which shows an active participant's status, /help, /start); diary entries
of active participants: «➕ Add an entry», Sport, a session report, today, 60 minutes, the text, a photo, done,
send. Participants and their history come from `bench.data.populate` (``--apps`` applications), written
before the bot starts, so the runs measure steady-state updates rather than the application wizard. A user's
updates are sent one after another, as a Telegram client does; many users are served at once.

Configurations: a minimal aiogram echo bot (one message handler answering the text, one callback handler answering
the query, the same webhook handler and fake API), tosbelgi on SQLite (a temporary file) with the FSM in memory,
tosbelgi on PostgreSQL + Redis, and the latter with ``--instances`` bot processes behind the harness (the POSTs go
round-robin, so one user's updates land on either); ``--compose`` adds compose.yaml's containers
(`bench/compose.py`): one bot posted to directly, then two behind the set-up's nginx. Each run starts fresh bot
processes (the containers are started once); after ``--warmup`` seconds of load the harness measures ``--seconds``
seconds: updates/s, the bots' CPU time per update (/proc/<pid>/stat), the POST's latency (the time to the update's
last reply), peak RSS (VmHWM) and the start-up time to the first handled update (from the process's spawn). The
table shows the median of ``--runs`` runs. After each run the database is checked: every diary entry sent is
pending and every new user exists. ``--profile`` instead runs PostgreSQL + Redis once with the bot under a profiler
(`bench/sampler.py`'s stack sampler, or cProfile) and prints where its CPU goes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import json
import os
import pstats
import random
import re
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from bench.compose import BOT_PORT, FRONT_PORT, SERVICES, Compose
from bench.sampler import Key, Sampler
from bench.sampler import dump as dump_samples
from bench.sampler import load as load_samples

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "5550001111:AAHbench-updates-token_0000000000000"
"""A bot id of its own: nothing else on the Redis server keys anything by it."""
SECRET = "bench-updates-secret"
LOCALES = {"kk": 50, "ru": 40, "en": 10}
NEW_USERS = 3_000_000_000
"""New users' Telegram ids start here, far from `bench.data`'s."""
PROBE_USERS = 3_900_000_000
DEFAULT_MIX = "new=10,menu=40,diary=50"
MENU = ("menu-diary", "menu-application", "/help", "/start")
SESSION_TEXT = "Ran 5 km in the park, then stretching; 30 seconds faster than last week"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
SAMPLE_INTERVAL = 0.001
IDLE = "waiting in epoll (idle)"
SERVERS = ("PostgreSQL", "Redis")


# -- the bot process ------------------------------------------------------------------------------------


def echo_dispatcher() -> Any:
    """The baseline: plain aiogram, one handler per update type, each making one Bot API call."""
    from aiogram import Dispatcher
    from aiogram.types import CallbackQuery, Message

    async def echo(message: Message) -> None:
        await message.answer(message.text or "📷")

    async def pressed(query: CallbackQuery) -> None:
        await query.answer(query.data)

    dp = Dispatcher()
    dp.message.register(echo)
    dp.callback_query.register(pressed)
    return dp


async def serve(args: argparse.Namespace) -> None:
    """One bot process: started as `tosbelgi run` starts a webhook server, serving until a line on stdin."""
    if args.serve == "tosbelgi":
        gc.disable()  # as `tosbelgi run` starts: `settle_heap` turns the collector on
    import cProfile
    import logging

    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.webhook.aiohttp_server import setup_application
    from aiohttp import web
    from pydantic import SecretStr

    from bot.webhook import UpdateEndpoint

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    url = f"http://127.0.0.1:{args.port}/webhook"
    db = None
    if args.serve == "echo":
        dp = echo_dispatcher()
        bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(args.api_base)))
    else:
        from bot.commands import set_common
        from bot.runner import make_bot, prepare, settle_heap
        from core.settings import Settings

        settings = Settings(
            bot_token=SecretStr(TOKEN),
            database_url=args.database_url,
            redis_url=args.redis_url or None,
            telegram_api_base=args.api_base,
            webhook_url=url,
            webhook_secret=SECRET,
            webhook_port=args.port,
            log_level="INFO",
        )
        dp, db = await prepare(settings)
        bot = make_bot(settings)
        await set_common(bot, dp["translations"])
        settle_heap()
    app = web.Application()
    UpdateEndpoint(dp, bot, SECRET).register(app)
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app, access_log=None)  # aiogram logs each update already, with its duration
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", args.port).start()
    await bot.set_webhook(url, secret_token=SECRET, allowed_updates=dp.resolve_used_update_types())
    database = Counter[str]()
    if db is not None:
        from sqlalchemy import event

        event.listen(db.engine.sync_engine, "before_cursor_execute", lambda *_: database.update(("statements",)))
        event.listen(db.engine.sync_engine, "checkout", lambda *_: database.update(("checkouts",)))
    profiler, sampler = None, None
    if args.profile_path and args.profiler == "cprofile":
        profiler = cProfile.Profile()
        profiler.enable()
    elif args.profile_path:
        sampler = Sampler(SAMPLE_INTERVAL)
        sampler.start()
    try:
        await asyncio.to_thread(sys.stdin.readline)
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile_path)
        if sampler is not None:
            dump_samples(sampler.stop(), args.profile_path)
        if args.stats_path:
            Path(args.stats_path).write_text(json.dumps(database))
        await runner.cleanup()
        await bot.session.close()
        if db is not None:
            await db.close()


# -- a lean HTTP/1.1 client: the harness must cost far less per POST than the bot -----------------------

HEADER_END = b"\r\n\r\n"
CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)")


class Connection:
    """One keep-alive connection to a bot's /webhook."""

    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.host, self.port = host, port
        self.head = (
            "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: "
        ).encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def post(self, body: bytes) -> int:
        """The response's status; the body is read and dropped."""
        if self.writer is None:
            await self.open()
        assert self.reader is not None and self.writer is not None
        self.writer.write(self.head + b"%d\r\n\r\n" % len(body) + body)
        try:
            header = await self.reader.readuntil(HEADER_END)
        except (asyncio.IncompleteReadError, ConnectionError):
            self.close()
            raise
        lower = header.lower()
        if b"transfer-encoding: chunked" in lower:
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        elif match := CONTENT_LENGTH.search(lower):
            await self.reader.readexactly(int(match.group(1)))
        if b"connection: close" in lower:
            self.close()
        return int(header[9:12])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


# -- updates --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    locale: str


Step = tuple[str, bytes]
"""A label (what the update is, for the per-step figures) and the update's JSON."""


class Updates:
    """Telegram's Update objects for private chats, as the Bot API posts them to a webhook."""

    def __init__(self, bot_id: int) -> None:
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1)
        self.query_ids = itertools.count(1)
        self.bot = {"id": bot_id, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}

    @staticmethod
    def user(person: Person) -> dict[str, Any]:
        return {"id": person.id, "is_bot": False, "first_name": "Aigerim", "language_code": person.locale}

    @staticmethod
    def chat(person: Person) -> dict[str, Any]:
        return {"id": person.id, "type": "private", "first_name": "Aigerim"}

    def encode(self, kind: str, payload: dict[str, Any]) -> bytes:
        return json.dumps({"update_id": next(self.update_ids), kind: payload}, ensure_ascii=False).encode()

    def message(self, person: Person, text: str | None = None, *, photo: bool = False) -> bytes:
        message: dict[str, Any] = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": self.chat(person),
            "from": self.user(person),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if photo:
            n = message["message_id"]
            message["photo"] = [
                {"file_id": f"AgACAgIAAxk{n}s", "file_unique_id": f"AQADs{n}", "width": 320, "height": 240},
                {"file_id": f"AgACAgIAAxk{n}m", "file_unique_id": f"AQADm{n}", "width": 1280, "height": 960},
            ]
            message["photo"][-1]["file_size"] = 183_000
        return self.encode("message", message)

    def callback(self, person: Person, data: str) -> bytes:
        shown = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": self.chat(person),
            "from": self.bot,
            "text": "…",
        }
        query = {
            "id": str(next(self.query_ids)),
            "from": self.user(person),
            "message": shown,
            "chat_instance": str(person.id * 7919 % 2**62),
            "data": data,
        }
        return self.encode("callback_query", query)


class Scripts:
    """What one user does in one sitting, as the updates their client would post, one after another."""

    def __init__(self, updates: Updates) -> None:
        from bot.callbacks import DiaryCb, LangCb
        from locales.translations import Translations

        self.u = updates
        translations = Translations("kk")
        self.t = {locale: translations.translator(locale) for locale in LOCALES}
        self.lang = {locale: LangCb(code=locale).pack() for locale in LOCALES}
        self.diary = [
            ("diary: Sport", DiaryCb(action="dir", value="sport").pack()),
            ("diary: session report", DiaryCb(action="kind", value="sport.session").pack()),
            ("diary: today", DiaryCb(action="date", value="0").pack()),
            ("diary: 60 minutes", DiaryCb(action="minutes", value="60").pack()),
        ]
        self.done = DiaryCb(action="media-done", value="media").pack()
        self.send = DiaryCb(action="send", value="confirm").pack()

    def text(self, person: Person, key: str) -> str:
        return key if key.startswith("/") else self.t[person.locale](key)

    def new_user(self, person: Person) -> list[Step]:
        return [
            ("/start (new user)", self.u.message(person, "/start")),
            ("language button", self.u.callback(person, self.lang[person.locale])),
        ]

    def menu(self, person: Person, key: str) -> list[Step]:
        label = {"menu-diary": "«📔 My diary»", "menu-application": "«📝 My application» (status)"}.get(key, key)
        return [(label, self.u.message(person, self.text(person, key)))]

    def entry(self, person: Person) -> list[Step]:
        steps = [("«➕ Add an entry»", self.u.message(person, self.text(person, "menu-add-entry")))]
        steps += [(label, self.u.callback(person, data)) for label, data in self.diary]
        return steps + [
            ("diary: text", self.u.message(person, SESSION_TEXT)),
            ("diary: photo", self.u.message(person, photo=True)),
            ("diary: files done", self.u.callback(person, self.done)),
            ("diary: send", self.u.callback(person, self.send)),
        ]


ENTRY_UPDATES = 9


def parse_mix(text: str) -> dict[str, float]:
    """Shares of updates by session kind; turned into the odds of starting each kind of session."""
    shares = {k: float(v) for k, v in (part.split("=") for part in text.split(",") if part)}
    if set(shares) - {"new", "menu", "diary"} or not any(shares.values()):
        raise SystemExit(f"--mix: expected new=N,menu=N,diary=N, got {text!r}")
    lengths = {"new": 2, "menu": 1, "diary": ENTRY_UPDATES}
    return {kind: share / lengths[kind] for kind, share in shares.items() if share > 0}


# -- the load -------------------------------------------------------------------------------------------


@dataclass
class Population:
    """Who the load plays: existing participants pressing the menu, active ones writing entries."""

    menu: list[Person]
    diary: list[Person]


@dataclass
class Load:
    """The harness's state during one run: free participants, the results so far."""

    scripts: Scripts
    odds: dict[str, float]
    menu: asyncio.Queue[Person]
    diary: asyncio.Queue[Person]
    new_ids: Iterator[int]
    rng: random.Random
    stopping: bool = False
    samples: list[tuple[float, float, str]] = field(default_factory=list)
    """(finished at, latency, label) per update."""
    sessions: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    seen: set[int] = field(default_factory=set)
    new_range: list[int] = field(default_factory=list)

    async def next_session(self) -> tuple[str, Person, list[Step]]:
        kind = self.rng.choices(list(self.odds), weights=list(self.odds.values()))[0]
        if kind == "new":
            locale = self.rng.choices(list(LOCALES), weights=list(LOCALES.values()))[0]
            person = Person(next(self.new_ids), locale)
            self.new_range.append(person.id)
            return kind, person, self.scripts.new_user(person)
        if kind == "menu":
            person = await self.menu.get()
            return kind, person, self.scripts.menu(person, self.rng.choice(MENU))
        person = await self.diary.get()
        return kind, person, self.scripts.entry(person)

    def release(self, kind: str, person: Person) -> None:
        if kind == "menu":
            self.menu.put_nowait(person)
        elif kind == "diary":
            self.diary.put_nowait(person)


async def drive(load: Load, connections: list[Connection], turn: Iterator[int]) -> None:
    """One concurrent client: sessions one after another until told to stop; a session is always finished,
    so no participant is left with half an entry for the next run."""
    while not load.stopping:
        kind, person, steps = await load.next_session()
        load.seen.add(person.id)
        for label, body in steps:
            connection = connections[next(turn) % len(connections)]
            started = time.perf_counter()
            try:
                status = await connection.post(body)
            except (OSError, asyncio.IncompleteReadError) as error:
                load.failures[type(error).__name__] += 1
                continue
            finished = time.perf_counter()
            if status != 200:
                load.failures[f"HTTP {status}"] += 1
            load.samples.append((finished, finished - started, label))
        load.sessions[kind] += 1
        load.release(kind, person)


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat; idle and iowait are not busy."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4], sum(values)


def servers_cpu() -> dict[str, float]:
    """CPU seconds of every PostgreSQL and Redis process on the machine, by server."""
    used: dict[str, float] = defaultdict(float)
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                name = (proc / "comm").read_text().strip()
                if name in ("postgres", "redis-server"):
                    used["PostgreSQL" if name == "postgres" else "Redis"] += cpu_seconds(int(proc.name))
            except (OSError, ValueError, IndexError):
                continue
    return dict(used)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def fake_api_stats(port: int) -> dict[str, Any]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    data = await reader.read()
    writer.close()
    return dict(json.loads(data.split(HEADER_END, 1)[1]))


def api_calls(stats: dict[str, Any]) -> int:
    return sum(stats["calls"].values())


# -- one run --------------------------------------------------------------------------------------------


NGINX_CONF = """
daemon off;
worker_processes 1;
{user}
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream bots {{
        {servers}
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://bots;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_read_timeout 65s;
        }}
    }}
}}
"""
"""The proxying of `deploy/nginx.conf` (round robin over the instances, kept-alive connections, a minute's wait
for an answer), on this machine's ports, in the foreground."""


@dataclass
class Nginx:
    process: asyncio.subprocess.Process
    port: int

    @classmethod
    async def start(cls, ports: list[int], folder: Path) -> Nginx:
        folder.mkdir(parents=True, exist_ok=True)
        port = free_port()
        conf = folder / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                user="user root;" if os.geteuid() == 0 else "",
                folder=folder,
                servers="\n        ".join(f"server 127.0.0.1:{p};" for p in ports),
                port=port,
            )
        )
        process = await asyncio.create_subprocess_exec("nginx", "-c", str(conf), "-p", str(folder))
        for _ in range(100):
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                return cls(process, port)
            except OSError:
                await asyncio.sleep(0.05)
        process.kill()
        raise RuntimeError(f"nginx did not start; see {folder}/error.log")

    async def stop(self) -> None:
        self.process.terminate()
        await self.process.wait()


@dataclass(frozen=True)
class Config:
    name: str
    bot: str
    """echo or tosbelgi"""
    database_url: str = ""
    redis_url: str = ""
    instances: int = 1
    nginx: bool = False
    """The POSTs go to one nginx in front of the instances (as in compose.yaml), not round-robin from here."""
    compose: bool = False
    """The bots are compose.yaml's (`bench.compose`), already running; nginx, if used, is its nginx."""


@dataclass
class Run:
    updates: int
    seconds: float
    cpu: float
    latencies: list[float]
    rss: list[float]
    startup: float
    api_calls: int
    harness_cpu: float
    api_cpu: float
    machine_busy: float
    """Share of all the machine's cores not idle during the window."""
    servers: dict[str, float]
    """Cores used by PostgreSQL's and Redis's processes during the window."""
    failures: Counter[str]
    sessions: Counter[str]
    by_label: dict[str, list[float]]
    checks: list[str] = field(default_factory=list)
    log_errors: int = 0
    handled: int = 0
    """Updates the bots handled in the whole run: the probes, the warm-up, the window and the tail."""
    database: Counter[str] = field(default_factory=Counter)
    """SQL statements and pool checkouts in the bots over the whole run."""

    @property
    def rate(self) -> float:
        return self.updates / self.seconds

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.updates if self.updates else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass
class Bench:
    args: argparse.Namespace
    api_port: int
    api_pid: int
    logs: Path
    updates: Updates
    odds: dict[str, float]
    new_ids: Iterator[int] = field(default_factory=lambda: itertools.count(NEW_USERS))
    probe_ids: Iterator[int] = field(default_factory=lambda: itertools.count(PROBE_USERS))
    runs: int = 0
    used: set[int] = field(default_factory=set)
    """Every user id the load played, for the Redis clean-up."""
    compose: Compose | None = None

    async def start_bots(
        self, config: Config, profile: Path | None
    ) -> tuple[list[asyncio.subprocess.Process], list[int], list[IO[bytes]], float]:
        ports = [free_port() for _ in range(config.instances)]
        procs: list[asyncio.subprocess.Process] = []
        logs: list[IO[bytes]] = []
        spawned = time.perf_counter()
        for n, port in enumerate(ports):
            command = [sys.executable, "-m", "bench.updates", "--serve", config.bot, "--port", str(port)]
            command += ["--api-base", f"http://127.0.0.1:{self.api_port}"]
            command += ["--database-url", config.database_url, "--redis-url", config.redis_url]
            command += ["--stats-to", str(self.logs / f"run{self.runs}-bot{n}.json")]
            if profile is not None:
                command += ["--profile-to", str(profile), "--profiler", self.args.profiler]
            log = (self.logs / f"run{self.runs}-bot{n}.log").open("wb")
            logs.append(log)
            pipe = asyncio.subprocess.PIPE
            proc = await asyncio.create_subprocess_exec(*command, cwd=ROOT, stdin=pipe, stdout=log, stderr=log)
            procs.append(proc)
        return procs, ports, logs, spawned

    async def probe(self, port: int, proc: asyncio.subprocess.Process, spawned: float) -> float:
        """Seconds from the spawn to the first update handled (`probe_update`)."""
        body = self.probe_update()
        deadline = spawned + self.args.startup_timeout
        while time.perf_counter() < deadline:
            if proc.returncode is not None:
                raise RuntimeError(f"a bot process exited with {proc.returncode} on start; see {self.logs}")
            connection = Connection(port)
            try:
                await connection.open()
            except OSError:
                await asyncio.sleep(0.01)
                continue
            try:
                status = await connection.post(body)
            finally:
                connection.close()
            if status != 200:
                raise RuntimeError(f"the first update got HTTP {status}")
            return time.perf_counter() - spawned
        raise RuntimeError(f"no bot answered within {self.args.startup_timeout} s; see {self.logs}")

    def probe_update(self) -> bytes:
        """A /help of a user the bot never saw: the first update a run sends, to know the bots answer."""
        person = Person(next(self.probe_ids), "en")
        self.used.add(person.id)
        return self.updates.message(person, "/help")

    async def stop_bots(self, procs: list[asyncio.subprocess.Process], logs: list[IO[bytes]]) -> None:
        for proc in procs:
            if proc.returncode is None and proc.stdin is not None:
                with contextlib.suppress(ConnectionError):
                    proc.stdin.write(b"stop\n")
                    await proc.stdin.drain()
        for proc in procs:
            try:
                await asyncio.wait_for(proc.wait(), 60)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        for log in logs:
            log.close()

    async def run(self, config: Config, population: Population, profile: Path | None = None) -> Run:
        self.runs += 1
        args = self.args
        procs: list[asyncio.subprocess.Process] = []
        logs: list[IO[bytes]] = []
        if config.compose:
            pids, targets, startup = await self.compose_bots(config)
        else:
            procs, ports, logs, spawned = await self.start_bots(config, profile)
        runs_since = datetime.now(UTC)
        front: Nginx | None = None
        try:
            if not config.compose:
                try:
                    probes = [self.probe(port, proc, spawned) for port, proc in zip(ports, procs, strict=True)]
                    startup = max(await asyncio.gather(*probes))
                except (OSError, RuntimeError, asyncio.IncompleteReadError):
                    await asyncio.sleep(0.5)
                    for n in range(len(procs)):
                        print(f"bot {n} log (last lines):\n  " + "\n  ".join(self.log_lines(n)[-15:]), file=sys.stderr)
                    raise
                pids = [proc.pid for proc in procs]
                targets = [("127.0.0.1", port) for port in ports]
            rng = random.Random(self.runs)
            load = Load(
                Scripts(self.updates),
                self.odds,
                queue_of(population.menu, rng),
                queue_of(population.diary, rng),
                self.new_ids,
                rng,
            )
            if config.nginx and not config.compose:
                front = await Nginx.start(ports, self.logs / f"run{self.runs}-nginx")
                targets = [("127.0.0.1", front.port)]
            clients = [[Connection(port, host) for host, port in targets] for _ in range(args.connections)]
            for client in clients:
                for connection in client:
                    await connection.open()
            turn = itertools.count()
            drivers = [asyncio.create_task(drive(load, client, turn)) for client in clients]
            await asyncio.sleep(args.warmup)
            before = sum(map(cpu_seconds, pids)), cpu_seconds(self.api_pid), time.process_time()
            machine_before, servers_before = machine_cpu(), servers_cpu()
            calls_before = api_calls(await fake_api_stats(self.api_port))
            window_start = time.perf_counter()
            await asyncio.sleep(args.seconds)
            window_end = time.perf_counter()
            after = sum(map(cpu_seconds, pids)), cpu_seconds(self.api_pid), time.process_time()
            machine_after, servers_after = machine_cpu(), servers_cpu()
            calls_after = api_calls(await fake_api_stats(self.api_port))
            load.stopping = True
            await asyncio.wait_for(asyncio.gather(*drivers), 120)
            rss = [peak_rss_mb(pid) for pid in pids]
            for client in clients:
                for connection in client:
                    connection.close()
        finally:
            if front is not None:
                await front.stop()
            await self.stop_bots(procs, logs)
            if config.compose:
                await self.save_compose_logs(config, runs_since)
        self.used |= load.seen
        window = [(latency, label) for done, latency, label in load.samples if window_start <= done <= window_end]
        by_label: dict[str, list[float]] = defaultdict(list)
        for latency, label in window:
            by_label[label].append(latency)
        seconds = window_end - window_start
        result = Run(
            updates=len(window),
            seconds=seconds,
            cpu=after[0] - before[0],
            latencies=[latency for latency, _ in window],
            rss=rss,
            startup=startup,
            api_calls=calls_after - calls_before,
            harness_cpu=(after[2] - before[2]) / seconds,
            api_cpu=(after[1] - before[1]) / seconds,
            machine_busy=(machine_after[0] - machine_before[0]) / (machine_after[1] - machine_before[1]),
            servers={name: (servers_after[name] - servers_before.get(name, 0.0)) / seconds for name in servers_after},
            failures=load.failures,
            sessions=load.sessions,
            by_label=dict(by_label),
            log_errors=sum(" ERROR " in line for n in range(len(pids)) for line in self.log_lines(n)),
            handled=len(load.samples) + len(pids),
            database=sum((self.bot_stats(n) for n in range(len(pids))), Counter()),
        )
        if config.bot == "tosbelgi":
            result.checks = await check_database(config.database_url, runs_since, load)
        return result

    async def compose_bots(self, config: Config) -> tuple[list[int], list[tuple[str, int]], float]:
        """The running compose set-up's bots: their pids, where to POST (nginx, or the first bot when there is
        one instance and no nginx), and how long `up` took to be ready. The POSTs go to the container's own
        address, as traffic from another machine reaches it, not through docker-proxy, which carries only this
        machine's connections to a published port. `probe_update` through that target first."""
        assert self.compose is not None
        services = SERVICES[: config.instances]
        pids = [await self.compose.pid(service) for service in services]
        front = "nginx" if config.nginx else services[0]
        target = (await self.compose.address(front), FRONT_PORT if config.nginx else BOT_PORT)
        connection = Connection(target[1], target[0])
        try:
            status = await connection.post(self.probe_update())
        finally:
            connection.close()
        if status != 200:
            raise RuntimeError(f"the compose set-up answered the first update with HTTP {status}")
        return pids, [target], self.compose.startup

    async def save_compose_logs(self, config: Config, since: datetime) -> None:
        assert self.compose is not None
        for n, service in enumerate(SERVICES[: config.instances]):
            (self.logs / f"run{self.runs}-bot{n}.log").write_text(await self.compose.logs(service, since))

    def bot_stats(self, n: int) -> Counter[str]:
        path = self.logs / f"run{self.runs}-bot{n}.json"
        return Counter(json.loads(path.read_text())) if path.exists() else Counter()

    def log_lines(self, n: int) -> list[str]:
        return (self.logs / f"run{self.runs}-bot{n}.log").read_text(errors="replace").splitlines()


def queue_of(people: Sequence[Person], rng: random.Random) -> asyncio.Queue[Person]:
    queue: asyncio.Queue[Person] = asyncio.Queue()
    for person in rng.sample(list(people), len(people)):
        queue.put_nowait(person)
    return queue


# -- the database ---------------------------------------------------------------------------------------


async def populated(url: str, args: argparse.Namespace) -> Population:
    """Migrated and filled by `bench.data.populate`; then the participants the load may play."""
    from sqlalchemy import exists, select

    from bench.data import populate
    from storage.db import create_engine, session_factory, upgrade
    from storage.models import Application, Entry, Staff, User

    await upgrade(url)
    engine = create_engine(url)
    try:
        now = datetime.now(UTC)
        took = time.perf_counter()
        written = await populate(session_factory(engine), applications=args.apps, entries_per_app=5, now=now)
        took = time.perf_counter() - took
        print(f"  populated {written.rows:,} rows ({args.apps:,} applications) in {took:.0f} s", flush=True)
        playable = (
            select(User.id, User.locale)
            .join(Application, Application.user_id == User.id)
            .where(
                Application.status == "active",
                Application.activated_at <= now,
                User.blocked_at.is_(None),
                ~exists().where(Staff.user_id == User.id),
                ~exists().where(Entry.application_id == Application.id, Entry.status == "draft"),
            )
            .order_by(User.id)
        )
        async with engine.connect() as conn:
            people = [Person(int(uid), locale) for uid, locale in await conn.execute(playable)]
    finally:
        await engine.dispose()
    if len(people) < 4 * 100:
        raise SystemExit(f"only {len(people)} active participants to play; raise --apps")
    random.Random(7).shuffle(people)
    half = len(people) // 2
    return Population(menu=people[:half], diary=people[half:])


def synthetic(args: argparse.Namespace) -> Population:
    """For the echo bot, which keeps nothing: participants it has never seen, with the same languages."""
    rng = random.Random(7)
    people = [
        Person(100_000_000 + n, rng.choices(list(LOCALES), weights=list(LOCALES.values()))[0]) for n in range(args.apps)
    ]
    return Population(menu=people[::2], diary=people[1::2])


async def check_database(url: str, since: datetime, load: Load) -> list[str]:
    """That the load did what it meant to: each diary entry sent is pending, each new user was stored."""
    from sqlalchemy import func, select

    from storage.db import create_engine
    from storage.models import Entry, User

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            sent = await conn.scalar(select(func.count()).where(Entry.status == "pending", Entry.submitted_at >= since))
            new = 0
            if load.new_range:
                lo, hi = min(load.new_range), max(load.new_range)
                new = int(await conn.scalar(select(func.count()).where(User.id.between(lo, hi))) or 0)
    finally:
        await engine.dispose()
    problems = []
    if sent != load.sessions["diary"]:
        problems.append(f"{load.sessions['diary']} entries sent but {sent} pending in the database")
    if new != len(load.new_range):
        problems.append(f"{len(load.new_range)} new users started but {new} stored")
    return problems


async def clean_redis(url: str, users: set[int]) -> None:
    """The FSM keys of every user the load played and the update claims (`bot.once`), under this benchmark's
    bot id only: each run numbers its updates from 1, and a claim left by the run before would skip them."""
    from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
    from redis.asyncio import Redis

    builder, bot_id = DefaultKeyBuilder(), int(TOKEN.split(":")[0])
    keys = [
        builder.build(StorageKey(bot_id, uid, uid), part)  # type: ignore[arg-type]
        for uid in users
        for part in ("state", "data", "lock")
    ]
    redis = Redis.from_url(url)
    try:
        keys += [key async for key in redis.scan_iter(match=f"fsm:update:{bot_id}:*", count=1000)]
        for first in range(0, len(keys), 1000):
            await redis.delete(*keys[first : first + 1000])
    finally:
        await redis.aclose()


# -- reporting ------------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def table(results: dict[str, list[Run]]) -> str:
    lines = [
        "| config | updates/s | CPU ms/update | p50 ms | p95 ms | peak RSS MB | start-up s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        rates = ", ".join(f"{r.rate:.0f}" for r in runs)
        lines.append(
            f"| {name} | {median([r.rate for r in runs]):.0f} ({rates}) | {median([r.cpu_ms for r in runs]):.2f}"
            f" | {median([r.percentile(0.5) for r in runs]):.1f} | {median([r.percentile(0.95) for r in runs]):.1f}"
            f" | {median([max(r.rss) for r in runs]):.0f} | {median([r.startup for r in runs]):.2f} |"
        )
    return "\n".join(lines)


def details(results: dict[str, list[Run]]) -> list[str]:
    lines = []
    for name, runs in results.items():
        calls = sum(r.api_calls for r in runs) / max(1, sum(r.updates for r in runs))
        handled = sum(r.handled for r in runs)
        database = sum((r.database for r in runs), Counter())
        parts = [f"{calls:.2f} Bot API calls/update"]
        if database:
            statements, checkouts = database["statements"] / handled, database["checkouts"] / handled
            parts.append(f"{statements:.1f} SQL statements and {checkouts:.1f} pool checkouts/update")
        servers = ", ".join(f"{name} {median([r.servers.get(name, 0.0) for r in runs]):.0%}" for name in SERVERS)
        parts += [
            f"machine {median([r.machine_busy for r in runs]):.0%} busy ({os.cpu_count()} cores); of a core:"
            f" harness {median([r.harness_cpu for r in runs]):.0%}, fake API {median([r.api_cpu for r in runs]):.0%},"
            f" {servers}",
            f"sessions {dict(sum((r.sessions for r in runs), Counter()))}",
            f"failed POSTs {dict(sum((r.failures for r in runs), Counter())) or 0}",
            f"ERROR lines in the bot logs {sum(r.log_errors for r in runs)}",
            f"database check: {'; '.join(p for r in runs for p in r.checks) or 'ok'}",
        ]
        lines.append(f"{name}: " + "; ".join(parts))
    return lines


def by_step(results: dict[str, list[Run]]) -> str:
    labels = list(dict.fromkeys(label for runs in results.values() for r in runs for label in r.by_label))
    lines = ["| step | " + " | ".join(f"{name} p50 ms" for name in results) + " |"]
    lines.append("|---" * (len(results) + 1) + "|")
    for label in labels:
        cells = []
        for runs in results.values():
            values = sorted(v for r in runs for v in r.by_label.get(label, []))
            cells.append(f"{1000 * values[len(values) // 2]:.1f}" if values else "-")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def where(filename: str) -> str:
    """A profile entry's file, short: `aiogram/dispatcher/dispatcher.py`, `bot/middlewares.py`."""
    if filename == "~":
        return ""
    for marker in ("site-packages/", f"{ROOT}/", "/lib/python3."):
        if marker in filename:
            rest = filename.split(marker, 1)[1]
            return rest.split("/", 1)[1] if marker == "/lib/python3." else rest
    return filename


def package(filename: str, function: str) -> str:
    """What a function's self time is counted under: the library, the project's layer, or the event loop's wait."""
    if filename == "~":
        return IDLE if "poll" in function else "C built-ins (json, sockets, hashing, ...)"
    short = where(filename)
    top = short.split("/", 1)[0].removesuffix(".py")
    if f"{ROOT}/" in filename:
        return f"tosbelgi {top}/"
    return top


def cprofile_rows(path: Path) -> tuple[dict[Key, float], dict[Key, float], dict[Key, int]]:
    """Cumulative and self seconds and calls per function, as cProfile counted them."""
    raw: dict[Key, tuple[int, int, float, float, Any]] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    cumulative = {key: row[3] for key, row in raw.items()}
    return cumulative, {key: row[2] for key, row in raw.items()}, {key: row[1] for key, row in raw.items()}


def profile_report(path: Path, profiler: str, updates: int, top: int = 25) -> str:
    """The top functions by cumulative (inclusive) time and the self time by package, per update handled."""
    calls: dict[Key, int] = {}
    if profiler == "cprofile":
        cumulative, own, calls = cprofile_rows(path)
        busy = sum(seconds for key, seconds in own.items() if package(key[0], key[2]) != IDLE)
        head = [
            f"cProfile, {updates} updates; cumulative times are unreliable here: SQLAlchemy's greenlet switches"
            " break cProfile's call stack (see bench/sampler.py)"
        ]
    else:
        sampled = load_samples(path)
        cumulative, own, busy = sampled.inclusive, sampled.own, sampled.cpu
        head = [
            f"sampled on SIGPROF every {SAMPLE_INTERVAL * 1000:g} ms of CPU: {sampled.samples} samples,"
            f" {sampled.cpu:.1f} s of CPU over {updates} updates ({1000 * sampled.cpu / updates:.2f} ms/update)"
        ]
    plumbing = {key for key, seconds in cumulative.items() if seconds >= 0.97 * busy}
    rows = sorted((kv for kv in cumulative.items() if kv[0] not in plumbing), key=lambda kv: -kv[1])[:top]
    out = head + [
        f"top {top} functions by cumulative time (the {len(plumbing)} frames under nearly every sample, the event"
        " loop's and the process's, left out)",
        f"{'cum ms/upd':>10} {'share':>6} {'self ms/upd':>11}  function",
    ]
    for key, seconds in rows:
        filename, line, function = key
        place = f"{where(filename)}:{line} {function}" if filename != "~" else function
        if key in calls:
            place += f"  ({calls[key] / updates:.1f} calls/update)"
        mine = own.get(key, 0.0)
        out.append(f"{1000 * seconds / updates:10.3f} {seconds / busy:6.1%} {1000 * mine / updates:11.3f}  {place}")
    out += ["", f"top {top // 2} functions by self time (their own code and the C functions they call)"]
    for key, seconds in sorted(own.items(), key=lambda kv: -kv[1])[: top // 2]:
        filename, line, function = key
        place = f"{where(filename)}:{line} {function}" if filename != "~" else function
        out.append(f"{1000 * seconds / updates:10.3f} {seconds / busy:6.1%}  {place}")
    by_package: defaultdict[str, float] = defaultdict(float)
    for (filename, _line, function), seconds in own.items():
        by_package[package(filename, function)] += seconds
    out += ["", "self time by package (share of the CPU time)"]
    for name, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:16]:
        out.append(f"{seconds / busy:6.1%}  {1000 * seconds / updates:7.3f} ms/update  {name}")
    return "\n".join(out)


def other_benchmarks() -> list[str]:
    """Benchmark processes that are not this one or its children: they would share the machine."""
    mine, pid = set(), os.getpid()
    while pid > 1:
        mine.add(pid)
        pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) in mine:
            continue
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if re.search(r"-m bench\.\w+|bench/\w+\.py", command) and parent not in mine:
            found.append(f"{proc.name}: {command}")
    return found


# -- main -----------------------------------------------------------------------------------------------


async def start_fake_api(host: str) -> tuple[asyncio.subprocess.Process, int]:
    pipe = asyncio.subprocess.PIPE
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.fakeapi", "--host", host, cwd=ROOT, stdin=pipe, stdout=pipe
    )
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode().split()
    if not line or line[0] != "ready":
        raise RuntimeError("the fake Bot API did not start")
    return proc, int(line[1])


def describe(args: argparse.Namespace) -> str:
    return (
        f"{args.connections} concurrent connections; mix {args.mix} (shares of updates); {args.apps:,} applications;"
        f" {args.runs} runs each of {args.warmup:g} s warm-up + {args.seconds:g} s measured"
    )


async def measure(bench: Bench, config: Config, population: Population, results: dict[str, list[Run]]) -> None:
    runs = results.setdefault(config.name, [])
    for n in range(bench.args.runs):
        run = await bench.run(config, population)
        runs.append(run)
        print(
            f"  {config.name} run {n + 1}: {run.rate:.0f} updates/s, {run.cpu_ms:.2f} CPU ms/update,"
            f" p50 {run.percentile(0.5):.1f} ms, p95 {run.percentile(0.95):.1f} ms, start-up {run.startup:.2f} s"
            + (f"; PROBLEMS: {'; '.join(run.checks)}" if run.checks else ""),
            flush=True,
        )


async def bench(args: argparse.Namespace) -> int:
    from storage.db import create_scratch_database, drop_scratch_database

    if others := other_benchmarks():
        print("warning: other benchmarks are running, figures will be low:\n  " + "\n  ".join(others), flush=True)
    (busy, total) = machine_cpu()
    await asyncio.sleep(1)
    busy, total = machine_cpu()[0] - busy, machine_cpu()[1] - total
    if busy > 0.1 * total:
        print(f"warning: the machine was {busy / total:.0%} busy before the benchmark started", flush=True)
    configs = set(args.configs)
    api, api_port = await start_fake_api("0.0.0.0" if args.compose else "127.0.0.1")
    results: dict[str, list[Run]] = {}
    profile_text = ""
    with tempfile.TemporaryDirectory(prefix="bench-updates-") as tmp:
        logs = Path(args.keep or tmp)
        logs.mkdir(parents=True, exist_ok=True)
        bench = Bench(args, api_port, api.pid, logs, Updates(int(TOKEN.split(":")[0])), parse_mix(args.mix))
        print(describe(args), flush=True)
        try:
            if args.profile:
                configs = {"postgres"}
            if "echo" in configs and not args.profile:
                await measure(bench, Config("echo (aiogram)", "echo"), synthetic(args), results)
            if "sqlite" in configs and not args.profile:
                url = f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"
                print("SQLite: migrating and populating", flush=True)
                population = await populated(url, args)
                await measure(bench, Config("tosbelgi, SQLite + memory", "tosbelgi", url), population, results)
            if "postgres" in configs:
                await clean_redis(args.redis_url, set())
                url = await create_scratch_database(args.database_url, "tosbelgi_bench_updates")
                try:
                    print("PostgreSQL: migrating and populating", flush=True)
                    population = await populated(url, args)
                    pg = Config("tosbelgi, PostgreSQL + Redis", "tosbelgi", url, args.redis_url)
                    if args.profile:
                        path = logs / "bot.prof"
                        run = await bench.run(pg, population, profile=path)
                        results[f"{pg.name}, profiled ({args.profiler})"] = [run]
                        profile_text = profile_report(path, args.profiler, handled(run))
                    else:
                        await measure(bench, pg, population, results)
                        if args.instances > 1:
                            name = f"{pg.name}, {args.instances} instances"
                            many = Config(name, "tosbelgi", url, args.redis_url, args.instances)
                            await measure(bench, many, population, results)
                            if args.nginx:
                                fronted = Config(
                                    f"{name} behind nginx", "tosbelgi", url, args.redis_url, args.instances, nginx=True
                                )
                                await measure(bench, fronted, population, results)
                finally:
                    await drop_scratch_database(url)
                    await clean_redis(args.redis_url, bench.used)
            if args.compose:
                await measure_compose(bench, api_port, results)
        finally:
            if api.stdin is not None:
                api.stdin.close()
            await api.wait()
        print()
        print(table(results))
        print()
        print("\n".join(details(results)))
        for one, many_name in (
            ("tosbelgi, PostgreSQL + Redis", f"tosbelgi, PostgreSQL + Redis, {args.instances} instances"),
            (COMPOSE_ONE, COMPOSE_TWO),
        ):
            if one in results and many_name in results:
                ratio = median([r.rate for r in results[many_name]]) / median([r.rate for r in results[one]])
                print(f"{many_name} / {one}: {ratio:.2f}x updates/s")
        if args.steps:
            print()
            print(by_step(results))
        if profile_text:
            print()
            print(profile_text)
    failed = any(r.checks or r.failures for runs in results.values() for r in runs)
    return 1 if failed else 0


COMPOSE_ONE = "compose.yaml: bot1 alone, no nginx"
COMPOSE_TWO = "compose.yaml: bot1 and bot2 behind nginx"


async def measure_compose(bench: Bench, api_port: int, results: dict[str, list[Run]]) -> None:
    """compose.yaml's containers, started here and removed afterwards: one bot posted to directly, then both
    through nginx, on the same database."""
    compose = Compose.prepare(TOKEN, SECRET, api_port, free_port())
    bench.compose = compose
    print("compose.yaml: building and starting", flush=True)
    try:
        await compose.up()
        print(f"  ready in {compose.startup:.0f} s; populating", flush=True)
        population = await populated(compose.database_url, bench.args)
        await measure(bench, Config(COMPOSE_ONE, "tosbelgi", compose.database_url, compose=True), population, results)
        two = Config(COMPOSE_TWO, "tosbelgi", compose.database_url, instances=2, nginx=True, compose=True)
        await measure(bench, two, population, results)
    finally:
        await compose.down()


def handled(run: Run) -> int:
    """Updates the profiled process handled: the warm-up's, the window's and the tail's, and the probe."""
    return sum(run.sessions[kind] * n for kind, n in (("new", 2), ("menu", 1), ("diary", ENTRY_UPDATES))) + 1


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.updates", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--connections", type=int, default=50, help="concurrent POSTs")
    parser.add_argument("--seconds", type=float, default=15, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of load before measuring")
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration (the table shows the median)")
    parser.add_argument(
        "--configs", nargs="+", default=["echo", "sqlite", "postgres"], choices=["echo", "sqlite", "postgres"]
    )
    parser.add_argument("--instances", type=int, default=2, help="PostgreSQL + Redis also with this many bots (1: no)")
    parser.add_argument(
        "--nginx", action="store_true", help="also the instances behind nginx, as compose.yaml runs them (needs nginx)"
    )
    parser.add_argument(
        "--compose",
        action="store_true",
        help="also compose.yaml's containers: one bot, then two behind nginx (needs docker; see bench/compose.py)",
    )
    parser.add_argument("--mix", default=DEFAULT_MIX, help="shares of updates: new users, menu presses, diary steps")
    parser.add_argument("--apps", type=int, default=10_000, help="applications bench.data writes first")
    parser.add_argument("--keep", metavar="DIR", help="keep the bots' logs (and the profile) in this folder")
    parser.add_argument("--steps", action="store_true", help="also the median latency of each kind of update")
    parser.add_argument(
        "--profile", action="store_true", help="instead: PostgreSQL + Redis once, the bot profiled (see --profiler)"
    )
    parser.add_argument(
        "--profiler",
        choices=["sample", "cprofile"],
        default="sample",
        help="sample: bench/sampler.py's stack sampler (default); cprofile: exact calls, but see bench/sampler.py",
    )
    parser.add_argument(
        "--database-url",
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres",
        help="admin database; the benchmark creates and drops its own beside it",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--startup-timeout", type=float, default=120, help=argparse.SUPPRESS)
    parser.add_argument("--serve", choices=["echo", "tosbelgi"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--api-base", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", dest="profile_path", help=argparse.SUPPRESS)
    parser.add_argument("--stats-to", dest="stats_path", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.serve:
        asyncio.run(serve(args))
    else:
        sys.exit(asyncio.run(bench(args)))


if __name__ == "__main__":
    main()
