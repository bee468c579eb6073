"""The application wizard (R2.1-R2.5): one step at a time, saved after every answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
)

from bot.callbacks import AppCb
from bot.common.errors import localize
from bot.contacts import own_contact, share_phone_keyboard
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import columns, main_menu
from bot.mentor.alerts import alert_new_application
from bot.participant.status import send_status
from bot.participant.texts import describe_requirement, describe_target
from core import applications
from core.application_wizard import (
    chosen_directions,
    editable_steps,
    invalidate,
    missing_choices,
    missing_partners,
    next_step,
    previous_step,
    reopen,
)
from core.errors import DomainError
from core.profile import check_text, parse_birth_date, parse_full_name
from core.programme import ApplicationStatus, Direction, HeritageMode, Level, Role
from core.rules import ProgrammeRules, age_on
from core.settings import Settings
from locales.translations import Translations, Translator
from storage.models import Application, User
from storage.repository import Repository

TEXT_STEPS = ("full_name", "birth_date", "study_place", "about", "hobbies")
PAGE = 10
Clock = Callable[[], datetime]


def today(clock: Clock, zone: ZoneInfo) -> date:
    return clock().astimezone(zone).date()


def cb(step: str, action: str, value: str = "") -> str:
    return AppCb(step=step, action=action, value=value).pack()


def button(text: str, step: str, action: str, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=cb(step, action, value))


def back_row(t: Translator, app: Application, rules: ProgrammeRules) -> list[list[InlineKeyboardButton]]:
    return [[button(t("button-back"), app.step, "back")]] if previous_step(app, rules) else []


async def render(
    app: Application, t: Translator, repo: Repository, rules: ProgrammeRules, day: date, page: int = 0
) -> tuple[str, Any]:
    """The prompt and keyboard of the application's current step."""
    step = app.step
    rows: list[list[InlineKeyboardButton]] = []
    if step == "consent":
        rows = [
            [button(t("button-agree"), step, "consent", "yes")],
            [button(t("button-cancel"), step, "consent", "no")],
        ]
        return t("ask-consent"), InlineKeyboardMarkup(inline_keyboard=rows)
    if step == "phone":
        return t("ask-phone"), share_phone_keyboard(t, KeyboardButton(text=t("button-back")))
    if step == "level":
        text, rows = level_prompt(app, t, rules, day)
    elif step == "directions":
        text, rows = directions_prompt(app, t, rules)
    elif step == "choices":
        text, rows = choices_prompt(app, t, rules)
    elif step == "partners":
        direction = missing_partners(app)[0]
        partners = await repo.partners(direction.value, app.region_code)
        text = t("ask-partner", direction=t(f"direction-{direction.value}"))
        rows = [[button(t.name(p), step, "pick", p.code)] for p in partners]
    elif step == "mentor":
        text, rows = await mentor_prompt(app, t, repo)
    elif step == "review":
        return await review_prompt(app, t, repo, rules), review_keyboard(t, editable_steps(app, rules))
    else:
        text = t(f"ask-{step.replace('_', '-')}")
        current = await current_value(app, t, repo)
        if current:
            text += "\n\n" + t("current-value", value=current)
        if step == "region":
            rows = columns([button(t.name(r), step, "pick", r.code) for r in await repo.regions()])
        elif step == "locality":
            rows = await locality_rows(app, t, repo, page)
    return text, InlineKeyboardMarkup(inline_keyboard=rows + back_row(t, app, rules))


async def locality_rows(app: Application, t: Translator, repo: Repository, page: int) -> list:
    places = await repo.localities(app.region_code or "")
    rows = columns([button(t.name(p), "locality", "pick", p.code) for p in places[page * PAGE : (page + 1) * PAGE]])
    nav = []
    if page > 0:
        nav.append(button("◀", "locality", "page", str(page - 1)))
    if (page + 1) * PAGE < len(places):
        nav.append(button("▶", "locality", "page", str(page + 1)))
    return rows + ([nav] if nav else [])


