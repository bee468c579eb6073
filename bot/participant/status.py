"""The participant's view of a submitted application: status, deadline, withdraw, a new guardian link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MyAppCb
from bot.filters import RoleFilter
from bot.keyboards import main_menu
from core import applications
from core.errors import DomainError
from core.programme import ApplicationStatus as S
from core.programme import Role
from core.settings import Settings
from locales.translations import Translator
from storage.models import Application, User
from storage.repository import Repository

WITHDRAWABLE = {S.SUBMITTED.value, S.CONSENT_PENDING.value, S.UNDER_REVIEW.value, S.ACTIVE.value}


async def send_status(message: Message, app: Application, t: Translator, repo: Repository) -> None:
    mentor = await repo.staff(app.mentor_id or 0)
    lines = [
        t("status-title", status=t(f"status-{app.status.replace('_', '-')}")),
        t(
            "status-level",
            level=t(f"level-{app.level}"),
            directions=", ".join(t(f"direction-{d}") for d in app.directions),
        ),
    ]
    if mentor:
        lines.append(t("status-mentor", mentor=mentor.full_name or "—"))
    if app.status in (S.CONSENT_PENDING.value, S.UNDER_REVIEW.value) and app.review_deadline:
        lines.append(t("status-deadline", deadline=app.review_deadline.strftime("%d.%m.%Y")))
    rows = []
    if app.status == S.CONSENT_PENDING.value:
        rows.append(
            [
                InlineKeyboardButton(
                    text=t("button-new-guardian-link"), callback_data=MyAppCb(action="guardian", app_id=app.id).pack()
                )
            ]
        )
    if app.status in WITHDRAWABLE:
        rows.append(
            [
                InlineKeyboardButton(
                    text=t("button-withdraw"), callback_data=MyAppCb(action="withdraw", app_id=app.id).pack()
                )
            ]
        )
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


async def own_application(repo: Repository, user: User, app_id: int) -> Application:
    app = await repo.application(app_id, for_update=True)
    if app is None or app.user_id != user.id:
        raise DomainError("error-bad-button")
    return app


async def ask_withdraw(
    query: CallbackQuery, callback_data: MyAppCb, t: Translator, repo: Repository, user: User
) -> None:
    """Irreversible, so it asks first."""
    app = await own_application(repo, user, callback_data.app_id)
    if app.status not in WITHDRAWABLE:
        raise DomainError("error-stale-button")
    await query.answer()
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("button-withdraw-confirm"),
                    callback_data=MyAppCb(action="withdraw-yes", app_id=app.id).pack(),
                ),
                InlineKeyboardButton(text=t("button-keep"), callback_data=MyAppCb(action="keep", app_id=app.id).pack()),
            ]
        ]
    )
    if isinstance(query.message, Message):
        await query.message.answer(t("withdraw-confirm"), reply_markup=markup)


async def do_withdraw(
    query: CallbackQuery, callback_data: MyAppCb, t: Translator, repo: Repository, user: User, role: Role
) -> None:
    app = await own_application(repo, user, callback_data.app_id)
    await applications.withdraw(repo, app, user.id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("withdrawn"))
        await query.message.answer(t("use-menu"), reply_markup=main_menu(t, role))


async def keep(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("kept"))


async def new_guardian_link(
    query: CallbackQuery,
    callback_data: MyAppCb,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
    settings: Settings,
) -> None:
    app = await own_application(repo, user, callback_data.app_id)
    payload = await applications.renew_guardian_link(repo, app, clock(), timedelta(hours=settings.consent_ttl_hours))
    await query.answer()
    if isinstance(query.message, Message) and query.bot is not None:
        me = await query.bot.me()
        await query.message.answer(t("guardian-link", link=f"https://t.me/{me.username}?start={payload}"))


def router() -> Router:
    """The application-status handlers, in the order they are tried."""
    r = Router(name="application-status")
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.register(ask_withdraw, MyAppCb.filter(F.action == "withdraw"))
    r.callback_query.register(do_withdraw, MyAppCb.filter(F.action == "withdraw-yes"))
    r.callback_query.register(keep, MyAppCb.filter(F.action == "keep"))
    r.callback_query.register(new_guardian_link, MyAppCb.filter(F.action == "guardian"))
    return r
