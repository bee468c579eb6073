"""What the participant's card shows beyond the profile and the diary (R8.1): the mentor's characterisation,
the state of the documents (R6.2) and the anonymous rating of the participant's mentor, with the buttons for
the first two."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton

from bot.callbacks import CharacterisationCb, DocumentCb
from bot.keyboards import button
from core import documents, rating
from core.characterisation import WRITABLE
from core.documents import Folder
from core.ports import ApplicationRecord
from locales.translations import Translator
from storage.holder import Holder


def state_line(t: Translator, folder: Folder) -> str:
    """One line: the required documents missing, how many wait for a check, or that all is checked."""
    parts = []
    if folder.missing:
        parts.append(t("docs-card-missing", kinds=", ".join(t(f"docs-kind-{k}") for k in folder.missing)))
    if folder.unchecked:
        parts.append(t("docs-card-unchecked", count=folder.unchecked))
    return t("docs-card-line", state="; ".join(parts) if parts else t("docs-card-complete"))


async def extra_lines(app: ApplicationRecord, t: Translator, uow: Holder) -> list[str]:
    """The mentor's rating only over periods with enough answers (`core.rating.summary_for`), never anyone's own."""
    lines = []
    if app.characterisation:
        lines.append(t("card-characterisation", text=app.characterisation))
    lines.append(state_line(t, await documents.folder_of(uow, app)))
    if app.mentor_id is not None:
        overall = (await rating.summary_for(uow, app.mentor_id)).overall
        if overall is not None:
            lines.append(
                t("card-mentor-rating", q1=overall["q1"], q2=overall["q2"], q3=overall["q3"], count=overall["count"])
            )
    return lines


def extra_rows(app: ApplicationRecord, t: Translator) -> list[list[InlineKeyboardButton]]:
    """The mentor's buttons for documents and the characterisation while the programme is under way."""
    if app.status not in WRITABLE:
        return [[button(t("button-docs-list"), DocumentCb(action="list", app_id=app.id))]]
    return [
        [
            button(t("button-docs-list"), DocumentCb(action="list", app_id=app.id)),
            button(t("button-docs-ask"), DocumentCb(action="ask", app_id=app.id)),
        ],
        [button(t("button-characterisation"), CharacterisationCb(action="write", app_id=app.id))],
    ]
