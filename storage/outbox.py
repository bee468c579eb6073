"""The outbox table: enqueue in the caller's transaction, claim for sending, record what happened.

Rows of one chat go out in the order they were written: a row is claimable only when no earlier row
of its chat is still waiting or in flight. On PostgreSQL the claim locks with `FOR UPDATE SKIP LOCKED`,
so several senders never take the same row; SQLite serialises writers and ignores the clause.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Select, Table, and_, delete, exists, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.batches import batches
from storage.dialects import conflict_insert, is_postgresql
from storage.models import OUTBOX_UNPURGED, OutboxMessage, User

OUTBOX = cast(Table, OutboxMessage.__table__)
PENDING, SENDING, SENT, FAILED, DROPPED = "pending", "sending", "sent", "failed", "dropped"
FINISHED = (SENT, FAILED, DROPPED)
SENT_WINDOW = timedelta(days=1)
WRITTEN = "outbox_written"
"""Session.info flag: this transaction enqueued something, so the sender may be woken after commit."""


async def enqueue(
    session: AsyncSession,
    *,
    key: str,
    chat_id: int,
    kind: str,
    method: str,
    params: dict[str, Any],
    now: datetime,
    not_before: datetime | None = None,
    subject_id: int | None = None,
) -> bool:
    """Adds the row unless its key exists; True when it was new."""
    row = {"key": key, "chat_id": chat_id, "kind": kind, "method": method, "params": params}
    return bool(await enqueue_many(session, [row | {"not_before": not_before, "subject_id": subject_id}], now))


ANALYZE_AFTER = 1000
"""New rows after which the planner's statistics are renewed in the same transaction (ANALYZE counts its own
transaction's rows). Autovacuum waits for a tenth of the table to change: with two million rows of history,
a tick's burst of waiting rows would otherwise be claimed under statistics that say no row waits, and the
claim's per-chat check then scans every waiting row for each one it returns (300 ms a claim instead of 0.3)."""


async def enqueue_many(session: AsyncSession, rows: Sequence[dict[str, Any]], now: datetime) -> int:
    """Adds the rows (key, chat_id, kind, method, params, optionally not_before and subject_id) whose keys do
    not exist yet; returns how many were new. One statement compiled once: SQLAlchemy sends the rows as
    multi-row INSERTs of a size the driver accepts ("insertmanyvalues"); compiling a thousand-row VALUES
    clause for each batch cost four fifths of publishing a tick's notices."""
    values = [
        {
            "subject_id": row.get("subject_id"),
            "key": row["key"][:200],
            "chat_id": row["chat_id"],
            "kind": row["kind"],
            "method": row["method"],
            "params": row["params"],
            "status": PENDING,
            "attempts": 0,
            "not_before": row.get("not_before") or now,
            "created_at": now,
        }
        for row in rows
    ]
    if not values:
        return 0
    statement = conflict_insert(session, OUTBOX).on_conflict_do_nothing(index_elements=["key"]).returning(OUTBOX.c.id)
    new = len((await session.execute(statement, values)).all())
    if new >= ANALYZE_AFTER and is_postgresql(session):
        await session.execute(text("ANALYZE outbox"))
    session.info[WRITTEN] = True
    return new


async def key_exists(session: AsyncSession, key: str) -> bool:
    """Lets a job skip the work of composing a message that was already queued."""
    return await session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None


async def existing_keys(session: AsyncSession, keys: Sequence[str]) -> set[str]:
    """Which of these keys are queued already, in chunks: a tick checks thousands of candidates at once."""
    found: set[str] = set()
    for chunk in batches(keys):
        found.update(await session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(chunk))))
    return found


async def drop_waiting(session: AsyncSession, chat_id: int, key_prefix: str, reason: str) -> None:
    """Withdraws queued, unsent messages of one kind (a reminder kind the user just paused)."""
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.status == PENDING,
            OutboxMessage.key.startswith(key_prefix, autoescape=True),
        )
        .values(status=DROPPED, error=reason)
    )


def _claimable(now: datetime) -> Any:
    earlier = aliased(OutboxMessage)
    waiting = or_(
        OutboxMessage.status == PENDING,
        and_(OutboxMessage.status == SENDING, OutboxMessage.claimed_until < now),
    )
    blocked_by_earlier = exists().where(
        earlier.chat_id == OutboxMessage.chat_id,
        earlier.id < OutboxMessage.id,
        earlier.status.in_((PENDING, SENDING)),
    )
    return and_(waiting, OutboxMessage.not_before <= now, ~blocked_by_earlier)


