"""Tells a mentor that an application reached them (R2.6, R7.2)."""

from datetime import datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import MentorCb
from bot.notify import notify
from core.ports import ApplicationRecord
from locales.translations import Translations
from storage.repository import Repository


async def alert_new_application(
    repo: Repository, translations: Translations, app: ApplicationRecord, now: datetime
) -> None:
    """Queued in the transaction that put the application under review."""
    if app.mentor_id is None:
        return
    mentor = await repo.user(await repo.acting_for(app.mentor_id))
    if mentor is None:
        return
    t = translations.translator(mentor.locale)
    deadline = app.review_deadline.strftime("%d.%m.%Y") if app.review_deadline else ""
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("button-open-card"), callback_data=MentorCb(action="card", app_id=app.id).pack()
                )
            ]
        ]
    )
    await notify(
        repo,
        mentor.id,
        t("mentor-new-application", name=app.full_name or "", deadline=deadline),
        key=f"new-application:{app.id}:{app.status}",
        now=now,
        reply_markup=markup,
        kind="alert",
    )
