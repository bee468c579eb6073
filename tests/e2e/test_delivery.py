"""Each update handled once: Telegram delivers an update again after a slow or failed answer, maybe to another
instance; the participant's flow goes on whichever instance gets the next one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from scheduler.ticks import updates_tick
from storage.models import Entry, EntryMedia, HandledUpdate
from tests.e2e.conftest import World, plain, start_bot, tr
from tests.e2e.flows import last_text
from tests.e2e.test_diary import dy, entries, media, team
from tests.e2e.test_reminders import context


async def to_the_text_step(user: Any, t: Any) -> None:
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.session"))
    await user.click(data=dy("date", "0"))
    await user.click(data=dy("minutes", "60"))


def last_update(world: World) -> int:
    return max(world.emu.delivery.posted)


async def test_a_photo_delivered_again_is_stored_once_and_answered_once(world: World) -> None:
    t = tr("en")
    _, _, user, _ = await team(world, "en")
    await to_the_text_step(user, t)
    await user.send_text("Ran 5 km in the park")
    await user.send_photo(b"\xff\xd8 run photo")
    photo_update, answers = last_update(world), len(user.messages)
    assert plain(t("entry-media-added", count=1)) in last_text(user)
    await world.emu.redeliver([photo_update])
    (entry,) = await entries(world)
    assert len(await media(world, entry.id)) == 1
    assert len(user.messages) == answers, "the update delivered again is skipped: no second answer"
    async with world.sessions() as session:
        assert await session.scalar(select(func.count()).where(HandledUpdate.update_id == photo_update)) == 1
        handled = await session.scalar(select(func.count()).select_from(HandledUpdate))
    world.clock.advance(days=1)
    await user.click(data=dy("media-done", "media"))
    world.clock.advance(days=1, hours=1)
    await updates_tick(context(world))
    async with world.sessions() as session:
        kept = list(await session.scalars(select(HandledUpdate.update_id)))
    assert handled and handled > 1 and kept == [last_update(world)], "records older than two days are forgotten"


async def test_the_same_update_on_another_instance_is_handled_once_and_the_flow_goes_on_there(
    world: World, database_url: str
) -> None:
    """A second instance on the same database and conversation state (Redis in production) gets the text
    again, skips it, and handles the participant's next step as the first instance would have."""
    t = tr("ru")
    _, _, user, _ = await team(world, "ru")
    await to_the_text_step(user, t)
    await user.send_text("Пробежал 5 км в парке")
    text_update, answers = last_update(world), len(user.messages)
    dp, bot, runner = await start_bot(  # the webhook now points at the second instance
        world.emu, world.emu.base_url, world.sessions, world.clock, database_url, world.storage
    )
    try:
        await world.emu.redeliver([text_update])
        assert len(user.messages) == answers, "skipped on the second instance"
        (entry,) = await entries(world)
        assert entry.text == "Пробежал 5 км в парке" and entry.step == "media"
        await user.send_photo(b"\xff\xd8 run photo")
        assert plain(t("entry-media-added", count=1)) in last_text(user)
        await user.click(data=dy("media-done", "media"))
        await user.click(data=dy("send", "confirm"))
        assert plain(t("entry-sent")) in last_text(user)
    finally:
        await runner.cleanup()
        await bot.session.close()
    async with world.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Entry)) == 1
        assert await session.scalar(select(func.count()).select_from(EntryMedia)) == 1
    assert (await entries(world))[0].status == "pending"
