"""Staff join by a one-time invitation link; the first entry binds the account (R6.7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.commands import set_for_staff
from bot.keyboards import main_menu
from core.profile import parse_full_name
from core.programme import Role
from core.staff import accept_invitation
from locales.translations import Translator
from storage.models import User
from storage.repository import Repository


class StaffProfile(StatesGroup):
    full_name = State()


async def accept(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
) -> None:
    staff = await accept_invitation(repo, (command.args or "")[2:], user.id, clock())
    await state.set_state(StaffProfile.full_name)
    role = Role(staff.role)
    await message.answer(t("invitation-accepted", role=t(f"role-{role.value}")), reply_markup=main_menu(t, role))
    await message.answer(t("ask-staff-full-name"))


async def full_name(message: Message, state: FSMContext, t: Translator, repo: Repository, user: User) -> None:
    staff = await repo.staff(user.id)
    if staff is None:
        await state.clear()
        return
    staff.full_name = parse_full_name(message.text or "")
    await state.clear()
    await message.answer(t("staff-profile-saved", name=staff.full_name), reply_markup=main_menu(t, Role(staff.role)))
    if message.bot is not None:
        await set_for_staff(message.bot, t, user.id, Role(staff.role))


def router() -> Router:
    """The staff-invitation handlers, in the order they are tried."""
    r = Router(name="staff-invitation")
    r.message.register(accept, CommandStart(deep_link=True, magic=F.args.startswith("i_")))
    r.message.register(full_name, StaffProfile.full_name, F.text)
    return r
