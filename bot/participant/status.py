"""The participant's view of a submitted application: status, deadline, withdraw, a new guardian link."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import MyAppCb
from bot.filters import RoleFilter
from bot.keyboards import button, main_menu
from core import applications
from core.applications import WITHDRAWABLE
from core.policy import Policy
from core.ports import ApplicationRecord
from core.programme import ApplicationStatus as S
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import User


async def send_status(message: Message, app: ApplicationRecord, t: Translator, uow: Holder) -> None:
    mentor = await uow.staff.get(app.mentor_id or 0)
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
    if app.characterisation:
        lines.append(t("status-characterisation", text=app.characterisation))
    if app.status in (S.CONSENT_PENDING.value, S.UNDER_REVIEW.value) and app.review_deadline:
        lines.append(t("status-deadline", deadline=app.review_deadline.strftime("%d.%m.%Y")))
    rows = []
    if app.status == S.CONSENT_PENDING.value:
        rows.append([button(t("button-new-guardian-link"), MyAppCb(action="guardian", app_id=app.id))])
    if S(app.status) in WITHDRAWABLE:
        rows.append([button(t("button-withdraw"), MyAppCb(action="withdraw", app_id=app.id))])
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


async def ask_withdraw(query: CallbackQuery, callback_data: MyAppCb, t: Translator, uow: Holder, user: User) -> None:
    """Irreversible, so it asks first."""
    app = await applications.withdrawable(uow, user.id, callback_data.app_id)
    await query.answer()
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("button-withdraw-confirm"), MyAppCb(action="withdraw-yes", app_id=app.id)),
                button(t("button-keep"), MyAppCb(action="keep", app_id=app.id)),
            ]
        ]
    )
    if isinstance(query.message, Message):
        await query.message.answer(t("withdraw-confirm"), reply_markup=markup)


async def do_withdraw(
    query: CallbackQuery, callback_data: MyAppCb, t: Translator, uow: Holder, user: User, role: Role
) -> None:
    await applications.withdraw(uow, user.id, callback_data.app_id)
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
    uow: Holder,
    user: User,
    policy: Policy,
) -> None:
    payload = await applications.renew_guardian_link(uow, user.id, callback_data.app_id, policy.now(), policy)
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
