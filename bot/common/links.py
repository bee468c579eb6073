"""One-time links opened with `/start <payload>` (R2.5, R5.2, R6.7): one flow for every purpose.

A staff invitation binds the account at once and asks for the staff member's name and profile. A legal
representative's consent and an employer's confirmation ask the opener to share their own contact, show
what they confirm, and store it after a button; the rules of each are `core/applications.py` and
`core/work.py`, the link itself `core/links.py`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import LinkCb
from bot.commands import set_for_staff
from bot.contacts import own_contact, share_phone_keyboard
from bot.keyboards import button, main_menu
from bot.staff import profile
from core import applications, invitations, work
from core.errors import DomainError
from core.links import EMPLOYER, GUARDIAN, INVITE, split_payload
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import User


class LinkFlow(StatesGroup):
    contact = State()
    confirm = State()
    staff_name = State()


@dataclass(frozen=True)
class Subject:
    """What a link points to, as its opener is shown it."""

    target: int
    intro: str
    question: str


@dataclass(frozen=True)
class Purpose:
    inspect: Callable[[Holder, str, int, datetime, Translator, str | None], Awaitable[Subject]]
    """What the link points to, checked for its opener and, once shared, their phone (None before)."""
    confirm: Callable[[Holder, str, int, str, str, datetime, Translator], Awaitable[str]]
    confirm_button: str
    cancelled: str


async def guardian_subject(
    uow: Holder, token: str, user_id: int, now: datetime, t: Translator, phone: str | None
) -> Subject:
    app, _ = await applications.guardian_application(uow, token, user_id, now, phone)
    name = app.full_name or ""
    question = t("guardian-agreement", name=name, level=t(f"level-{app.level}"))
    return Subject(app.id, t("guardian-intro", name=name), question)


async def guardian_confirm(
    uow: Holder, token: str, user_id: int, name: str, phone: str, now: datetime, t: Translator
) -> str:
    result = await applications.confirm_guardian(uow, token, user_id, name, phone, now)
    return t("guardian-confirmed", name=result.app.full_name or "")


async def employer_subject(
    uow: Holder, token: str, user_id: int, now: datetime, t: Translator, phone: str | None
) -> Subject:
    found = await work.report(uow, token, user_id, now)
    entry, name = found.entry, found.app.full_name or ""
    intro = t(
        "work-employer-intro",
        name=name,
        date=entry.activity_date.strftime("%d.%m.%Y") if entry.activity_date else "—",
        minutes=entry.minutes or 0,
        text=entry.text or "",
    )
    intro += "\n\n" + t("work-employer-ask-contact")
    return Subject(entry.id, intro, t("work-employer-confirm-question", name=name))


async def employer_confirm(
    uow: Holder, token: str, user_id: int, name: str, phone: str, now: datetime, t: Translator
) -> str:
    result = await work.confirm(uow, token, user_id, name, phone, now)
    return t("work-employer-thanks", name=result.app.full_name or "")


PURPOSES = {
    GUARDIAN: Purpose(guardian_subject, guardian_confirm, "button-guardian-confirm", "guardian-cancelled"),
    EMPLOYER: Purpose(employer_subject, employer_confirm, "button-work-confirm", "work-employer-cancelled"),
}


async def open_link(
    message: Message, command: CommandObject, state: FSMContext, t: Translator, uow: Holder, user: User, policy: Policy
) -> None:
    found = split_payload(command.args or "")
    assert found is not None
    purpose, token = found
    await state.clear()
    if purpose == INVITE:
        await accept_invitation(message, state, t, uow, user, token, policy.now())
        return
    subject = await PURPOSES[purpose].inspect(uow, token, user.id, policy.now(), t, None)
    await state.set_state(LinkFlow.contact)
    await state.update_data(purpose=purpose, token=token)
    await message.answer(subject.intro, reply_markup=share_phone_keyboard(t))


async def accept_invitation(
    message: Message, state: FSMContext, t: Translator, uow: Holder, user: User, token: str, now: datetime
) -> None:
    staff = await invitations.accept(uow, token, user.id, now)
    await state.set_state(LinkFlow.staff_name)
    role = Role(staff.role)
    await message.answer(t("invitation-accepted", role=t(f"role-{role.value}")), reply_markup=main_menu(t, role))
    await message.answer(t("ask-staff-full-name"))


async def staff_name(message: Message, state: FSMContext, t: Translator, uow: Holder, user: User) -> None:
    """The name, then the rest of the profile, question by question (`bot/staff/profile.py`)."""
    staff = await invitations.set_full_name(uow, user.id, message.text or "")
    await state.clear()
    if staff is None:
        return
    if message.bot is not None:
        await set_for_staff(message.bot, t, user.id, Role(staff.role))
    await profile.begin(message, state, t, uow, staff, t("staff-profile-saved", name=staff.full_name or ""))


async def got_contact(
    message: Message, state: FSMContext, t: Translator, uow: Holder, user: User, role: Role, policy: Policy
) -> None:
    """Only the opener's own contact; what the link points to is checked again, it may have changed, and
    with the phone: a refused one leaves the opener here, to share another."""
    name, phone = own_contact(message, user.id)
    data = await state.get_data()
    purpose = PURPOSES[data["purpose"]]
    subject = await purpose.inspect(uow, data["token"], user.id, policy.now(), t, phone)
    await state.update_data(name=name, phone=phone)
    await state.set_state(LinkFlow.confirm)
    rows = [
        [button(t(purpose.confirm_button), LinkCb(action="confirm", purpose=data["purpose"], target=subject.target))],
        [button(t("button-cancel"), LinkCb(action="cancel", purpose=data["purpose"], target=subject.target))],
    ]
    await message.answer(t("contact-saved"), reply_markup=main_menu(t, role))
    await message.answer(subject.question, reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def confirm(
    query: CallbackQuery,
    callback_data: LinkCb,
    state: FSMContext,
    t: Translator,
    uow: Holder,
    user: User,
    policy: Policy,
) -> None:
    data = await state.get_data()
    if data.get("purpose") != callback_data.purpose or callback_data.purpose not in PURPOSES:
        raise DomainError("error-stale-button")
    purpose = PURPOSES[callback_data.purpose]
    subject = await purpose.inspect(uow, data["token"], user.id, policy.now(), t, data["phone"])
    if subject.target != callback_data.target:
        raise DomainError("error-bad-button")
    thanks = await purpose.confirm(uow, data["token"], user.id, data["name"], data["phone"], policy.now(), t)
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(thanks)


async def cancel(query: CallbackQuery, callback_data: LinkCb, state: FSMContext, t: Translator) -> None:
    if callback_data.purpose not in PURPOSES:
        raise DomainError("error-bad-button")
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t(PURPOSES[callback_data.purpose].cancelled))


def router() -> Router:
    """The one-time link handlers: before the plain /start, and their follow-up steps."""
    r = Router(name="links")
    r.message.register(open_link, CommandStart(deep_link=True, magic=F.args.func(split_payload)))
    r.message.register(staff_name, LinkFlow.staff_name, F.text)
    r.message.register(got_contact, LinkFlow.contact)
    r.callback_query.register(confirm, LinkFlow.confirm, LinkCb.filter(F.action == "confirm"))
    r.callback_query.register(cancel, LinkCb.filter(F.action == "cancel"))
    return r
