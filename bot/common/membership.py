"""Telegram tells the bot when a user blocks or unblocks it: reminders stop and start accordingly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from storage import outbox
from storage.models import User
from storage.repository import Repository


async def blocked(event: ChatMemberUpdated, repo: Repository, user: User, clock: Callable[[], datetime]) -> None:
    await outbox.mark_unreachable(repo.session, user.id, clock(), "blocked by the user")


async def unblocked(event: ChatMemberUpdated, user: User) -> None:
    user.blocked_at = None


def router() -> Router:
    """The membership handlers: private chats only, where the member is the user themselves."""
    r = Router(name="membership")
    r.my_chat_member.filter(lambda e: e.chat.type == "private")
    r.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    r.my_chat_member.register(unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return r
