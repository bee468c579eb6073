"""Router-level filters: role, and reply-keyboard buttons in the user's own language."""

from typing import Any

from aiogram.filters import Filter
from aiogram.types import Message

from core.programme import Role


class RoleFilter(Filter):
    def __init__(self, *roles: Role) -> None:
        self.roles = roles

    async def __call__(self, _event: Any, role: Role) -> bool:
        return role in self.roles


class MenuButton(Filter):
    """Matches a menu button's text as the user sees it in their language."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, t: Any) -> bool:
        return message.text is not None and message.text == t(self.key)


ACTING_FOR_MENTOR = (Role.MENTOR, Role.EXPERT, Role.COORDINATOR)
"""Who may act on a mentor's participants: the mentor, and along the absence chain their expert or coordinator."""
