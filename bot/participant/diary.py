"""The participant composes a diary entry (R5.2, R5.6): a prompt per step, an answer stored after each.

The rules and the stored progress are `core/drafts.py`; this module asks, parses and shows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import timedelta

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiohttp import ClientError

from bot.callbacks import DiaryCb
from bot.common.errors import localize
from bot.entries import summary
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button, columns
from core import drafts
from core.diary import LIMITS, STEPS
from core.errors import DomainError
from core.policy import Policy
from core.ports import EntryRecord
from core.programme import ApplicationStatus, Direction, EntryKind, MediaKind, Role
from core.speech import SpeechMeasure
from core.text_input import ascii_int
from locales.translations import Translator
from media.filetypes import HEAD_BYTES, detect_mime
from media.speech import measure_speech_async
from storage.holder import Holder
from storage.models import User

MINUTES = ("30", "45", "60", "90", "120")


def markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=rows)


def nav(t: Translator, entry: EntryRecord) -> list[list[InlineKeyboardButton]]:
    steps = STEPS[EntryKind(entry.kind)]
    row = (
        [button(t("button-back"), DiaryCb(action="back", value=entry.step))]
        if steps.index(entry.step) > 0 and not entry.revising
        else []
    )
    return [row + [button(t("button-discard"), DiaryCb(action="discard", value=entry.step))]]


async def show_step(message: Message, entry: EntryRecord, t: Translator, uow: Holder, policy: Policy) -> None:
    """The prompt of the entry's current step."""
    step = entry.step
    rows: list[list[InlineKeyboardButton]] = []
    if step == "date":
        text = t("ask-entry-date", days=policy.backdate_days)
        rows = [
            [
                button(t("button-today"), DiaryCb(action="date", value="0")),
                button(t("button-yesterday"), DiaryCb(action="date", value="1")),
            ]
        ]
    elif step == "minutes":
        text = t("ask-entry-minutes")
        rows = columns([button(t("minutes", minutes=int(m)), DiaryCb(action="minutes", value=m)) for m in MINUTES], 5)
    elif step in ("text", "title"):
        text = t(f"ask-entry-{step}-{entry.kind.replace('_', '-')}")
    elif step == "book":
        sections = (1,) if entry.direction == Direction.HERITAGE else (1, 2, 3)
        text = t("ask-entry-book-section")
        rows = [[button(t(f"book-section-{s}"), DiaryCb(action="section", value=str(s)))] for s in sections]
    elif step == "content":
        text = t("ask-entry-content", chars=LIMITS.essay_min_chars, seconds=LIMITS.essay_min_seconds)
    elif step == "media":
        count = len(await uow.entries.media(entry.id))
        text = t(f"ask-entry-media-{entry.kind.replace('_', '-')}", count=count, max=LIMITS.max_files)
        rows = [[button(t("button-done"), DiaryCb(action="media-done", value=step))]]
    else:
        files = len(await uow.entries.media(entry.id))
        text = summary(t, entry, await uow.catalogue.book(entry.book_code), files) + "\n\n" + t("ask-entry-confirm")
        rows = [[button(t("button-send-entry"), DiaryCb(action="send", value=step))]]
    await message.answer(text, reply_markup=markup(rows + nav(t, entry)))


def message_of(query: CallbackQuery) -> Message:
    assert isinstance(query.message, Message)
    return query.message


async def answered(query: CallbackQuery, draft: drafts.Draft, t: Translator, uow: Holder, policy: Policy) -> None:
    """The button did its work: the prompt of the step the entry is at now."""
    await query.answer()
    await show_step(message_of(query), draft.entry, t, uow, policy)


