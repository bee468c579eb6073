"""«📎 My documents»: the participant sends the mentor the signed agreement, an ID copy and certificates
(R6.2). The rules are `core/documents.py`; the kind being sent waits in the conversation state."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import DocumentCb
from bot.common.errors import localize
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button, is_menu_button
from bot.participant.diary import download_head
from core import documents
from core.documents import DocumentFile, DocumentKind, DocumentStatus, Folder
from core.errors import DomainError
from core.policy import Policy
from core.programme import MediaKind, Role
from locales.translations import Translator
from media.filetypes import detect_mime
from storage.holder import Holder
from storage.models import User

STATE_ICONS = {"missing": "▫️", "sent": "🕓", "checked": "✅", "returned": "↩️"}
FILE_REFUSED = frozenset(
    (
        "docs-file-expected",
        "error-file-empty",
        "docs-file-too-big",
        "docs-file-type",
        "docs-file-content",
        "docs-file-not-checked",
    )
)
"""Refusals of the file itself: the form stays for another file. Any other (the application ended, the
document was checked meanwhile) ends the form."""


class UploadFlow(StatesGroup):
    file = State()


def kind_name(t: Translator, kind: str) -> str:
    return t(f"docs-kind-{kind}")


def state_name(t: Translator, state: str) -> str:
    return t(f"docs-state-{state}")


def folder_text(t: Translator, folder: Folder) -> str:
    """Each kind with its state; a returned document with the mentor's reason."""
    lines = [t("docs-title")]
    for kind in (DocumentKind.AGREEMENT, DocumentKind.IDENTITY):
        state = folder.state(kind)
        lines.append(t("docs-line", icon=STATE_ICONS[state], kind=kind_name(t, kind), state=state_name(t, state)))
        found = folder.of_kind(kind)
        if state == DocumentStatus.RETURNED and found[-1].return_reason:
            lines.append(t("docs-returned-reason", reason=found[-1].return_reason))
    certificates = folder.of_kind(DocumentKind.CERTIFICATE)
    lines.append(t("docs-certificates", kind=kind_name(t, DocumentKind.CERTIFICATE), count=len(certificates)))
    for number, item in enumerate(certificates, 1):
        lines.append(
            t("docs-certificate-line", number=number, icon=STATE_ICONS[item.status], state=state_name(t, item.status))
        )
        if item.status == DocumentStatus.RETURNED and item.return_reason:
            lines.append(t("docs-returned-reason", reason=item.return_reason))
    lines.append(t("docs-how"))
    return "\n".join(lines)


def upload_rows(t: Translator, folder: Folder) -> list[list[InlineKeyboardButton]]:
    """An upload button for each kind that still takes a file."""
    return [
        [button(t("button-docs-upload", kind=kind_name(t, kind)), DocumentCb(action="up", kind=kind.value))]
        for kind in DocumentKind
        if documents.accepts(folder, kind)
    ]


async def show_folder(message: Message, t: Translator, folder: Folder) -> None:
    rows = upload_rows(t, folder)
    await message.answer(
        folder_text(t, folder), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    )


async def my_documents(message: Message, state: FSMContext, t: Translator, uow: Holder, user: User) -> None:
    await state.clear()
    await show_folder(message, t, await documents.own_folder(uow, user.id))


def cancel_markup(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button(t("button-cancel"), DocumentCb(action="cancel"))]])


async def ask_file(
    query: CallbackQuery, callback_data: DocumentCb, state: FSMContext, t: Translator, uow: Holder, user: User
) -> None:
    await documents.uploadable(uow, user.id, callback_data.kind)
    await state.set_state(UploadFlow.file)
    await state.update_data(kind=callback_data.kind)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(
            t("docs-ask-file", kind=kind_name(t, callback_data.kind), mb=documents.MAX_BYTES // (1024 * 1024)),
            reply_markup=cancel_markup(t),
        )


async def cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    """Only the upload waiting for a file; an old button must not end another form."""
    if await state.get_state() != UploadFlow.file.state:
        raise DomainError("error-stale-button")
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("docs-upload-cancelled"))


def described(message: Message) -> DocumentFile | None:
    """A photo, or a file sent as a document; anything else is no document."""
    if message.photo:
        photo = message.photo[-1]
        return DocumentFile(MediaKind.PHOTO, photo.file_id, photo.file_unique_id, photo.file_size, "image/jpeg")
    if message.document is not None:
        d = message.document
        return DocumentFile(MediaKind.DOCUMENT, d.file_id, d.file_unique_id, d.file_size, d.mime_type)
    return None


async def got_file(
    message: Message,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    user: User,
    role: Role,
    policy: Policy,
    bot: Bot,
) -> None:
    """A refused file leaves the form where it is: the participant is told why and may send another."""
    if is_menu_button(message.text, t, role):
        await state.clear()
        raise SkipHandler()

    async def detect(file_id: str) -> str | None:
        return detect_mime(await download_head(bot, file_id))

    kind = str((await state.get_data()).get("kind", ""))
    try:
        await documents.upload(uow, user.id, kind, described(message), policy.now(), detect)
    except DomainError as error:
        if error.key not in FILE_REFUSED:
            await state.clear()
            raise
        await message.answer(localize(t, error), reply_markup=cancel_markup(t))
        return
    await state.clear()
    await message.answer(t("docs-received", kind=kind_name(t, kind)))
    await show_folder(message, t, await documents.own_folder(uow, user.id))


def router() -> Router:
    """The participant's documents handlers, before the diary's, which would take a file otherwise."""
    r = Router(name="participant-documents")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(my_documents, MenuButton("menu-my-documents"))
    r.callback_query.register(ask_file, DocumentCb.filter(F.action == "up"))
    r.callback_query.register(cancel, DocumentCb.filter(F.action == "cancel"))
    r.message.register(got_file, UploadFlow.file)
    return r
