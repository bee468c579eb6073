"""The participant's diary (R5.2, R5.6): compose an entry step by step, see entries and progress, appeal.

The entry being composed is a database row with its step, so a restart between steps loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import DiaryCb
from bot.common.errors import localize
from bot.employer.confirmation import offer_link
from bot.entries import summary
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import columns
from bot.mentor.review import queue_for_review
from core import applications, reviews
from core.diary import (
    LIMITS,
    SPOKEN,
    STEPS,
    check_activity_date,
    check_entry_text,
    check_media,
    check_minutes,
    kinds_for,
    media_needed,
)
from core.errors import DomainError
from core.profile import parse_date
from core.programme import ApplicationStatus, Direction, EntryKind, MediaKind, Role
from core.settings import Settings
from core.speech import UndecodableMedia, is_mostly_silent, measure_speech_async
from locales.translations import Translations, Translator
from storage.models import Application, Entry, User
from storage.repository import Repository

Clock = Callable[[], datetime]
MINUTES = ("30", "45", "60", "90", "120")


def db(text: str, action: str, value: str = "", entry_id: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=DiaryCb(action=action, value=value, entry_id=entry_id).pack())


async def active_application(repo: Repository, user: User) -> Application:
    app = await repo.open_application(user.id)
    if app is None or app.status != ApplicationStatus.ACTIVE.value:
        raise DomainError("diary-not-active")
    return app


async def add_entry(message: Message, t: Translator, repo: Repository, user: User, settings: Settings) -> None:
    """Continues an unfinished entry, or asks for the direction of a new one."""
    app = await active_application(repo, user)
    entry = await repo.draft_entry(app.id)
    if entry is not None:
        await message.answer(t("entry-continue"))
        await show_step(message, entry, t, repo, settings)
        return
    buttons = [db(t(f"direction-{d}"), "dir", d) for d in app.directions]
    await message.answer(t("ask-entry-direction"), reply_markup=InlineKeyboardMarkup(inline_keyboard=columns(buttons)))


async def choose_direction(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, repo: Repository, user: User, settings: Settings
) -> None:
    app = await active_application(repo, user)
    if callback_data.value not in app.directions or await repo.draft_entry(app.id) is not None:
        raise DomainError("error-stale-button")
    kinds = kinds_for(Direction(callback_data.value), app.heritage_mode)
    await query.answer()
    assert isinstance(query.message, Message)
    if len(kinds) == 1:
        await start_entry(query.message, app, callback_data.value, kinds[0], t, repo, settings)
        return
    buttons = [
        [db(t(f"entry-kind-{k.value.replace('_', '-')}"), "kind", f"{callback_data.value}.{k.value}")] for k in kinds
    ]
    await query.message.answer(t("ask-entry-kind"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


async def choose_kind(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, repo: Repository, user: User, settings: Settings
) -> None:
    app = await active_application(repo, user)
    direction, _, kind = callback_data.value.partition(".")
    allowed = kinds_for(Direction(direction), app.heritage_mode) if direction in app.directions else ()
    if kind not in {k.value for k in allowed} or await repo.draft_entry(app.id) is not None:
        raise DomainError("error-stale-button")
    await query.answer()
    assert isinstance(query.message, Message)
    await start_entry(query.message, app, direction, EntryKind(kind), t, repo, settings)


async def start_entry(
    message: Message,
    app: Application,
    direction: str,
    kind: EntryKind,
    t: Translator,
    repo: Repository,
    settings: Settings,
) -> None:
    entry = await repo.new_entry(app.id, direction, kind.value, STEPS[kind][0])
    await repo.session.commit()
    await show_step(message, entry, t, repo, settings)


def nav(t: Translator, entry: Entry) -> list[list[InlineKeyboardButton]]:
    steps = STEPS[EntryKind(entry.kind)]
    row = [db(t("button-back"), "back", entry.step)] if steps.index(entry.step) > 0 and not entry.revising else []
    return [row + [db(t("button-discard"), "discard", entry.step)]]


async def show_step(message: Message, entry: Entry, t: Translator, repo: Repository, settings: Settings) -> None:
    """The prompt of the entry's current step."""
    step = entry.step
    rows: list[list[InlineKeyboardButton]] = []
    if step == "date":
        text = t("ask-entry-date", days=settings.backdate_days)
        rows = [[db(t("button-today"), "date", "0"), db(t("button-yesterday"), "date", "1")]]
    elif step == "minutes":
        text = t("ask-entry-minutes")
        rows = columns([db(t("minutes", minutes=int(m)), "minutes", m) for m in MINUTES], 5)
    elif step in ("text", "title"):
        text = t(f"ask-entry-{step}-{entry.kind.replace('_', '-')}")
    elif step == "book":
        sections = (1,) if entry.direction == Direction.HERITAGE else (1, 2, 3)
        text = t("ask-entry-book-section")
        rows = [[db(t(f"book-section-{s}"), "section", str(s))] for s in sections]
    elif step == "content":
        text = t("ask-entry-content", chars=LIMITS.essay_min_chars, seconds=LIMITS.essay_min_seconds)
    elif step == "media":
        count = len(await repo.media_of(entry.id))
        text = t(f"ask-entry-media-{entry.kind.replace('_', '-')}", count=count, max=LIMITS.max_files)
        rows = [[db(t("button-done"), "media-done", step)]]
    else:
        book = await repo.book(entry.book_code) if entry.book_code else None
        media = await repo.media_of(entry.id)
        text = summary(t, entry, book, len(media)) + "\n\n" + t("ask-entry-confirm")
        rows = [[db(t("button-send-entry"), "send", step)]]
    await message.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows + nav(t, entry)))


