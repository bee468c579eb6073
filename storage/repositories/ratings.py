"""The anonymous mentor rating: ballots (that someone answered) apart from answers (what was answered)."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError
from storage.models import RatingAnswer, RatingBallot


class Ratings:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def answered(self, app_id: int, period: str) -> bool:
        ballot = await self._session.scalar(
            select(RatingBallot.id).where(RatingBallot.application_id == app_id, RatingBallot.period == period)
        )
        return ballot is not None

    async def add(self, app_id: int, mentor_id: int, period: str, scores: dict[str, int]) -> None:
        """The ballot and the answer, linked by nothing but the period; the answer under a random key.
        A second ballot for the period breaks a unique constraint: refused as already answered."""
        self._session.add(RatingBallot(application_id=app_id, period=period))
        self._session.add(RatingAnswer(key=secrets.token_hex(16), mentor_id=mentor_id, period=period, scores=scores))
        try:
            await self._session.flush()
        except IntegrityError:
            await self._session.rollback()
            raise DomainError("rating-already") from None

    async def answers_about(self, mentor_id: int) -> list[tuple[str, dict[str, Any]]]:
        """(period, scores) of every answer about a mentor."""
        rows = await self._session.execute(
            select(RatingAnswer.period, RatingAnswer.scores)
            .where(RatingAnswer.mentor_id == mentor_id)
            .order_by(RatingAnswer.period)
        )
        return [(period, scores) for period, scores in rows.all()]
