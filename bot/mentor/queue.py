"""The mentor's review queue: pending entries of their participants, oldest first, a page at a time."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import QueueCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from bot.notifications import render
from core import reviews
from core.notices import EntryToReview
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

PAGE = 5


async def page_of(t: Translator, uow: Holder, staff: Staff, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    rows, total = await uow.entries.pending_for(staff.user_id, page * PAGE, PAGE)
    if not total:
        return t("queue-empty"), None
    pages = (total + PAGE - 1) // PAGE
    buttons = [
        [
            button(
                f"{e.submitted_at:%d.%m} · {a.full_name} · {t(f'direction-{e.direction}')}",
                QueueCb(action="open", value=e.id),
            )
        ]
        for e, a in rows
    ]
    nav = []
    if page > 0:
        nav.append(button("◀", QueueCb(action="page", value=page - 1)))
    if page + 1 < pages:
        nav.append(button("▶", QueueCb(action="page", value=page + 1)))
    return t("queue-title", count=total, page=page + 1, pages=pages), InlineKeyboardMarkup(
        inline_keyboard=buttons + ([nav] if nav else [])
    )


async def show_queue(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    text, markup = await page_of(t, uow, staff, 0)
    await message.answer(text, reply_markup=markup)


async def turn_page(query: CallbackQuery, callback_data: QueueCb, t: Translator, uow: Holder, staff: Staff) -> None:
    text, markup = await page_of(t, uow, staff, max(0, callback_data.value))
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)


async def open_entry(query: CallbackQuery, callback_data: QueueCb, t: Translator, uow: Holder, staff: Staff) -> None:
    """The entry with its files and the same Approve / Reject / Ask for more buttons as the alert."""
    entry = (await reviews.reviewable(uow, staff, callback_data.value)).entry
    await query.answer()
    assert query.bot is not None
    for call in await render(EntryToReview(staff.user_id, entry.id), t, uow):
        await query.bot(call)


def router() -> Router:
    """The review-queue handlers, in the order they are tried."""
    r = Router(name="mentor-queue")
    r.message.filter(RoleFilter(Role.MENTOR))
    r.callback_query.filter(RoleFilter(Role.MENTOR))
    r.message.register(show_queue, MenuButton("menu-review-queue"))
    r.callback_query.register(turn_page, QueueCb.filter(F.action == "page"))
    r.callback_query.register(open_entry, QueueCb.filter(F.action == "open"))
    return r
