"""A mentor who cannot work hands their participants to their expert or another mentor (R6.2).

The mentor marks themselves absent; their expert acts for them by default and may hand the
participants to another active mentor they supervise. "I am back" restores everything. Alerts
follow `repo.acting_for`, reviews and cards `check_acting_mentor`. The absent mentor may still act
on their own participants (check_acting_mentor admits the assigned mentor): absence moves the alerts
and the duty, it does not lock the mentor out.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import select

from bot.callbacks import MentorCb
from bot.filters import MenuButton, RoleFilter
from bot.i18n import Translations, Translator
from bot.mentor.participants import send_card
from bot.notify import notify
from core.errors import DomainError, NotAllowed
from core.programme import Role
from core.rules import ProgrammeRules
from core.staff import check_acting_mentor
from storage.models import Staff
from storage.repository import Repository


class AbsenceCb(CallbackData, prefix="ab"):
    action: str
    mentor_id: int = 0
    value: int = 0


def ab(text: str, action: str, mentor_id: int = 0, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=AbsenceCb(action=action, mentor_id=mentor_id, value=value).pack()
    )


def markup(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[b] for b in buttons])


async def other_mentors(repo: Repository, expert_id: int, mentor_id: int) -> list[Staff]:
    """The expert's other active, present mentors: who the participants can be handed to."""
    return list(
        await repo.session.scalars(
            select(Staff)
            .where(
                Staff.expert_id == expert_id,
                Staff.role == Role.MENTOR.value,
                Staff.active,
                Staff.user_id != mentor_id,
                Staff.absent_since.is_(None),
            )
            .order_by(Staff.full_name, Staff.user_id)
        )
    )


async def menu(message: Message, t: Translator, repo: Repository, staff: Staff) -> None:
    if staff.absent_since is not None:
        substitute = await repo.staff(staff.substitute_id or 0)
        await message.answer(
            t("absence-status", substitute=(substitute.full_name if substitute else None) or "—"),
            reply_markup=markup(ab(t("button-absence-back"), "back")),
        )
        return
    expert = await repo.staff(staff.expert_id or 0)
    if expert is None or not expert.active:
        await message.answer(t("absence-no-expert"))
        return
    await message.answer(t("absence-confirm"), reply_markup=markup(ab(t("button-absence-confirm"), "go")))


async def go(
    query: CallbackQuery,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Callable[[], datetime],
    translations: Translations,
) -> None:
    if staff.absent_since is not None:
        raise DomainError("error-stale-button")
    expert = await repo.staff(staff.expert_id or 0)
    if expert is None or not expert.active:
        raise DomainError("absence-no-expert")
    staff.absent_since, staff.substitute_id = clock(), expert.user_id
    others = await other_mentors(repo, expert.user_id, staff.user_id)
    await repo.session.commit()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-recorded"))
    user = await repo.user(expert.user_id)
    if user is None or query.bot is None:
        return
    et = translations.translator(user.locale)
    buttons = [ab(et("button-absence-keep"), "keep", staff.user_id)]
    buttons += [
        ab(
            html.unescape(et("button-absence-hand", name=m.full_name or str(m.user_id))),
            "hand",
            staff.user_id,
            m.user_id,
        )
        for m in others
    ]
    await notify(
        query.bot, expert.user_id, et("absence-expert-news", name=staff.full_name or ""), reply_markup=markup(*buttons)
    )


async def absent_mentor(repo: Repository, expert: Staff, mentor_id: int) -> Staff:
    """Re-checked for every click: the mentor is this expert's and is still absent."""
    mentor = await repo.staff(mentor_id)
    if mentor is None or mentor.role != Role.MENTOR.value or mentor.expert_id != expert.user_id:
        raise NotAllowed()
    if mentor.absent_since is None:
        raise DomainError("error-stale-button")
    return mentor


async def keep(
    query: CallbackQuery,
    callback_data: AbsenceCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    bot: Bot,
    translations: Translations,
) -> None:
    mentor = await absent_mentor(repo, staff, callback_data.mentor_id)
    previous = mentor.substitute_id
    mentor.substitute_id = staff.user_id
    await repo.session.commit()
    await query.answer(t("absence-kept", name=mentor.full_name or ""))
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-kept", name=mentor.full_name or ""))
    await tell_released(bot, repo, translations, previous, staff.user_id, mentor)


async def hand(
    query: CallbackQuery,
    callback_data: AbsenceCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    bot: Bot,
    translations: Translations,
) -> None:
    mentor = await absent_mentor(repo, staff, callback_data.mentor_id)
    allowed = {m.user_id: m for m in await other_mentors(repo, staff.user_id, mentor.user_id)}
    target = allowed.get(callback_data.value)
    if target is None:
        raise NotAllowed()
    previous = mentor.substitute_id
    mentor.substitute_id = target.user_id
    await repo.session.commit()
    text = t("absence-handed", name=mentor.full_name or "", substitute=target.full_name or "")
    await query.answer(text)
    if isinstance(query.message, Message):
        await query.message.edit_text(text)
    user = await repo.user(target.user_id)
    if user is not None:
        tt = translations.translator(user.locale)
        await notify(bot, target.user_id, tt("absence-substitute-news", name=mentor.full_name or ""))
    await tell_released(bot, repo, translations, previous, target.user_id, mentor)


async def tell_released(
    bot: Bot, repo: Repository, translations: Translations, previous: int | None, new: int, mentor: Staff
) -> None:
    """A mentor who acted until now and no longer does is told so."""
    if previous is None or previous in (new, mentor.expert_id):
        return
    user = await repo.user(previous)
    if user is not None:
        await notify(
            bot, previous, translations.translator(user.locale)("absence-released", name=mentor.full_name or "")
        )


async def back(query: CallbackQuery, t: Translator, repo: Repository, staff: Staff, translations: Translations) -> None:
    if staff.absent_since is None:
        raise DomainError("error-stale-button")
    told = {staff.expert_id, staff.substitute_id} - {None}
    staff.absent_since, staff.substitute_id = None, None
    await repo.session.commit()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-back"))
    for user_id in told:
        user = await repo.user(user_id or 0)
        if user is not None and query.bot is not None:
            ut = translations.translator(user.locale)
            await notify(query.bot, user.id, ut("absence-back-news", name=staff.full_name or ""))


async def expert_card(
    query: CallbackQuery, callback_data: MentorCb, t: Translator, repo: Repository, staff: Staff, rules: ProgrammeRules
) -> None:
    """The expert acting for an absent mentor opens the participant's card."""
    app = await check_acting_mentor(repo, staff, await repo.application(callback_data.app_id))
    await query.answer()
    if isinstance(query.message, Message):
        await send_card(query.message, app, t, repo, rules)  # type: ignore[arg-type]


def router() -> Router:
    """The absence handlers, in the order they are tried."""
    r = Router(name="absence")
    mentor, expert = RoleFilter(Role.MENTOR), RoleFilter(Role.EXPERT)
    r.message.register(menu, mentor, MenuButton("menu-absence"))
    r.callback_query.register(go, mentor, AbsenceCb.filter(F.action == "go"))
    r.callback_query.register(back, mentor, AbsenceCb.filter(F.action == "back"))
    r.callback_query.register(keep, expert, AbsenceCb.filter(F.action == "keep"))
    r.callback_query.register(hand, expert, AbsenceCb.filter(F.action == "hand"))
    r.callback_query.register(expert_card, expert, MentorCb.filter(F.action == "card"))
    return r
