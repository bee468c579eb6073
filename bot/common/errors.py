"""Turns domain errors into localized answers and any crash into an apology that loses nothing."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent, User

from bot.delivery import Delivery
from core.errors import DomainError
from locales.translations import Translations, Translator
from monitoring.logs import frames
from monitoring.metrics import ERRORS
from storage.faults import out_of_reach

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
    delivery: Delivery | None = None,
    apologised: Apologised | None = None,
    **_: Any,
) -> None:
    """Logs the failure by type, place and update id only: messages may hold a minor's personal data. When
    the failure came before the user was read (the database or Redis down), the apology is in the language
    their Telegram reports. A store out of reach gets "try again": by webhook the update is not acknowledged,
    so Telegram delivers it again and the user need not; by polling they must send it again."""
    update = event.update
    if t is None and translations is not None and event_from_user is not None:
        t = translations.translator(translations.pick(event_from_user.language_code))
    if isinstance(event.exception, DomainError) and t is not None:
        text = localize(t, event.exception)
    elif out_of_reach(event.exception):
        ERRORS.labels("out_of_reach").inc()
        log.warning(
            "update %s not stored, a store is out of reach: %s", update.update_id, type(event.exception).__name__
        )
        if delivery is not None:
            delivery.again = True
        if t is None or (apologised is not None and not apologised.first(update.update_id)):
            return
        text = t("error-unavailable-queued" if delivery is not None else "error-unavailable")
    else:
        ERRORS.labels("internal").inc()
        log.error(
            "handler failed on update %s: %s at %s",
            update.update_id,
            type(event.exception).__name__,
            frames(event.exception),
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


class Apologised:
    """Updates this dispatcher already apologised for (`build_dispatcher` gives it as `apologised`): Telegram
    delivers a failed one again and again while a store is down, and the user is told once."""

    def __init__(self, size: int = 1000) -> None:
        self.size = size
        self.ids: dict[int, None] = {}

    def first(self, update_id: int) -> bool:
        if update_id in self.ids:
            return False
        self.ids[update_id] = None
        if len(self.ids) > self.size:
            del self.ids[next(iter(self.ids))]
        return True


def router() -> Router:
    """The errors handlers, in the order they are tried."""
    r = Router(name="errors")
    r.errors.register(on_error)
    return r