async def current_value(app: Application, t: Translator, repo: Repository) -> str | None:
    step = app.step
    if step in TEXT_STEPS:
        value = getattr(app, step)
        return value.strftime("%d.%m.%Y") if isinstance(value, date) else value
    if step == "region" and app.region_code:
        region = await repo.region(app.region_code)
        return t.name(region) if region else None
    if step == "locality" and app.locality_code:
        place = await repo.locality(app.locality_code)
        return t.name(place) if place else None
    return None


def level_prompt(app: Application, t: Translator, rules: ProgrammeRules, day: date) -> tuple[str, list]:
    assert app.birth_date is not None
    age = age_on(app.birth_date, day)
    open_levels = rules.levels_for_age(age)
    lines = [t("ask-level")]
    for level, lv in rules.levels.items():
        if level not in open_levels:
            lines.append(t("level-closed", level=t(f"level-{level.value}"), age=lv.min_age))
    rows = [
        [button(t(f"level-{lv.value}") + (" ✅" if app.level == lv.value else ""), "level", "pick", lv.value)]
        for lv in open_levels
    ]
    return "\n".join(lines), rows


def directions_prompt(app: Application, t: Translator, rules: ProgrammeRules) -> tuple[str, list]:
    assert app.level is not None
    level = rules.levels[Level(app.level)]
    chosen = chosen_directions(app)
    lines = [t("ask-directions", level=t(f"level-{app.level}"))]
    rows = []
    for direction in level.directions:
        req = level.requirements[direction]
        mandatory = direction in rules.mandatory
        mark = "🔒" if mandatory else ("✅" if direction in chosen else "▫️")
        lines.append(f"{mark} <b>{t(f'direction-{direction.value}')}</b>: {describe_requirement(t, req)}")
        rows.append([button(f"{mark} {t(f'direction-{direction.value}')}", "directions", "toggle", direction.value)])
    rows.append([button(t("button-done"), "directions", "done")])
    return "\n".join(lines), rows


def choices_prompt(app: Application, t: Translator, rules: ProgrammeRules) -> tuple[str, list]:
    choice = missing_choices(app, rules)[0]
    level = rules.levels[Level(app.level or "")]
    if choice == "longer":
        months = max(m for d in level.pair for m in level.requirements[d].session_months)
        rows = [
            [
                button(
                    t("choice-longer", direction=t(f"direction-{d.value}"), months=months), "choices", "longer", d.value
                )
            ]
            for d in level.pair
        ]
        return t("ask-choice-longer"), rows
    if choice == "heritage_mode":
        rows = [
            [button(t("choice-heritage-sessions"), "choices", "heritage_mode", HeritageMode.SESSIONS)],
            [button(t("choice-heritage-book"), "choices", "heritage_mode", HeritageMode.BOOK)],
        ]
        return t("ask-choice-heritage-mode"), rows
    options = level.requirements[Direction.HERITAGE].session_months
    rows = [[button(t("choice-months", months=m), "choices", "heritage_months", str(m)) for m in options]]
    return t("ask-choice-heritage-months"), rows


async def mentor_prompt(app: Application, t: Translator, repo: Repository) -> tuple[str, list]:
    options = await repo.mentor_options(app)
    if not options:
        return t("no-mentors"), [[button(t("button-refresh"), "mentor", "refresh")]]
    lines = [t("ask-mentor")]
    rows = []
    for n, option in enumerate(options, 1):
        lines.append(
            t(
                "mentor-option",
                n=n,
                name=option.mentor.full_name or "—",
                centre=t.name(option.centre),
                load=option.load,
                match=option.match,
            )
        )
        rows.append([button(f"{n}. {option.mentor.full_name or '—'}", "mentor", "pick", str(option.mentor.user_id))])
    return "\n".join(lines), rows