async def add_entry(message: Message, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    """Continues an unfinished entry, or asks for the direction of a new one."""
    app = await drafts.active_application(uow, user.id)
    entry = await uow.entries.draft(app.id)
    if entry is not None:
        await message.answer(t("entry-continue"))
        await show_step(message, entry, t, uow, policy)
        return
    buttons = [button(t(f"direction-{d}"), DiaryCb(action="dir", value=d)) for d in app.directions]
    await message.answer(t("ask-entry-direction"), reply_markup=markup(columns(buttons)))


async def choose_direction(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    direction = callback_data.value
    kinds = await drafts.kinds(uow, user.id, direction)
    await query.answer()
    if len(kinds) == 1:
        draft = await drafts.start(uow, user.id, direction, kinds[0])
        await show_step(message_of(query), draft.entry, t, uow, policy)
        return
    rows = [
        [button(t(f"entry-kind-{k.value.replace('_', '-')}"), DiaryCb(action="kind", value=f"{direction}.{k.value}"))]
        for k in kinds
    ]
    await message_of(query).answer(t("ask-entry-kind"), reply_markup=markup(rows))


async def choose_kind(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    direction, _, kind = callback_data.value.partition(".")
    await answered(query, await drafts.start(uow, user.id, direction, kind), t, uow, policy)


async def back(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    await answered(query, await drafts.back(uow, user.id, callback_data.value), t, uow, policy)


async def ask_discard(query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User) -> None:
    """Irreversible, so it asks first."""
    step = (await drafts.current(uow, user.id, callback_data.value)).entry.step
    await query.answer()
    rows = [
        [
            button(t("button-discard-confirm"), DiaryCb(action="discard-yes", value=step)),
            button(t("button-keep"), DiaryCb(action="keep", value=step)),
        ]
    ]
    await message_of(query).answer(t("discard-confirm"), reply_markup=markup(rows))


async def discard(query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User) -> None:
    await drafts.discard(uow, user.id, callback_data.value)
    await query.answer()
    await message_of(query).edit_text(t("entry-discarded"))


async def keep(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    await answered(query, await drafts.current(uow, user.id, callback_data.value), t, uow, policy)


async def date_button(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    """Today or yesterday; an older date is typed."""
    if callback_data.value not in ("0", "1"):
        raise DomainError("error-bad-button")
    now = policy.now()
    day = policy.today(now) - timedelta(days=int(callback_data.value))
    await answered(query, await drafts.set_date(uow, user.id, day, now, policy), t, uow, policy)


async def minutes_button(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    if callback_data.value not in MINUTES:
        raise DomainError("error-bad-button")
    await answered(query, await drafts.set_minutes(uow, user.id, int(callback_data.value)), t, uow, policy)


async def book_section(query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User) -> None:
    section = ascii_int(callback_data.value, max_digits=1) or 0
    draft = await drafts.books_of_section(uow, user.id, section)
    rows = [
        [button(f"{t.name(b, 'title')} — {t.name(b, 'author')}", DiaryCb(action="book", value=b.code))]
        for b in await uow.catalogue.books(section)
    ]
    await query.answer()
    text = t("ask-entry-book", section=t(f"book-section-{section}"))
    await message_of(query).edit_text(text, reply_markup=markup(rows + nav(t, draft.entry)))


async def book(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    await answered(query, await drafts.choose_book(uow, user.id, callback_data.value), t, uow, policy)


async def media_done(
    query: CallbackQuery, callback_data: DiaryCb, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    await answered(query, await drafts.finish_media(uow, user.id), t, uow, policy)


async def send(query: CallbackQuery, t: Translator, uow: Holder, user: User, policy: Policy) -> None:
    """Stored and queued for the mentor before the participant is told it was sent."""
    result = await drafts.submit(uow, user.id, policy.now(), policy)
    await query.answer(t("entry-sent-toast"))
    message = message_of(query)
    await message.edit_text(t("entry-sent"))
    if result.employer_payload:
        link = await deep_link(query.bot, result.employer_payload)
        hours = int(policy.consent_ttl.total_seconds() // 3600)
        await message.answer(t("work-employer-link", link=link, hours=hours))


async def deep_link(bot: Bot | None, payload: str) -> str:
    assert bot is not None
    return f"https://t.me/{(await bot.me()).username}?start={payload}"


def described(message: Message) -> drafts.MediaFile | None:
    """What Telegram reports about the message's file, if it has one."""
    group = message.media_group_id
    if message.photo:
        p = message.photo[-1]
        return drafts.MediaFile(MediaKind.PHOTO, p.file_id, p.file_unique_id, p.file_size, None, "image/jpeg", group)
    for kind, obj in (
        (MediaKind.VIDEO, message.video),
        (MediaKind.VIDEO_NOTE, message.video_note),
        (MediaKind.VOICE, message.voice),
    ):
        if obj is not None:
            mime = getattr(obj, "mime_type", None)
            return drafts.MediaFile(kind, obj.file_id, obj.file_unique_id, obj.file_size, obj.duration, mime, group)
    if message.document is not None:
        d = message.document
        return drafts.MediaFile(MediaKind.DOCUMENT, d.file_id, d.file_unique_id, d.file_size, None, d.mime_type, group)
    return None


async def download(bot: Bot, file_id: str) -> bytes:
    """The file's bytes from Telegram; any failure to fetch them is the use case's DownloadFailed."""
    try:
        data = await bot.download(file_id)
    except (TelegramAPIError, ClientError, TimeoutError) as exc:
        raise drafts.DownloadFailed(type(exc).__name__) from exc
    assert data is not None
    return data.read()


async def download_head(bot: Bot, file_id: str, size: int = HEAD_BYTES) -> bytes:
    """Only the first bytes of a file, which tell its type: a 20 MB document is not fetched whole for that."""
    head = b""
    try:
        file = await bot.get_file(file_id)
        url = bot.session.api.file_url(bot.token, file.file_path or "")
        async with contextlib.aclosing(bot.session.stream_content(url, chunk_size=size)) as chunks:
            async for chunk in chunks:
                head += chunk
                if len(head) >= size:
                    break
    except (TelegramAPIError, ClientError, TimeoutError) as exc:
        raise drafts.DownloadFailed(type(exc).__name__) from exc
    return head[:size]


async def on_input(message: Message, t: Translator, uow: Holder, user: User, policy: Policy, bot: Bot) -> None:
    """Answers to the entry's current step; anything else gets the step's prompt again, nothing is lost."""
    app = await uow.applications.open_of(user.id)
    entry: EntryRecord | None = None
    if app is not None and app.status == ApplicationStatus.ACTIVE.value:
        entry = await uow.entries.draft(app.id)
    if entry is None:
        raise SkipHandler()

    async def measure(file_id: str) -> SpeechMeasure:
        return await measure_speech_async(await download(bot, file_id))

    async def detect(file_id: str) -> str | None:
        return detect_mime(await download_head(bot, file_id))

    try:
        if message.text:
            entry = (await drafts.answer(uow, user.id, message.text, policy.now(), policy)).entry
        else:
            added = await drafts.add_media(uow, user.id, described(message), measure, detect)
            if entry.step == "media":
                if not added.album_continues:
                    done = markup([[button(t("button-done"), DiaryCb(action="media-done", value="media"))]])
                    await message.answer(t("entry-media-added", count=added.count), reply_markup=done)
                return
    except DomainError as error:
        await message.answer(localize(t, error))
    await show_step(message, entry, t, uow, policy)


def router() -> Router:
    """The diary composer's handlers: one per button, then typed answers and files."""
    r = Router(name="diary")
    r.message.filter(RoleFilter(Role.PARTICIPANT))
    r.callback_query.filter(RoleFilter(Role.PARTICIPANT))
    r.message.register(add_entry, MenuButton("menu-add-entry"))
    composer: dict[str, Callable[..., object]] = {
        "dir": choose_direction,
        "kind": choose_kind,
        "back": back,
        "discard": ask_discard,
        "discard-yes": discard,
        "keep": keep,
        "date": date_button,
        "minutes": minutes_button,
        "section": book_section,
        "book": book,
        "media-done": media_done,
        "send": send,
    }
    for action, handler in composer.items():
        r.callback_query.register(handler, DiaryCb.filter((F.action == action) & (F.entry_id == 0)))
    r.message.register(on_input)
    return r
