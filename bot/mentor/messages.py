"""The mentor writes to a participant through the bot (R6.2): instructions without sharing phone numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MentorCb
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from bot.notify import event_key, notify
from core.diary import check_entry_text
from core.errors import DomainError
from core.staff import check_acting_mentor
from locales.translations import Translations, Translator
from storage.models import Staff
from storage.repository import Repository


class MessageFlow(StatesGroup):
    text = State()


async def start(
    query: CallbackQuery, callback_data: MentorCb, state: FSMContext, t: Translator, repo: Repository, staff: Staff
) -> None:
    app = await repo.application(callback_data.app_id)
    await check_acting_mentor(repo, staff, app)
    await state.set_state(MessageFlow.text)
    await state.update_data(app_id=callback_data.app_id)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t("ask-message-to-participant"))


async def relay(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    translations: Translations,
    clock: Callable[[], datetime],
) -> None:
    """Checked again at sending time: the mentor may have lost the participant meanwhile."""
    text = check_entry_text(message.text, limit=3000)
    app = await repo.application(int((await state.get_data())["app_id"]))
    await state.clear()
    await check_acting_mentor(repo, staff, app)
    assert app is not None
    participant = await repo.user(app.user_id or 0)
    if participant is None:
        raise DomainError("error-not-allowed")
    if participant.blocked_at is not None:
        await message.answer(t("message-not-delivered"))
        return
    pt = translations.translator(participant.locale)
    text = pt("message-from-mentor", mentor=staff.full_name or "", text=text)
    await notify(repo, participant.id, text, key=event_key("mentor-message", app.id), now=clock())
    await repo.session.commit()
    await message.answer(t("message-delivered"))


def router() -> Router:
    """The mentor-message handlers, in the order they are tried."""
    r = Router(name="mentor-messages")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.register(start, MentorCb.filter(F.action == "msg"))
    r.message.register(relay, MessageFlow.text)
    return r
