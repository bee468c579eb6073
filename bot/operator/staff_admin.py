"""The operator's staff from the bot (R6.6): each role's list, paged; a member's place, supervisor and state;
assigning a mentor's expert or an expert's region; deactivating and reactivating (after a confirmation).

The rules are `core/staff_admin.py`; a deactivated member's duties pass on as in an absence.
"""

from __future__ import annotations

from typing import cast

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CatalogueAdminCb, StaffAdminCb
from bot.filters import RoleFilter
from bot.keyboards import button, columns
from core import staff_admin
from core.errors import DomainError
from core.policy import Policy
from core.programme import STAFF_ROLES, Role
from core.text_input import ascii_int
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

PAGE = staff_admin.PAGE
Cb = StaffAdminCb


def message_of(query: CallbackQuery) -> Message:
    assert isinstance(query.message, Message)
    return query.message


def markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=rows)


def state_mark(member: Staff) -> str:
    if not member.active:
        return "🚫 "
    return "🏖 " if member.absent_since is not None else ""


async def roles(query: CallbackQuery, t: Translator) -> None:
    buttons = [button(t(f"role-{role.value}"), Cb(action="list", role=role.value)) for role in STAFF_ROLES]
    rows = columns(buttons) + [[button(t("button-back"), CatalogueAdminCb(action="home"))]]
    await query.answer()
    await message_of(query).edit_text(t("admin-choose-role"), reply_markup=markup(rows))


async def list_staff(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder) -> None:
    role = staff_admin.check_role(callback_data.role)
    page = max(callback_data.page, 0)
    members, total = await uow.admin.staff(role.value, page * PAGE, PAGE)
    rows = [
        [button(state_mark(m) + (m.full_name or str(m.user_id)), Cb(action="open", user_id=m.user_id))] for m in members
    ]
    nav = []
    if page > 0:
        nav.append(button("◀", Cb(action="list", role=role.value, page=page - 1)))
    if (page + 1) * PAGE < total:
        nav.append(button("▶", Cb(action="list", role=role.value, page=page + 1)))
    rows += [nav] if nav else []
    rows.append([button(t("button-back"), Cb(action="roles"))])
    text = t("admin-staff-list", role=t(f"role-{role.value}"), count=total, page=page + 1)
    await query.answer()
    await message_of(query).edit_text(text, reply_markup=markup(rows))


async def place_of(t: Translator, uow: Holder, member: Staff) -> str:
    """A member's centre, or their region (an expert's own, else their mentors' centres')."""
    centre = await uow.catalogue.centre(member.centre_id) if member.centre_id else None
    if centre is not None:
        return t.name(centre)
    code = await uow.staff.region_of(member)
    region = await uow.catalogue.region(code) if code else None
    return t.name(region) if region else "—"


async def member_view(t: Translator, uow: Holder, operator: Staff, user_id: int) -> tuple[str, InlineKeyboardMarkup]:
    member = cast(Staff, await staff_admin.member_of(uow, user_id))
    lines = [
        t("admin-staff-title", name=member.full_name or str(member.user_id), role=t(f"role-{member.role}")),
        t("admin-staff-place", place=await place_of(t, uow, member)),
    ]
    if member.role == Role.MENTOR.value:
        expert = await uow.staff.get(member.expert_id or 0)
        lines.append(t("admin-staff-expert", name=(expert.full_name if expert else None) or "—"))
    if not member.active:
        lines.append(t("admin-staff-inactive"))
    elif member.absent_since is not None:
        lines.append(t("admin-staff-absent"))
    else:
        lines.append(t("admin-staff-active"))
    rows: list[list[InlineKeyboardButton]] = []
    if member.role == Role.MENTOR.value:
        rows.append([button(t("button-admin-assign-expert"), Cb(action="experts", user_id=member.user_id))])
    if member.role == Role.EXPERT.value:
        rows.append([button(t("button-admin-assign-region"), Cb(action="regions", user_id=member.user_id))])
    if member.user_id != operator.user_id:
        action, key = ("off", "button-admin-deactivate") if member.active else ("on", "button-admin-reactivate")
        rows.append([button(t(key), Cb(action=action, user_id=member.user_id))])
    rows.append([button(t("button-back"), Cb(action="list", role=member.role))])
    return "\n".join(lines), markup(rows)


async def open_member(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder, staff: Staff) -> None:
    text, keyboard = await member_view(t, uow, staff, callback_data.user_id)
    await query.answer()
    await message_of(query).edit_text(text, reply_markup=keyboard)


