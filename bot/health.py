"""Liveness, readiness and metrics for the orchestrator, the load balancer and Prometheus: `/healthz` says the
process serves HTTP, `/readyz` that the database answers at the newest migration and Redis answers, so updates
can be stored, `/metrics` the process's counters and the outbox's depth."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from redis.asyncio import Redis

from monitoring.metrics import OUTBOX_DEPTH, exposition
from storage import outbox
from storage.db import Database

log = logging.getLogger(__name__)
CHECK_SECONDS = 2.0
"""A store slower than this to answer counts as not ready."""


class Health:
    def __init__(self, db: Database, head: str | None, redis: Redis | None) -> None:
        self.db = db
        self.head = head
        self.redis = redis

    async def live(self, _: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def ready(self, _: web.Request) -> web.Response:
        checks = {"database": await self._check(self._schema)}
        if self.redis is not None:
            checks["redis"] = await self._check(self._redis)
        ready = all(state == "ok" for state in checks.values())
        body = {"status": "ready" if ready else "not ready", "checks": checks}
        return web.json_response(body, status=200 if ready else 503)

    async def _schema(self) -> str:
        revision = await self.db.revision()
        return "ok" if revision == self.head else f"schema at {revision}, expected {self.head}"

    async def _redis(self) -> str:
        assert self.redis is not None
        await self.redis.ping()
        return "ok"

    @staticmethod
    async def _check(probe: Callable[[], Awaitable[str]]) -> str:
        """ "ok", or what is wrong, by kind only (an error's text may hold a connection string)."""
        try:
            return await asyncio.wait_for(probe(), CHECK_SECONDS)
        except TimeoutError:
            return f"no answer within {CHECK_SECONDS:g} s"
        except Exception as exc:
            return f"unreachable: {type(exc).__name__}"

    async def metrics(self, _: web.Request) -> web.Response:
        """The outbox's depth is read now (one indexed count); the rest was counted as it happened."""
        try:
            async with self.db.sessions() as session:
                depth = await asyncio.wait_for(outbox.depth(session), CHECK_SECONDS)
            for status, n in depth.items():
                OUTBOX_DEPTH.labels(status).set(n)
        except Exception as exc:  # the counters are still worth serving
            log.warning("outbox depth not read: %s", type(exc).__name__)
        body, content_type = exposition()
        return web.Response(body=body, headers={"Content-Type": content_type})

    def register(self, app: web.Application) -> None:
        app.router.add_get("/healthz", self.live)
        app.router.add_get("/readyz", self.ready)
        app.router.add_get("/metrics", self.metrics)
