"""What every job needs, and the one way jobs queue a message: in the recipient's language, outside quiet hours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from aiogram.methods import SendMessage
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.reminders import QuietHours
from core.rules import ProgrammeRules
from core.settings import Settings
from locales.translations import Translations, Translator
from scheduler.sender import params_of
from storage import outbox
from storage.models import User


@dataclass
class JobContext:
    sessions: async_sessionmaker[AsyncSession]
    translations: Translations
    rules: ProgrammeRules
    settings: Settings
    clock: Callable[[], datetime]
    daily_done: dict[str, date] = field(default_factory=dict)
    """Per job, the local day its once-a-day part last ran in this process. Only saves work: after a
    restart the part runs again and the outbox keys stop any repeat."""

    def daily_due(self, job: str, local: datetime) -> bool:
        """Whether the once-a-day part of `job` should run now: after DIGEST_HOUR, once per local day."""
        return local.hour >= self.settings.digest_hour and self.daily_done.get(job) != local.date()

    @property
    def quiet(self) -> QuietHours | None:
        return QuietHours.parse(self.settings.quiet_hours)

    def translator(self, user: User) -> Translator:
        return self.translations.translator(user.locale)


async def queue(
    ctx: JobContext,
    session: AsyncSession,
    user: User,
    key: str,
    text: str,
    *,
    kind: str,
    markup: InlineKeyboardMarkup | None = None,
    latest: datetime | None = None,
) -> bool:
    """Queues unless the user blocked the bot; quiet hours move the message to their end, and a message
    that could then only arrive at or after `latest` (the session it announces) is not queued. True when new."""
    if user.blocked_at is not None:
        return False
    now = ctx.clock()
    quiet = ctx.quiet
    not_before = quiet.next_allowed(now, ctx.settings.zone) if quiet else now
    if latest is not None and not_before >= latest:
        return False
    return await outbox.enqueue(
        session,
        key=key,
        chat_id=user.id,
        kind=kind,
        method="sendMessage",
        params=params_of(SendMessage(chat_id=user.id, text=text, reply_markup=markup)),
        now=now,
        not_before=not_before,
    )
