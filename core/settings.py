"""Settings from the environment; read once by the runners, never by handlers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")
LOCALES = ("kk", "ru", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
QUIET_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    bot_token: SecretStr = SecretStr("")
    """Secret: never shown in a repr, a log line or a validation error."""
    database_url: str = "sqlite+aiosqlite:///tosbelgi.sqlite3"
    redis_url: str | None = None
    telegram_api_base: str | None = None
    default_locale: str = "kk"
    timezone: str = "Asia/Almaty"
    rules_file: Path | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    webhook_max_connections: int = Field(default=40, ge=1, le=100)
    """Connections Telegram opens to the webhook at once (Telegram's setWebhook allows 1-100)."""
    health_port: int | None = Field(default=None, ge=1, le=65535)
    """In polling mode, a port for /healthz and /readyz (webhook mode serves them beside the webhook)."""
    database_pool_size: int = Field(default=10, ge=1, le=200)
    """PostgreSQL connections each process keeps open, and as many more at a peak."""
    user_lock_seconds: int = Field(default=60, ge=5, le=600)
    """With Redis, how long one user's update holds their lock: their next update waits for it, and for this
    long at most when the instance handling it died."""
    shutdown_seconds: float = Field(default=20, gt=0, le=300)
    """On SIGTERM, how long updates in flight may take to finish; below the orchestrator's grace period."""
    invite_ttl_hours: int = Field(default=72, ge=1)
    consent_ttl_hours: int = Field(default=168, ge=1)
    backdate_days: int = Field(default=14, ge=0, le=90)
    send_rate: float = Field(default=25, gt=0, le=1000)
    """Messages per second overall; Telegram allows about 30, up to 1000 for paid broadcasts."""
    send_chat_interval: float = Field(default=1.0, ge=0, le=60)
    """Seconds between two messages to one chat."""
    outbox_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    tick_seconds: int = Field(default=300, ge=10, le=3600)
    """How often the scheduler derives due reminders and escalations from the database."""
    quiet_hours: str = "22:00-08:00"
    """Local time when reminders, digests and escalations wait; an empty value turns quiet hours off."""
    review_days: int = Field(default=3, ge=1, le=30)
    """An entry not reviewed within this many days reminds the mentor, after twice as long goes to the expert."""
    digest_hour: int = Field(default=9, ge=0, le=23)
    """Local hour of the mentors' daily digest and the weekly nudges."""
    notification_retention_days: int = Field(default=30, ge=1, le=365)
    """Sent notifications keep their texts (which name participants and quote entries) this many days."""
    outbox_keep_days: int = Field(default=120, ge=35, le=3650)
    """Finished notifications other than escalations are deleted this many days after they were due: their
    keys, which stop a reminder being queued twice, are dated and outlive their occasion by weeks at most."""
    log_format: Literal["text", "json"] = "text"
    """`json`: one JSON object a line (time, level, logger, message; an exception's type and frames)."""
    log_level: str = "INFO"
    """DEBUG, INFO, WARNING or ERROR; at any level, database drivers never log statement parameters."""

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, value: str) -> str:
        if value and not QUIET_PATTERN.match(value):
            raise ValueError("expected HH:MM-HH:MM, e.g. 22:00-08:00")
        return value

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in LOCALES:
            raise ValueError(f"must be one of {', '.join(LOCALES)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def token_problem(self) -> str | None:
        """One line saying what is wrong with BOT_TOKEN, or None when it looks like a token."""
        token = self.bot_token.get_secret_value()
        if not token:
            return "BOT_TOKEN is not set: get one from @BotFather and export BOT_TOKEN=..."
        if not TOKEN_PATTERN.match(token):
            return "BOT_TOKEN is malformed: expected <digits>:<30-64 letters, digits, _ or ->"
        return None
