"""Use cases of the application's life after the form: submit, guardian consent, withdraw (R2.5, R2.6),
and what every later feature asks of an application: its targets, its start, its progress (R8.3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from core.application_status import check_transition
from core.application_wizard import STEPS, is_complete
from core.errors import DomainError
from core.links import GUARDIAN, consume, create_link, refuse_staff, renew_link, valid_link
from core.notices import GuardianConfirmed, NewApplication, Notice
from core.policy import Policy
from core.ports import ApplicationRecord, LinkRecord, UnitOfWork
from core.profile import normalise_phone
from core.programme import ApplicationStatus as S
from core.programme import Direction, HeritageMode, Level
from core.progress import Done, progress
from core.rules import Choices, ProgrammeRules, Target, adjusted, age_on, resolve_targets
from core.workdays import add_working_days

REVIEW_WORKING_DAYS = 14
ADULT_AGE = 18
WITHDRAWABLE = frozenset({S.SUBMITTED, S.CONSENT_PENDING, S.UNDER_REVIEW, S.ACTIVE})
GUARDIAN_CONSENT = "guardian consent"
"""The audit reason of the legal representative's confirmation: fixed, never their name or phone."""


async def move(
    uow: UnitOfWork, app: ApplicationRecord, target: S, actor_id: int | None, reason: str | None = None
) -> None:
    """Every status change goes through the state machine and leaves an audit row."""
    current = S(app.status)
    check_transition(current, target)
    app.status = target.value
    await uow.audit.add("application", app.id, actor_id, current.value, target.value, reason)


async def reached_mentor(uow: UnitOfWork, app: ApplicationRecord) -> tuple[Notice, ...]:
    """The mentor, or whoever acts for them, is told that an application waits for them (R7.2)."""
    if app.mentor_id is None:
        return ()
    return (NewApplication(await uow.staff.acting_for(app.mentor_id), app.id, app.status),)


@dataclass(frozen=True)
class Submitted:
    app: ApplicationRecord
    guardian_payload: str | None
    """For a minor: the one-time link the participant forwards to their legal representative."""
    notices: tuple[Notice, ...] = ()


async def submit(uow: UnitOfWork, user_id: int, now: datetime, policy: Policy) -> Submitted:
    """The participant accepts the agreement on the review screen; a minor's application waits for the
    legal representative, an adult's goes to the mentor; the review deadline is 14 working days (R2.5, R2.6)."""
    app = await uow.applications.open_of(user_id)
    if app is None or app.status != S.DRAFT.value or app.step != "review":
        raise DomainError("error-stale-button")
    rules = policy.rules
    if not all(is_complete(app, s, rules) for s in STEPS if s != "review"):
        raise DomainError("error-application-incomplete")
    today = policy.today(now)
    assert app.birth_date is not None and app.level is not None
    age = age_on(app.birth_date, today)
    rules.check_level(Level(app.level), age)
    targets_of(rules, app)
    app.agreement_accepted_at = now
    app.submitted_at = now
    app.review_deadline = add_working_days(today, REVIEW_WORKING_DAYS)
    app.guardian_required = age < ADULT_AGE
    await move(uow, app, S.SUBMITTED, user_id)
    if app.guardian_required:
        await move(uow, app, S.CONSENT_PENDING, user_id)
        payload = await create_link(uow, GUARDIAN, {"application_id": app.id}, now, policy.consent_ttl, user_id)
        await uow.commit()
        return Submitted(app, payload)
    await move(uow, app, S.UNDER_REVIEW, user_id)
    notices = await reached_mentor(uow, app)
    await uow.commit(notices)
    return Submitted(app, None, notices)


async def own_application(uow: UnitOfWork, user_id: int, app_id: int) -> ApplicationRecord:
    app = await uow.applications.get(app_id, for_update=True)
    if app is None or app.user_id != user_id:
        raise DomainError("error-bad-button")
    return app


async def renew_guardian_link(uow: UnitOfWork, user_id: int, app_id: int, now: datetime, policy: Policy) -> str:
    """A fresh link for the legal representative; the older ones stop working."""
    app = await own_application(uow, user_id, app_id)
    if app.status != S.CONSENT_PENDING.value:
        raise DomainError("error-consent-not-pending")
    payload = await renew_link(uow, GUARDIAN, "application_id", app.id, now, policy.consent_ttl, user_id)
    await uow.commit()
    return payload


