"""The mentor reviews entries inline: approve, reject or ask for more, with a reason (R5.3, R7.2).

The rules (who may decide, which entry still waits, what a decision needs) live in `core/reviews.py`;
every click goes through them, so a second click, an old message or a forged button changes nothing.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import ReviewCb
from bot.entries import summary
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from bot.keyboards import button
from core import reviews
from core.diary import check_entry_text
from core.errors import DomainError
from core.policy import Policy
from locales.translations import Translations, Translator
from storage.holder import Holder
from storage.models import Staff

REASONS = ("detail", "media", "date", "direction", "copied")
DECIDED = {"approved": "approve", "rejected": "reject", "more_work": "more"}


class ReasonFlow(StatesGroup):
    text = State()


async def approve(
    query: CallbackQuery, callback_data: ReviewCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    await done(
        query, t, uow, await reviews.decide(uow, staff, callback_data.entry_id, "approve", None, policy.now(), policy)
    )


async def ask_reason(query: CallbackQuery, callback_data: ReviewCb, t: Translator, uow: Holder, staff: Staff) -> None:
    """Reject and Ask for more need a reason: a common one by button, or typed."""
    await reviews.reviewable(uow, staff, callback_data.entry_id)
    decision = callback_data.action
    buttons = [
        [
            button(
                t(f"reason-{code}"),
                ReviewCb(action="reason", entry_id=callback_data.entry_id, value=f"{decision}.{code}"),
            )
        ]
        for code in REASONS
    ]
    buttons.append(
        [
            button(
                t("button-own-reason"),
                ReviewCb(action="reason", entry_id=callback_data.entry_id, value=f"{decision}.own"),
            )
        ]
    )
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t(f"ask-reason-{decision}"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def common_reason(
    query: CallbackQuery,
    callback_data: ReviewCb,
    t: Translator,
    uow: Holder,
    staff: Staff,
    policy: Policy,
    translations: Translations,
) -> None:
    """A common reason is stored as the participant reads it, in their language."""
    decision, _, code = callback_data.value.partition(".")
    if decision not in ("reject", "more") or code not in REASONS:
        raise DomainError("error-bad-button")
    reason = lambda locale: translations.translator(locale)(f"reason-{code}")  # noqa: E731
    await done(
        query, t, uow, await reviews.decide(uow, staff, callback_data.entry_id, decision, reason, policy.now(), policy)
    )


async def own_reason(
    query: CallbackQuery, callback_data: ReviewCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    decision = callback_data.value.partition(".")[0]
    if decision not in ("reject", "more"):
        raise DomainError("error-bad-button")
    await reviews.reviewable(uow, staff, callback_data.entry_id)
    await state.set_state(ReasonFlow.text)
    await state.update_data(entry_id=callback_data.entry_id, decision=decision)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t("ask-own-reason"))


async def reason_text(
    message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    data = await state.get_data()
    reason = check_entry_text(message.text, limit=1000)
    await state.clear()
    result = await reviews.decide(uow, staff, int(data["entry_id"]), data["decision"], reason, policy.now(), policy)
    await message.answer(t(f"decided-{data['decision']}", name=result.app.full_name or ""))


async def done(query: CallbackQuery, t: Translator, uow: Holder, result: reviews.Reviewed) -> None:
    """The decision is stored; the mentor's message loses its buttons and shows the outcome."""
    entry = result.entry
    await query.answer(t(f"decided-{DECIDED[entry.status]}", name=result.app.full_name or ""))
    if isinstance(query.message, Message) and query.message.text:
        files = len(await uow.entries.media(entry.id))
        await query.message.edit_text(summary(t, entry, await uow.catalogue.book(entry.book_code), files))


def router() -> Router:
    """The mentor-review handlers, in the order they are tried."""
    r = Router(name="mentor-review")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.register(approve, ReviewCb.filter(F.action == "approve"))
    r.callback_query.register(ask_reason, ReviewCb.filter(F.action.in_({"reject", "more"})))
    r.callback_query.register(own_reason, ReviewCb.filter((F.action == "reason") & F.value.endswith(".own")))
    r.callback_query.register(common_reason, ReviewCb.filter(F.action == "reason"))
    r.message.register(reason_text, ReasonFlow.text)
    return r