async def choose_expert(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder) -> None:
    """The active experts, paged; the mentor's present one is marked."""
    mentor = await staff_admin.member_of(uow, callback_data.user_id)
    if mentor.role != Role.MENTOR.value:
        raise DomainError("admin-error-not-mentor")
    page = max(callback_data.page, 0)
    experts, total = await uow.admin.staff(Role.EXPERT.value, page * PAGE, PAGE, active_only=True)
    rows = [
        [
            button(
                ("✅ " if e.user_id == mentor.expert_id else "") + (e.full_name or str(e.user_id)),
                Cb(action="expert", user_id=mentor.user_id, value=str(e.user_id)),
            )
        ]
        for e in experts
    ]
    nav = []
    if page > 0:
        nav.append(button("◀", Cb(action="experts", user_id=mentor.user_id, page=page - 1)))
    if (page + 1) * PAGE < total:
        nav.append(button("▶", Cb(action="experts", user_id=mentor.user_id, page=page + 1)))
    rows += [nav] if nav else []
    rows.append([button(t("button-back"), Cb(action="open", user_id=mentor.user_id))])
    text = t("admin-choose-expert", name=mentor.full_name or str(mentor.user_id)) if experts else t("admin-no-experts")
    await query.answer()
    await message_of(query).edit_text(text, reply_markup=markup(rows))


async def assign_expert(
    query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    expert_id = ascii_int(callback_data.value, max_digits=15)
    if expert_id is None:
        raise DomainError("error-bad-button")
    await staff_admin.assign_expert(uow, staff, callback_data.user_id, expert_id, policy.now())
    await shown_again(query, t, uow, staff, callback_data.user_id, "admin-assigned")


async def choose_region(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder) -> None:
    """Active regions; the expert's own is marked ✅, the default (their mentors' centres') ⭐."""
    expert = cast(Staff, await staff_admin.member_of(uow, callback_data.user_id))
    if expert.role != Role.EXPERT.value:
        raise DomainError("admin-error-not-expert")
    default = await uow.staff.region_of(expert) if expert.region_code is None else None
    buttons = []
    for region in await uow.catalogue.regions():
        mark = "✅ " if region.code == expert.region_code else "⭐ " if region.code == default else ""
        buttons.append(button(mark + t.name(region), Cb(action="region", user_id=expert.user_id, value=region.code)))
    rows = columns(buttons) + [[button(t("button-back"), Cb(action="open", user_id=expert.user_id))]]
    await query.answer()
    await message_of(query).edit_text(
        t("admin-choose-region", name=expert.full_name or str(expert.user_id)), reply_markup=markup(rows)
    )


async def assign_region(
    query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    await staff_admin.assign_region(uow, staff, callback_data.user_id, callback_data.value, policy.now())
    await shown_again(query, t, uow, staff, callback_data.user_id, "admin-assigned")


async def ask_toggle(query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder) -> None:
    """Deactivating says what happens to the member's duties, and is confirmed first; so is reactivating."""
    member = await staff_admin.member_of(uow, callback_data.user_id)
    active = callback_data.action == "on"
    if member.active == active:
        raise DomainError("error-stale-button")
    name = member.full_name or str(member.user_id)
    if active:
        text = t("admin-confirm-staff-reactivate", name=name)
    elif member.role in staff_admin.HANDED_OVER:
        text = t(f"admin-confirm-staff-deactivate-{member.role}", name=name)
    else:
        text = t("admin-confirm-staff-deactivate", name=name)
    rows = [
        [
            button(t("button-admin-yes"), Cb(action="ony" if active else "offy", user_id=member.user_id)),
            button(t("button-cancel"), Cb(action="open", user_id=member.user_id)),
        ]
    ]
    await query.answer()
    await message_of(query).edit_text(text, reply_markup=markup(rows))


async def toggle(
    query: CallbackQuery, callback_data: Cb, t: Translator, uow: Holder, staff: Staff, policy: Policy
) -> None:
    if callback_data.action == "ony":
        await staff_admin.reactivate(uow, staff, callback_data.user_id)
        key = "admin-staff-reactivated"
    else:
        await staff_admin.deactivate(uow, staff, callback_data.user_id, policy.now())
        key = "admin-staff-deactivated"
    await shown_again(query, t, uow, staff, callback_data.user_id, key)


async def shown_again(query: CallbackQuery, t: Translator, uow: Holder, staff: Staff, user_id: int, key: str) -> None:
    """After a change: a toast, and the member's view as it is now."""
    text, keyboard = await member_view(t, uow, staff, user_id)
    await query.answer(t(key))
    await message_of(query).edit_text(t(key) + "\n\n" + text, reply_markup=keyboard)


def router() -> Router:
    """The staff administration handlers, in the order they are tried."""
    r = Router(name="staff-admin")
    r.callback_query.filter(RoleFilter(Role.OPERATOR))
    r.callback_query.register(roles, Cb.filter(F.action == "roles"))
    r.callback_query.register(list_staff, Cb.filter(F.action == "list"))
    r.callback_query.register(open_member, Cb.filter(F.action == "open"))
    r.callback_query.register(choose_expert, Cb.filter(F.action == "experts"))
    r.callback_query.register(assign_expert, Cb.filter(F.action == "expert"))
    r.callback_query.register(choose_region, Cb.filter(F.action == "regions"))
    r.callback_query.register(assign_region, Cb.filter(F.action == "region"))
    r.callback_query.register(ask_toggle, Cb.filter(F.action.in_({"off", "on"})))
    r.callback_query.register(toggle, Cb.filter(F.action.in_({"offy", "ony"})))
    return r
