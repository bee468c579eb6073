"""Invitations created in the bot: the operator invites any staff role, a centre invites its mentors (R6.7)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import InviteCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button, columns
from core import invitations
from core.errors import NotAllowed
from core.policy import Policy
from core.programme import Role
from core.text_input import ascii_int
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


async def choose_role(message: Message, t: Translator, staff: Staff) -> None:
    buttons = [button(t(f"role-{r.value}"), InviteCb(role=r)) for r in invitations.roles_for(staff)]
    await message.answer(t("invite-choose-role"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons)))


async def choose_place(query: CallbackQuery, callback_data: InviteCb, t: Translator, uow: Holder, staff: Staff) -> None:
    """A mentor or centre invitation from the operator needs a centre, a coordinator's a region."""
    role = allowed_role(callback_data, staff)
    assert isinstance(query.message, Message)
    await query.answer()
    if role == Role.COORDINATOR:
        buttons = [button(t.name(r), InviteCb(role=role, target=r.code)) for r in await uow.catalogue.regions()]
        markup = InlineKeyboardMarkup(inline_keyboard=columns(buttons))
        await query.message.answer(t("invite-choose-region"), reply_markup=markup)
        return
    centres = await uow.catalogue.centres()
    if not centres:
        await query.message.answer(t("invite-no-centres"))
        return
    buttons = [button(t.name(c), InviteCb(role=role, target=str(c.id))) for c in centres]
    await query.message.answer(
        t("invite-choose-centre"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons, 1))
    )


def allowed_role(callback_data: InviteCb, staff: Staff) -> Role:
    role = next((r for r in invitations.roles_for(staff) if r.value == callback_data.role), None)
    if role is None:
        raise NotAllowed()
    return role


def needs_place(role: Role, staff: Staff) -> bool:
    return staff.role == Role.OPERATOR and role in (Role.MENTOR, Role.CENTRE, Role.COORDINATOR)


async def create(
    query: CallbackQuery,
    callback_data: InviteCb,
    t: Translator,
    uow: Holder,
    staff: Staff,
    policy: Policy,
) -> None:
    """Prints the one-time link once the role, and the centre or region it needs, are chosen."""
    role = allowed_role(callback_data, staff)
    if needs_place(role, staff) and not callback_data.target:
        await choose_place(query, callback_data, t, uow, staff)
        return
    target, centre_id, region = callback_data.target, None, None
    if role == Role.COORDINATOR:
        region = target
    elif needs_place(role, staff):
        centre_id = ascii_int(target, max_digits=9)
        if centre_id is None:
            raise NotAllowed()
    payload = await invitations.invite(uow, staff, role, policy.now(), policy, centre_id=centre_id, region_code=region)
    assert query.bot is not None and isinstance(query.message, Message)
    me = await query.bot.me()
    await query.answer()
    hours = int(policy.invite_ttl.total_seconds() // 3600)
    link = f"https://t.me/{me.username}?start={payload}"
    await query.message.answer(t("invite-created", role=t(f"role-{role.value}"), hours=hours, link=link))


def router() -> Router:
    """The invitations handlers, in the order they are tried."""
    r = Router(name="invitations")
    r.message.filter(RoleFilter(Role.OPERATOR, Role.CENTRE))
    r.callback_query.filter(RoleFilter(Role.OPERATOR, Role.CENTRE))
    r.message.register(choose_role, MenuButton("menu-invite"))
    r.callback_query.register(create, InviteCb.filter())
    return r
