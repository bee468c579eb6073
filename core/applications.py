"""Use cases of the application's life: submit, guardian consent, withdraw, activate (R2.5-R2.6, R5.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.application_status import check_transition
from core.application_wizard import STEPS, is_complete
from core.errors import DomainError, NotAllowed
from core.links import GUARDIAN, consume, create_link, valid_link
from core.ports import ApplicationRecord, LinkRecord, Repository, StaffRecord
from core.programme import ApplicationStatus as S
from core.programme import Direction, HeritageMode, Level
from core.rules import Choices, ProgrammeRules, Target, age_on, resolve_targets
from core.staff import check_acting_mentor
from core.workdays import add_working_days

REVIEW_WORKING_DAYS = 14
ADULT_AGE = 18


async def move(
    repo: Repository, app: ApplicationRecord, target: S, actor_id: int | None, reason: str | None = None
) -> None:
    """Every status change goes through the state machine and leaves an audit row."""
    current = S(app.status)
    check_transition(current, target)
    app.status = target.value
    await repo.audit("application", app.id, actor_id, current.value, target.value, reason)


@dataclass(frozen=True)
class Submitted:
    """What the participant is told after submitting: a guardian link for a minor."""

    guardian_payload: str | None


async def submit(
    repo: Repository,
    app: ApplicationRecord,
    rules: ProgrammeRules,
    now: datetime,
    zone: ZoneInfo,
    consent_ttl: timedelta,
) -> Submitted:
    """The participant accepts the agreement; a minor's application waits for the legal representative."""
    if app.status != S.DRAFT.value:
        raise DomainError("error-already-submitted")
    if not all(is_complete(app, s, rules) for s in STEPS if s != "review"):
        raise DomainError("error-application-incomplete")
    today = now.astimezone(zone).date()
    assert app.birth_date is not None and app.level is not None
    age = age_on(app.birth_date, today)
    rules.check_level(Level(app.level), age)
    targets_of(rules, app)
    app.agreement_accepted_at = now
    app.submitted_at = now
    app.review_deadline = add_working_days(today, REVIEW_WORKING_DAYS)
    app.guardian_required = age < ADULT_AGE
    await move(repo, app, S.SUBMITTED, app.user_id)
    if not app.guardian_required:
        await move(repo, app, S.UNDER_REVIEW, app.user_id)
        return Submitted(None)
    await move(repo, app, S.CONSENT_PENDING, app.user_id)
    return Submitted(await create_link(repo, GUARDIAN, {"application_id": app.id}, now, consent_ttl, app.user_id))


def choices_of(app: ApplicationRecord) -> Choices:
    longer = getattr(app, "longer_direction", None)
    mode = getattr(app, "heritage_mode", None)
    return Choices(
        longer=Direction(longer) if longer else None,
        heritage_mode=HeritageMode(mode) if mode else None,
        heritage_months=getattr(app, "heritage_months", None),
    )


async def renew_guardian_link(repo: Repository, app: ApplicationRecord, now: datetime, ttl: timedelta) -> str:
    """A fresh link for the legal representative; the older ones stop working."""
    if app.status != S.CONSENT_PENDING.value:
        raise DomainError("error-consent-not-pending")
    await repo.expire_links(GUARDIAN, "application_id", app.id, now)
    return await create_link(repo, GUARDIAN, {"application_id": app.id}, now, ttl, app.user_id)


async def guardian_application(
    repo: Repository, token: str, guardian_id: int, now: datetime
) -> tuple[ApplicationRecord, LinkRecord]:
    """The application a guardian link points to, if the link and the application are still live."""
    link = await valid_link(repo, GUARDIAN, token, now)
    app = await repo.application(int(link.payload["application_id"]), for_update=True)
    if app is None or app.status != S.CONSENT_PENDING.value:
        raise DomainError("error-link-invalid")
    if app.user_id == guardian_id:
        raise DomainError("error-guardian-is-participant")
    return app, link


async def confirm_guardian(
    repo: Repository, token: str, guardian_id: int, name: str, phone: str, now: datetime
) -> ApplicationRecord:
    """The legal representative confirms the agreement (R2.5); the application goes to review."""
    app, link = await guardian_application(repo, token, guardian_id, now)
    app.guardian_user_id = guardian_id
    app.guardian_name = name
    app.guardian_phone = phone
    app.guardian_confirmed_at = now
    consume(link, guardian_id, now)
    await move(repo, app, S.UNDER_REVIEW, guardian_id)
    return app


async def withdraw(repo: Repository, app: ApplicationRecord, user_id: int) -> None:
    if app.user_id != user_id:
        raise NotAllowed()
    await move(repo, app, S.WITHDRAWN, user_id)


async def activate(
    repo: Repository, staff: StaffRecord | None, app: ApplicationRecord | None, now: datetime
) -> ApplicationRecord:
    """The mentor activates the participant once every direction has its schedule; the clock starts (R5.1)."""
    app = await check_acting_mentor(repo, staff, app)
    if app.status != S.UNDER_REVIEW.value:
        check_transition(S(app.status), S.ACTIVE)
    scheduled = {item.direction for item in await repo.schedule(app.id) if schedule_item_complete(item)}
    missing = [d for d in app.directions if d not in scheduled]
    if missing:
        raise DomainError("error-schedule-incomplete", directions=missing)
    await move(repo, app, S.ACTIVE, staff.user_id if staff else None)
    app.activated_at = now
    return app


def schedule_item_complete(item: object) -> bool:
    return bool(
        getattr(item, "activity", None)
        and getattr(item, "weekdays", None)
        and getattr(item, "time", None)
        and getattr(item, "minutes_per_week", None)
    )


def targets_of(rules: ProgrammeRules, app: ApplicationRecord) -> dict[Direction, Target]:
    """The participant's goal per chosen direction, after the choices they made when applying."""
    return resolve_targets(rules, Level(app.level or ""), {Direction(d) for d in app.directions}, choices_of(app))


async def complete_level(
    repo: Repository,
    staff: StaffRecord | None,
    app: ApplicationRecord,
    percents: dict[Direction, int],
    assessment: str,
    now: datetime,
) -> None:
    """The level is complete once the mentor has confirmed every direction at 100% and assessed the
    participant (R5.4, R6.2); the recommendation then goes to the coordinator and the award commission."""
    await check_acting_mentor(repo, staff, app)
    unfinished = [d.value for d, p in percents.items() if p < 100]
    if unfinished:
        raise DomainError("error-directions-unfinished", directions=unfinished)
    await move(repo, app, S.COMPLETED, staff.user_id if staff else None, assessment)
    app.assessment = assessment
    app.completed_at = now


def started_on(app: ApplicationRecord, zone: ZoneInfo) -> date:
    """The local date the participation clock started (R5.1)."""
    if app.activated_at is None:
        raise DomainError("diary-not-active")
    return app.activated_at.astimezone(zone).date()
