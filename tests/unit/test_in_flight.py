"""A stopping process waits for the updates it is handling, and for a bounded time only."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.middlewares import InFlight


async def test_drained_waits_for_the_updates_in_flight_and_no_longer_than_told() -> None:
    in_flight = InFlight()
    assert await in_flight.drained(0.01), "nothing in flight: at once"
    release = asyncio.Event()
    finished: list[str] = []

    async def handler(event: Any, data: dict[str, Any]) -> str:
        await release.wait()
        finished.append(event)
        return "done"

    first = asyncio.create_task(in_flight(handler, "first", {}))  # type: ignore[arg-type]
    second = asyncio.create_task(in_flight(handler, "second", {}))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert in_flight.count == 2
    assert not await in_flight.drained(0.05), "bounded: gives up while they run"
    asyncio.get_running_loop().call_later(0.05, release.set)
    assert await in_flight.drained(5)
    assert finished == ["first", "second"] and in_flight.count == 0
    assert await first == await second == "done"
