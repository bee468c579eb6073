"""'I can't do it this week': the participant tells the mentor why, from the bot (R5.5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import DiaryCb
from bot.filters import RoleFilter
from bot.notify import event_key, notify
from bot.participant.diary import active_application
from core.diary import check_entry_text
from core.errors import DomainError
from core.programme import Role
from locales.translations import Translations, Translator
from storage.models import MissedWeek, User
from storage.repository import Repository

REASONS = ("illness", "disaster", "bereavement", "no_internet", "other")


class MissedFlow(StatesGroup):
    details = State()


def cant_button(t: Translator) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(text=t("button-cant"), callback_data=DiaryCb(action="cant").pack())]


async def ask_reason(query: CallbackQuery, t: Translator, repo: Repository, user: User) -> None:
    await active_application(repo, user)
    buttons = [
        [
            InlineKeyboardButton(
                text=t(f"missed-{code.replace('_', '-')}"),
                callback_data=DiaryCb(action="cant-reason", value=code).pack(),
            )
        ]
        for code in REASONS
    ]
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t("ask-missed-reason"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def reason_button(
    query: CallbackQuery,
    callback_data: DiaryCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
    zone: ZoneInfo,
    translations: Translations,
) -> None:
    if callback_data.value not in REASONS:
        raise DomainError("error-bad-button")
    await query.answer()
    assert isinstance(query.message, Message) and query.bot is not None
    if callback_data.value == "other":
        await state.set_state(MissedFlow.details)
        await query.message.answer(t("ask-missed-details"))
        return
    await record(query.message, query.bot, t, repo, user, callback_data.value, None, clock, zone, translations)


async def details(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
    zone: ZoneInfo,
    translations: Translations,
    bot: Bot,
) -> None:
    text = check_entry_text(message.text, limit=1000, minimum=3)
    await state.clear()
    await record(message, bot, t, repo, user, "other", text, clock, zone, translations)


async def record(
    message: Message,
    bot: Bot,
    t: Translator,
    repo: Repository,
    user: User,
    reason: str,
    text: str | None,
    clock: Callable[[], datetime],
    zone: ZoneInfo,
    translations: Translations,
) -> None:
    """Kept with the week it concerns; the mentor is told in the same transaction."""
    app = await active_application(repo, user)
    today = clock().astimezone(zone).date()
    missed = MissedWeek(
        application_id=app.id, reason=reason, details=text, week_of=today - timedelta(days=today.weekday())
    )
    repo.session.add(missed)
    mentor = await repo.user(await repo.acting_for(app.mentor_id or 0))
    if mentor is not None:
        mt = translations.translator(mentor.locale)
        text = mt(
            "mentor-missed",
            name=app.full_name or "",
            reason=mt(f"missed-{reason.replace('_', '-')}"),
            details=text or "—",
        )
        await notify(repo, mentor.id, text, key=event_key("missed", app.id), now=clock(), kind="alert")
    await repo.session.commit()
    await message.answer(t("missed-recorded"))


def router() -> Router:
    """The missed-week handlers, in the order they are tried."""
    r = Router(name="missed-week")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.register(ask_reason, DiaryCb.filter(F.action == "cant"))
    r.callback_query.register(reason_button, DiaryCb.filter(F.action == "cant-reason"))
    r.message.register(details, MissedFlow.details)
    return r
