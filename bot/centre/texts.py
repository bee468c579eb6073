"""An organisation's application as the operator reads it, in the message that tells them and on their
«🏢 Centres» screen, with the same buttons."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton

from bot.callbacks import CentreAppCb
from bot.keyboards import button
from core.centre_applications import APPROVED, PENDING
from core.ports import CentreApplicationRecord
from locales.translations import Translator
from storage.holder import Holder


async def card(t: Translator, uow: Holder, request: CentreApplicationRecord) -> str:
    """The details, and the decision once there is one."""
    region = await uow.catalogue.region(request.region_code)
    lines = [
        t(
            "centre-card",
            organisation=request.organisation,
            region=t.name(region) if region else request.region_code,
            bin=request.bin,
            address=request.address,
            contact=request.contact_name or "—",
            phone=request.contact_phone or "—",
        )
    ]
    if request.status == APPROVED:
        lines.append(t("centre-card-approved"))
    elif request.status != PENDING:
        lines.append(t("centre-card-refused", reason=request.reason or ""))
    return "\n".join(lines)


def decision_buttons(t: Translator, request: CentreApplicationRecord) -> list[list[InlineKeyboardButton]]:
    """Approve and Refuse while the application is pending; nothing once decided."""
    if request.status != PENDING:
        return []
    return [
        [
            button(t("button-centre-approve"), CentreAppCb(action="approve", request_id=request.id)),
            button(t("button-centre-refuse"), CentreAppCb(action="refuse", request_id=request.id)),
        ]
    ]
