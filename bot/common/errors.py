"""Turns domain errors into localized answers and any crash into an apology that loses nothing."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent, User

from core.errors import DomainError
from locales.translations import Translations, Translator

log = logging.getLogger(__name__)


def localize(t: Translator, error: DomainError) -> str:
    params = {
        k: ", ".join(t(f"direction-{v}") for v in val) if k == "directions" else val for k, val in error.params.items()
    }
    return t(error.key, **params)


async def on_error(
    event: ErrorEvent,
    t: Translator | None = None,
    translations: Translations | None = None,
    event_from_user: User | None = None,
    **_: Any,
) -> None:
    """Logs the failure by type, place and update id only: messages may hold a minor's personal data. When
    the failure came before the user was read (the database or Redis down), the apology is in the language
    their Telegram reports."""
    update = event.update
    if t is None and translations is not None and event_from_user is not None:
        t = translations.translator(translations.pick(event_from_user.language_code))
    if isinstance(event.exception, DomainError) and t is not None:
        text = localize(t, event.exception)
    else:
        log.error(
            "handler failed on update %s: %s at %s",
            update.update_id,
            type(event.exception).__name__,
            where(event.exception),
        )
        if t is None:
            return
        text = t("error-internal")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif update.message is not None:
            await update.message.answer(text)
    except TelegramAPIError as exc:
        log.warning("could not tell the user about the failure: %s", type(exc).__name__)


def where(exc: BaseException) -> str:
    """The failing frames without the exception's message, which may quote personal data (SQL parameters)."""
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    return " <- ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))


def router() -> Router:
    """The errors handlers, in the order they are tried."""
    r = Router(name="errors")
    r.errors.register(on_error)
    return r
