"""What every job needs: a unit of work that can notify, the policy, the settings and the clock."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import date, datetime

from core.policy import Policy
from core.settings import Settings
from storage.holder import Holder, Publisher, Sessions, unit_of_work


@dataclass
class JobContext:
    sessions: Sessions
    publisher: Publisher
    policy: Policy
    settings: Settings
    clock: Callable[[], datetime]
    daily_done: dict[str, date] = field(default_factory=dict)
    """Per job, the local day its once-a-day part last ran in this process. Only saves work: after a
    restart the part runs again and the outbox keys stop any repeat."""

    def daily_due(self, job: str, local: datetime) -> bool:
        """Whether the once-a-day part of `job` should run now: after DIGEST_HOUR, once per local day."""
        return local.hour >= self.settings.digest_hour and self.daily_done.get(job) != local.date()

    def unit_of_work(self) -> AbstractAsyncContextManager[Holder]:
        return unit_of_work(self.sessions, self.publisher)