async def review_prompt(app: Application, t: Translator, repo: Repository, rules: ProgrammeRules) -> str:
    region = await repo.region(app.region_code or "")
    place = await repo.locality(app.locality_code or "")
    mentor = await repo.staff(app.mentor_id or 0)
    centre = await repo.centre(app.centre_id or 0)
    targets = applications.targets_of(rules, app)
    partner_names = []
    for direction, code in sorted(app.partners.items()):
        partner = await repo.partner(code)
        if partner:
            partner_names.append(f"{t(f'direction-{direction}')}: {t.name(partner)}")
    lines = [
        t("review-title"),
        t(
            "review-profile",
            full_name=app.full_name or "",
            birth_date=app.birth_date.strftime("%d.%m.%Y") if app.birth_date else "",
            phone=app.phone or "",
            region=t.name(region) if region else "",
            locality=t.name(place) if place else "",
            study_place=app.study_place or "",
            about=app.about or "",
            hobbies=app.hobbies or "",
        ),
        t("review-level", level=t(f"level-{app.level}")),
    ]
    lines += [f"• <b>{t(f'direction-{d.value}')}</b>: {describe_target(t, target)}" for d, target in targets.items()]
    if partner_names:
        lines.append(t("review-partners", partners="; ".join(partner_names)))
    lines.append(
        t("review-mentor", mentor=mentor.full_name if mentor else "—", centre=t.name(centre) if centre else "—")
    )
    return "\n".join(lines)