async def next_step(message: Message, entry: Entry, t: Translator, repo: Repository, settings: Settings) -> None:
    """Saves before replying, so a failed reply never loses the answer."""
    steps = STEPS[EntryKind(entry.kind)]
    entry.step = steps[steps.index(entry.step) + 1]
    await repo.session.commit()
    await show_step(message, entry, t, repo, settings)


async def current_entry(repo: Repository, user: User, step: str | None = None) -> tuple[Application, Entry]:
    """The entry being composed; a button of another step or of a finished entry is stale."""
    app = await active_application(repo, user)
    entry = await repo.draft_entry(app.id)
    if entry is None or (step is not None and entry.step != step):
        raise DomainError("error-stale-button")
    return app, entry


async def on_button(
    query: CallbackQuery,
    callback_data: DiaryCb,
    t: Translator,
    repo: Repository,
    user: User,
    settings: Settings,
    clock: Clock,
    zone: ZoneInfo,
    translations: Translations,
) -> None:
    action, value = callback_data.action, callback_data.value
    expected = {"date": "date", "minutes": "minutes", "section": "book", "book": "book"}.get(action, value or None)
    app, entry = await current_entry(repo, user, expected)
    assert isinstance(query.message, Message)
    today = clock().astimezone(zone).date()
    if action == "back":
        steps = STEPS[EntryKind(entry.kind)]
        entry.step = steps[max(0, steps.index(entry.step) - 1)]
        await query.answer()
        await show_step(query.message, entry, t, repo, settings)
    elif action == "discard":
        await query.answer()
        await query.message.answer(
            t("discard-confirm"),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        db(t("button-discard-confirm"), "discard-yes", entry.step),
                        db(t("button-keep"), "keep", entry.step),
                    ]
                ]
            ),
        )
    elif action == "discard-yes":
        if entry.revising:
            entry.revising = False
        else:
            await repo.session.delete(entry)
        await query.answer()
        await query.message.edit_text(t("entry-discarded"))
    elif action == "keep":
        await query.answer()
        await show_step(query.message, entry, t, repo, settings)
    elif action == "date" and value in ("0", "1"):
        entry.activity_date = check_activity_date(
            today - timedelta(days=int(value)), today, applications.started_on(app, zone), settings.backdate_days
        )
        await query.answer()
        await next_step(query.message, entry, t, repo, settings)
    elif action == "minutes" and value in MINUTES:
        entry.minutes = int(value)
        await query.answer()
        await next_step(query.message, entry, t, repo, settings)
    elif action == "section" and value in ("1", "2", "3"):
        if entry.direction == Direction.HERITAGE and value != "1":
            raise DomainError("error-bad-button")
        books = await repo.books(int(value))
        await query.answer()
        rows = [[db(f"{t.name(b, 'title')} — {t.name(b, 'author')}", "book", b.code)] for b in books]
        await query.message.edit_text(
            t("ask-entry-book", section=t(f"book-section-{value}")),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=rows + nav(t, entry)),
        )
    elif action == "book":
        book = await repo.book(value)
        if book is None or not book.active or (entry.direction == Direction.HERITAGE and book.section != 1):
            raise DomainError("error-bad-button")
        entry.book_code = book.code
        await query.answer()
        await next_step(query.message, entry, t, repo, settings)
    elif action == "media-done":
        missing = media_needed(EntryKind(entry.kind), [MediaKind(m.kind) for m in await repo.media_of(entry.id)])
        if missing:
            await query.answer(t(missing), show_alert=True)
            return
        await query.answer()
        await next_step(query.message, entry, t, repo, settings)
    elif action == "send":
        await send(query, entry, app, t, repo, user, clock, translations, settings)
    else:
        raise DomainError("error-bad-button")