async def claim(session: AsyncSession, now: datetime, limit: int, lease: timedelta) -> list[OutboxMessage]:
    """Takes up to `limit` due rows, one per chat, and leases them; commits so other senders see the lease.

    One UPDATE leases the rows and returns their ids, so the claim is atomic on SQLite too and the rows are
    read back by primary key, whatever the size of the sent history. A sender that
    dies mid-batch leaves leased rows that become claimable again when the lease ends.
    """
    due = (
        select(OutboxMessage.id)
        .where(_claimable(now))
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    claimed = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()))
        .values(status=SENDING, claimed_until=now + lease)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    )
    ids = list(claimed.scalars())
    await session.commit()
    if not ids:
        return []
    return list(
        await session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id))
    )


@dataclass(frozen=True)
class Outcome:
    """What happened to one claimed row."""

    row_id: int
    chat_id: int
    status: str
    error: str | None = None
    retry_at: datetime | None = None


async def record(session: AsyncSession, outcomes: Sequence[Outcome], now: datetime) -> None:
    """Writes a batch's results in one transaction: sent rows in one statement, the rest one by one."""
    sent = [o.row_id for o in outcomes if o.status == SENT]
    if sent:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(sent))
            .values(status=SENT, sent_at=now, claimed_until=None, error=None)
        )
    for o in outcomes:
        if o.status == PENDING:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == o.row_id)
                .values(
                    status=PENDING,
                    attempts=OutboxMessage.attempts + 1,
                    not_before=o.retry_at or now,
                    claimed_until=None,
                    error=(o.error or "")[:300],
                )
            )
        elif o.status == FAILED:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == o.row_id)
                .values(
                    status=FAILED, attempts=OutboxMessage.attempts + 1, claimed_until=None, error=(o.error or "")[:300]
                )
            )
        elif o.status == DROPPED:
            await mark_unreachable(session, o.chat_id, now, o.error or "blocked")
    await session.commit()


async def mark_unreachable(session: AsyncSession, chat_id: int, now: datetime, reason: str) -> None:
    """The user blocked the bot: remember it and drop everything still queued for them."""
    await session.execute(update(User).where(User.id == chat_id).values(blocked_at=now))
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.status.in_((PENDING, SENDING)))
        .values(status=DROPPED, claimed_until=None, error=reason[:300])
    )


async def depth(session: AsyncSession) -> dict[str, int]:
    """Rows waiting and rows being sent, through the (status, not_before) index."""
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.status.in_((PENDING, SENDING)))
        .group_by(OutboxMessage.status)
    )
    return {PENDING: 0, SENDING: 0} | {status: int(n) for status, n in rows.all()}


@dataclass(frozen=True)
class Failure:
    id: int
    kind: str
    method: str
    status: str
    attempts: int
    created_at: datetime
    error: str | None


@dataclass(frozen=True)
class Status:
    counts: dict[str, int]
    """Per status; SENT counts the rows sent in the last SENT_WINDOW only."""
    oldest_waiting: datetime | None
    failures: list[Failure]


async def status(session: AsyncSession, now: datetime, failures: int = 10) -> Status:
    """Rows waiting, failed and undeliverable; rows sent in the last day (the history is months long, and
    its size says nothing); the oldest row still waiting; the latest failures with their reasons. Each read
    goes through the (status, not_before) index, so none walks the sent history."""
    open_statuses = (PENDING, SENDING, FAILED, DROPPED)
    counts = {
        s: n
        for s, n in await session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.status.in_(open_statuses))
            .group_by(OutboxMessage.status)
        )
    }
    sent = await session.scalar(
        select(func.count()).where(OutboxMessage.status == SENT, OutboxMessage.not_before >= now - SENT_WINDOW)
    )
    if sent:
        counts[SENT] = int(sent)
    oldest = await session.scalar(
        select(func.min(OutboxMessage.created_at)).where(OutboxMessage.status.in_((PENDING, SENDING)))
    )
    latest = await session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.status.in_(open_statuses),
            or_(OutboxMessage.status.in_((FAILED, DROPPED)), OutboxMessage.attempts > 0),
        )
        .order_by(OutboxMessage.id.desc())
        .limit(failures)
    )
    return Status(
        counts,
        oldest,
        [Failure(r.id, r.kind, r.method, r.status, r.attempts, r.created_at, r.error) for r in latest],
    )