def review_keyboard(t: Translator, steps: list[str]) -> InlineKeyboardMarkup:
    edits = [button(t(f"edit-{step.replace('_', '-')}"), "review", "edit", step) for step in steps]
    rows = columns(edits, 3) + [[button(t("button-continue"), "review", "agree")]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def show(
    message: Message, app: Application, t: Translator, repo: Repository, rules: ProgrammeRules, day: date, page: int = 0
) -> None:
    text, markup = await render(app, t, repo, rules, day, page)
    await message.answer(text, reply_markup=markup)


async def advance(
    message: Message, app: Application, t: Translator, repo: Repository, rules: ProgrammeRules, day: date, changed: str
) -> None:
    """Saves the answer before anything is sent, so a failed reply never loses it."""
    invalidate(app, changed, rules, day)
    app.step = next_step(app, rules)
    await repo.session.commit()
    await show(message, app, t, repo, rules, day)


async def open_application(
    message: Message, t: Translator, repo: Repository, user: User, rules: ProgrammeRules, clock: Clock, zone: ZoneInfo
) -> None:
    """Starts an application, continues a draft, or shows the status of a submitted one."""
    app = await repo.open_application(user.id)
    if app is None:
        app = await repo.new_application(user.id, rules.year)
    if app.status != ApplicationStatus.DRAFT.value:
        await send_status(message, app, t, repo)
        return
    await show(message, app, t, repo, rules, today(clock, zone))


async def on_button(
    query: CallbackQuery,
    callback_data: AppCb,
    t: Translator,
    repo: Repository,
    user: User,
    role: Role,
    rules: ProgrammeRules,
    clock: Clock,
    zone: ZoneInfo,
    settings: Settings,
    translations: Translations,
) -> None:
    app = await repo.open_application(user.id)
    message = query.message
    if (
        app is None
        or app.status != ApplicationStatus.DRAFT.value
        or app.step != callback_data.step
        or not isinstance(message, Message)
    ):
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    day = today(clock, zone)
    action, value, step = callback_data.action, callback_data.value, callback_data.step
    if action == "back":
        target = previous_step(app, rules)
        if target is None:
            raise DomainError("error-stale-button")
        reopen(app, target)
        await query.answer()
        await show(message, app, t, repo, rules, day)
        return
    if step == "consent":
        await query.answer()
        if value == "yes":
            app.pd_consent_at = clock()
            await advance(message, app, t, repo, rules, day, "consent")
        else:
            await repo.session.delete(app)
            await message.answer(t("application-cancelled"), reply_markup=main_menu(t, role))
        return
    if step == "locality" and action == "page":
        await query.answer()
        await message.edit_reply_markup(reply_markup=(await render(app, t, repo, rules, day, int(value)))[1])
        return
    if step == "directions":
        await on_directions(query, message, app, action, value, t, repo, rules, day)
        return
    if step == "mentor" and action == "refresh":
        await query.answer()
        await show(message, app, t, repo, rules, day)
        return
    if step == "review":
        await on_review(query, message, app, action, value, t, repo, role, rules, clock, zone, settings, translations)
        return
    await pick(app, step, action, value, repo, rules, day)
    await query.answer()
    await advance(message, app, t, repo, rules, day, step)


async def pick(
    app: Application, step: str, action: str, value: str, repo: Repository, rules: ProgrammeRules, day: date
) -> None:
    """Applies a button answer after checking that the value is one the bot could have offered."""
    if step == "region" and await repo.region(value) is not None:
        app.region_code = value
    elif step == "locality" and (place := await repo.locality(value)) and place.region_code == app.region_code:
        app.locality_code = value
    elif step == "level" and value in {lv.value for lv in rules.levels} and app.birth_date:
        rules.check_level(Level(value), age_on(app.birth_date, day))
        app.level = value
    elif step == "choices" and action in ("longer", "heritage_mode", "heritage_months"):
        set_choice(app, action, value, rules)
    elif step == "partners" and missing_partners(app):
        direction = missing_partners(app)[0]
        partner = await repo.partner(value)
        if partner is None or direction.value not in partner.directions:
            raise DomainError("error-bad-button")
        app.partners = {**app.partners, direction.value: value}
    elif step == "mentor" and value.isdigit():
        option = next((o for o in await repo.mentor_options(app) if o.mentor.user_id == int(value)), None)
        if option is None:
            raise DomainError("error-bad-button")
        app.mentor_id = option.mentor.user_id
        app.centre_id = option.centre.id
    else:
        raise DomainError("error-bad-button")


def set_choice(app: Application, choice: str, value: str, rules: ProgrammeRules) -> None:
    level = rules.levels[Level(app.level or "")]
    if choice == "longer" and value in level.pair:
        app.longer_direction = value
    elif choice == "heritage_mode" and value in {m.value for m in HeritageMode}:
        app.heritage_mode = value
        if value == HeritageMode.BOOK:
            app.heritage_months = None
    elif (
        choice == "heritage_months"
        and value.isdigit()
        and int(value) in level.requirements[Direction.HERITAGE].session_months
    ):
        app.heritage_months = int(value)
    else:
        raise DomainError("error-bad-button")


async def on_directions(
    query: CallbackQuery,
    message: Message,
    app: Application,
    action: str,
    value: str,
    t: Translator,
    repo: Repository,
    rules: ProgrammeRules,
    day: date,
) -> None:
    level = rules.levels[Level(app.level or "")]
    if action == "toggle":
        if value not in {d.value for d in level.directions}:
            raise DomainError("error-bad-button")
        if Direction(value) in rules.mandatory:
            await query.answer(t("direction-mandatory"), show_alert=True)
            return
        app.directions = (
            [d for d in app.directions if d != value] if value in app.directions else [*app.directions, value]
        )
        await query.answer()
        text, rows = directions_prompt(app, t, rules)
        await message.edit_text(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows + back_row(t, app, rules)))
        return
    if action != "done":
        raise DomainError("error-bad-button")
    app.directions = sorted(
        set(app.directions) | {d.value for d in rules.mandatory & set(level.directions)},
        key=[d.value for d in Direction].index,
    )
    rules.check_directions(Level(app.level or ""), chosen_directions(app))
    await query.answer()
    await advance(message, app, t, repo, rules, day, "directions")