async def guardian_application(
    uow: UnitOfWork, token: str, guardian_id: int, now: datetime, phone: str | None = None
) -> tuple[ApplicationRecord, LinkRecord]:
    """The application a guardian link points to, if the link and the application are still live and the
    opener may be the legal representative: not the participant, not a staff member, and (once they shared
    it) not with the participant's own phone number (R2.5)."""
    link = await valid_link(uow, GUARDIAN, token, now)
    app = await uow.applications.get(int(link.payload["application_id"]), for_update=True)
    if app is None or app.status != S.CONSENT_PENDING.value:
        raise DomainError("error-link-invalid")
    if app.user_id == guardian_id:
        raise DomainError("error-guardian-is-participant")
    await refuse_staff(uow, guardian_id, "error-guardian-is-staff")
    if phone is not None and same_phone(phone, app.phone):
        raise DomainError("error-guardian-phone-is-participant")
    return app, link


def same_phone(phone: str, other: str | None) -> bool:
    """Whether two phone numbers, as typed or shared, are the same number."""
    mine = normalise_phone(phone)
    return other is not None and len(mine) > 1 and mine == normalise_phone(other)


@dataclass(frozen=True)
class Confirmed:
    app: ApplicationRecord
    notices: tuple[Notice, ...]


async def confirm_guardian(
    uow: UnitOfWork, token: str, guardian_id: int, name: str, phone: str, now: datetime
) -> Confirmed:
    """The legal representative confirms the agreement (R2.5); the application goes to review, and the audit
    row names the representative as its actor."""
    app, link = await guardian_application(uow, token, guardian_id, now, phone)
    app.guardian_user_id = guardian_id
    app.guardian_name = name
    app.guardian_phone = phone
    app.guardian_confirmed_at = now
    consume(link, guardian_id, now)
    await move(uow, app, S.UNDER_REVIEW, guardian_id, GUARDIAN_CONSENT)
    notices = ((GuardianConfirmed(app.user_id, app.id),) if app.user_id else ()) + await reached_mentor(uow, app)
    await uow.commit(notices)
    return Confirmed(app, notices)


async def withdrawable(uow: UnitOfWork, user_id: int, app_id: int) -> ApplicationRecord:
    """The participant's own application, while it can still be withdrawn."""
    app = await own_application(uow, user_id, app_id)
    if S(app.status) not in WITHDRAWABLE:
        raise DomainError("error-stale-button")
    return app


async def withdraw(uow: UnitOfWork, user_id: int, app_id: int) -> ApplicationRecord:
    """After the participant confirmed; a second confirmation is refused by the state machine."""
    app = await own_application(uow, user_id, app_id)
    await move(uow, app, S.WITHDRAWN, user_id)
    await uow.commit()
    return app


class Planned(Protocol):
    """What sets a participant's targets: an application, or the few columns of it a tick reads."""

    @property
    def level(self) -> str | None: ...
    @property
    def directions(self) -> Sequence[str]: ...
    @property
    def longer_direction(self) -> str | None: ...
    @property
    def heritage_mode(self) -> str | None: ...
    @property
    def heritage_months(self) -> int | None: ...
    @property
    def individual(self) -> Mapping[str, Mapping[str, int]]: ...


def choices_of(app: Planned) -> Choices:
    return Choices(
        longer=Direction(app.longer_direction) if app.longer_direction else None,
        heritage_mode=HeritageMode(app.heritage_mode) if app.heritage_mode else None,
        heritage_months=app.heritage_months,
    )


def targets_of(rules: ProgrammeRules, app: Planned) -> dict[Direction, Target]:
    """The participant's goal per chosen direction, after the choices they made when applying and the individual
    requirements the operator set (R3.5)."""
    standard = level_targets_of(rules, app)
    return adjusted(standard, app.individual) if app.individual else standard


def level_targets_of(rules: ProgrammeRules, app: Planned) -> dict[Direction, Target]:
    """The goals the level sets after the participant's choices, as if nothing were individual."""
    return resolve_targets(rules, Level(app.level or ""), {Direction(d) for d in app.directions}, choices_of(app))


def started_on(app: ApplicationRecord, zone: ZoneInfo) -> date:
    """The local date the participation clock started (R5.1)."""
    if app.activated_at is None:
        raise DomainError("diary-not-active")
    return app.activated_at.astimezone(zone).date()


def percents_of(app: ApplicationRecord, done: Sequence[Done], policy: Policy) -> dict[Direction, int]:
    """Completion percent per direction of the application's targets, from the entries that count (R8.3)."""
    return progress(targets_of(policy.rules, app), done, started_on(app, policy.zone))


async def progress_of(uow: UnitOfWork, app: ApplicationRecord, policy: Policy) -> dict[Direction, int]:
    return percents_of(app, await uow.entries.done(app.id), policy)
