"""The settings the programme's rules depend on, read once at start-up and handed to use cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.rules import ProgrammeRules
from core.settings import Settings


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Policy:
    """One per process, shared by the handlers and the ticks; only `adopt` changes it."""

    rules: ProgrammeRules
    zone: ZoneInfo
    consent_ttl: timedelta = timedelta(hours=168)
    """How long a legal representative's or an employer's link is valid."""
    invite_ttl: timedelta = timedelta(hours=72)
    backdate_days: int = 14
    """How far back a diary entry's activity date may be (R5.6)."""
    review_days: int = 3
    retention: timedelta = timedelta(days=30)
    """How long sent notifications keep their texts, which name participants and quote their entries."""
    outbox_keep: timedelta = timedelta(days=120)
    """How long finished notifications stay at all; escalations stay, their keys guard open cases."""
    clock: Callable[[], datetime] = utc_now
    """The handlers' notion of now (tests move it); use cases are given `now` explicitly."""
    rules_since: datetime | None = None
    """When the rules in force were put in force by the operator (None: the shipped file's)."""

    @classmethod
    def of(cls, settings: Settings, rules: ProgrammeRules, clock: Callable[[], datetime] = utc_now) -> Policy:
        return cls(
            rules=rules,
            zone=settings.zone,
            consent_ttl=timedelta(hours=settings.consent_ttl_hours),
            invite_ttl=timedelta(hours=settings.invite_ttl_hours),
            backdate_days=settings.backdate_days,
            review_days=settings.review_days,
            retention=timedelta(days=settings.notification_retention_days),
            outbox_keep=timedelta(days=settings.outbox_keep_days),
            clock=clock,
        )

    def adopt(self, rules: ProgrammeRules, since: datetime | None) -> None:
        """The operator's new rules, for every handler and tick of this process from now on."""
        self.rules, self.rules_since = rules, since

    def now(self) -> datetime:
        return self.clock()

    def today(self, now: datetime) -> date:
        """The local date in the programme's zone: ages, deadlines and diary dates are local."""
        return now.astimezone(self.zone).date()
