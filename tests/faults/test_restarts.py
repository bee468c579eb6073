"""PostgreSQL restarted, Redis restarted or down for a while, under a participant writing their diary: the user
is told to wait, the webhook leaves the update to Telegram, and once the server is back every update is
handled once and nothing acknowledged is lost."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import plain, tr
from tests.e2e.flows import last_text
from tests.e2e.test_delivery import to_the_text_step
from tests.e2e.test_diary import entries, media, team
from tests.faults.conftest import Faulty


async def delivered_again_until_acknowledged(faulty: Faulty, attempts: int = 5) -> None:
    """What Telegram does: delivers again what was not acknowledged, until it is."""
    for _ in range(attempts):
        if not faulty.world.emu.delivery.unacknowledged:
            return
        await faulty.world.emu.redeliver()
    assert not faulty.world.emu.delivery.unacknowledged, "still not acknowledged with the server back"


async def test_postgresql_restarted_mid_entry(faulty: Faulty) -> None:
    world, t = faulty.world, tr("en")
    _, _, user, _ = await team(world, "en")
    await to_the_text_step(user, t)
    faulty.servers.postgres.stop()
    await user.send_text("Ran 5 km in the park")
    assert last_text(user) == plain(t("error-unavailable-queued"))
    assert len(world.emu.delivery.unacknowledged) == 1
    faulty.servers.postgres.start()
    await delivered_again_until_acknowledged(faulty)
    (entry,) = await entries(world)
    assert entry.text == "Ran 5 km in the park" and entry.step == "media", "handled once, when back"
    await user.send_photo(b"\xff\xd8 run photo")
    assert plain(t("entry-media-added", count=1)) in last_text(user)
    assert len(await media(world, entry.id)) == 1


async def test_redis_restarted_mid_entry_keeps_the_conversation(faulty: Faulty) -> None:
    world, t = faulty.world, tr("ru")
    _, _, user, _ = await team(world, "ru")
    await to_the_text_step(user, t)
    faulty.servers.redis.stop()
    faulty.servers.redis.start()
    await user.send_text("Пробежал 5 км")
    await delivered_again_until_acknowledged(faulty)
    (entry,) = await entries(world)
    assert entry.text == "Пробежал 5 км" and entry.step == "media"


async def test_redis_down_for_a_while_then_every_update_is_handled_once_in_order(faulty: Faulty) -> None:
    world, t = faulty.world, tr("kk")
    _, _, user, _ = await team(world, "kk")
    await to_the_text_step(user, t)
    faulty.servers.redis.stop()
    answers = len(user.messages)
    await user.send_text("Паркте 5 км жүгірдім")
    await user.send_photo(b"\xff\xd8 run photo")
    waiting: list[Any] = list(world.emu.delivery.unacknowledged)
    assert len(waiting) == 2
    await world.emu.redeliver()  # Telegram tries again while Redis is still down: no second apology
    assert len(user.messages) == answers + 2, "one apology per update, in the participant's language"
    assert all(m.text == plain(t("error-unavailable-queued")) for m in user.messages[answers:])
    assert await entries(world) and (await entries(world))[0].text is None, "nothing stored while down"
    faulty.servers.redis.start()
    await delivered_again_until_acknowledged(faulty)
    (entry,) = await entries(world)
    assert entry.text == "Паркте 5 км жүгірдім" and entry.step == "media"
    assert len(await media(world, entry.id)) == 1
    assert plain(t("entry-media-added", count=1)) in last_text(user)
