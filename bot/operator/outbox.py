"""The operator sees in the bot what `tosbelgi outbox status` prints, and can queue failed messages again."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import OutboxCb
from bot.filters import MenuButton, RoleFilter
from bot.keyboards import button
from core import outbox as core_outbox
from core.policy import Policy
from core.programme import Role
from locales.translations import Translator
from storage import outbox
from storage.holder import Holder


async def report(t: Translator, uow: Holder, policy: Policy) -> tuple[str, InlineKeyboardMarkup | None]:
    status = await uow.outbox.status(policy.now(), failures=5)
    counts = {s: status.counts.get(s, 0) for s in (outbox.PENDING, outbox.SENDING, outbox.SENT, outbox.FAILED)}
    lines = [t("outbox-status", dropped=status.counts.get(outbox.DROPPED, 0), **counts)]
    if status.oldest_waiting is not None:
        lines.append(t("outbox-oldest", time=status.oldest_waiting.astimezone(policy.zone).strftime("%d.%m.%Y %H:%M")))
    lines += [
        t("outbox-problem", id=f.id, kind=f.kind, status=f.status, attempts=f.attempts, error=f.error or "—")
        for f in status.failures
    ]
    retry = button(t("button-outbox-retry"), OutboxCb(action="retry"))
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=[[retry]]) if counts[outbox.FAILED] else None


async def show(message: Message, t: Translator, uow: Holder, policy: Policy) -> None:
    text, markup = await report(t, uow, policy)
    await message.answer(text, reply_markup=markup)


async def retry(query: CallbackQuery, t: Translator, uow: Holder, policy: Policy) -> None:
    count = await core_outbox.retry_failed(uow, policy.now())
    await query.answer(t("outbox-retried", count=count))
    if isinstance(query.message, Message):
        text, markup = await report(t, uow, policy)
        await query.message.edit_text(text, reply_markup=markup)


def router() -> Router:
    """The outbox-status handlers, in the order they are tried."""
    r = Router(name="operator-outbox")
    r.message.filter(RoleFilter(Role.OPERATOR))
    r.callback_query.filter(RoleFilter(Role.OPERATOR))
    r.message.register(show, MenuButton("menu-outbox"))
    r.callback_query.register(retry, OutboxCb.filter(F.action == "retry"))
    return r
