"""Extra tasks: the mentor sets a participant a task beyond the schedule; it shows in their diary (R5.3, R6.2)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import TaskCb
from bot.filters import RoleFilter
from bot.keyboards import button, columns
from core import tasks
from core.programme import ApplicationStatus, Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff


class TaskFlow(StatesGroup):
    text = State()


async def start(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    await state.clear()
    apps = [a for a in await uow.applications.of_mentor(staff.user_id) if a.status == ApplicationStatus.ACTIVE.value]
    if not apps:
        await message.answer(t("task-no-participants"))
        return
    rows = [[button(a.full_name or str(a.id), TaskCb(action="app", app_id=a.id))] for a in apps]
    await message.answer(t("task-ask-participant"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def pick_participant(
    query: CallbackQuery, callback_data: TaskCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    app = await tasks.assignable(uow, staff, callback_data.app_id)
    await state.clear()
    buttons = [button(t(f"direction-{d}"), TaskCb(action="dir", app_id=app.id, direction=d)) for d in app.directions]
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(
        t("task-ask-direction", name=app.full_name or ""),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons)),
    )


async def pick_direction(
    query: CallbackQuery, callback_data: TaskCb, state: FSMContext, t: Translator, uow: Holder, staff: Staff
) -> None:
    app = await tasks.assignable(uow, staff, callback_data.app_id, callback_data.direction)
    await state.set_state(TaskFlow.text)
    await state.update_data(app_id=app.id, direction=callback_data.direction)
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(
        t("task-ask-text", name=app.full_name or "", direction=t(f"direction-{callback_data.direction}"))
    )


async def got_text(message: Message, state: FSMContext, t: Translator, uow: Holder, staff: Staff) -> None:
    text = tasks.check_task(message.text)
    data = await state.get_data()
    direction = str(data["direction"])
    result = await tasks.assign(uow, staff, int(data["app_id"]), direction, text)
    await state.clear()
    await message.answer(t("task-created", name=result.app.full_name or "", direction=t(f"direction-{direction}")))


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
