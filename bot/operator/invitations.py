"""Invitations created in the bot: the operator invites any staff role, a centre invites its mentors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from aiogram import Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import InviteCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import columns
from core.errors import NotAllowed
from core.programme import STAFF_ROLES, Role
from core.settings import Settings
from core.staff import invite
from locales.translations import Translator
from storage.models import Staff
from storage.repository import Repository


def roles_for(staff: Staff) -> tuple[Role, ...]:
    return STAFF_ROLES if staff.role == Role.OPERATOR else (Role.MENTOR,)


async def choose_role(message: Message, t: Translator, staff: Staff) -> None:
    buttons = [
        InlineKeyboardButton(text=t(f"role-{r.value}"), callback_data=InviteCb(role=r.value).pack())
        for r in roles_for(staff)
    ]
    await message.answer(t("invite-choose-role"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons)))


async def create(
    query: CallbackQuery,
    callback_data: InviteCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Callable[[], datetime],
    settings: Settings,
) -> None:
    """Asks for the centre or region when the role needs one, then prints the one-time link."""
    role = Role(callback_data.role) if callback_data.role in {r.value for r in STAFF_ROLES} else None
    if role is None or role not in roles_for(staff):
        raise NotAllowed()
    message = query.message
    if not isinstance(message, Message) or query.bot is None:
        return
    centre_id: int | None = None
    region: str | None = None
    if staff.role == Role.CENTRE:
        centre_id = staff.centre_id
    elif role in (Role.MENTOR, Role.CENTRE):
        if not callback_data.target:
            centres = await repo.centres()
            await query.answer()
            if not centres:
                await message.answer(t("invite-no-centres"))
                return
            buttons = [
                InlineKeyboardButton(text=t.name(c), callback_data=InviteCb(role=role.value, target=str(c.id)).pack())
                for c in centres
            ]
            await message.answer(
                t("invite-choose-centre"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons, 1))
            )
            return
        centre = await repo.centre(int(callback_data.target)) if callback_data.target.isdigit() else None
        if centre is None:
            raise NotAllowed()
        centre_id = centre.id
    elif role == Role.COORDINATOR:
        if not callback_data.target:
            buttons = [
                InlineKeyboardButton(text=t.name(r), callback_data=InviteCb(role=role.value, target=r.code).pack())
                for r in await repo.regions()
            ]
            await query.answer()
            await message.answer(
                t("invite-choose-region"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons))
            )
            return
        if await repo.region(callback_data.target) is None:
            raise NotAllowed()
        region = callback_data.target
    payload = await invite(
        repo,
        role,
        clock(),
        timedelta(hours=settings.invite_ttl_hours),
        centre_id=centre_id,
        region_code=region,
        created_by=staff.user_id,
    )
    me = await query.bot.me()
    await query.answer()
    await message.answer(
        t(
            "invite-created",
            role=t(f"role-{role.value}"),
            hours=settings.invite_ttl_hours,
            link=f"https://t.me/{me.username}?start={payload}",
        )
    )


def router() -> Router:
    """The invitations handlers, in the order they are tried."""
    r = Router(name="invitations")
    r.message.filter(RoleFilter(Role.OPERATOR, Role.CENTRE))
    r.callback_query.filter(RoleFilter(Role.OPERATOR, Role.CENTRE))
    r.message.register(choose_role, MenuButton("menu-invite"))
    r.callback_query.register(create, InviteCb.filter())
    return r
