"""A regional coordinator reports a problem to the operator from the bot (R6.4): typed, shown back,
sent only after confirmation, to every operator in their own language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import select

from bot.callbacks import ProblemCb
from bot.filters import MenuButton, RoleFilter
from bot.notify import event_key, notify
from core.diary import check_entry_text
from core.errors import DomainError
from core.programme import Role
from locales.translations import Translations, Translator
from storage.models import Staff, User
from storage.repository import Repository

PROBLEM_MAX_CHARS = 2000


class ProblemFlow(StatesGroup):
    text = State()
    confirm = State()


async def start(message: Message, state: FSMContext, t: Translator) -> None:
    await state.set_state(ProblemFlow.text)
    cancel = InlineKeyboardButton(text=t("button-cancel"), callback_data=ProblemCb(action="cancel").pack())
    await message.answer(t("ask-problem"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[cancel]]))


async def got_text(message: Message, state: FSMContext, t: Translator) -> None:
    text = check_entry_text(message.text, limit=PROBLEM_MAX_CHARS, minimum=10)
    await state.update_data(text=text)
    await state.set_state(ProblemFlow.confirm)
    buttons = [
        [
            InlineKeyboardButton(text=t("button-send-problem"), callback_data=ProblemCb(action="send").pack()),
            InlineKeyboardButton(text=t("button-cancel"), callback_data=ProblemCb(action="cancel").pack()),
        ]
    ]
    await message.answer(t("problem-confirm", text=text), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def send(
    query: CallbackQuery,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    translations: Translations,
    clock: Callable[[], datetime],
) -> None:
    text = (await state.get_data()).get("text")
    if not text:
        raise DomainError("error-stale-button")
    operators = list(
        (
            await repo.session.execute(
                select(User)
                .join(Staff, Staff.user_id == User.id)
                .where(Staff.role == Role.OPERATOR.value, Staff.active)
            )
        ).scalars()
    )
    if not operators:
        raise DomainError("problem-no-operator")
    region = await repo.region(staff.region_code) if staff.region_code else None
    key = event_key("problem", staff.user_id)
    for operator in operators:
        ot = translations.translator(operator.locale)
        news = ot(
            "operator-problem",
            name=staff.full_name or str(staff.user_id),
            region=ot.name(region, "name") if region else "—",
            text=text,
        )
        await notify(repo, operator.id, news, key=f"{key}:{operator.id}", now=clock(), kind="alert")
    await repo.session.commit()
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("problem-sent"))


async def cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("problem-cancelled"))


def router() -> Router:
    """The problem-report handlers, in the order they are tried."""
    r = Router(name="coordinator-problems")
    r.message.filter(RoleFilter(Role.COORDINATOR))
    r.callback_query.filter(RoleFilter(Role.COORDINATOR))
    r.message.register(start, MenuButton("menu-report-problem"))
    r.callback_query.register(cancel, ProblemCb.filter(F.action == "cancel"))
    r.callback_query.register(send, ProblemFlow.confirm, ProblemCb.filter(F.action == "send"))
    r.message.register(got_text, ProblemFlow.text)
    return r
