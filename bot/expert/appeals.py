"""The expert arbitrates an appeal: upholds or overturns the mentor's decision, with a reason (R6.3)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import AppealsCb, ArbitrationCb
from bot.filters import RoleFilter
from bot.notifications import appeal_to_arbiter, next_appeal_button
from core import reviews
from core.diary import check_entry_text
from core.notices import AppealToArbiter
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class ArbitrationFlow(StatesGroup):
    reason = State()


async def choose(
    query: CallbackQuery, callback_data: ArbitrationCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    await reviews.appealed(uow, staff, callback_data.entry_id)
    await state.set_state(ArbitrationFlow.reason)
    await state.update_data(entry_id=callback_data.entry_id, overturn=callback_data.action == "overturn")
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t(f"ask-arbiter-reason-{callback_data.action}"))


async def reason(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy) -> None:
    text = check_entry_text(message.text, limit=1000, minimum=5)
    data = await state.get_data()
    await state.clear()
    result = await reviews.arbitrate(
        uow, staff, int(data["entry_id"]), bool(data["overturn"]), text, policy.now(), policy
    )
    markup = None
    if result.waiting:
        markup = InlineKeyboardMarkup(inline_keyboard=[next_appeal_button(t, result.expert_id, result.waiting)])
    await message.answer(t(f"arbitrated-{result.entry.status}"), reply_markup=markup)


async def next_appeal(
    query: CallbackQuery, callback_data: AppealsCb, bot: Bot, t: Translator, uow: Holder, staff: Staff
) -> None:
    """The oldest appeal waiting, shown as the appeal message with its files and buttons. Until it is decided
    the button opens it again; with none left the button goes."""
    entry, _ = await reviews.next_appeal(uow, staff, callback_data.expert_id)
    if entry is None:
        await query.answer(t("appeals-none-waiting"), show_alert=True)
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
        return
    await query.answer()
    for call in await appeal_to_arbiter(AppealToArbiter(staff.user_id, entry.id), t, uow):
        await bot(call)


def router() -> Router:
    """The arbitration handlers, in the order they are tried."""
    r = Router(name="expert-appeals")
    r.message.filter(RoleFilter(Role.EXPERT, Role.COORDINATOR))
    r.callback_query.filter(RoleFilter(Role.EXPERT, Role.COORDINATOR))
    r.callback_query.register(choose, ArbitrationCb.filter(F.action.in_({"uphold", "overturn"})))
    r.callback_query.register(next_appeal, AppealsCb.filter())
    r.message.register(reason, ArbitrationFlow.reason)
    return r
