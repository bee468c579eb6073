"""Update claims in Redis: every instance of a bot sees them, and bots sharing a Redis server do not, since
each bot numbers its updates on its own."""

from __future__ import annotations

import random

import pytest
from aiogram.fsm.storage.redis import RedisStorage

from bot.factory import claims_beside
from bot.once import Claim
from tests.conftest import REDIS_URL

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL")


async def test_instances_of_a_bot_share_claims_and_other_bots_have_their_own() -> None:
    assert REDIS_URL
    storage = RedisStorage.from_url(REDIS_URL)
    update_id, bots = random.randrange(10**9, 2 * 10**9), (7_000_000_001, 7_000_000_002)
    try:
        first, again, other = (
            claims_beside(storage, bots[0]),
            claims_beside(storage, bots[0]),
            claims_beside(storage, bots[1]),
        )
        assert await first.claim(update_id) is Claim.NEW
        assert await again.claim(update_id) is Claim.BUSY, "another instance of the same bot"
        await first.done(update_id)
        assert await again.claim(update_id) is Claim.DONE
        assert await other.claim(update_id) is Claim.NEW, "the same number is another update of another bot"
    finally:
        for bot in bots:
            await storage.redis.delete(f"fsm:update:{bot}:{update_id}")
        await storage.close()
