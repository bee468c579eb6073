"""Asking for a phone number by Telegram's contact share, and accepting only the sender's own."""

from __future__ import annotations

from aiogram.types import KeyboardButton, Message, ReplyKeyboardMarkup

from core.errors import DomainError
from core.profile import normalise_phone
from locales.translations import Translator


def share_phone_keyboard(t: Translator, *more: KeyboardButton) -> ReplyKeyboardMarkup:
    rows = [[KeyboardButton(text=t("button-share-phone"), request_contact=True)]] + [[b] for b in more]
    return ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, one_time_keyboard=True)


def own_contact(message: Message, user_id: int) -> tuple[str, str]:
    """(name, normalised phone) of a contact the sender shared of themself; anything else is refused."""
    contact = message.contact
    if contact is None:
        raise DomainError("error-contact-expected")
    if contact.user_id != user_id:
        raise DomainError("error-contact-not-own")
    name = " ".join(filter(None, [contact.first_name, contact.last_name]))
    return name, normalise_phone(contact.phone_number)
