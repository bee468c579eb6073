"""The deployment files agree with the code: the image holds every package, runs as a user, listens outside
and checks itself; compose runs two instances on PostgreSQL and Redis behind nginx. (Building and starting
them needs a Docker engine, which CI lacks: `deploy/check-image.sh` and `bench/updates.py --compose` do it
where one runs.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_the_image_holds_every_package_and_runs_as_a_user_reachable_from_outside() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    copied = set(re.findall(r"^COPY (\w+) \1$", dockerfile, re.MULTILINE))
    assert {p.rstrip("*") for p in packages} <= copied, "a package the wheel needs is not copied into the image"
    assert re.search(r"^USER tosbelgi$", dockerfile, re.MULTILINE)
    assert "WEBHOOK_HOST=0.0.0.0" in dockerfile and "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert dockerfile.count("FROM ") == 3, "dependencies, application and runtime stages"
    dependencies = dockerfile.index("AS dependencies")
    assert dockerfile.index("-r requirements.txt") < dockerfile.index("COPY bot bot"), "dependencies before code"
    assert dependencies < dockerfile.index("-r requirements.txt")


def test_compose_runs_two_instances_behind_nginx_on_healthy_stores() -> None:
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    for bot in ("bot1", "bot2"):
        env = services[bot]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://") and env["REDIS_URL"].startswith("redis://")
        assert "WEBHOOK_URL" in env and "WEBHOOK_SECRET" in env
        assert services[bot]["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
    assert "healthcheck" in services["postgres"] and "healthcheck" in services["redis"]
    assert set(services["nginx"]["depends_on"]) == {"bot1", "bot2"}


def test_nginx_sends_the_webhook_to_both_instances_and_waits_as_telegram_does() -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server bot1:8080;" in conf and "server bot2:8080;" in conf
    assert "location = /webhook" in conf
    assert all(int(t) >= 60 for t in re.findall(r"proxy_read_timeout (\d+)s;", conf))


def test_the_official_images_are_the_defaults_and_another_base_can_stand_in() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in dockerfile
    assert dockerfile.count("FROM ${PYTHON_IMAGE}") == 3
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert compose["x-bot"]["build"]["args"] == {"PYTHON_IMAGE": "${PYTHON_IMAGE:-python:3.11-slim}"}
    images = {name: service.get("image") for name, service in compose["services"].items()}
    assert images["postgres"] == "${POSTGRES_IMAGE:-postgres:16}"
    assert images["redis"] == "${REDIS_IMAGE:-redis:7}" and images["nginx"] == "${NGINX_IMAGE:-nginx:1.27}"
    assert images["bot1"] == images["bot2"] == "tosbelgi", "one image built for both instances"
