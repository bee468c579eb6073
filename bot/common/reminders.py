"""Reminder settings from the bot (R7.1): a participant pauses each kind and picks the lead time before
a session; a mentor chooses one daily digest of pending reviews instead of a message per entry."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import ReminderCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core import users
from core.programme import Role
from core.reminders import KINDS, LEAD_MINUTES
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff, User


def participant_view(t: Translator, user: User) -> tuple[str, InlineKeyboardMarkup]:
    rows = [
        [
            button(
                t("reminder-toggle", kind=t(f"reminder-kind-{k}"), on=int(k not in user.reminders_off)),
                ReminderCb(action="kind", value=k),
            )
        ]
        for k in KINDS
    ]
    rows.append(
        [
            button(
                ("• " if m == user.reminder_lead_minutes else "") + t("reminder-lead", minutes=m),
                ReminderCb(action="lead", value=str(m)),
            )
            for m in LEAD_MINUTES
        ]
    )
    return t("reminders-title", minutes=user.reminder_lead_minutes), InlineKeyboardMarkup(inline_keyboard=rows)


def mentor_view(t: Translator, staff: Staff) -> tuple[str, InlineKeyboardMarkup]:
    switch = button(t("button-digest-off" if staff.review_digest else "button-digest-on"), ReminderCb(action="digest"))
    return t("digest-on" if staff.review_digest else "digest-off"), InlineKeyboardMarkup(inline_keyboard=[[switch]])


async def show(message: Message, t: Translator, user: User, role: Role, staff: Staff | None) -> None:
    text, markup = mentor_view(t, staff) if role == Role.MENTOR and staff else participant_view(t, user)
    await message.answer(text, reply_markup=markup)


async def toggle_kind(query: CallbackQuery, callback_data: ReminderCb, t: Translator, uow: Holder, user: User) -> None:
    await users.toggle_reminder(uow, user, callback_data.value)
    await refresh(query, t, *participant_view(t, user))


async def set_lead(query: CallbackQuery, callback_data: ReminderCb, t: Translator, uow: Holder, user: User) -> None:
    await users.set_reminder_lead(uow, user, callback_data.value)
    await refresh(query, t, *participant_view(t, user))


async def toggle_digest(query: CallbackQuery, t: Translator, uow: Holder, staff: Staff) -> None:
    await users.toggle_review_digest(uow, staff)
    await refresh(query, t, *mentor_view(t, staff))


async def refresh(query: CallbackQuery, t: Translator, text: str, markup: InlineKeyboardMarkup) -> None:
    await query.answer(t("reminders-saved"))
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)


def router() -> Router:
    """The reminder-settings handlers, in the order they are tried."""
    r = Router(name="reminders")
    r.message.register(show, RoleFilter(Role.PARTICIPANT, Role.MENTOR), MenuButton("menu-reminders"))
    participant, mentor = RoleFilter(Role.PARTICIPANT), RoleFilter(Role.MENTOR)
    r.callback_query.register(toggle_kind, participant, ReminderCb.filter(F.action == "kind"))
    r.callback_query.register(set_lead, participant, ReminderCb.filter(F.action == "lead"))
    r.callback_query.register(toggle_digest, mentor, ReminderCb.filter(F.action == "digest"))
    return r