async def send(
    query: CallbackQuery,
    entry: Entry,
    app: Application,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Clock,
    translations: Translations,
    settings: Settings,
) -> None:
    """Submits to the mentor; committed before anyone is told, so a failed alert loses nothing."""
    media = await repo.media_of(entry.id)
    await reviews.submit(repo, entry, [MediaKind(m.kind) for m in media], user.id, clock())
    entry.revising = False
    await alert_mentor(repo, translations, app, entry, clock())
    await repo.session.commit()
    await query.answer(t("entry-sent-toast"))
    assert isinstance(query.message, Message)
    await query.message.edit_text(t("entry-sent"))
    if entry.kind == EntryKind.WORK:
        await offer_link(query.message, entry, t, repo, user, clock(), settings)


async def alert_mentor(
    repo: Repository, translations: Translations, app: Application, entry: Entry, now: datetime
) -> None:
    """A message with the review buttons, unless the reviewer chose the daily digest instead."""
    reviewer_id = await repo.acting_for(app.mentor_id or 0)
    reviewer, staff = await repo.user(reviewer_id), await repo.staff(reviewer_id)
    if reviewer is not None and not (staff is not None and staff.review_digest):
        await queue_for_review(repo, translations.translator(reviewer.locale), reviewer.id, app, entry, now)


async def on_input(
    message: Message,
    t: Translator,
    repo: Repository,
    user: User,
    settings: Settings,
    clock: Clock,
    zone: ZoneInfo,
    bot: Bot,
) -> None:
    """Answers to the entry's current step; anything else gets the step's prompt again."""
    app = await repo.open_application(user.id)
    entry = await repo.draft_entry(app.id) if app is not None and app.status == ApplicationStatus.ACTIVE else None
    if app is None or entry is None:
        raise SkipHandler()
    try:
        done = await take_input(message, app, entry, t, repo, settings, clock, zone, bot)
    except DomainError as error:
        await message.answer(localize(t, error))
        await show_step(message, entry, t, repo, settings)
        return
    if done:
        await next_step(message, entry, t, repo, settings)


