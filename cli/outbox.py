"""`tosbelgi outbox status | retry`: what waits, what failed and why, and sending failed rows again."""

from __future__ import annotations

from datetime import UTC, datetime

from core import outbox as core_outbox
from core.settings import Settings
from storage import outbox
from storage.db import Database
from storage.holder import unit_of_work


def render_status(report: outbox.Status) -> str:
    """Counts per status, the age of the oldest waiting row and the latest failures with Telegram's reasons."""
    order = (outbox.PENDING, outbox.SENDING, outbox.FAILED, outbox.DROPPED)
    lines = ["outbox: " + ", ".join(f"{s} {report.counts.get(s, 0)}" for s in order)]
    lines[0] += f"; sent in the last 24 hours {report.counts.get(outbox.SENT, 0)}"
    if report.oldest_waiting is not None:
        lines.append(f"oldest waiting since {report.oldest_waiting:%Y-%m-%d %H:%M:%S} UTC")
    if report.failures:
        lines.append("latest problems:")
        lines += [
            f"  #{f.id} {f.kind} {f.method} {f.status}, {f.attempts} attempt(s), "
            f"queued {f.created_at:%Y-%m-%d %H:%M}: {f.error or '-'}"
            for f in report.failures
        ]
    return "\n".join(lines)


async def status(settings: Settings) -> int:
    db = Database.open(settings.database_url)
    try:
        async with unit_of_work(db.sessions) as uow:
            print(render_status(await uow.outbox.status(datetime.now(UTC))))
    finally:
        await db.close()
    return 0


async def retry(settings: Settings) -> int:
    db = Database.open(settings.database_url)
    try:
        async with unit_of_work(db.sessions) as uow:
            print(f"{await core_outbox.retry_failed(uow, datetime.now(UTC))} failed message(s) queued again")
    finally:
        await db.close()
    return 0
