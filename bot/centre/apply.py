"""`/centre`: an organisation applies to be a programme centre (R6.5), one question per message with Cancel
at every step and Back from the second, then a summary to submit, edit or cancel. The answers wait in the
conversation's state until submitted; `core/centre_applications.py` checks each as it comes and all again
on submit."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, Message

from bot.callbacks import CentreFormCb
from bot.common.errors import localize
from bot.contacts import share_phone_keyboard
from bot.keyboards import button, columns, main_menu
from core import centre_applications as centres
from core.errors import DomainError
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff, User


class CentreForm(StatesGroup):
    organisation = State()
    region = State()
    bin = State()
    address = State()
    contact_name = State()
    phone = State()
    summary = State()


STEPS = ("organisation", "region", "bin", "address", "contact_name", "phone")
SUMMARY = "summary"
CHECKS = {
    "organisation": lambda text: centres.check_text("organisation", text),
    "bin": centres.check_bin,
    "address": lambda text: centres.check_text("address", text),
    "contact_name": centres.check_contact_name,
    "phone": centres.check_phone,
}
"""How each typed answer is checked; the region is a button."""


def key(step: str) -> str:
    return step.replace("_", "-")


async def step_of(state: FSMContext) -> str | None:
    current = await state.get_state()
    return next((name for name in (*STEPS, SUMMARY) if getattr(CentreForm, name).state == current), None)


def nav_row(t: Translator, step: str, editing: bool) -> list[InlineKeyboardButton]:
    """Back (to the previous question, or to the summary when editing) and Cancel."""
    row = [button(t("button-cancel"), CentreFormCb(step=step, action="cancel"))]
    if editing or step != STEPS[0]:
        row.insert(0, button(t("button-back"), CentreFormCb(step=step, action="back")))
    return row


async def ask(message: Message, t: Translator, uow: Holder, state: FSMContext, step: str) -> None:
    await state.set_state(getattr(CentreForm, step))
    editing = bool((await state.get_data()).get("editing"))
    if step == "phone":
        more = [KeyboardButton(text=t("button-back")), KeyboardButton(text=t("button-cancel"))]
        await message.answer(t("centre-ask-phone"), reply_markup=share_phone_keyboard(t, *more))
        return
    rows: list[list[InlineKeyboardButton]] = []
    if step == "region":
        regions = await uow.catalogue.regions()
        rows = columns([button(t.name(r), CentreFormCb(step=step, action="pick", value=r.code)) for r in regions])
    rows.append(nav_row(t, step, editing))
    await message.answer(t(f"centre-ask-{key(step)}"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def summary_text(t: Translator, uow: Holder, data: dict[str, Any]) -> str:
    region = await uow.catalogue.region(str(data.get("region", "")))
    details = t(
        "centre-card",
        organisation=data.get("organisation", ""),
        region=t.name(region) if region else "—",
        bin=data.get("bin", ""),
        address=data.get("address", ""),
        contact=data.get("contact_name", ""),
        phone=data.get("phone", ""),
    )
    return t("centre-summary") + "\n" + details


def summary_buttons(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("button-centre-submit"), CentreFormCb(step=SUMMARY, action="submit"))],
            [
                button(t("button-centre-edit"), CentreFormCb(step=SUMMARY, action="edit")),
                button(t("button-cancel"), CentreFormCb(step=SUMMARY, action="cancel")),
            ],
        ]
    )


async def show_summary(message: Message, t: Translator, uow: Holder, state: FSMContext) -> None:
    await state.set_state(CentreForm.summary)
    await state.update_data(editing=False)
    await message.answer(await summary_text(t, uow, await state.get_data()), reply_markup=summary_buttons(t))


async def advance(message: Message, t: Translator, uow: Holder, state: FSMContext, step: str) -> None:
    """The next question, or the summary after the last one or after an edit."""
    data = await state.get_data()
    if data.get("editing") or step == STEPS[-1]:
        await show_summary(message, t, uow, state)
    else:
        await ask(message, t, uow, state, STEPS[STEPS.index(step) + 1])


async def go_back(message: Message, t: Translator, uow: Holder, state: FSMContext, step: str) -> None:
    if (await state.get_data()).get("editing"):
        await show_summary(message, t, uow, state)
    elif step != STEPS[0]:
        await ask(message, t, uow, state, STEPS[STEPS.index(step) - 1])


async def start(
    message: Message, state: FSMContext, t: Translator, uow: Holder, user: User, staff: Staff | None
) -> None:
    await centres.may_apply(uow, user.id, staff)
    await state.clear()
    await message.answer(t("centre-intro"))
    await ask(message, t, uow, state, STEPS[0])


async def cancel(message: Message, state: FSMContext, t: Translator, role: Role) -> None:
    await state.clear()
    await message.answer(t("centre-cancelled"), reply_markup=main_menu(t, role))


async def on_input(message: Message, state: FSMContext, t: Translator, uow: Holder, role: Role) -> None:
    """A typed answer (or the phone as a shared contact); a wrong one is explained and asked again."""
    step = await step_of(state)
    assert step is not None
    if step == "phone" and message.text in (t("button-back"), t("button-cancel")):
        if message.text == t("button-cancel"):
            await cancel(message, state, t, role)
            return
        await message.answer(t("back"), reply_markup=main_menu(t, role))
        await go_back(message, t, uow, state, step)
        return
    if step not in CHECKS:
        await message.answer(t("centre-use-buttons"))
        if step == SUMMARY:
            await show_summary(message, t, uow, state)
        else:
            await ask(message, t, uow, state, step)
        return
    raw = message.contact.phone_number if step == "phone" and message.contact else message.text
    try:
        value = CHECKS[step](raw)
    except DomainError as error:
        await message.answer(localize(t, error))
        await ask(message, t, uow, state, step)
        return
    await state.update_data({step: value})
    if step == "phone":
        await message.answer(t("centre-phone-saved"), reply_markup=main_menu(t, role))
    await advance(message, t, uow, state, step)


async def on_button(
    query: CallbackQuery,
    callback_data: CentreFormCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    user: User,
    staff: Staff | None,
    role: Role,
    policy: Policy,
) -> None:
    """A button of the question being asked; one of an earlier question, or of a finished form, is stale. The
    answer comes after the work, so a refusal reaches the user as an alert."""
    step, action, value = await step_of(state), callback_data.action, callback_data.value
    if step is None or callback_data.step != step:
        raise DomainError("error-stale-button")
    message = query.message
    assert isinstance(message, Message)
    if action == "edit" and step == SUMMARY:
        fields = [
            button(t(f"centre-field-{key(s)}"), CentreFormCb(step=SUMMARY, action="field", value=s)) for s in STEPS
        ]
        back = button(t("button-back"), CentreFormCb(step=SUMMARY, action="back-summary"))
        await query.answer()
        await message.edit_reply_markup(reply_markup=InlineKeyboardMarkup(inline_keyboard=[*columns(fields), [back]]))
        return
    if action == "back-summary" and step == SUMMARY:
        await query.answer()
        await message.edit_reply_markup(reply_markup=summary_buttons(t))
        return
    if action == "pick" and step == "region":
        await state.update_data(region=await centres.check_region(uow, value))
    elif action == "field" and step == SUMMARY and value in STEPS:
        await state.update_data(editing=True)
    elif action == "submit" and step == SUMMARY:
        await submit(state, uow, user, staff, policy)
    elif action not in ("cancel", "back"):
        raise DomainError("error-bad-button")
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    if action == "cancel":
        await cancel(message, state, t, role)
    elif action == "back":
        await go_back(message, t, uow, state, step)
    elif action == "pick":
        await advance(message, t, uow, state, step)
    elif action == "field":
        await ask(message, t, uow, state, value)
    else:
        await message.answer(t("centre-submitted"))


async def submit(state: FSMContext, uow: Holder, user: User, staff: Staff | None, policy: Policy) -> None:
    """The form ends here either way: a refused submit (one pending already, a region withdrawn meanwhile)
    is explained and the user may start again."""
    data = await state.get_data()
    await state.clear()
    if any(step not in data for step in STEPS):
        raise DomainError("error-stale-button")
    form = centres.Form(
        organisation=data["organisation"],
        region_code=data["region"],
        bin=data["bin"],
        address=data["address"],
        contact_name=data["contact_name"],
        contact_phone=data["phone"],
    )
    await centres.apply(uow, user.id, staff, form, policy.now())


def router() -> Router:
    """`/centre` for anyone (the use case says who may apply), then the form's buttons and answers."""
    r = Router(name="centre-apply")
    r.message.register(start, Command("centre"))
    r.callback_query.register(on_button, CentreFormCb.filter())
    for step in STEPS:
        r.message.register(on_input, getattr(CentreForm, step))
    r.message.register(on_input, CentreForm.summary)
    return r
