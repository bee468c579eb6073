"""Staff who cannot work pass their duties on until they are back (R6.2, R6.3); the rules are `core/absence.py`."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import AbsenceCb, MentorCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from bot.mentor.participants import card
from core import absence
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


def one_button(text: str, action: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button(text, AbsenceCb(action=action))]])


async def menu(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    """ "I am back" while absent; otherwise who would take over, and a confirmation."""
    if staff.absent_since is not None:
        substitute = await uow.staff.get(staff.substitute_id or 0)
        await message.answer(
            t("absence-status", substitute=(substitute.full_name if substitute else None) or "—"),
            reply_markup=one_button(t("button-absence-back"), "back"),
        )
        return
    if await absence.substitute_for(uow, staff) is None:
        await message.answer(t(f"absence-no-substitute-{staff.role}"))
        return
    await message.answer(t(f"absence-confirm-{staff.role}"), reply_markup=one_button(t("button-absence-confirm"), "go"))


async def go(query: CallbackQuery, t: Translator, uow: Holder, staff: Staff, policy: Policy) -> None:
    await absence.go(uow, staff, policy.now())
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-recorded"))


async def keep(query: CallbackQuery, callback_data: AbsenceCb, t: Translator, uow: Holder, staff: Staff) -> None:
    result = await absence.keep(uow, staff, callback_data.mentor_id)
    text = t("absence-kept", name=result.staff.full_name or "")
    await query.answer(text)
    if isinstance(query.message, Message):
        await query.message.edit_text(text)


async def hand(query: CallbackQuery, callback_data: AbsenceCb, t: Translator, uow: Holder, staff: Staff) -> None:
    result = await absence.hand(uow, staff, callback_data.mentor_id, callback_data.value)
    substitute = result.substitute.full_name if result.substitute else ""
    text = t("absence-handed", name=result.staff.full_name or "", substitute=substitute or "")
    await query.answer(text)
    if isinstance(query.message, Message):
        await query.message.edit_text(text)


async def back(query: CallbackQuery, t: Translator, uow: Holder, staff: Staff) -> None:
    await absence.back(uow, staff)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-back"))


def router() -> Router:
    """The absence handlers, and the card for whoever acts for an absent mentor."""
    r = Router(name="absence")
    absentee, expert = RoleFilter(Role.MENTOR, Role.EXPERT), RoleFilter(Role.EXPERT)
    r.message.register(menu, absentee, MenuButton("menu-absence"))
    r.callback_query.register(go, absentee, AbsenceCb.filter(F.action == "go"))
    r.callback_query.register(back, absentee, AbsenceCb.filter(F.action == "back"))
    r.callback_query.register(keep, expert, AbsenceCb.filter(F.action == "keep"))
    r.callback_query.register(hand, expert, AbsenceCb.filter(F.action == "hand"))
    r.callback_query.register(card, RoleFilter(Role.EXPERT, Role.COORDINATOR), MentorCb.filter(F.action == "card"))
    return r
