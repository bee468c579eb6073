"""The mentor reviews entries inline: approve, reject or ask for more, with a reason (R5.3, R7.2).

Every click re-checks on the server that this mentor is assigned and that the entry still waits,
so a second click, an old message or a forged button changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import DiaryCb, ReviewCb
from bot.entries import queue_entry, show_entry, summary
from bot.filters import ACTING_FOR_MENTOR, RoleFilter
from bot.notify import event_key, notify
from core import reviews
from core.diary import check_entry_text
from core.errors import DomainError
from core.programme import EntryStatus
from core.staff import check_acting_mentor
from locales.translations import Translations, Translator
from storage.models import Application, Entry, EntryMedia, Staff
from storage.repository import Repository

Clock = Callable[[], datetime]
REASONS = ("detail", "media", "date", "direction", "copied")


class ReasonFlow(StatesGroup):
    text = State()


def rb(text: str, action: str, entry_id: int, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=ReviewCb(action=action, entry_id=entry_id, value=value).pack())


async def review_message(
    repo: Repository, t: Translator, app: Application, entry: Entry
) -> tuple[str, list[EntryMedia], InlineKeyboardMarkup]:
    """The entry's files and its summary with Approve / Reject / Ask for more."""
    book = await repo.book(entry.book_code) if entry.book_code else None
    media = await repo.media_of(entry.id)
    text = t("mentor-new-entry", name=app.full_name or "") + "\n" + summary(t, entry, book, len(media))
    buttons = [[rb(t(f"button-review-{a}"), a, entry.id) for a in ("approve", "reject", "more")]]
    return text, media, InlineKeyboardMarkup(inline_keyboard=buttons)


async def send_for_review(
    bot: Bot, repo: Repository, t: Translator, chat_id: int, app: Application, entry: Entry
) -> None:
    """To the mentor who opened the entry from their queue."""
    text, media, markup = await review_message(repo, t, app, entry)
    await show_entry(bot, chat_id, text, media, reply_markup=markup)


async def queue_for_review(
    repo: Repository, t: Translator, chat_id: int, app: Application, entry: Entry, now: datetime
) -> None:
    """To the mentor (or whoever acts for them) when the participant submits, through the outbox."""
    text, media, markup = await review_message(repo, t, app, entry)
    await queue_entry(repo, chat_id, text, media, key=event_key("review", entry.id), now=now, reply_markup=markup)


async def reviewable(repo: Repository, staff: Staff | None, entry_id: int) -> tuple[Application, Entry]:
    entry = await repo.entry(entry_id, for_update=True)
    app = await repo.application(entry.application_id) if entry else None
    await check_acting_mentor(repo, staff, app)
    assert entry is not None and app is not None
    if entry.status != EntryStatus.PENDING.value:
        raise DomainError("error-already-decided")
    return app, entry


async def approve(
    query: CallbackQuery,
    callback_data: ReviewCb,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Clock,
    translations: Translations,
) -> None:
    app, entry = await reviewable(repo, staff, callback_data.entry_id)
    await reviews.decide(repo, staff, app, entry, "approve", None, clock())
    await finish(query, t, repo, app, entry, translations, clock())


async def ask_reason(
    query: CallbackQuery, callback_data: ReviewCb, t: Translator, repo: Repository, staff: Staff
) -> None:
    """Reject and Ask for more need a reason: a common one by button, or typed."""
    await reviewable(repo, staff, callback_data.entry_id)
    decision = callback_data.action
    buttons = [[rb(t(f"reason-{code}"), "reason", callback_data.entry_id, f"{decision}.{code}")] for code in REASONS]
    buttons.append([rb(t("button-own-reason"), "reason", callback_data.entry_id, f"{decision}.own")])
    await query.answer()
    assert isinstance(query.message, Message)
    await query.message.answer(t(f"ask-reason-{decision}"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def reason_button(
    query: CallbackQuery,
    callback_data: ReviewCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Clock,
    translations: Translations,
) -> None:
    decision, _, code = callback_data.value.partition(".")
    if decision not in ("reject", "more") or code not in (*REASONS, "own"):
        raise DomainError("error-bad-button")
    app, entry = await reviewable(repo, staff, callback_data.entry_id)
    if code == "own":
        await state.set_state(ReasonFlow.text)
        await state.update_data(entry_id=entry.id, decision=decision)
        await query.answer()
        assert isinstance(query.message, Message)
        await query.message.answer(t("ask-own-reason"))
        return
    participant = await repo.user(app.user_id or 0)
    pt = translations.translator(participant.locale) if participant else t
    await reviews.decide(repo, staff, app, entry, decision, pt(f"reason-{code}"), clock())
    await finish(query, t, repo, app, entry, translations, clock())


async def reason_text(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    staff: Staff,
    clock: Clock,
    translations: Translations,
    bot: Bot,
) -> None:
    data = await state.get_data()
    reason = check_entry_text(message.text, limit=1000)
    await state.clear()
    app, entry = await reviewable(repo, staff, int(data["entry_id"]))
    await reviews.decide(repo, staff, app, entry, data["decision"], reason, clock())
    await tell_participant(repo, app, entry, translations, clock())
    await repo.session.commit()
    await message.answer(t(f"decided-{data['decision']}", name=app.full_name or ""))


async def finish(
    query: CallbackQuery,
    t: Translator,
    repo: Repository,
    app: Application,
    entry: Entry,
    translations: Translations,
    now: datetime,
) -> None:
    """Commits the decision with the participant's notification, then answers the mentor."""
    await tell_participant(repo, app, entry, translations, now)
    await repo.session.commit()
    decision = {"approved": "approve", "rejected": "reject", "more_work": "more"}[entry.status]
    await query.answer(t(f"decided-{decision}", name=app.full_name or ""))
    if isinstance(query.message, Message) and query.message.text:
        book = await repo.book(entry.book_code) if entry.book_code else None
        await query.message.edit_text(summary(t, entry, book, len(await repo.media_of(entry.id))))


async def tell_participant(
    repo: Repository, app: Application, entry: Entry, translations: Translations, now: datetime
) -> None:
    participant = await repo.user(app.user_id or 0)
    if participant is None:
        return
    t = translations.translator(participant.locale)
    book = await repo.book(entry.book_code) if entry.book_code else None
    text = t(f"entry-{entry.status.replace('_', '-')}-news") + "\n" + summary(t, entry, book, 0)
    buttons = []
    if entry.status == EntryStatus.REJECTED.value:
        buttons = [
            [
                InlineKeyboardButton(
                    text=t("button-appeal"), callback_data=DiaryCb(action="appeal", entry_id=entry.id).pack()
                )
            ]
        ]
    elif entry.status == EntryStatus.MORE_WORK.value:
        buttons = [
            [
                InlineKeyboardButton(
                    text=t("button-revise"), callback_data=DiaryCb(action="revise", entry_id=entry.id).pack()
                )
            ]
        ]
    await notify(
        repo,
        participant.id,
        text,
        key=event_key("decided", entry.id, entry.status),
        now=now,
        reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons) if buttons else None,
    )


def router() -> Router:
    """The mentor-review handlers, in the order they are tried."""
    r = Router(name="mentor-review")
    r.message.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.filter(RoleFilter(*ACTING_FOR_MENTOR))
    r.callback_query.register(approve, ReviewCb.filter(F.action == "approve"))
    r.callback_query.register(ask_reason, ReviewCb.filter(F.action.in_({"reject", "more"})))
    r.callback_query.register(reason_button, ReviewCb.filter(F.action == "reason"))
    r.message.register(reason_text, ReasonFlow.text)
    return r
