"""The expert arbitrates an appeal: upholds or overturns the mentor's decision, with a reason (R6.3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import ArbitrationCb
from bot.entries import queue_entry, summary
from bot.filters import RoleFilter
from bot.notify import event_key, notify
from core import reviews
from core.diary import check_entry_text
from core.errors import DomainError, NotAllowed
from core.programme import EntryStatus, Role
from core.staff import check_arbiter
from locales.translations import Translations, Translator
from storage.models import Application, Entry, Staff, User
from storage.repository import Repository


class ArbitrationFlow(StatesGroup):
    reason = State()


async def appealed(repo: Repository, arbiter: Staff, entry_id: int) -> tuple[Application, Entry, Staff]:
    """The appeal, if the arbiter is the mentor's expert (or acts for them) and it still waits."""
    entry = await repo.entry(entry_id, for_update=True)
    app = await repo.application(entry.application_id) if entry else None
    mentor = await repo.staff(app.mentor_id or 0) if app else None
    if entry is None or app is None:
        raise NotAllowed()
    await check_arbiter(repo, arbiter, mentor)
    assert mentor is not None
    if entry.status != EntryStatus.APPEALED.value:
        raise DomainError("error-already-decided")
    return app, entry, mentor


async def choose(
    query: CallbackQuery, callback_data: ArbitrationCb, state: FSMContext, t: Translator, repo: Repository, staff: Staff
) -> None:
    await appealed(repo, staff, callback_data.entry_id)
    await state.set_state(ArbitrationFlow.reason)
    await state.update_data(entry_id=callback_data.entry_id, overturn=callback_data.action == "overturn")
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t(f"ask-arbiter-reason-{callback_data.action}"))


async def reason(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Callable[[], datetime],
    translations: Translations,
    bot: Bot,
) -> None:
    text = check_entry_text(message.text, limit=1000, minimum=5)
    data = await state.get_data()
    await state.clear()
    app, entry, mentor = await appealed(repo, staff, int(data["entry_id"]))
    await reviews.arbitrate(repo, staff, mentor, entry, bool(data["overturn"]), text, clock())
    book = await repo.book(entry.book_code) if entry.book_code else None
    for user_id in (app.user_id, mentor.user_id):
        user = await repo.user(user_id or 0)
        if user is not None:
            ut = translations.translator(user.locale)
            news = ut(f"appeal-{entry.status}-news", name=app.full_name or "") + "\n" + summary(ut, entry, book, 0)
            await notify(repo, user.id, news, key=f"arbitrated:{entry.id}:{user.id}", now=clock())
    await repo.session.commit()
    await message.answer(t(f"arbitrated-{entry.status}"))


async def send_appeal(
    repo: Repository,
    translations: Translations,
    expert: User,
    app: Application,
    entry: Entry,
    mentor: Staff | None,
    now: datetime,
) -> None:
    """The appeal with the entry's files, its whole history and Uphold / Overturn, through the outbox."""
    et = translations.translator(expert.locale)
    book = await repo.book(entry.book_code) if entry.book_code else None
    media = await repo.media_of(entry.id)
    text = (
        et("expert-appeal", name=app.full_name or "", mentor=mentor.full_name if mentor else "—")
        + "\n"
        + summary(et, entry, book, len(media))
    )
    buttons = [
        [
            InlineKeyboardButton(
                text=et(f"button-{a}"), callback_data=ArbitrationCb(action=a, entry_id=entry.id).pack()
            )
            for a in ("uphold", "overturn")
        ]
    ]
    await queue_entry(
        repo,
        expert.id,
        text,
        media,
        key=event_key("appeal", entry.id, expert.id),
        now=now,
        reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons),
    )


def router() -> Router:
    """The arbitration handlers, in the order they are tried."""
    r = Router(name="expert-appeals")
    r.message.filter(RoleFilter(Role.EXPERT, Role.COORDINATOR))
    r.callback_query.filter(RoleFilter(Role.EXPERT, Role.COORDINATOR))
    r.callback_query.register(choose, ArbitrationCb.filter(F.action.in_({"uphold", "overturn"})))
    r.message.register(reason, ArbitrationFlow.reason)
    return r
