"""/mydata: see everything stored, download it, or ask for erasure (with a confirmation)."""

from __future__ import annotations

import html
import json

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardRemove,
)

from bot.callbacks import DataCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core import personal_data
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import User

MESSAGE_ROOM = 4000


async def my_data(message: Message, t: Translator, uow: Holder, user: User) -> None:
    """Shows the stored data itself when it fits in a message; the file always has all of it."""
    data = await personal_data.export(uow, user)
    text = t("my-data", language=user.locale, applications=len(data["applications"]))
    body = html.escape(json.dumps(data, ensure_ascii=False, indent=1))
    if len(text) + len(body) < MESSAGE_ROOM:
        text += f"\n<pre>{body}</pre>"
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("button-download-data"), DataCb(action="file"))],
            [button(t("button-erase-data"), DataCb(action="erase"))],
        ]
    )
    await message.answer(text, reply_markup=markup)


async def as_file(query: CallbackQuery, t: Translator, uow: Holder, user: User) -> None:
    body = json.dumps(await personal_data.export(uow, user), ensure_ascii=False, indent=2).encode()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer_document(BufferedInputFile(body, "my-data.json"), caption=t("my-data-file"))


async def ask_erase(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(
            t("erase-confirm"),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [button(t("button-erase-confirm"), DataCb(action="erase-yes"))],
                    [button(t("button-keep"), DataCb(action="keep"))],
                ]
            ),
        )


async def erase(query: CallbackQuery, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    await personal_data.erase(uow, user, policy.now())
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("erased"))
        await query.message.answer(t("erased-bye"), reply_markup=ReplyKeyboardRemove())


async def keep(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("kept"))


def router() -> Router:
    """The my-data handlers, in the order they are tried."""
    r = Router(name="my-data")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(my_data, Command("mydata"))
    r.message.register(my_data, MenuButton("menu-my-data"))
    r.callback_query.register(as_file, DataCb.filter(F.action == "file"))
    r.callback_query.register(ask_erase, DataCb.filter(F.action == "erase"))
    r.callback_query.register(erase, DataCb.filter(F.action == "erase-yes"))
    r.callback_query.register(keep, DataCb.filter(F.action == "keep"))
    return r
