"""Staff who cannot work pass their duties on until they are back (R6.2, R6.3).

A mentor's participants pass to their expert, who may hand them to another mentor they supervise.
An expert's duties (appeals, and the mentors they act for) pass to the regional coordinator.
"I am back" restores everything. Alerts follow `repo.acting_for` along this chain, reviews and cards
`check_acting_mentor`, arbitration `check_arbiter`. The absent person may still act on their own
people: absence moves the alerts and the duty, it does not lock anyone out.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import select

from bot.callbacks import MentorCb
from bot.expert.appeals import send_appeal
from bot.filters import MenuButton, RoleFilter
from bot.mentor.participants import send_card
from bot.notify import event_key, notify
from core.errors import DomainError, NotAllowed
from core.programme import Role
from core.rules import ProgrammeRules
from core.staff import check_acting_mentor
from locales.translations import Translations, Translator
from storage.models import Staff, User
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


async def substitute_for(repo: Repository, staff: Staff) -> Staff | None:
    """Who takes over: a mentor's expert, an expert's regional coordinator."""
    if staff.role == Role.MENTOR.value:
        candidate = await repo.staff(staff.expert_id or 0)
    else:
        region = await repo.staff_region(staff)
        candidate = await repo.regional_coordinator(region) if region else None
    return candidate if candidate is not None and candidate.active and candidate.user_id != staff.user_id else None


async def menu(message: Message, t: Translator, repo: Repository, staff: Staff) -> None:
    if staff.absent_since is not None:
        substitute = await repo.staff(staff.substitute_id or 0)
        await message.answer(
            t("absence-status", substitute=(substitute.full_name if substitute else None) or "—"),
            reply_markup=markup(ab(t("button-absence-back"), "back")),
        )
        return
    role = staff.role
    if await substitute_for(repo, staff) is None:
        await message.answer(t(f"absence-no-substitute-{role}"))
        return
    await message.answer(t(f"absence-confirm-{role}"), reply_markup=markup(ab(t("button-absence-confirm"), "go")))


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
    substitute = await substitute_for(repo, staff)
    user = await repo.user(substitute.user_id) if substitute else None
    if substitute is None or user is None:
        raise DomainError(f"absence-no-substitute-{staff.role}")
    staff.absent_since, staff.substitute_id = clock(), substitute.user_id
    st = translations.translator(user.locale)
    key = f"absent:{staff.user_id}:{staff.absent_since.isoformat()}"
    if staff.role == Role.MENTOR.value:
        buttons = [ab(st("button-absence-keep"), "keep", staff.user_id)]
        buttons += [
            ab(
                html.unescape(st("button-absence-hand", name=m.full_name or str(m.user_id))),
                "hand",
                staff.user_id,
                m.user_id,
            )
            for m in await other_mentors(repo, substitute.user_id, staff.user_id)
        ]
        news = st("absence-expert-news", name=staff.full_name or "")
        await notify(repo, user.id, news, key=key, now=clock(), reply_markup=markup(*buttons), kind="alert")
    else:
        news = st("absence-coordinator-news", name=staff.full_name or "")
        await notify(repo, user.id, news, key=key, now=clock(), kind="alert")
        await hand_over_appeals(repo, translations, staff, user, clock())
    await repo.session.commit()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-recorded"))


async def hand_over_appeals(
    repo: Repository, translations: Translations, expert: Staff, coordinator: User, now: datetime
) -> None:
    """Appeals already waiting for the absent expert are sent to the coordinator too."""
    for entry in await repo.appeals_for(expert.user_id):
        app = await repo.application(entry.application_id)
        assert app is not None
        await send_appeal(repo, translations, coordinator, app, entry, await repo.staff(app.mentor_id or 0), now)


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
    clock: Callable[[], datetime],
    translations: Translations,
) -> None:
    mentor = await absent_mentor(repo, staff, callback_data.mentor_id)
    previous = mentor.substitute_id
    mentor.substitute_id = staff.user_id
    await tell_released(repo, translations, previous, staff.user_id, mentor, clock())
    await repo.session.commit()
    await query.answer(t("absence-kept", name=mentor.full_name or ""))
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-kept", name=mentor.full_name or ""))


async def hand(
    query: CallbackQuery,
    callback_data: AbsenceCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Callable[[], datetime],
    translations: Translations,
) -> None:
    mentor = await absent_mentor(repo, staff, callback_data.mentor_id)
    allowed = {m.user_id: m for m in await other_mentors(repo, staff.user_id, mentor.user_id)}
    target = allowed.get(callback_data.value)
    if target is None:
        raise NotAllowed()
    previous = mentor.substitute_id
    mentor.substitute_id = target.user_id
    user = await repo.user(target.user_id)
    if user is not None:
        news = translations.translator(user.locale)("absence-substitute-news", name=mentor.full_name or "")
        await notify(repo, target.user_id, news, key=event_key("substitute", mentor.user_id), now=clock(), kind="alert")
    await tell_released(repo, translations, previous, target.user_id, mentor, clock())
    await repo.session.commit()
    text = t("absence-handed", name=mentor.full_name or "", substitute=target.full_name or "")
    await query.answer(text)
    if isinstance(query.message, Message):
        await query.message.edit_text(text)


async def tell_released(
    repo: Repository, translations: Translations, previous: int | None, new: int, mentor: Staff, now: datetime
) -> None:
    """A mentor who acted until now and no longer does is told so."""
    if previous is None or previous in (new, mentor.expert_id):
        return
    user = await repo.user(previous)
    if user is not None:
        news = translations.translator(user.locale)("absence-released", name=mentor.full_name or "")
        await notify(repo, previous, news, key=event_key("released", mentor.user_id), now=now, kind="alert")


async def back(
    query: CallbackQuery,
    t: Translator,
    repo: Repository,
    staff: Staff,
    translations: Translations,
    clock: Callable[[], datetime],
) -> None:
    if staff.absent_since is None:
        raise DomainError("error-stale-button")
    told = {staff.expert_id, staff.substitute_id} - {None}
    staff.absent_since, staff.substitute_id = None, None
    for user_id in told:
        user = await repo.user(user_id or 0)
        if user is not None:
            news = translations.translator(user.locale)(f"absence-back-news-{staff.role}", name=staff.full_name or "")
            await notify(repo, user.id, news, key=event_key("back", staff.user_id), now=clock(), kind="alert")
    await repo.session.commit()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("absence-back"))


async def acting_card(
    query: CallbackQuery,
    callback_data: MentorCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    zone: ZoneInfo,
) -> None:
    """The expert (or coordinator) acting for an absent mentor opens the participant's card."""
    app = await check_acting_mentor(repo, staff, await repo.application(callback_data.app_id))
    await query.answer()
    if isinstance(query.message, Message):
        await send_card(query.message, app, t, repo, rules, zone)  # type: ignore[arg-type]


def router() -> Router:
    """The absence handlers, in the order they are tried."""
    r = Router(name="absence")
    absentee, expert = RoleFilter(Role.MENTOR, Role.EXPERT), RoleFilter(Role.EXPERT)
    r.message.register(menu, absentee, MenuButton("menu-absence"))
    r.callback_query.register(go, absentee, AbsenceCb.filter(F.action == "go"))
    r.callback_query.register(back, absentee, AbsenceCb.filter(F.action == "back"))
    r.callback_query.register(keep, expert, AbsenceCb.filter(F.action == "keep"))
    r.callback_query.register(hand, expert, AbsenceCb.filter(F.action == "hand"))
    r.callback_query.register(
        acting_card, RoleFilter(Role.EXPERT, Role.COORDINATOR), MentorCb.filter(F.action == "card")
    )
    return r
