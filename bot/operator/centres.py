"""The operator's «🏢 Centres» (R6.5): organisations' applications oldest first, each approved or refused
(with a reason) after a confirmation, and approved centres whose signed agreement is to be recorded.

The buttons are not filtered by role here: the use cases refuse anyone but an active operator, so a forged
button from a mentor or a participant is answered "not allowed". A decision already made (a double click, a
second operator) is answered "already decided" and the stale buttons are removed.
"""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CentreAppCb, CentreSignCb
from bot.centre.texts import card, decision_buttons
from bot.common.errors import localize
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core import centre_applications as centres
from core.access import active_staff
from core.centres import agreement_deadline
from core.errors import DomainError
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class RefuseFlow(StatesGroup):
    reason = State()
    confirm = State()


def markup(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=list(rows))


def day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


async def show(message: Message, t: Translator, uow: Holder, staff: Staff, policy: Policy) -> None:
    found = await centres.waiting(uow, staff)
    if not found.applications and not found.unsigned:
        await message.answer(t("centre-list-empty"))
        return
    rows = [
        [
            button(
                t(
                    "button-centre-open",
                    organisation=r.organisation,
                    date=day(r.created_at.astimezone(policy.zone).date()),
                ),
                CentreAppCb(action="open", request_id=r.id),
            )
        ]
        for r in found.applications
    ]
    for centre in found.unsigned:
        label = t("button-centre-sign", centre=t.name(centre), deadline=day(agreement_deadline(centre, policy.zone)))
        rows.append([button(label, CentreSignCb(action="sign", centre_id=centre.id))])
    text = t("centre-list", applications=len(found.applications), unsigned=len(found.unsigned))
    await message.answer(text, reply_markup=markup(*rows))


async def open_application(
    query: CallbackQuery, callback_data: CentreAppCb, t: Translator, uow: Holder, staff: Staff | None
) -> None:
    request = await centres.opened(uow, staff, callback_data.request_id)
    assert isinstance(query.message, Message)
    await query.answer()
    await query.message.answer(await card(t, uow, request), reply_markup=markup(*decision_buttons(t, request)))


async def remove_buttons(query: CallbackQuery) -> None:
    """Stale buttons go; a message that has none is left alone (Telegram refuses an edit that changes nothing)."""
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        await query.message.edit_reply_markup(reply_markup=None)


async def decided_elsewhere(query: CallbackQuery, error: DomainError) -> None:
    """The application was decided meanwhile: the buttons that offered it are removed."""
    if error.key == "centre-error-decided":
        await remove_buttons(query)


async def ask_approve(
    query: CallbackQuery, callback_data: CentreAppCb, t: Translator, uow: Holder, staff: Staff | None
) -> None:
    try:
        request = await centres.pending(uow, staff, callback_data.request_id)
    except DomainError as error:
        await decided_elsewhere(query, error)
        raise
    assert isinstance(query.message, Message)
    region = await uow.catalogue.region(request.region_code)
    buttons = [
        button(t("button-centre-approve-yes"), CentreAppCb(action="approve-yes", request_id=request.id)),
        button(t("button-back"), CentreAppCb(action="keep", request_id=request.id)),
    ]
    question = t("centre-approve-confirm", organisation=request.organisation, region=t.name(region) if region else "—")
    await query.answer()
    await query.message.answer(question, reply_markup=markup(buttons))


async def approve(
    query: CallbackQuery, callback_data: CentreAppCb, t: Translator, uow: Holder, staff: Staff | None, policy: Policy
) -> None:
    try:
        done = await centres.approve(uow, staff, callback_data.request_id, policy.now(), policy)
    except DomainError as error:
        await decided_elsewhere(query, error)
        raise
    assert isinstance(query.message, Message)
    await query.answer()
    text = t(
        "centre-approved",
        organisation=done.request.organisation,
        code=done.centre.code,
        deadline=day(done.deadline),
    )
    await query.message.edit_text(text)


async def ask_reason(
    query: CallbackQuery, callback_data: CentreAppCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff | None
) -> None:
    try:
        request = await centres.pending(uow, staff, callback_data.request_id)
    except DomainError as error:
        await decided_elsewhere(query, error)
        raise
    assert isinstance(query.message, Message)
    await state.set_state(RefuseFlow.reason)
    await state.set_data({"request_id": request.id})
    await query.answer()
    cancel = button(t("button-cancel"), CentreAppCb(action="keep", request_id=request.id))
    await query.message.answer(t("centre-ask-reason", organisation=request.organisation), reply_markup=markup([cancel]))


