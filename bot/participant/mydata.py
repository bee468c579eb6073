"""/mydata: a readable summary of everything stored and the whole of it as a file; erasure after a
confirmation. Participants, legal representatives and staff alike: the rules are `core/personal_data.py`."""

from __future__ import annotations

import json
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardRemove,
)

from bot.callbacks import DataCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import LANGUAGE_NAMES, button
from core import personal_data
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff, User


def summary(t: Translator, data: dict[str, object], policy: Policy) -> str:
    facts = personal_data.summarise(data)
    account = data["account"]
    assert isinstance(account, dict)
    lines = [
        t(
            "my-data-summary",
            id=str(account["telegram_id"]),
            language=LANGUAGE_NAMES.get(str(account["language"]), str(account["language"])),
            since=datetime.fromisoformat(str(account["first_contact"])).strftime("%d.%m.%Y"),
            applications=facts.applications,
            entries=facts.entries,
            files=facts.files,
            missed=facts.missed_weeks,
            tasks=facts.tasks,
            surveys=facts.surveys,
            consents=facts.consents,
            confirmations=facts.confirmations,
            notifications=facts.notifications,
            days=policy.retention.days,
        )
    ]
    lines += [
        t(
            "my-data-application",
            level=t(f"level-{level}") if level else t("my-data-no-level"),
            year=str(year),
            status=t(f"status-{status.replace('_', '-')}"),
        )
        for level, status, year in facts.statuses
    ]
    lines += [t(f"my-data-withheld-{code}") for code in personal_data.WITHHELD]
    return "\n".join(lines)


def export_file(t: Translator, data: dict[str, object]) -> BufferedInputFile:
    """The JSON, with what is withheld explained in the user's language."""
    data = data | {"withheld": {code: t(f"my-data-withheld-{code}") for code in personal_data.WITHHELD}}
    return BufferedInputFile(json.dumps(data, ensure_ascii=False, indent=2).encode(), "my-data.json")


async def my_data(message: Message, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    data = await personal_data.export(uow, user)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("button-download-data"), DataCb(action="file"))],
            [button(t("button-erase-data"), DataCb(action="erase"))],
        ]
    )
    await message.answer(summary(t, data, policy), reply_markup=markup)


async def as_file(query: CallbackQuery, t: Translator, uow: Holder, user: User) -> None:
    data = await personal_data.export(uow, user)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer_document(export_file(t, data), caption=t("my-data-file"))


async def ask_erase(query: CallbackQuery, t: Translator, staff: Staff | None) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(
            t("erase-confirm") + ("\n\n" + t("erase-staff-note") if staff is not None else ""),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [button(t("button-erase-confirm"), DataCb(action="erase-yes"))],
                    [button(t("button-keep"), DataCb(action="keep"))],
                ]
            ),
        )


async def erase(
    query: CallbackQuery, state: FSMContext, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    """The conversation's saved answers (a contact shared mid-flow) go with the rest."""
    await personal_data.erase(uow, user, policy.now())
    await state.clear()
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
    r.message.register(my_data, Command("mydata"))
    r.message.register(my_data, MenuButton("menu-my-data"), RoleFilter(Role.PARTICIPANT))
    r.callback_query.register(as_file, DataCb.filter(F.action == "file"))
    r.callback_query.register(ask_erase, DataCb.filter(F.action == "erase"))
    r.callback_query.register(erase, DataCb.filter(F.action == "erase-yes"))
    r.callback_query.register(keep, DataCb.filter(F.action == "keep"))
    return r
