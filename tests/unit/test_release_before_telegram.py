"""No database transaction is held while the bot waits for Telegram, and none with writes in it is ended."""

from __future__ import annotations

from typing import Any

from aiogram.methods import SendMessage
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares import UPDATE_UNIT, ReleaseBeforeTelegram
from storage.holder import Holder, unit_of_work
from storage.models import User


async def call_telegram(uow: Holder) -> bool:
    """A Bot API call during an update; returns whether a transaction was open when it went out."""
    seen: list[bool] = []

    async def make_request(bot: Any, method: Any) -> str:
        seen.append(uow._session.in_transaction())
        return "sent"

    token = UPDATE_UNIT.set(uow)
    try:
        assert await ReleaseBeforeTelegram()(make_request, None, SendMessage(chat_id=1, text="hi")) == "sent"  # type: ignore[arg-type]
    finally:
        UPDATE_UNIT.reset(token)
    return seen[0]


async def test_a_read_only_transaction_ends_before_the_call(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with unit_of_work(sessions) as uow:
        await uow.users.add(5, "kk")
        await uow.commit()
        user = await uow._session.scalar(select(User).where(User.id == 5))
        assert uow._session.in_transaction()
        assert await call_telegram(uow) is False
        assert user is not None and user.locale == "kk", "what was read stays usable"


async def test_a_transaction_with_a_flushed_write_is_left_open(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with unit_of_work(sessions) as uow:
        await uow.users.add(6, "kk")
        assert await call_telegram(uow) is True
        await uow.rollback()
    async with sessions() as session:
        assert await session.get(User, 6) is None, "the half-done change was not committed by the call"


async def test_a_transaction_with_an_executed_update_is_left_open(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with unit_of_work(sessions) as uow:
        await uow.users.add(7, "kk")
        await uow.commit()
    async with unit_of_work(sessions) as uow:
        await uow._session.execute(update(User).where(User.id == 7).values(locale="ru"))
        assert await call_telegram(uow) is True
        await uow.rollback()
        assert await call_telegram(uow) is False
    async with sessions() as session:
        assert (await session.scalar(select(User.locale).where(User.id == 7))) == "kk"


async def test_outside_an_update_nothing_happens(sessions: async_sessionmaker[AsyncSession]) -> None:
    async def make_request(bot: Any, method: Any) -> str:
        return "sent"

    assert await ReleaseBeforeTelegram()(make_request, None, SendMessage(chat_id=1, text="hi")) == "sent"  # type: ignore[arg-type]
