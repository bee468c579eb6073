"""Any participant by number (R8.4): `/participant N` opens application N's card, schedule and latest entries
with their documents, for the operator (anyone's, with the individual requirements of each direction, R3.5)
and a regional coordinator (their region's). The rules are `core/access.py` and `core/individual.py`."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import DocumentCb, IndividualCb
from bot.filters import RoleFilter
from bot.keyboards import button, columns
from bot.mentor.participants import card_lines
from core import individual
from core.access import active_staff, overseen_application, overseer
from core.errors import DomainError
from core.individual import Requirements
from core.policy import Policy
from core.ports import ApplicationRecord
from core.programme import Role
from core.text_input import ascii_int
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class Lookup(StatesGroup):
    number = State()


def card_markup(t: Translator, app: ApplicationRecord, staff: Staff) -> InlineKeyboardMarkup:
    """The documents; for the operator, the individual requirements while they may be set."""
    rows = [button(t("button-docs-list"), DocumentCb(action="list", app_id=app.id))]
    if staff.role == Role.OPERATOR and app.status in individual.ADJUSTED_STATUSES:
        rows += [
            button(
                t("button-individual", direction=t(f"direction-{d}")),
                IndividualCb(action="dir", app_id=app.id, direction=d),
            )
            for d in app.directions
        ]
    return InlineKeyboardMarkup(inline_keyboard=columns(rows, 1))


async def show_card(
    message: Message, app: ApplicationRecord, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    lines = await card_lines(app, t, uow, policy)
    lines.insert(1, t("individual-card-number", number=str(app.id)))
    if app.individual:
        lines.append(
            t("individual-card-set", directions=", ".join(t(f"direction-{d}") for d in sorted(app.individual)))
        )
    await message.answer("\n".join(lines), reply_markup=card_markup(t, app, staff))


async def lookup(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    staff: Staff,
    policy: Policy,
) -> None:
    """`/participant 123` opens it; `/participant` alone asks for the number."""
    if not command.args:
        overseer(staff)
        await state.set_state(Lookup.number)
        await message.answer(t("individual-ask-number"))
        return
    await open_number(message, command.args, state, t, uow, staff, policy)


async def ask_number(query: CallbackQuery, state: FSMContext, t: Translator, staff: Staff) -> None:
    """«🔎 A participant» in Administration: the same as `/participant`."""
    active_staff(staff, Role.OPERATOR)
    await state.set_state(Lookup.number)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(t("individual-ask-number"))


async def number_typed(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    await open_number(message, message.text or "", state, t, uow, staff, policy)


async def open_number(
    message: Message, typed: str, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    """A number that is not one, or no application this staff member may open, is said and asked again."""
    app = await overseen_application(uow, staff, ascii_int(typed.strip(), max_digits=9))
    if app is None:
        await state.set_state(Lookup.number)
        await message.answer(t("individual-no-application", number=typed.strip()[:20]))
        return
    await state.clear()
    await show_card(message, app, t, uow, staff, policy)


def value_text(t: Translator, field: str, value: int) -> str:
    return t(f"individual-value-{field.replace('_', '-')}", value=value)


def direction_view(t: Translator, found: Requirements) -> tuple[str, InlineKeyboardMarkup]:
    lines = [t("individual-title", name=found.app.full_name or "", direction=t(f"direction-{found.direction.value}"))]
    rows = []
    for a in found.adjustable:
        lines.append(
            t("individual-line", current=value_text(t, a.field, a.current), standard=value_text(t, a.field, a.standard))
        )
        if a.options:
            data = IndividualCb(action="field", app_id=found.app.id, direction=found.direction.value, field=a.field)
            rows.append([button(t("button-individual-change", what=value_text(t, a.field, a.current)), data)])
    if found.direction.value in found.app.individual:
        restore = IndividualCb(action="restore", app_id=found.app.id, direction=found.direction.value)
        rows.append([button(t("button-individual-restore"), restore)])
    lines.append(t("individual-note"))
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def open_direction(
    query: CallbackQuery, callback_data: IndividualCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    found = await individual.requirements(uow, staff, callback_data.app_id, callback_data.direction, policy)
    await query.answer()
    if isinstance(query.message, Message):
        text, markup = direction_view(t, found)
        await query.message.answer(text, reply_markup=markup)


async def choose_value(
    query: CallbackQuery, callback_data: IndividualCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    found = await individual.requirements(uow, staff, callback_data.app_id, callback_data.direction, policy)
    number = next((a for a in found.adjustable if a.field == callback_data.field), None)
    if number is None:
        raise DomainError("individual-bad-value")
    await query.answer()
    values = [
        button(
            value_text(t, number.field, v), IndividualCb(**{**callback_data.model_dump(), "action": "set", "value": v})
        )
        for v in number.options
    ]
    back = IndividualCb(action="dir", app_id=found.app.id, direction=found.direction.value)
    markup = InlineKeyboardMarkup(inline_keyboard=[*columns(values, 4), [button(t("button-back"), back)]])
    if isinstance(query.message, Message):
        await query.message.edit_text(
            t("individual-choose", standard=value_text(t, number.field, number.standard)), reply_markup=markup
        )


async def set_value(
    query: CallbackQuery, callback_data: IndividualCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    changed = await individual.adjust(
        uow,
        staff,
        callback_data.app_id,
        callback_data.direction,
        callback_data.field,
        callback_data.value,
        policy.now(),
        policy,
    )
    await saved(query, t, uow, staff, policy, changed.app.id, changed.direction.value)


async def restore(
    query: CallbackQuery, callback_data: IndividualCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    changed = await individual.restore(uow, staff, callback_data.app_id, callback_data.direction, policy.now(), policy)
    await saved(query, t, uow, staff, policy, changed.app.id, changed.direction.value)


async def saved(
    query: CallbackQuery, t: Translator, uow: Holder, staff: Staff, policy: Policy, app_id: int, direction: str
) -> None:
    """The direction's numbers as they are now, in place of the buttons just pressed."""
    await query.answer(t("individual-saved"))
    found = await individual.requirements(uow, staff, app_id, direction, policy)
    if isinstance(query.message, Message):
        text, markup = direction_view(t, found)
        await query.message.edit_text(text, reply_markup=markup)


def router() -> Router:
    r = Router(name="operator-participants")
    overseers = RoleFilter(Role.OPERATOR, Role.COORDINATOR)
    r.message.filter(overseers)
    r.callback_query.filter(RoleFilter(Role.OPERATOR))
    r.message.register(lookup, Command("participant"))
    r.message.register(number_typed, Lookup.number, F.text)
    r.callback_query.register(ask_number, IndividualCb.filter(F.action == "ask"))
    r.callback_query.register(open_direction, IndividualCb.filter(F.action == "dir"))
    r.callback_query.register(choose_value, IndividualCb.filter(F.action == "field"))
    r.callback_query.register(set_value, IndividualCb.filter(F.action == "set"))
    r.callback_query.register(restore, IndividualCb.filter(F.action == "restore"))
    return r
