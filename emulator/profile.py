"""The bot's own profile: getMe, commands, descriptions, name and menu buttons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request
from .params import Handler, Params
from .state import UserInfo

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
MAX_COMMANDS = 100


def scope_key(scope: Any) -> str:
    """``default``, ``all_private_chats``, ``chat:<id>``, ``chat_member:<chat>:<user>``..."""
    if not isinstance(scope, dict):
        return "default"
    return ":".join(
        str(part) for part in (scope.get("type", "default"), scope.get("chat_id"), scope.get("user_id")) if part
    )


@dataclass
class BotProfile:
    """What the bot configured about itself, for tests to assert on."""

    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    """(scope key, language_code or "") -> BotCommand list."""
    descriptions: dict[str, str] = field(default_factory=dict)
    short_descriptions: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    menu_buttons: dict[int | None, dict[str, Any]] = field(default_factory=dict)
    """chat id (None for the default) -> MenuButton."""


class Profile:
    def __init__(self, bot: UserInfo) -> None:
        self.bot = bot
        self.data = BotProfile()

    def handlers(self) -> dict[str, Handler]:
        return {
            "getMe": self.get_me,
            "logOut": self.done,
            "close": self.done,
            "setMyCommands": self.set_commands,
            "getMyCommands": self.get_commands,
            "deleteMyCommands": self.delete_commands,
            "setChatMenuButton": self.set_menu_button,
            "getChatMenuButton": self.get_menu_button,
            "setMyDescription": self._setter(self.data.descriptions, "description"),
            "getMyDescription": self._getter(self.data.descriptions, "description"),
            "setMyShortDescription": self._setter(self.data.short_descriptions, "short_description"),
            "getMyShortDescription": self._getter(self.data.short_descriptions, "short_description"),
            "setMyName": self._setter(self.data.names, "name"),
            "getMyName": self._getter(self.data.names, "name"),
        }

    async def get_me(self, p: Params) -> Any:
        return self.bot.to_json() | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def done(self, p: Params) -> bool:
        return True

    @staticmethod
    def _key(p: Params) -> tuple[str, str]:
        return scope_key(p.get_json("scope")), p.get_str("language_code") or ""

    async def set_commands(self, p: Params) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
        self.data.commands[self._key(p)] = commands
        return True

    async def get_commands(self, p: Params) -> Any:
        return self.data.commands.get(self._key(p), [])

    async def delete_commands(self, p: Params) -> bool:
        self.data.commands.pop(self._key(p), None)
        return True

    async def set_menu_button(self, p: Params) -> bool:
        self.data.menu_buttons[p.get_int("chat_id")] = p.get_json("menu_button") or {"type": "default"}
        return True

    async def get_menu_button(self, p: Params) -> Any:
        buttons = self.data.menu_buttons
        return buttons.get(p.get_int("chat_id"), buttons.get(None, {"type": "commands"}))

    @staticmethod
    def _setter(store: dict[str, str], name: str) -> Handler:
        async def set_value(p: Params) -> bool:
            store[p.get_str("language_code") or ""] = p.get_str(name) or ""
            return True

        return set_value

    @staticmethod
    def _getter(store: dict[str, str], name: str) -> Handler:
        async def get_value(p: Params) -> Any:
            language = p.get_str("language_code") or ""
            return {name: store.get(language, store.get("", ""))}

        return get_value
