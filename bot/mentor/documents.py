"""A participant's documents seen by staff (R6.2): the mentor asks for them, checks or returns each with a
reason; the expert, the coordinator and the operator only look. The rules are `core/documents.py`."""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import DocumentCb
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from bot.keyboards import button, is_menu_button
from bot.mentor.card_extras import state_line
from bot.participant.documents import kind_name, state_name
from core import documents
from core.documents import DocumentStatus
from core.errors import DomainError
from core.policy import Policy
from core.ports import ApplicationRecord, DocumentRecord
from core.programme import MediaKind, Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

VIEWERS = (*ACTING_FOR_MENTOR, Role.OPERATOR)
ENDED = ("error-stale-button", "error-not-allowed", "error-bad-button")
"""Refusals after which the return form has nothing left to ask."""


class ReturnFlow(StatesGroup):
    reason = State()


def caption(t: Translator, app: ApplicationRecord, document: DocumentRecord) -> str:
    lines = [
        t(
            "docs-file-caption",
            name=app.full_name or "",
            kind=kind_name(t, document.kind),
            state=state_name(t, document.status),
            date=document.uploaded_at.strftime("%d.%m.%Y"),
        )
    ]
    if document.status == DocumentStatus.RETURNED and document.return_reason:
        lines.append(t("docs-returned-reason", reason=document.return_reason))
    return "\n".join(lines)


def decision_markup(t: Translator, document: DocumentRecord) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("button-docs-check"), DocumentCb(action="ok", doc_id=document.id)),
                button(t("button-docs-return"), DocumentCb(action="ret", doc_id=document.id)),
            ]
        ]
    )


async def show(query: CallbackQuery, callback_data: DocumentCb, t: Translator, uow: Holder, staff: Staff) -> None:
    """Every file with its state; the buttons only for the one who decides, on what waits for a check."""
    viewed = await documents.viewable(uow, staff, callback_data.app_id)
    folder = viewed.folder
    await query.answer()
    if not isinstance(query.message, Message):
        return
    message = query.message
    for document in folder.documents:
        markup = decision_markup(t, document) if viewed.may_decide and document.status == DocumentStatus.SENT else None
        text = caption(t, folder.app, document)
        if document.media == MediaKind.PHOTO:
            await message.answer_photo(document.file_id, caption=text, reply_markup=markup)
        else:
            await message.answer_document(document.file_id, caption=text, reply_markup=markup)
    lines = [t("docs-staff-title", name=folder.app.full_name or "", count=len(folder.documents)), state_line(t, folder)]
    rows = []
    if viewed.may_decide and folder.missing and folder.app.status in documents.COLLECTING:
        rows.append([button(t("button-docs-ask"), DocumentCb(action="ask", app_id=folder.app.id))])
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


async def ask(query: CallbackQuery, callback_data: DocumentCb, t: Translator, uow: Holder, staff: Staff) -> None:
    result = await documents.request(uow, staff, callback_data.app_id)
    kinds = ", ".join(kind_name(t, k) for k in result.missing)
    await query.answer(t("docs-asked-toast"))
    if isinstance(query.message, Message):
        await query.message.answer(t("docs-asked", name=result.app.full_name or "", kinds=kinds))


async def drop_buttons(query: CallbackQuery) -> None:
    """A decided document's buttons go, whoever decided it and from whichever message."""
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)


async def check(
    query: CallbackQuery, callback_data: DocumentCb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    try:
        result = await documents.check(uow, staff, callback_data.doc_id, policy.now())
    except DomainError as error:
        if error.key == "error-stale-button":
            await drop_buttons(query)
        raise
    await query.answer(t("docs-checked-toast"))
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_caption(caption=caption(t, result.app, result.document), reply_markup=None)


async def ask_reason(
    query: CallbackQuery, callback_data: DocumentCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    try:
        document, _ = await documents.decidable(uow, staff, callback_data.doc_id)
    except DomainError as error:
        if error.key == "error-stale-button":
            await drop_buttons(query)
        raise
    await state.set_state(ReturnFlow.reason)
    message_id = query.message.message_id if isinstance(query.message, Message) else 0
    await state.update_data(doc_id=document.id, message_id=message_id)
    await query.answer()
    if isinstance(query.message, Message):
        cancel = button(t("button-cancel"), DocumentCb(action="ret-cancel", doc_id=document.id))
        await query.message.answer(
            t("docs-ask-reason", kind=kind_name(t, document.kind), max=documents.REASON_MAX),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[cancel]]),
        )


async def reason_text(
    message: Message,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    staff: Staff,
    role: Role,
    policy: Policy,
    bot: Bot,
) -> None:
    """A reason too short or too long is asked again; a document decided meanwhile ends the form."""
    if is_menu_button(message.text, t, role):
        await state.clear()
        raise SkipHandler()
    data = await state.get_data()
    try:
        result = await documents.give_back(uow, staff, int(data["doc_id"]), message.text, policy.now())
    except DomainError as error:
        if error.key in ENDED:
            await state.clear()
        raise
    await state.clear()
    if data.get("message_id"):
        with contextlib.suppress(TelegramBadRequest):
            await bot.edit_message_caption(
                chat_id=message.chat.id,
                message_id=int(data["message_id"]),
                caption=caption(t, result.app, result.document),
                reply_markup=None,
            )
    await message.answer(t("docs-returned-done", kind=kind_name(t, result.document.kind)))


async def cancel_reason(query: CallbackQuery, callback_data: DocumentCb, state: FSMContext, t: Translator) -> None:
    """Only the return asking for this document's reason; an old button must not end another form."""
    data = await state.get_data()
    if await state.get_state() != ReturnFlow.reason.state or data.get("doc_id") != callback_data.doc_id:
        raise DomainError("error-stale-button")
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("docs-return-cancelled"))


def router() -> Router:
    """The staff's documents handlers: looking for every staff role that may, deciding for the acting mentor."""
    r = Router(name="participant-documents-staff")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*VIEWERS))
    r.callback_query.register(show, DocumentCb.filter(F.action == "list"))
    deciding = RoleFilter(*ACTING_FOR_MENTOR)
    r.callback_query.register(ask, deciding, DocumentCb.filter(F.action == "ask"))
    r.callback_query.register(check, deciding, DocumentCb.filter(F.action == "ok"))
    r.callback_query.register(ask_reason, deciding, DocumentCb.filter(F.action == "ret"))
    r.callback_query.register(cancel_reason, deciding, DocumentCb.filter(F.action == "ret-cancel"))
    r.message.register(reason_text, ReturnFlow.reason)
    return r
