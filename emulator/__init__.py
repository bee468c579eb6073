"""In-process Telegram Bot API emulator: run the real aiogram bot against it and play its users."""

from .errors import ApiError
from .keyboards import ReplyButton
from .params import UploadInfo
from .profile import BotProfile
from .server import ApiCall, BotAPIEmulator
from .state import CallbackAnswer, ChatMessage
from .users import AlbumItem, FakeUser

__all__ = [
    "AlbumItem",
    "ApiCall",
    "ApiError",
    "BotAPIEmulator",
    "BotProfile",
    "CallbackAnswer",
    "ChatMessage",
    "FakeUser",
    "ReplyButton",
    "UploadInfo",
]