async def got_reason(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    """A reason too short or too long is explained and asked again; nothing is sent before the confirmation."""
    request_id = int((await state.get_data())["request_id"])
    cancel = button(t("button-cancel"), CentreAppCb(action="keep", request_id=request_id))
    try:
        reason = centres.check_text("reason", message.text)
    except DomainError as error:
        await message.answer(localize(t, error), reply_markup=markup([cancel]))
        return
    request = await centres.opened(uow, staff, request_id)
    await state.update_data(reason=reason)
    await state.set_state(RefuseFlow.confirm)
    sure = button(t("button-centre-refuse-yes"), CentreAppCb(action="refuse-yes", request_id=request_id))
    text = t("centre-refuse-confirm", organisation=request.organisation, reason=reason)
    await message.answer(text, reply_markup=markup([sure, cancel]))


async def refuse(
    query: CallbackQuery,
    callback_data: CentreAppCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    staff: Staff | None,
    policy: Policy,
) -> None:
    """The reason comes from this conversation: a confirmation of another application's refusal is stale."""
    data = await state.get_data()
    if await state.get_state() != RefuseFlow.confirm.state or data.get("request_id") != callback_data.request_id:
        raise DomainError("error-stale-button")
    await state.clear()
    try:
        done = await centres.refuse(uow, staff, callback_data.request_id, data.get("reason"), policy.now())
    except DomainError as error:
        await decided_elsewhere(query, error)
        raise
    assert isinstance(query.message, Message)
    await query.answer()
    await query.message.edit_text(t("centre-refused", organisation=done.request.organisation))


async def keep(query: CallbackQuery, state: FSMContext, t: Translator, staff: Staff | None) -> None:
    """Back from a confirmation or a reason: nothing is decided."""
    active_staff(staff, Role.OPERATOR)
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("centre-nothing-changed"))


async def ask_signed(
    query: CallbackQuery, callback_data: CentreSignCb, t: Translator, uow: Holder, staff: Staff | None
) -> None:
    centre = await centres.unsigned_centre(uow, staff, callback_data.centre_id)
    assert isinstance(query.message, Message)
    buttons = [
        button(t("button-centre-signed-yes"), CentreSignCb(action="sign-yes", centre_id=centre.id)),
        button(t("button-back"), CentreSignCb(action="keep", centre_id=centre.id)),
    ]
    await query.answer()
    await query.message.answer(t("centre-signed-confirm", centre=t.name(centre)), reply_markup=markup(buttons))


async def signed(
    query: CallbackQuery, callback_data: CentreSignCb, t: Translator, uow: Holder, staff: Staff | None, policy: Policy
) -> None:
    try:
        await centres.mark_signed(uow, staff, callback_data.centre_id, policy.now())
    except DomainError as error:
        if error.key == "centre-error-not-unsigned":
            await remove_buttons(query)
        raise
    centre = await uow.catalogue.centre(callback_data.centre_id)
    assert isinstance(query.message, Message) and centre is not None
    await query.answer()
    await query.message.edit_text(t("centre-signed", centre=t.name(centre)))


def router() -> Router:
    """The operator's centre handlers, in the order they are tried."""
    r = Router(name="operator-centres")
    r.message.register(show, MenuButton("menu-centres"), RoleFilter(Role.OPERATOR))
    r.message.register(got_reason, RefuseFlow.reason, RoleFilter(Role.OPERATOR))
    r.callback_query.register(open_application, CentreAppCb.filter(F.action == "open"))
    r.callback_query.register(ask_approve, CentreAppCb.filter(F.action == "approve"))
    r.callback_query.register(approve, CentreAppCb.filter(F.action == "approve-yes"))
    r.callback_query.register(ask_reason, CentreAppCb.filter(F.action == "refuse"))
    r.callback_query.register(refuse, CentreAppCb.filter(F.action == "refuse-yes"))
    r.callback_query.register(keep, CentreAppCb.filter(F.action == "keep"))
    r.callback_query.register(ask_signed, CentreSignCb.filter(F.action == "sign"))
    r.callback_query.register(signed, CentreSignCb.filter(F.action == "sign-yes"))
    r.callback_query.register(keep, CentreSignCb.filter(F.action == "keep"))
    return r
