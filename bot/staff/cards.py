"""Staff cards (R8.2) for those above a staff member, the coordinator's and the operator's «🧑‍🏫 Staff» list, and
a mentor's or an expert's documents sent on by their file ids.

Every button is re-checked by `core/staff_profiles.py` (access in `core/access.py`): the buttons are answered
for any role, so a participant's or a peer's forged card or documents button is refused, not ignored.
"""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import StaffCardCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core import staff_profiles
from core.access import DOCUMENT_OWNERS
from core.programme import Role
from core.staff_profiles import Profile, StaffCard
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

SHOWN_FIELDS = ("phone", "region", "organisation", "bio")


async def profile_lines(t: Translator, uow: Holder, profile: Profile, *, own: bool = False) -> list[str]:
    """The profile's fields; the owner also sees their name and whether a photo is there."""
    fields = ("photo", "full_name", *SHOWN_FIELDS) if own else SHOWN_FIELDS
    lines = []
    for field in fields:
        value = profile.value(field)
        if field == "photo" and value:
            value = t("profile-photo-present")
        elif field == "region" and value:
            region = await uow.catalogue.region(value)
            value = t.name(region) if region is not None else value
        label = t(f"profile-field-{field.replace('_', '-')}")
        lines.append(t("profile-field-line", label=label, value=value or t("profile-empty")))
    return lines


def completion(t: Translator, percents: dict[str, int]) -> str:
    if not percents:
        return t("profile-empty")
    return ", ".join(t("sc-direction-percent", direction=t(f"direction-{d}"), percent=p) for d, p in percents.items())


async def card_text(t: Translator, uow: Holder, card: StaffCard, title: str | None = None) -> str:
    staff = card.profile.staff
    name = staff.full_name or str(staff.user_id)
    lines = [title or t(f"sc-title-{staff.role}", name=name), *await profile_lines(t, uow, card.profile)]
    if staff.role == Role.MENTOR:
        lines.append(t("sc-participants", count=len(card.participants)))
        lines += [
            t(
                "sc-participant-line",
                name=line.app.full_name or "—",
                status=t("status-" + line.app.status.replace("_", "-")),
                rating=line.app.rating or 0,
                completion=completion(t, line.percents),
            )
            for line in card.participants
        ]
        lines.append(t("sc-journal"))
        lines += [t("sv-note-line", date=n.created_at.strftime("%d.%m.%Y"), text=n.text) for n in card.notes]
        if not card.notes:
            lines.append(t("sc-no-notes"))
    if card.team is not None:
        lines.append(t("sc-team", count=card.team.participants))
        lines += [
            t("sc-direction-percent", direction=t(f"direction-{d.direction}"), percent=d.average)
            for d in card.team.directions
        ]
    if staff.role == Role.EXPERT:
        lines.append(t("sc-mentors", count=len(card.mentors)))
    if staff.role == Role.COORDINATOR:
        lines.append(t("sc-experts", count=len(card.experts)))
    return "\n".join(lines)


def card_rows(t: Translator, card: StaffCard) -> list[list[InlineKeyboardButton]]:
    """Documents, then each mentor (an expert's card) or expert (a coordinator's), each opening their card."""
    staff = card.profile.staff
    rows = []
    if staff.role in DOCUMENT_OWNERS:
        rows.append(
            [button(t("button-sc-documents", count=card.documents), StaffCardCb(action="docs", target=staff.user_id))]
        )
    for mentor, count in card.mentors:
        label = html.unescape(t("sv-mentor-row", name=mentor.full_name or str(mentor.user_id), count=count))
        rows.append([button(label, StaffCardCb(action="card", target=mentor.user_id))])
    for expert in card.experts:
        rows.append(
            [button(expert.full_name or str(expert.user_id), StaffCardCb(action="card", target=expert.user_id))]
        )
    return rows


async def send_card(
    message: Message,
    t: Translator,
    uow: Holder,
    card: StaffCard,
    *,
    title: str | None = None,
    more: list[list[InlineKeyboardButton]] | None = None,
) -> None:
    profile = card.profile.profile
    if profile is not None and profile.photo_file_id:
        await message.answer_photo(profile.photo_file_id, caption=card.profile.staff.full_name or "")
    rows = card_rows(t, card) + (more or [])
    await message.answer(await card_text(t, uow, card, title), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


async def staff_page(t: Translator, uow: Holder, staff: Staff | None, page: int) -> tuple[str, InlineKeyboardMarkup]:
    found = await staff_profiles.staff_list(uow, staff, page)
    rows = [
        [
            button(
                html.unescape(t("sc-list-row", name=m.full_name or str(m.user_id), role=t(f"role-{m.role}"))),
                StaffCardCb(action="card", target=m.user_id),
            )
        ]
        for m in found.members
    ]
    paging = []
    if found.page > 0:
        paging.append(button(t("button-sc-previous"), StaffCardCb(action="list", target=found.page - 1)))
    if found.page + 1 < found.pages:
        paging.append(button(t("button-sc-next"), StaffCardCb(action="list", target=found.page + 1)))
    if paging:
        rows.append(paging)
    text = t("sc-list-title", page=found.page + 1, pages=found.pages)
    if not found.members:
        text += "\n" + t("sc-list-empty")
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


async def list_staff(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    text, markup = await staff_page(t, uow, staff, 0)
    await message.answer(text, reply_markup=markup)


async def turn_page(
    query: CallbackQuery, callback_data: StaffCardCb, t: Translator, uow: Holder, staff: Staff | None
) -> None:
    text, markup = await staff_page(t, uow, staff, callback_data.target)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)


async def open_card(
    query: CallbackQuery, callback_data: StaffCardCb, t: Translator, uow: Holder, staff: Staff | None
) -> None:
    card = await staff_profiles.card(uow, staff, callback_data.target)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    more = []
    if staff is not None and staff.role in (Role.COORDINATOR, Role.OPERATOR):
        more.append([button(t("button-sc-to-list"), StaffCardCb(action="list", target=0))])
    await send_card(query.message, t, uow, card, more=more)


async def send_documents(
    query: CallbackQuery, callback_data: StaffCardCb, t: Translator, uow: Holder, staff: Staff | None
) -> None:
    owner, docs = await staff_profiles.documents_for(uow, staff, callback_data.target)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    message = query.message
    name = owner.full_name or str(owner.user_id)
    if not docs:
        await message.answer(t("sc-no-documents", name=name))
        return
    await message.answer(t("sc-documents", name=name, count=len(docs)))
    for doc in docs:
        caption = t(
            "sc-document-caption", kind=t(f"profile-doc-kind-{doc.kind}"), date=doc.uploaded_at.strftime("%d.%m.%Y")
        )
        if doc.media == "photo":
            await message.answer_photo(doc.file_id, caption=caption)
        else:
            await message.answer_document(doc.file_id, caption=caption)


def router() -> Router:
    """The staff list for coordinators and the operator; cards and documents for whoever may see them."""
    r = Router(name="staff-cards")
    r.message.register(list_staff, RoleFilter(Role.COORDINATOR, Role.OPERATOR), MenuButton("menu-staff"))
    r.callback_query.register(turn_page, StaffCardCb.filter(F.action == "list"))
    r.callback_query.register(open_card, StaffCardCb.filter(F.action == "card"))
    r.callback_query.register(send_documents, StaffCardCb.filter(F.action == "docs"))
    return r
