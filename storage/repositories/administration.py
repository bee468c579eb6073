"""The operator's view of the catalogue and the staff: every item and member, the retired ones too, by page."""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.catalog import Catalog
from core.programme import Role
from storage.catalog_store import apply_catalog, known_regions
from storage.models import Application, Base, Book, Centre, Partner, Region, Staff
from storage.repositories.applications import LOAD_STATUSES

MODELS: Final[dict[str, type[Base]]] = {"book": Book, "partner": Partner, "centre": Centre, "region": Region}


class Administration:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def item(self, kind: str, code: str) -> Any:
        model: Any = MODELS[kind]
        return await self._session.scalar(select(model).where(model.code == code))

    async def items(self, kind: str, offset: int, limit: int, section: int | None = None) -> tuple[list[Any], int]:
        """A page of one kind's items by code (books of one section), and how many there are."""
        model: Any = MODELS[kind]
        where = [model.section == section] if section is not None else []
        total = await self._session.scalar(select(func.count()).select_from(model).where(*where))
        rows = await self._session.scalars(select(model).where(*where).order_by(model.code).offset(offset).limit(limit))
        return list(rows), int(total or 0)

    async def known_regions(self) -> dict[str, frozenset[str]]:
        return await known_regions(self._session)

    async def add(self, catalog: Catalog) -> None:
        """An item added in the bot: no file lists it, so a file's `--replace` keeps it."""
        await apply_catalog(self._session, catalog, in_file=False)

    async def staff(self, role: str, offset: int, limit: int, *, active_only: bool = False) -> tuple[list[Staff], int]:
        """A page of one role's staff by name, and how many there are."""
        where = [Staff.role == role, Staff.active] if active_only else [Staff.role == role]
        total = await self._session.scalar(select(func.count()).select_from(Staff).where(*where))
        rows = await self._session.scalars(
            select(Staff).where(*where).order_by(Staff.full_name, Staff.user_id).offset(offset).limit(limit)
        )
        return list(rows), int(total or 0)

    async def has_duties(self, member: Staff) -> bool:
        """A mentor with participants; an expert with mentors (their participants' appeals come to the expert)
        or someone they act for."""
        found: Any
        if member.role == Role.MENTOR.value:
            found = select(Application.id).where(
                Application.mentor_id == member.user_id, Application.status.in_(LOAD_STATUSES)
            )
        else:
            found = select(Staff.user_id).where(
                or_(
                    Staff.expert_id == member.user_id,
                    (Staff.substitute_id == member.user_id) & Staff.absent_since.is_not(None),
                )
            )
        return await self._session.scalar(found.limit(1)) is not None
