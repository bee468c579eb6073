"""The mentor completes a participant's level: every direction at 100%, then an assessment (R5.4, R6.2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MentorCb, RatingStartCb
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from bot.notify import notify
from core import applications
from core.diary import check_entry_text
from core.errors import DomainError
from core.programme import ApplicationStatus, Direction
from core.progress import progress
from core.rules import ProgrammeRules
from core.staff import check_acting_mentor
from locales.translations import Translations, Translator
from storage.models import Application, Staff
from storage.repository import Repository


class CompletionFlow(StatesGroup):
    assessment = State()


async def percents_of(
    repo: Repository, rules: ProgrammeRules, app: Application, zone: ZoneInfo
) -> dict[Direction, int]:
    targets = applications.targets_of(rules, app)
    return progress(targets, await repo.done_entries(app.id), applications.started_on(app, zone))


async def active(repo: Repository, staff: Staff, app_id: int) -> Application:
    app = await repo.application(app_id, for_update=True)
    await check_acting_mentor(repo, staff, app)
    assert app is not None
    if app.status != ApplicationStatus.ACTIVE.value:
        raise DomainError("error-stale-button")
    return app


async def start(
    query: CallbackQuery,
    callback_data: MentorCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    zone: ZoneInfo,
) -> None:
    """Shows completion per direction; only a fully completed level goes on to the assessment."""
    app = await active(repo, staff, callback_data.app_id)
    percents = await percents_of(repo, rules, app, zone)
    lines = [t("completion-title", name=app.full_name or "")]
    lines += [t("diary-direction", direction=t(f"direction-{d.value}"), percent=p) for d, p in percents.items()]
    await query.answer()
    assert isinstance(query.message, Message)
    if any(p < 100 for p in percents.values()):
        lines.append(t("completion-not-yet"))
        await query.message.answer("\n".join(lines))
        return
    await state.set_state(CompletionFlow.assessment)
    await state.update_data(app_id=app.id)
    lines.append(t("ask-assessment"))
    await query.message.answer("\n".join(lines))


async def assessment(message: Message, state: FSMContext, t: Translator) -> None:
    text = check_entry_text(message.text, limit=2000, minimum=20)
    data = await state.update_data(assessment=text)
    button = InlineKeyboardButton(
        text=t("button-complete-level"),
        callback_data=MentorCb(action="complete-yes", app_id=int(data["app_id"])).pack(),
    )
    await message.answer(t("completion-confirm"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]))


async def confirm(
    query: CallbackQuery,
    callback_data: MentorCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    rules: ProgrammeRules,
    zone: ZoneInfo,
    clock: Callable[[], datetime],
    translations: Translations,
    bot: Bot,
) -> None:
    data = await state.get_data()
    if data.get("app_id") != callback_data.app_id or "assessment" not in data:
        raise DomainError("error-stale-button")
    app = await active(repo, staff, callback_data.app_id)
    percents = await percents_of(repo, rules, app, zone)
    await applications.complete_level(repo, staff, app, percents, data["assessment"], clock())
    app.confirmed_directions = list(app.directions)
    participant = await repo.user(app.user_id or 0)
    if participant is not None:
        pt = translations.translator(participant.locale)
        text = pt("participant-completed", level=pt(f"level-{app.level}"))
        rate = InlineKeyboardButton(
            text=pt("button-rate-end"), callback_data=RatingStartCb(app_id=app.id, end=1).pack()
        )
        markup = InlineKeyboardMarkup(inline_keyboard=[[rate]])
        await notify(repo, participant.id, text, key=f"completed:{app.id}", now=clock(), reply_markup=markup)
    await repo.session.commit()
    await state.clear()
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.edit_text(t("completed", name=app.full_name or ""))


def router() -> Router:
    """The level-completion handlers, in the order they are tried."""
    r = Router(name="level-completion")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.register(start, MentorCb.filter(F.action == "complete"))
    r.message.register(assessment, CompletionFlow.assessment)
    r.callback_query.register(confirm, MentorCb.filter(F.action == "complete-yes"))
    return r
