"""Use cases of filling in the application (R2.1-R2.4): one answer at a time, stored after each.

The order of the questions and what completes each is `core/application_wizard.py`; here every answer is
checked, stored, and the form moves to the first question still unanswered. Answers that a changed
answer makes wrong are cleared and asked again. A button of a step the form has left is stale.
"""

from __future__ import annotations

from datetime import date, datetime

from core.application_wizard import (
    chosen_directions,
    editable_steps,
    invalidate,
    missing_partners,
    next_step,
    previous_step,
    reopen,
)
from core.errors import DomainError
from core.policy import Policy
from core.ports import ApplicationRecord, UnitOfWork
from core.profile import check_text, normalise_phone, parse_birth_date, parse_full_name
from core.programme import ApplicationStatus, Direction, HeritageMode, Level
from core.rules import ProgrammeRules, age_on
from core.text_input import ascii_int

TEXT_STEPS = ("full_name", "birth_date", "study_place", "about", "hobbies")


async def open_or_start(uow: UnitOfWork, user_id: int, policy: Policy) -> ApplicationRecord:
    """The participant's live application, or a new draft for this programme year."""
    app = await uow.applications.open_of(user_id)
    if app is None:
        app = await uow.applications.new(user_id, policy.rules.year)
        await uow.commit()
    return app


async def draft(uow: UnitOfWork, user_id: int, step: str | None = None) -> ApplicationRecord:
    """The draft being filled in; a button of another step, or of a submitted application, is stale."""
    app = await uow.applications.open_of(user_id)
    if app is None or app.status != ApplicationStatus.DRAFT.value or (step is not None and app.step != step):
        raise DomainError("error-stale-button")
    return app


async def _advance(
    uow: UnitOfWork, app: ApplicationRecord, changed: str, rules: ProgrammeRules, today: date
) -> ApplicationRecord:
    invalidate(app, changed, rules, today)
    app.step = next_step(app, rules)
    await uow.commit()
    return app


async def back(uow: UnitOfWork, user_id: int, step: str, policy: Policy) -> ApplicationRecord:
    app = await draft(uow, user_id, step)
    target = previous_step(app, policy.rules)
    if target is None:
        raise DomainError("error-stale-button")
    reopen(app, target)
    await uow.commit()
    return app


async def edit(uow: UnitOfWork, user_id: int, step: str, policy: Policy) -> ApplicationRecord:
    """From the review, back to one answer; a step that asks nothing of this participant is not offered."""
    app = await draft(uow, user_id, "review")
    if step not in editable_steps(app, policy.rules):
        raise DomainError("error-bad-button")
    reopen(app, step)
    await uow.commit()
    return app


async def consent(
    uow: UnitOfWork, user_id: int, agree: bool, now: datetime, policy: Policy
) -> ApplicationRecord | None:
    """Consent to the processing of personal data comes before any question; a refusal deletes the draft."""
    app = await draft(uow, user_id, "consent")
    if not agree:
        await uow.applications.delete(app)
        await uow.commit()
        return None
    app.pd_consent_at = now
    return await _advance(uow, app, "consent", policy.rules, policy.today(now))


async def answer_text(uow: UnitOfWork, user_id: int, text: str, now: datetime, policy: Policy) -> ApplicationRecord:
    """A typed answer: the full name, the date of birth (the age must be in the programme's range, R3.1),
    the place of study, about me, hobbies."""
    app = await draft(uow, user_id)
    step, today, rules = app.step, policy.today(now), policy.rules
    if step not in TEXT_STEPS or text.startswith("/"):
        raise DomainError(expected_input(step))
    if step == "full_name":
        app.full_name = parse_full_name(text)
    elif step == "birth_date":
        born = parse_birth_date(text, today)
        age = age_on(born, today)
        if not rules.age_allowed(age):
            raise DomainError("error-age-range", min=rules.min_age, max=rules.max_age, age=age)
        app.birth_date = born
    else:
        setattr(app, step, check_text(step, text))
    return await _advance(uow, app, step, rules, today)


