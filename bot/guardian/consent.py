"""A legal representative confirms a minor's agreement through a one-time link (R2.5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.callbacks import GuardianCb
from bot.contacts import own_contact, share_phone_keyboard
from bot.keyboards import main_menu
from bot.mentor.alerts import alert_new_application
from bot.notify import notify
from core import applications
from core.errors import DomainError
from core.programme import Role
from locales.translations import Translations, Translator
from storage.models import User
from storage.repository import Repository


class GuardianFlow(StatesGroup):
    contact = State()
    confirm = State()


async def open_link(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
) -> None:
    token = (command.args or "")[2:]
    app, _ = await applications.guardian_application(repo, token, user.id, clock())
    await state.set_state(GuardianFlow.contact)
    await state.update_data(token=token)
    keyboard = share_phone_keyboard(t)
    await message.answer(t("guardian-intro", name=app.full_name or ""), reply_markup=keyboard)


async def got_contact(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    role: Role,
    clock: Callable[[], datetime],
) -> None:
    name, phone = own_contact(message, user.id)
    token = (await state.get_data())["token"]
    app, _ = await applications.guardian_application(repo, token, user.id, clock())
    await state.update_data(phone=phone, name=name)
    await state.set_state(GuardianFlow.confirm)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("button-guardian-confirm"), callback_data=GuardianCb(action="confirm", app_id=app.id).pack()
                )
            ],
            [
                InlineKeyboardButton(
                    text=t("button-cancel"), callback_data=GuardianCb(action="cancel", app_id=app.id).pack()
                )
            ],
        ]
    )
    await message.answer(t("contact-saved"), reply_markup=main_menu(t, role))
    await message.answer(
        t("guardian-agreement", name=app.full_name or "", level=t(f"level-{app.level}")), reply_markup=markup
    )


async def confirm(
    query: CallbackQuery,
    callback_data: GuardianCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
    translations: Translations,
) -> None:
    data = await state.get_data()
    app = await applications.confirm_guardian(repo, data["token"], user.id, data["name"], data["phone"], clock())
    if app.id != callback_data.app_id:
        raise DomainError("error-bad-button")
    participant = await repo.user(app.user_id or 0)
    if participant is not None:
        pt = translations.translator(participant.locale)
        await notify(
            repo, participant.id, pt("participant-guardian-confirmed"), key=f"guardian-confirmed:{app.id}", now=clock()
        )
    await alert_new_application(repo, translations, app, clock())
    await repo.session.commit()
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("guardian-confirmed", name=app.full_name or ""))


async def cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("guardian-cancelled"))


def router() -> Router:
    """The guardian-consent handlers, in the order they are tried."""
    r = Router(name="guardian-consent")
    r.message.register(open_link, CommandStart(deep_link=True, magic=F.args.startswith("g_")))
    r.message.register(got_contact, GuardianFlow.contact)
    r.callback_query.register(confirm, GuardianFlow.confirm, GuardianCb.filter(F.action == "confirm"))
    r.callback_query.register(cancel, GuardianCb.filter(F.action == "cancel"))
    return r
