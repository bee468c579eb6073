"""An instance killed with SIGKILL while handling a submission: after a restart, Telegram's delivery again is
handled once, so nothing the participant was told was saved is missing and nothing is stored twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from aiohttp import ClientError, ClientSession

from tests.e2e.conftest import TOKEN, plain, tr
from tests.e2e.flows import last_text
from tests.e2e.test_delivery import to_the_text_step
from tests.e2e.test_diary import dy, entries, media, team
from tests.faults.conftest import Faulty
from tests.faults.servers import free_port


async def started(faulty: Faulty, port: int) -> asyncio.subprocess.Process:
    """`tosbelgi run` as production runs it, on the test's database and Redis, serving the webhook on `port`."""
    env = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE": faulty.world.emu.base_url,
        "DATABASE_URL": faulty.database_url,
        "REDIS_URL": faulty.servers.redis.url,
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/webhook",
        "WEBHOOK_PORT": str(port),
        "USER_LOCK_SECONDS": "5",  # the dead instance's lock on the participant lapses within the test
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli.main", "run", env=env, stderr=asyncio.subprocess.DEVNULL
    )
    async with ClientSession() as http:
        for _ in range(300):
            try:
                async with http.get(f"http://127.0.0.1:{port}/readyz") as ready:
                    if ready.status == 200:
                        return process
            except ClientError:
                pass
            await asyncio.sleep(0.1)
    process.kill()
    raise TimeoutError("tosbelgi run did not get ready")


async def test_an_instance_killed_mid_submission_stores_it_once(faulty: Faulty) -> None:
    world, t = faulty.world, tr("en")
    _, _, user, _ = await team(world, "en")
    await to_the_text_step(user, t)
    await user.send_text("Ran 5 km in the park")
    await world.runner.cleanup()  # type: ignore[attr-defined]  # the in-process instance hands over
    port = free_port()
    process = await started(faulty, port)
    try:
        world.emu.slow("sendMessage", 5)  # the photo is stored, and its confirmation is on its way
        sending = asyncio.create_task(user.send_photo(b"\xff\xd8 run photo"))
        for _ in range(300):
            if "sendMessage" in world.emu.in_flight:
                break
            await asyncio.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        await sending
        world.emu.slow("sendMessage", 0)
        assert len(world.emu.delivery.unacknowledged) == 1, "the killed instance never answered the webhook"
        process = await started(faulty, port)
        await asyncio.sleep(5)  # Telegram delivers it again later; by then the lock of the dead instance lapsed
        await world.emu.redeliver()
        assert not world.emu.delivery.unacknowledged
        (entry,) = await entries(world)
        assert len(await media(world, entry.id)) == 1, "stored once"
        await user.click(data=dy("media-done", "media"))
        await user.click(data=dy("send", "confirm"))
        assert plain(t("entry-sent")) in last_text(user)
        assert (await entries(world))[0].status == "pending"
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
