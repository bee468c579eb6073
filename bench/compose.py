"""compose.yaml's set-up for `python -m bench.updates --compose`: PostgreSQL, Redis, two bots and nginx in
containers, with bench/compose.bench.yaml over it so that the bots call the benchmark's fake Bot API on this
machine and the benchmark reaches PostgreSQL. Started with ``docker compose`` (or ``docker-compose``), and
removed with its volumes afterwards. The images come from compose.yaml's defaults, or from PYTHON_IMAGE,
POSTGRES_IMAGE, REDIS_IMAGE and NGINX_IMAGE in the environment (deploy/offline/ builds such images)."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "tosbelgi-bench"
FRONT_PORT = 8080
"""nginx's plain-HTTP port, in its container (compose.yaml also publishes it on 127.0.0.1)."""
BOT_PORT = 8080
SERVICES = ("bot1", "bot2")
PASSWORD = "bench"


@dataclass
class Compose:
    command: list[str]
    env: dict[str, str]
    postgres_port: int
    startup: float = 0.0
    """Seconds from `up` until nginx answered /readyz from a bot."""

    @classmethod
    def prepare(cls, token: str, secret: str, api_port: int, postgres_port: int) -> Compose:
        if shutil.which("docker") is None:
            raise SystemExit("--compose needs docker")
        command = ["docker-compose"] if shutil.which("docker-compose") else ["docker", "compose"]
        files = ["-f", str(ROOT / "compose.yaml"), "-f", str(ROOT / "bench" / "compose.bench.yaml")]
        env = os.environ | {
            "BOT_TOKEN": token,
            "WEBHOOK_SECRET": secret,
            "WEBHOOK_URL": f"http://nginx:{FRONT_PORT}/webhook",
            "POSTGRES_PASSWORD": PASSWORD,
            "TELEGRAM_API_BASE": f"http://host.docker.internal:{api_port}",
            "BENCH_POSTGRES_PORT": str(postgres_port),
        }
        return cls([*command, "-p", PROJECT, *files], env, postgres_port)

    @property
    def database_url(self) -> str:
        return f"postgresql+asyncpg://tosbelgi:{PASSWORD}@127.0.0.1:{self.postgres_port}/tosbelgi"

    async def run(self, *args: str) -> str:
        """A compose command on this set-up; its output."""
        return await self._exec(*self.command, *args)

    async def docker(self, *args: str) -> str:
        return await self._exec("docker", *args)

    async def _exec(self, *command: str) -> str:
        proc = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, env=self.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        out = (await proc.communicate())[0].decode(errors="replace")
        if proc.returncode:
            raise RuntimeError(f"{' '.join(command[:3])} failed:\n{out[-3000:]}")
        return out

    async def up(self, timeout: float = 300) -> None:
        """Built, started and ready: each bot healthy (compose waits for that before nginx), nginx passing on."""
        await self.down()
        started = time.perf_counter()
        await self.run("up", "-d", "--build")
        while time.perf_counter() - started < timeout:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", FRONT_PORT)
                writer.write(b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                status = (await reader.read())[9:12]
                writer.close()
                if status == b"200":
                    self.startup = time.perf_counter() - started
                    return
            except OSError:
                pass
            await asyncio.sleep(0.5)
        raise RuntimeError(f"the compose set-up was not ready within {timeout:g} s")

    async def down(self) -> None:
        await self.run("down", "--volumes", "--remove-orphans")

    async def container(self, service: str) -> str:
        return (await self.run("ps", "-q", service)).strip()

    async def inspect(self, service: str, template: str) -> str:
        return (await self.docker("inspect", "-f", template, await self.container(service))).strip()

    async def pid(self, service: str) -> int:
        """The service's `tosbelgi run`, as this machine numbers it: its CPU and memory are read from /proc."""
        return int(await self.inspect(service, "{{.State.Pid}}"))

    async def address(self, service: str) -> str:
        return await self.inspect(service, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}")

    async def logs(self, service: str, since: datetime) -> str:
        return await self.docker("logs", "--since", since.strftime("%Y-%m-%dT%H:%M:%S"), await self.container(service))
