"""The employer confirms a participant's work-experience report through a one-time link (R5.2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.contacts import own_contact, share_phone_keyboard
from bot.keyboards import main_menu
from bot.notify import notify
from core.errors import DomainError
from core.links import EMPLOYER, consume, create_link, valid_link
from core.ports import LinkRecord
from core.programme import EntryKind, EntryStatus, Role
from core.settings import Settings
from locales.translations import Translations, Translator
from storage.models import Application, Entry, User
from storage.repository import Repository

OPEN_FOR_CONFIRMATION = (EntryStatus.PENDING.value, EntryStatus.MORE_WORK.value)


class EmployerCb(CallbackData, prefix="em"):
    action: str
    entry_id: int


class EmployerFlow(StatesGroup):
    contact = State()
    confirm = State()


async def work_entry(
    repo: Repository, token: str, user_id: int, now: datetime
) -> tuple[Entry, Application, LinkRecord]:
    """The report a live employer link points to; refuses used, expired, forged links and the participant."""
    link = await valid_link(repo, EMPLOYER, token, now)
    entry = await repo.entry(int(link.payload["entry_id"]), for_update=True)
    if (
        entry is None
        or entry.kind != EntryKind.WORK.value
        or entry.employer_confirmed_at is not None
        or entry.status not in OPEN_FOR_CONFIRMATION
    ):
        raise DomainError("error-link-invalid")
    app = await repo.application(entry.application_id, for_update=True)
    if app is None:
        raise DomainError("error-link-invalid")
    if app.user_id == user_id:
        raise DomainError("error-employer-is-participant")
    return entry, app, link


async def offer_link(
    message: Message, entry: Entry, t: Translator, repo: Repository, user: User, now: datetime, settings: Settings
) -> None:
    """Called after a work report is submitted: a fresh one-time link for the employer (older ones stop working)."""
    if entry.kind != EntryKind.WORK.value or entry.employer_confirmed_at is not None:
        return
    await repo.expire_links(EMPLOYER, "entry_id", entry.id, now)
    ttl = timedelta(hours=settings.consent_ttl_hours)
    payload = await create_link(repo, EMPLOYER, {"entry_id": entry.id}, now, ttl, created_by=user.id)
    await repo.session.commit()
    assert message.bot is not None
    me = await message.bot.me()
    link = f"https://t.me/{me.username}?start={payload}"
    await message.answer(t("work-employer-link", link=link, hours=settings.consent_ttl_hours))


def report_text(t: Translator, entry: Entry, app: Application) -> str:
    return t(
        "work-employer-intro",
        name=app.full_name or "",
        date=entry.activity_date.strftime("%d.%m.%Y") if entry.activity_date else "—",
        minutes=entry.minutes or 0,
        text=entry.text or "",
    )


async def open_link(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
) -> None:
    token = (command.args or "")[2:]
    entry, app, _ = await work_entry(repo, token, user.id, clock())
    await state.set_state(EmployerFlow.contact)
    await state.update_data(token=token, entry_id=entry.id)
    keyboard = share_phone_keyboard(t)
    await message.answer(report_text(t, entry, app) + "\n\n" + t("work-employer-ask-contact"), reply_markup=keyboard)


async def got_contact(
    message: Message,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    role: Role,
    clock: Callable[[], datetime],
) -> None:
    name, phone = own_contact(message, user.id)
    entry, app, _ = await work_entry(repo, (await state.get_data())["token"], user.id, clock())
    await state.update_data(phone=phone, name=name)
    await state.set_state(EmployerFlow.confirm)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("button-work-confirm"), callback_data=EmployerCb(action="confirm", entry_id=entry.id).pack()
                )
            ],
            [
                InlineKeyboardButton(
                    text=t("button-cancel"), callback_data=EmployerCb(action="cancel", entry_id=entry.id).pack()
                )
            ],
        ]
    )
    await message.answer(t("contact-saved"), reply_markup=main_menu(t, role))
    await message.answer(t("work-employer-confirm-question", name=app.full_name or ""), reply_markup=markup)


async def confirm(
    query: CallbackQuery,
    callback_data: EmployerCb,
    state: FSMContext,
    t: Translator,
    repo: Repository,
    user: User,
    clock: Callable[[], datetime],
    translations: Translations,
) -> None:
    """Stores who confirmed and when, consumes the link; committed before anyone is told."""
    data = await state.get_data()
    now = clock()
    entry, app, link = await work_entry(repo, data["token"], user.id, now)
    if entry.id != callback_data.entry_id:
        raise DomainError("error-bad-button")
    entry.employer_name = data["name"]
    entry.employer_phone = data["phone"]
    entry.employer_confirmed_at = now
    consume(link, user.id, now)
    date = entry.activity_date.strftime("%d.%m.%Y") if entry.activity_date else "—"
    participant = await repo.user(app.user_id or 0)
    if participant is not None:
        pt = translations.translator(participant.locale)
        text = pt("work-confirmed-news", date=date, employer=entry.employer_name)
        await notify(repo, participant.id, text, key=f"work-confirmed:{entry.id}:participant", now=now)
    reviewer = await repo.user(await repo.acting_for(app.mentor_id or 0))
    if reviewer is not None:
        mt = translations.translator(reviewer.locale)
        text = mt("work-confirmed-mentor", name=app.full_name or "", date=date, employer=entry.employer_name)
        await notify(repo, reviewer.id, text, key=f"work-confirmed:{entry.id}:mentor", now=now, kind="alert")
    await repo.session.commit()
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("work-employer-thanks", name=app.full_name or ""))


async def cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("work-employer-cancelled"))


def router() -> Router:
    """The employer-confirmation handlers, in the order they are tried."""
    r = Router(name="confirmation")
    r.message.register(open_link, CommandStart(deep_link=True, magic=F.args.startswith("e_")))
    r.message.register(got_contact, EmployerFlow.contact)
    r.callback_query.register(confirm, EmployerFlow.confirm, EmployerCb.filter(F.action == "confirm"))
    r.callback_query.register(cancel, EmployerCb.filter(F.action == "cancel"))
    return r
