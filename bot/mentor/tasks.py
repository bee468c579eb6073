"""Extra tasks: the mentor sets a participant a task beyond the schedule; it shows in their diary (R5.3, R6.2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import select

from bot.filters import RoleFilter
from bot.keyboards import columns
from bot.notify import event_key, notify
from core.diary import check_entry_text
from core.errors import DomainError
from core.programme import ApplicationStatus, Role
from core.staff import check_acting_mentor
from locales.translations import Translations, Translator
from storage.models import Application, ExtraTask, Staff
from storage.repository import Repository

TASK_MAX_CHARS = 1000


class TaskCb(CallbackData, prefix="tk"):
    action: str
    app_id: int
    direction: str = ""


class TaskFlow(StatesGroup):
    text = State()


def tb(text: str, action: str, app_id: int, direction: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=TaskCb(action=action, app_id=app_id, direction=direction).pack()
    )


async def acting_on(repo: Repository, staff: Staff | None, app_id: int) -> Application:
    """Checked on the server for every click and for the typed text: callback data is user input."""
    app = await repo.application(app_id, for_update=True)
    await check_acting_mentor(repo, staff, app)
    assert app is not None
    if app.status != ApplicationStatus.ACTIVE.value:
        raise DomainError("error-stale-button")
    return app


async def open_tasks_lines(t: Translator, repo: Repository, app_id: int) -> list[str]:
    """The participant's open extra tasks as diary lines; nothing when there are none."""
    tasks = list(
        await repo.session.scalars(
            select(ExtraTask)
            .where(ExtraTask.application_id == app_id, ExtraTask.done_at.is_(None))
            .order_by(ExtraTask.id)
        )
    )
    if not tasks:
        return []
    lines = [t("task-diary-title", count=len(tasks))]
    lines += [t("task-diary-line", direction=t(f"direction-{task.direction}"), text=task.text) for task in tasks]
    return lines


async def start(message: Message, state: FSMContext, t: Translator, repo: Repository, staff: Staff) -> None:
    await state.clear()
    apps = [a for a in await repo.mentor_applications(staff.user_id) if a.status == ApplicationStatus.ACTIVE.value]
    if not apps:
        await message.answer(t("task-no-participants"))
        return
    rows = [[tb(a.full_name or str(a.id), "app", a.id)] for a in apps]
    await message.answer(t("task-ask-participant"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def pick_participant(
    query: CallbackQuery, callback_data: TaskCb, state: FSMContext, t: Translator, repo: Repository, staff: Staff
) -> None:
    app = await acting_on(repo, staff, callback_data.app_id)
    await state.clear()
    buttons = [tb(t(f"direction-{d}"), "dir", app.id, d) for d in app.directions]
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(
        t("task-ask-direction", name=app.full_name or ""),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons)),
    )


async def pick_direction(
    query: CallbackQuery, callback_data: TaskCb, state: FSMContext, t: Translator, repo: Repository, staff: Staff
) -> None:
    app = await acting_on(repo, staff, callback_data.app_id)
    if callback_data.direction not in app.directions:
        raise DomainError("error-bad-button")
    await state.set_state(TaskFlow.text)
    await state.update_data(app_id=app.id, direction=callback_data.direction)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(
        t("task-ask-text", name=app.full_name or "", direction=t(f"direction-{callback_data.direction}"))
    )


async def got_text(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    translations: Translations,
    clock: Callable[[], datetime],
) -> None:
    """Stores the task and tells the participant in their language, in one transaction."""
    text = check_entry_text(message.text, limit=TASK_MAX_CHARS, minimum=5)
    data = await state.get_data()
    app = await acting_on(repo, staff, int(data["app_id"]))
    direction = str(data["direction"])
    if direction not in app.directions:
        raise DomainError("error-stale-button")
    repo.session.add(ExtraTask(application_id=app.id, direction=direction, text=text, created_by=staff.user_id))
    participant = await repo.user(app.user_id or 0)
    if participant is not None:
        pt = translations.translator(participant.locale)
        news = pt("task-news", direction=pt(f"direction-{direction}"), text=text)
        await notify(repo, participant.id, news, key=event_key("task", app.id), now=clock())
    await repo.session.commit()
    await state.clear()
    await message.answer(t("task-created", name=app.full_name or "", direction=t(f"direction-{direction}")))


def router() -> Router:
    """The extra-task handlers, in the order they are tried."""
    r = Router(name="tasks")
    r.message.filter(RoleFilter(Role.MENTOR))
    r.callback_query.filter(RoleFilter(Role.MENTOR))
    r.message.register(start, Command("task"))
    r.callback_query.register(pick_participant, TaskCb.filter(F.action == "app"))
    r.callback_query.register(pick_direction, TaskCb.filter(F.action == "dir"))
    r.message.register(got_text, TaskFlow.text)
    return r
