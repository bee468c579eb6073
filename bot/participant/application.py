"""The application wizard (R2.1-R2.5): one step at a time, saved after every answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
)
from magic_filter import MagicFilter

from bot.callbacks import AppCb
from bot.common.errors import localize
from bot.contacts import own_contact, share_phone_keyboard
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button, columns, main_menu
from bot.participant.status import send_status
from bot.participant.texts import describe_requirement, describe_target, profile
from core import application_form as form
from core import applications
from core.application_wizard import (
    chosen_directions,
    editable_steps,
    missing_choices,
    missing_partners,
    previous_step,
)
from core.errors import DomainError
from core.policy import Policy
from core.ports import ApplicationRecord
from core.programme import ApplicationStatus, Direction, HeritageMode, Level, Role
from core.rules import ProgrammeRules, age_on
from core.text_input import ascii_int
from locales.translations import Translator
from storage.holder import Holder
from storage.models import User

TEXT_STEPS = form.TEXT_STEPS
PAGE = 10


def back_row(t: Translator, app: ApplicationRecord, rules: ProgrammeRules) -> list[list[InlineKeyboardButton]]:
    return [[button(t("button-back"), AppCb(step=app.step, action="back"))]] if previous_step(app, rules) else []


async def render(
    app: ApplicationRecord, t: Translator, uow: Holder, rules: ProgrammeRules, day: date, page: int = 0
) -> tuple[str, Any]:
    """The prompt and keyboard of the application's current step."""
    step = app.step
    rows: list[list[InlineKeyboardButton]] = []
    if step == "consent":
        rows = [
            [button(t("button-agree"), AppCb(step=step, action="consent", value="yes"))],
            [button(t("button-cancel"), AppCb(step=step, action="consent", value="no"))],
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
        partners = await uow.catalogue.partners(direction.value, app.region_code)
        text = t("ask-partner", direction=t(f"direction-{direction.value}"))
        rows = [[button(t.name(p), AppCb(step=step, action="pick", value=p.code))] for p in partners]
    elif step == "mentor":
        text, rows = await mentor_prompt(app, t, uow)
    elif step == "review":
        return await review_prompt(app, t, uow, rules), review_keyboard(t, editable_steps(app, rules))
    else:
        text = t(f"ask-{step.replace('_', '-')}")
        current = await current_value(app, t, uow)
        if current:
            text += "\n\n" + t("current-value", value=current)
        if step == "region":
            rows = columns(
                [
                    button(t.name(r), AppCb(step=step, action="pick", value=r.code))
                    for r in await uow.catalogue.regions()
                ]
            )
        elif step == "locality":
            rows = await locality_rows(app, t, uow, page)
    return text, InlineKeyboardMarkup(inline_keyboard=rows + back_row(t, app, rules))


async def locality_rows(app: ApplicationRecord, t: Translator, uow: Holder, page: int) -> list:
    places = await uow.catalogue.localities(app.region_code or "")
    rows = columns(
        [
            button(t.name(p), AppCb(step="locality", action="pick", value=p.code))
            for p in places[page * PAGE : (page + 1) * PAGE]
        ]
    )
    nav = []
    if page > 0:
        nav.append(button("◀", AppCb(step="locality", action="page", value=str(page - 1))))
    if (page + 1) * PAGE < len(places):
        nav.append(button("▶", AppCb(step="locality", action="page", value=str(page + 1))))
    return rows + ([nav] if nav else [])


async def current_value(app: ApplicationRecord, t: Translator, uow: Holder) -> str | None:
    step = app.step
    if step in TEXT_STEPS:
        value = getattr(app, step)
        return value.strftime("%d.%m.%Y") if isinstance(value, date) else value
    if step == "region" and app.region_code:
        region = await uow.catalogue.region(app.region_code)
        return t.name(region) if region else None
    if step == "locality" and app.locality_code:
        place = await uow.catalogue.locality(app.locality_code)
        return t.name(place) if place else None
    return None


def level_prompt(app: ApplicationRecord, t: Translator, rules: ProgrammeRules, day: date) -> tuple[str, list]:
    assert app.birth_date is not None
    age = age_on(app.birth_date, day)
    open_levels = rules.levels_for_age(age)
    lines = [t("ask-level")]
    for level, lv in rules.levels.items():
        if level not in open_levels:
            lines.append(t("level-closed", level=t(f"level-{level.value}"), age=lv.min_age))
    rows = [
        [
            button(
                t(f"level-{lv.value}") + (" ✅" if app.level == lv.value else ""),
                AppCb(step="level", action="pick", value=lv.value),
            )
        ]
        for lv in open_levels
    ]
    return "\n".join(lines), rows


def directions_prompt(app: ApplicationRecord, t: Translator, rules: ProgrammeRules) -> tuple[str, list]:
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
        rows.append(
            [
                button(
                    f"{mark} {t(f'direction-{direction.value}')}",
                    AppCb(step="directions", action="toggle", value=direction.value),
                )
            ]
        )
    rows.append([button(t("button-done"), AppCb(step="directions", action="done"))])
    return "\n".join(lines), rows


def choices_prompt(app: ApplicationRecord, t: Translator, rules: ProgrammeRules) -> tuple[str, list]:
    choice = missing_choices(app, rules)[0]
    level = rules.levels[Level(app.level or "")]
    if choice == "longer":
        months = max(m for d in level.pair for m in level.requirements[d].session_months)
        rows = [
            [
                button(
                    t("choice-longer", direction=t(f"direction-{d.value}"), months=months),
                    AppCb(step="choices", action="longer", value=d.value),
                )
            ]
            for d in level.pair
        ]
        return t("ask-choice-longer"), rows
    if choice == "heritage_mode":
        rows = [
            [
                button(
                    t("choice-heritage-sessions"),
                    AppCb(step="choices", action="heritage_mode", value=HeritageMode.SESSIONS),
                )
            ],
            [button(t("choice-heritage-book"), AppCb(step="choices", action="heritage_mode", value=HeritageMode.BOOK))],
        ]
        return t("ask-choice-heritage-mode"), rows
    options = level.requirements[Direction.HERITAGE].session_months
    rows = [
        [
            button(t("choice-months", months=m), AppCb(step="choices", action="heritage_months", value=str(m)))
            for m in options
        ]
    ]
    return t("ask-choice-heritage-months"), rows


async def mentor_prompt(app: ApplicationRecord, t: Translator, uow: Holder) -> tuple[str, list]:
    options = await uow.applications.mentor_options(app)
    if not options:
        return t("no-mentors"), [[button(t("button-refresh"), AppCb(step="mentor", action="refresh"))]]
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
        rows.append(
            [
                button(
                    f"{n}. {option.mentor.full_name or '—'}",
                    AppCb(step="mentor", action="pick", value=str(option.mentor.user_id)),
                )
            ]
        )
    return "\n".join(lines), rows


async def review_prompt(app: ApplicationRecord, t: Translator, uow: Holder, rules: ProgrammeRules) -> str:
    mentor = await uow.staff.get(app.mentor_id or 0)
    centre = await uow.catalogue.centre(app.centre_id or 0)
    targets = applications.targets_of(rules, app)
    partner_names = []
    for direction, code in sorted(app.partners.items()):
        partner = await uow.catalogue.partner(code)
        if partner:
            partner_names.append(f"{t(f'direction-{direction}')}: {t.name(partner)}")
    lines = [
        t("review-title"),
        t("review-profile", full_name=app.full_name or "", **await profile(t, uow, app)),
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
    edits = [
        button(t(f"edit-{step.replace('_', '-')}"), AppCb(step="review", action="edit", value=step)) for step in steps
    ]
    rows = columns(edits, 3) + [[button(t("button-continue"), AppCb(step="review", action="agree"))]]
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def show(message: Message, app: ApplicationRecord, t: Translator, uow: Holder, policy: Policy) -> None:
    text, markup = await render(app, t, uow, policy.rules, policy.today(policy.now()))
    await message.answer(text, reply_markup=markup)


def message_of(query: CallbackQuery) -> Message:
    assert isinstance(query.message, Message)
    return query.message


async def open_application(message: Message, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    """Starts an application, continues a draft, or shows the status of a submitted one."""
    app = await form.open_or_start(uow, user.id, policy)
    if app.status != ApplicationStatus.DRAFT.value:
        await send_status(message, app, t, uow)
        return
    await show(message, app, t, uow, policy)


async def back(
    query: CallbackQuery, callback_data: AppCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    app = await form.back(uow, user.id, callback_data.step, policy)
    await query.answer()
    await show(message_of(query), app, t, uow, policy)


async def consent(
    query: CallbackQuery,
    callback_data: AppCb,
    t: Translator,
    uow: Holder,
    user: User,
    role: Role,
    policy: Policy,
) -> None:
    """Consent to the processing of personal data first; a refusal deletes the draft (R2.1)."""
    app = await form.consent(uow, user.id, callback_data.value == "yes", policy.now(), policy)
    await query.answer()
    if app is None:
        await message_of(query).answer(t("application-cancelled"), reply_markup=main_menu(t, role))
        return
    await show(message_of(query), app, t, uow, policy)


async def locality_page(
    query: CallbackQuery, callback_data: AppCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    app = await form.draft(uow, user.id, "locality")
    page = ascii_int(callback_data.value, max_digits=4)
    if page is None:
        raise DomainError("error-bad-button")
    await query.answer()
    markup = (await render(app, t, uow, policy.rules, policy.today(policy.now()), page))[1]
    await message_of(query).edit_reply_markup(reply_markup=markup)


async def toggle_direction(
    query: CallbackQuery, callback_data: AppCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    app = await form.toggle_direction(uow, user.id, callback_data.value, policy)
    await query.answer()
    text, rows = directions_prompt(app, t, policy.rules)
    markup = InlineKeyboardMarkup(inline_keyboard=rows + back_row(t, app, policy.rules))
    await message_of(query).edit_text(text, reply_markup=markup)


async def directions_done(query: CallbackQuery, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    app = await form.directions_done(uow, user.id, policy.now(), policy)
    await query.answer()
    await show(message_of(query), app, t, uow, policy)


async def redraw(
    query: CallbackQuery, callback_data: AppCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    """The current step again: fresh mentor proposals, or back from the agreement to the review."""
    app = await form.draft(uow, user.id, callback_data.step)
    await query.answer()
    await show(message_of(query), app, t, uow, policy)


async def edit(
    query: CallbackQuery, callback_data: AppCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    app = await form.edit(uow, user.id, callback_data.value, policy)
    await query.answer()
    await show(message_of(query), app, t, uow, policy)


async def show_agreement(query: CallbackQuery, t: Translator, uow: Holder, user: User) -> None:
    """The agreement to accept (R2.5), with a way back to the review."""
    app = await form.draft(uow, user.id, "review")
    await query.answer()
    rows = [
        [button(t("button-accept-agreement"), AppCb(step="review", action="accept"))],
        [button(t("button-back"), AppCb(step="review", action="stay"))],
    ]
    text = t("agreement-text", level=t(f"level-{app.level}"))
    await message_of(query).answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def accept(query: CallbackQuery, t: Translator, uow: Holder, user: User, role: Role, policy: Policy) -> None:
    """Submits: stored, and the mentor's alert queued, before the participant is told."""
    result = await applications.submit(uow, user.id, policy.now(), policy)
    await query.answer(t("application-submitted-toast"))
    app, message = result.app, message_of(query)
    deadline = app.review_deadline.strftime("%d.%m.%Y") if app.review_deadline else ""
    if result.guardian_payload:
        link = await deep_link(message, result.guardian_payload)
        text = t("application-submitted-minor", link=link, deadline=deadline)
    else:
        text = t("application-submitted", deadline=deadline)
    await message.answer(text, reply_markup=main_menu(t, role))


async def pick(
    query: CallbackQuery, callback_data: AppCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    """A button answer: region, locality, level, a choice, a partner, a mentor."""
    app = await form.pick(
        uow, user.id, callback_data.step, callback_data.action, callback_data.value, policy.now(), policy
    )
    await query.answer()
    await show(message_of(query), app, t, uow, policy)


async def deep_link(message: Message, payload: str) -> str:
    assert message.bot is not None
    me = await message.bot.me()
    return f"https://t.me/{me.username}?start={payload}"


async def on_input(message: Message, t: Translator, uow: Holder, user: User, role: Role, policy: Policy) -> None:
    """Answers to the current step; anything else gets the step's prompt again, nothing is lost."""
    app: ApplicationRecord | None = await uow.applications.open_of(user.id)
    if app is None or app.status != ApplicationStatus.DRAFT.value:
        raise SkipHandler()
    step = app.step
    if message.text == t("button-back") and step == "phone":
        app = await form.back(uow, user.id, step, policy)
        await message.answer(t("back"), reply_markup=main_menu(t, role))
        await show(message, app, t, uow, policy)
        return
    try:
        if step == "phone" and message.contact is not None:
            app = await form.answer_phone(uow, user.id, own_contact(message, user.id)[1], policy.now(), policy)
            await message.answer(t("phone-saved"), reply_markup=main_menu(t, role))
        elif step == "photo" and message.photo:
            photo = message.photo[-1]
            app = await form.answer_photo(uow, user.id, photo.file_id, photo.file_unique_id, policy.now(), policy)
        elif message.text is not None:
            app = await form.answer_text(uow, user.id, message.text, policy.now(), policy)
        else:
            raise DomainError(form.expected_input(step))
    except DomainError as error:
        await message.answer(localize(t, error))
    await show(message, app, t, uow, policy)


def router() -> Router:
    """The application handlers: one per kind of button, then typed answers."""
    r = Router(name="application")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(open_application, MenuButton("menu-application"))
    r.message.register(open_application, F.text.startswith("/apply"))
    buttons: list[tuple[Callable[..., object], MagicFilter]] = [
        (back, F.action == "back"),
        (consent, F.step == "consent"),
        (locality_page, (F.step == "locality") & (F.action == "page")),
        (toggle_direction, (F.step == "directions") & (F.action == "toggle")),
        (directions_done, (F.step == "directions") & (F.action == "done")),
        (redraw, ((F.step == "mentor") & (F.action == "refresh")) | ((F.step == "review") & (F.action == "stay"))),
        (edit, (F.step == "review") & (F.action == "edit")),
        (show_agreement, (F.step == "review") & (F.action == "agree")),
        (accept, (F.step == "review") & (F.action == "accept")),
        (pick, F.step.in_({"region", "locality", "level", "choices", "partners", "mentor"})),
    ]
    for handler, rule in buttons:
        r.callback_query.register(handler, AppCb.filter(rule))
    r.message.register(on_input)
    return r
