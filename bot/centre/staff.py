"""A centre head's «👥 Our staff»: the people bound to its own centre, with role and whether at work (R6.5)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.filters import MenuButton, RoleFilter
from core.centre_applications import our_staff
from core.ports import StaffRecord
from core.programme import Role
from locales.translations import Translator
from storage.holder import Holder
from storage.models import Staff

PER_MESSAGE = 50
"""Lines per message, well within Telegram's 4,096 characters."""


def line(t: Translator, member: StaffRecord) -> str:
    state = "inactive" if not member.active else "absent" if member.absent_since else "active"
    return t(
        "centre-staff-line",
        name=member.full_name or str(member.user_id),
        role=t(f"role-{member.role}"),
        state=t(f"centre-staff-{state}"),
    )


async def show(message: Message, t: Translator, uow: Holder, staff: Staff) -> None:
    members = await our_staff(uow, staff)
    centre = await uow.catalogue.centre(staff.centre_id or 0)
    lines = [t("centre-staff-title", centre=t.name(centre) if centre else "—", count=len(members))]
    lines += [line(t, m) for m in members]
    for start in range(0, len(lines), PER_MESSAGE):
        await message.answer("\n".join(lines[start : start + PER_MESSAGE]))


def router() -> Router:
    """The centre head's staff list; the use case refuses anyone else."""
    r = Router(name="centre-staff")
    r.message.register(show, MenuButton("menu-our-staff"), RoleFilter(Role.CENTRE))
    return r