async def answer_phone(uow: UnitOfWork, user_id: int, phone: str, now: datetime, policy: Policy) -> ApplicationRecord:
    """The participant's own phone, shared as a contact (the bot checks that it is their own)."""
    app = await draft(uow, user_id, "phone")
    app.phone = normalise_phone(phone)
    return await _advance(uow, app, "phone", policy.rules, policy.today(now))


async def answer_photo(
    uow: UnitOfWork, user_id: int, file_id: str, unique_id: str, now: datetime, policy: Policy
) -> ApplicationRecord:
    app = await draft(uow, user_id, "photo")
    app.photo_file_id, app.photo_unique_id = file_id, unique_id
    return await _advance(uow, app, "photo", policy.rules, policy.today(now))


def expected_input(step: str) -> str:
    if step in TEXT_STEPS:
        return "error-text-expected"
    return {"phone": "error-contact-expected", "photo": "error-photo-expected"}.get(step, "error-use-buttons")


async def pick(
    uow: UnitOfWork, user_id: int, step: str, action: str, value: str, now: datetime, policy: Policy
) -> ApplicationRecord:
    """A button answer, after checking that the value is one the bot could have offered."""
    app = await draft(uow, user_id, step)
    rules, today = policy.rules, policy.today(now)
    if step == "region" and await uow.catalogue.region(value) is not None:
        app.region_code = value
    elif step == "locality" and (place := await uow.catalogue.locality(value)) and place.region_code == app.region_code:
        app.locality_code = value
    elif step == "level" and value in {lv.value for lv in rules.levels} and app.birth_date:
        rules.check_level(Level(value), age_on(app.birth_date, today))
        app.level = value
    elif step == "choices" and action in ("longer", "heritage_mode", "heritage_months"):
        set_choice(app, action, value, rules)
    elif step == "partners" and missing_partners(app):
        direction = missing_partners(app)[0]
        partner = await uow.catalogue.partner(value)
        if partner is None or direction.value not in partner.directions:
            raise DomainError("error-bad-button")
        app.partners = {**app.partners, direction.value: value}
    elif step == "mentor" and (mentor_id := ascii_int(value)) is not None:
        option = next((o for o in await uow.applications.mentor_options(app) if o.mentor.user_id == mentor_id), None)
        if option is None:
            raise DomainError("error-bad-button")
        app.mentor_id = option.mentor.user_id
        app.centre_id = option.centre.id
    else:
        raise DomainError("error-bad-button")
    return await _advance(uow, app, step, rules, today)


def set_choice(app: ApplicationRecord, choice: str, value: str, rules: ProgrammeRules) -> None:
    """The options the level leaves to the participant (R3.3, R3.4)."""
    level = rules.levels[Level(app.level or "")]
    if choice == "longer" and value in level.pair:
        app.longer_direction = value
    elif choice == "heritage_mode" and value in {m.value for m in HeritageMode}:
        app.heritage_mode = value
        if value == HeritageMode.BOOK:
            app.heritage_months = None
    elif (
        choice == "heritage_months"
        and (months := ascii_int(value)) is not None
        and months in level.requirements[Direction.HERITAGE].session_months
    ):
        app.heritage_months = months
    else:
        raise DomainError("error-bad-button")


async def toggle_direction(uow: UnitOfWork, user_id: int, value: str, policy: Policy) -> ApplicationRecord:
    """Adds or removes an optional direction; the year's mandatory ones stay (R2.2)."""
    app = await draft(uow, user_id, "directions")
    rules = policy.rules
    if value not in {d.value for d in rules.levels[Level(app.level or "")].directions}:
        raise DomainError("error-bad-button")
    if Direction(value) in rules.mandatory:
        raise DomainError("direction-mandatory")
    app.directions = [d for d in app.directions if d != value] if value in app.directions else [*app.directions, value]
    await uow.commit()
    return app


async def directions_done(uow: UnitOfWork, user_id: int, now: datetime, policy: Policy) -> ApplicationRecord:
    app = await draft(uow, user_id, "directions")
    rules, level = policy.rules, Level(app.level or "")
    mandatory = {d.value for d in rules.mandatory & set(rules.levels[level].directions)}
    app.directions = sorted(set(app.directions) | mandatory, key=[d.value for d in Direction].index)
    rules.check_directions(level, chosen_directions(app))
    return await _advance(uow, app, "directions", rules, policy.today(now))