async def take_input(
    message: Message,
    app: Application,
    entry: Entry,
    t: Translator,
    repo: Repository,
    settings: Settings,
    clock: Clock,
    zone: ZoneInfo,
    bot: Bot,
) -> bool:
    """Stores one answer; returns whether the step is finished (media steps take several messages)."""
    step, text = entry.step, message.text
    if step == "date" and text:
        today = clock().astimezone(zone).date()
        entry.activity_date = check_activity_date(
            parse_date(text), today, applications.started_on(app, zone), settings.backdate_days
        )
        return True
    if step == "minutes" and text:
        entry.minutes = check_minutes(text)
        return True
    if step == "title" and text:
        entry.title = check_entry_text(text, limit=LIMITS.title_max)
        return True
    if step == "text" and text:
        entry.text = check_entry_text(text)
        return True
    if step == "content":
        if text:
            entry.text = check_entry_text(text, minimum=LIMITS.essay_min_chars)
            return True
        await add_media(message, entry, repo, bot, spoken=True)
        return True
    if step == "media":
        await add_media(message, entry, repo, bot, spoken=False)
        await repo.session.commit()
        if (
            message.media_group_id
            and sum(m.media_group_id == message.media_group_id for m in await repo.media_of(entry.id)) > 1
        ):
            return False
        count = len(await repo.media_of(entry.id))
        await message.answer(
            t("entry-media-added", count=count),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[db(t("button-done"), "media-done", "media")]]),
        )
        return False
    raise DomainError("error-use-buttons" if step in ("book", "confirm") else "error-text-expected")


def described(message: Message) -> tuple[MediaKind, str, str, int | None, int | None, str | None] | None:
    """(kind, file_id, file_unique_id, size, seconds, mime) of a message's file, if it has one."""
    if message.photo:
        p = message.photo[-1]
        return MediaKind.PHOTO, p.file_id, p.file_unique_id, p.file_size, None, "image/jpeg"
    for kind, obj in (
        (MediaKind.VIDEO, message.video),
        (MediaKind.VIDEO_NOTE, message.video_note),
        (MediaKind.VOICE, message.voice),
    ):
        if obj is not None:
            return kind, obj.file_id, obj.file_unique_id, obj.file_size, obj.duration, getattr(obj, "mime_type", None)
    if message.document is not None:
        d = message.document
        return MediaKind.DOCUMENT, d.file_id, d.file_unique_id, d.file_size, None, d.mime_type
    return None


async def add_media(message: Message, entry: Entry, repo: Repository, bot: Bot, *, spoken: bool) -> None:
    """Checks the file against the limits (and, for a spoken essay, that it is not mostly silence) and keeps it."""
    found = described(message)
    if found is None:
        raise DomainError("error-essay-expected" if spoken else "error-media-expected")
    kind, file_id, unique_id, size, seconds, mime = found
    check_media(kind, size, seconds, mime, len(await repo.media_of(entry.id)))
    speech = None
    if spoken:
        if kind not in SPOKEN:
            raise DomainError("error-essay-expected")
        if (seconds or 0) < LIMITS.essay_min_seconds:
            raise DomainError("error-essay-too-short", seconds=LIMITS.essay_min_seconds)
        data = await bot.download(file_id)
        assert data is not None
        try:
            measure = await measure_speech_async(data.read())
        except UndecodableMedia as exc:
            raise DomainError("error-media-undecodable") from exc
        if is_mostly_silent(measure):
            raise DomainError("error-essay-silent")
        speech = measure.speech_s
    await repo.add_media(
        entry.id,
        kind=kind.value,
        file_id=file_id,
        file_unique_id=unique_id,
        duration=seconds,
        file_size=size,
        mime_type=mime,
        media_group_id=message.media_group_id,
        speech_seconds=speech,
    )


def router() -> Router:
    """The diary handlers, in the order they are tried."""
    r = Router(name="diary")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(add_entry, MenuButton("menu-add-entry"))
    r.callback_query.register(choose_direction, DiaryCb.filter(F.action == "dir"))
    r.callback_query.register(choose_kind, DiaryCb.filter(F.action == "kind"))
    r.callback_query.register(on_button, DiaryCb.filter(F.entry_id == 0))
    r.message.register(on_input)
    return r
