"""Telegram tells the bot when a user blocks or unblocks it: reminders stop and start accordingly."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from core import users
from core.policy import Policy
from storage.holder import Holder
from storage.models import User


async def blocked(event: ChatMemberUpdated, uow: Holder, user: User, policy: Policy) -> None:
    await users.blocked(uow, user.id, policy.now())


async def unblocked(event: ChatMemberUpdated, uow: Holder, user: User) -> None:
    await users.unblocked(uow, user)


def router() -> Router:
    """The membership handlers: private chats only, where the member is the user themselves."""
    r = Router(name="membership")
    r.my_chat_member.filter(lambda e: e.chat.type == "private")
    r.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    r.my_chat_member.register(unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return r