async def retry_failed(session: AsyncSession, now: datetime) -> int:
    """Puts permanently failed rows back in the queue, after the operator fixed the cause; the caller commits."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == FAILED)
        .values(status=PENDING, not_before=now, attempts=0, error=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def change_in_batches(session: AsyncSession, ids: Select[int], change: Callable[[list[int]], Any]) -> int:
    """Applies `change` (a statement over a list of ids) to the rows `ids` selects, a batch at a time, each
    committed, until none is left, so no statement holds locks for long; returns how many rows changed."""
    changed = 0
    while batch := list(await session.scalars(ids)):
        await session.execute(change(batch))
        await session.commit()
        changed += len(batch)
    return changed


async def purge_params(session: AsyncSession, before: datetime, now: datetime, batch: int = 5000) -> int:
    """Empties the parameters (names, entry texts) of finished rows created before `before`; the rows stay
    as the record that something went out. Commits."""
    old = (
        select(OutboxMessage.id)
        .where(OutboxMessage.created_at < before, text(OUTBOX_UNPURGED))
        .order_by(OutboxMessage.created_at)
        .limit(batch)
    )
    return await change_in_batches(
        session,
        old,
        lambda ids: update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(params={}, purged_at=now),
    )


async def delete_finished(session: AsyncSession, before: datetime, keep_kinds: Sequence[str], batch: int = 5000) -> int:
    """Deletes finished rows due before `before`, but those of `keep_kinds`, found by the (status, not_before)
    index; the table then holds a few months, however long the programme runs. Commits."""
    old = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status.in_(FINISHED),
            OutboxMessage.not_before < before,
            OutboxMessage.kind.not_in(keep_kinds),
        )
        .limit(batch)
    )
    return await change_in_batches(session, old, lambda ids: delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))


class Outbox:
    """The outbox as a repository of the unit of work: what use cases and jobs need of it, in its transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def written(self) -> bool:
        """Whether this transaction enqueued anything, so the sender may be woken after the commit."""
        return bool(self._session.info.get(WRITTEN, False))

    def forget_written(self) -> None:
        self._session.info.pop(WRITTEN, None)

    async def enqueue_many(self, rows: Sequence[dict[str, Any]], now: datetime) -> int:
        """`enqueue_many` in this unit of work's transaction."""
        return await enqueue_many(self._session, rows, now)

    async def drop_waiting(self, chat_id: int, key_prefix: str, reason: str) -> None:
        await drop_waiting(self._session, chat_id, key_prefix, reason)

    async def mark_unreachable(self, chat_id: int, now: datetime, reason: str) -> None:
        await mark_unreachable(self._session, chat_id, now, reason)

    async def status(self, now: datetime, failures: int = 10) -> Status:
        return await status(self._session, now, failures)

    async def retry_failed(self, now: datetime) -> int:
        return await retry_failed(self._session, now)

    async def purge_params(self, before: datetime, now: datetime) -> int:
        return await purge_params(self._session, before, now)

    async def delete_finished(self, before: datetime, keep_kinds: Sequence[str]) -> int:
        return await delete_finished(self._session, before, keep_kinds)

    async def forget_chat(self, chat_id: int) -> None:
        """Every message to an erased account, sent or not: its chat id is the person's Telegram id."""
        await self._session.execute(delete(OutboxMessage).where(OutboxMessage.chat_id == chat_id))

    async def forget_subject(self, app_id: int, now: datetime) -> None:
        """Messages to others about an erased participant: unsent ones are withdrawn, sent ones emptied."""
        await self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.subject_id == app_id, OutboxMessage.status.in_((PENDING, SENDING))
            )
        )
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.subject_id == app_id)
            .values(params={}, purged_at=now, subject_id=None)
        )

    async def forget_mentions(self, kind: str, needles: Sequence[str], now: datetime) -> None:
        """Messages of one kind about several people at once (a mentor's digest) that name the erased person,
        as typed or as HTML-escaped in the text: withdrawn if unsent, emptied if sent."""
        forms = {form for needle in needles for form in (needle, html.escape(needle))}
        rows = await self._session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind, OutboxMessage.purged_at.is_(None))
        )
        for row in rows:
            body = json.dumps(row.params, ensure_ascii=False)
            if not any(form in body for form in forms):
                continue
            if row.status in (PENDING, SENDING):
                await self._session.delete(row)
            else:
                row.params = {}
                row.purged_at = now

    async def messages_to(self, chat_id: int) -> list[OutboxMessage]:
        """What the bot sent or will send to this chat, as far as the retention rule has kept it."""
        return list(
            await self._session.scalars(
                select(OutboxMessage).where(OutboxMessage.chat_id == chat_id).order_by(OutboxMessage.id)
            )
        )
