"""Claiming outbox rows: one per chat and in order, leases that expire, and disjoint claims by two senders."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import outbox

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


async def put(sessions: async_sessionmaker[AsyncSession], chat_id: int, key: str, **kwargs: datetime) -> None:
    async with sessions() as session:
        await outbox.enqueue(
            session,
            key=key,
            chat_id=chat_id,
            kind="news",
            method="sendMessage",
            params={"text": key},
            now=NOW,
            **kwargs,
        )
        await session.commit()


async def claim(sessions: async_sessionmaker[AsyncSession], now: datetime = NOW, limit: int = 100) -> list[str]:
    async with sessions() as session:
        return [row.key for row in await outbox.claim(session, now, limit, LEASE)]


async def sent(sessions: async_sessionmaker[AsyncSession], keys: list[str]) -> None:
    async with sessions() as session:
        rows = await outbox.claim(session, NOW + timedelta(hours=1), 1000, LEASE)
        await outbox.record(session, [outbox.Outcome(r.id, r.chat_id, outbox.SENT) for r in rows if r.key in keys], NOW)


async def test_one_row_per_chat_in_the_order_written(sessions: async_sessionmaker[AsyncSession]) -> None:
    for key in ("a1", "a2", "a3"):
        await put(sessions, 1, key)
    await put(sessions, 2, "b1")
    async with sessions() as session:
        claimed = await outbox.claim(session, NOW, 100, LEASE)
    assert [row.key for row in claimed] == ["a1", "b1"]
    assert await claim(sessions) == [], "a2 waits while a1 is in flight"
    async with sessions() as session:
        await outbox.record(session, [outbox.Outcome(claimed[0].id, 1, outbox.SENT)], NOW)
    assert await claim(sessions) == ["a2"]


async def test_rows_wait_for_their_time(sessions: async_sessionmaker[AsyncSession]) -> None:
    await put(sessions, 1, "later", not_before=NOW + timedelta(hours=2))
    assert await claim(sessions) == []
    assert await claim(sessions, NOW + timedelta(hours=2)) == ["later"]


async def test_a_lease_that_ends_makes_the_row_claimable_again(sessions: async_sessionmaker[AsyncSession]) -> None:
    await put(sessions, 1, "a1")
    assert await claim(sessions) == ["a1"]
    assert await claim(sessions, NOW + timedelta(minutes=1)) == []
    assert await claim(sessions, NOW + LEASE + timedelta(seconds=1)) == ["a1"]


async def test_two_senders_never_claim_the_same_row(sessions: async_sessionmaker[AsyncSession]) -> None:
    for chat in range(300):
        await put(sessions, 10_000 + chat, f"r{chat}")
    first, second = await asyncio.gather(claim(sessions, limit=200), claim(sessions, limit=200))
    assert not set(first) & set(second)
    assert len(first) + len(second) == 300


async def test_unreachable_user_loses_only_their_queue(sessions: async_sessionmaker[AsyncSession]) -> None:
    await put(sessions, 1, "a1")
    await put(sessions, 1, "a2")
    await put(sessions, 2, "b1")
    async with sessions() as session:
        await outbox.mark_unreachable(session, 1, NOW, "blocked")
        await session.commit()
    assert await claim(sessions) == ["b1"]
    async with sessions() as session:
        report = await outbox.status(session, NOW)
    assert report.counts == {outbox.DROPPED: 2, outbox.SENDING: 1}


async def planner_rows(session: AsyncSession) -> float:
    """What PostgreSQL's planner believes the outbox holds (-1 or 0: never analysed)."""
    return float(await session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'outbox'")) or 0)


async def test_a_burst_of_rows_renews_the_planners_statistics(sessions: async_sessionmaker[AsyncSession]) -> None:
    """A tick's burst is claimed at once, long before autovacuum would analyse a big table: the statistics
    are renewed with the burst, so the claim plans for the rows that wait (a small write does not pay)."""
    rows = [
        {"key": f"burst:{n}", "chat_id": n, "kind": "reminder", "method": "sendMessage", "params": {}}
        for n in range(outbox.ANALYZE_AFTER)
    ]
    async with sessions() as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        if postgres:
            await session.execute(text("ANALYZE outbox"))
            await session.commit()
            assert await planner_rows(session) < 1
        await outbox.enqueue_many(session, rows[:-1], NOW)
        await session.commit()
        if postgres:
            assert await planner_rows(session) < 1, "fewer rows than a burst: no ANALYZE"
        assert await outbox.enqueue_many(session, rows[-1:] + rows[:-1], NOW) == 1
        assert await outbox.enqueue_many(session, [{**r, "key": f"more:{n}"} for n, r in enumerate(rows)], NOW) == len(
            rows
        )
        await session.commit()
        if postgres:
            assert await planner_rows(session) >= 2 * len(rows) - 1
    assert len(await claim(sessions, limit=5000)) == len(rows), "one a chat: each chat's second row waits"
