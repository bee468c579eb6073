"""Tells a mentor that an application reached them (R2.6, R7.2)."""

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import MentorCb
from bot.i18n import Translations
from bot.notify import notify
from core.ports import ApplicationRecord
from storage.repository import Repository


async def alert_new_application(
    bot: Bot | None, repo: Repository, translations: Translations, app: ApplicationRecord
) -> None:
    if bot is None or app.mentor_id is None:
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
        bot,
        mentor.id,
        t("mentor-new-application", name=app.full_name or "", deadline=deadline),
        reply_markup=markup,
    )
