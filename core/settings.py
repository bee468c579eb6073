"""Settings from the environment; read once by the runners, never by handlers."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")
LOCALES = ("kk", "ru", "en")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    bot_token: str = ""
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
    invite_ttl_hours: int = Field(default=72, ge=1)
    consent_ttl_hours: int = Field(default=168, ge=1)
    backdate_days: int = Field(default=14, ge=0, le=90)

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
        if not self.bot_token:
            return "BOT_TOKEN is not set: get one from @BotFather and export BOT_TOKEN=..."
        if not TOKEN_PATTERN.match(self.bot_token):
            return "BOT_TOKEN is malformed: expected <digits>:<30-64 letters, digits, _ or ->"
        return None