async def on_review(
    query: CallbackQuery,
    message: Message,
    app: Application,
    action: str,
    value: str,
    t: Translator,
    repo: Repository,
    role: Role,
    rules: ProgrammeRules,
    clock: Clock,
    zone: ZoneInfo,
    settings: Settings,
    translations: Translations,
) -> None:
    if action == "edit" and value in editable_steps(app, rules):
        reopen(app, value)
        await query.answer()
        await show(message, app, t, repo, rules, today(clock, zone))
    elif action == "agree":
        await query.answer()
        await message.answer(
            t("agreement-text", level=t(f"level-{app.level}")),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [button(t("button-accept-agreement"), "review", "accept")],
                    [button(t("button-back"), "review", "stay")],
                ]
            ),
        )
    elif action == "stay":
        await query.answer()
        await show(message, app, t, repo, rules, today(clock, zone))
    elif action == "accept":
        result = await applications.submit(repo, app, rules, clock(), zone, timedelta(hours=settings.consent_ttl_hours))
        if not result.guardian_payload:
            await alert_new_application(repo, translations, app, clock())
        await repo.session.commit()
        await query.answer(t("application-submitted-toast"))
        deadline = app.review_deadline.strftime("%d.%m.%Y") if app.review_deadline else ""
        if result.guardian_payload:
            link = await deep_link(message, result.guardian_payload)
            await message.answer(
                t("application-submitted-minor", link=link, deadline=deadline), reply_markup=main_menu(t, role)
            )
        else:
            await message.answer(t("application-submitted", deadline=deadline), reply_markup=main_menu(t, role))
    else:
        raise DomainError("error-bad-button")


async def deep_link(message: Message, payload: str) -> str:
    assert message.bot is not None
    me = await message.bot.me()
    return f"https://t.me/{me.username}?start={payload}"


async def on_input(
    message: Message,
    t: Translator,
    repo: Repository,
    user: User,
    role: Role,
    rules: ProgrammeRules,
    clock: Clock,
    zone: ZoneInfo,
) -> None:
    """Answers to the current step; anything else gets the step's prompt again, nothing is lost."""
    app = await repo.open_application(user.id)
    if app is None or app.status != ApplicationStatus.DRAFT.value:
        raise SkipHandler()
    day = today(clock, zone)
    step = app.step
    if message.text == t("button-back") and step == "phone":
        app.step = previous_step(app, rules) or step
        await message.answer(t("back"), reply_markup=main_menu(t, role))
        await show(message, app, t, repo, rules, day)
        return
    try:
        if step in TEXT_STEPS and message.text is not None and not message.text.startswith("/"):
            set_text(app, step, message.text, day, rules)
        elif step == "phone" and message.contact is not None:
            _, app.phone = own_contact(message, user.id)
        elif step == "photo" and message.photo:
            app.photo_file_id = message.photo[-1].file_id
            app.photo_unique_id = message.photo[-1].file_unique_id
        else:
            raise DomainError(expected_input(step))
    except DomainError as error:
        await message.answer(localize(t, error))
        await show(message, app, t, repo, rules, day)
        return
    if step == "phone":
        await repo.session.commit()
        await message.answer(t("phone-saved"), reply_markup=main_menu(t, role))
    await advance(message, app, t, repo, rules, day, step)


def set_text(app: Application, step: str, text: str, day: date, rules: ProgrammeRules) -> None:
    if step == "full_name":
        app.full_name = parse_full_name(text)
    elif step == "birth_date":
        born = parse_birth_date(text, day)
        age = age_on(born, day)
        if not rules.age_allowed(age):
            raise DomainError("error-age-range", min=rules.min_age, max=rules.max_age, age=age)
        app.birth_date = born
    else:
        setattr(app, step, check_text(step, text))


def expected_input(step: str) -> str:
    if step in TEXT_STEPS:
        return "error-text-expected"
    return {"phone": "error-contact-expected", "photo": "error-photo-expected"}.get(step, "error-use-buttons")


def router() -> Router:
    """The application handlers, in the order they are tried."""
    r = Router(name="application")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(open_application, MenuButton("menu-application"))
    r.message.register(open_application, F.text.startswith("/apply"))
    r.callback_query.register(on_button, AppCb.filter())
    r.message.register(on_input)
    return r
