"""What the use cases need from storage; `storage.repository.Repository` implements it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol


class ApplicationRecord(Protocol):
    id: int
    user_id: int | None
    status: str
    step: str
    full_name: str | None
    birth_date: date | None
    level: str | None
    directions: list[str]
    mentor_id: int | None
    guardian_required: bool
    guardian_name: str | None
    guardian_phone: str | None
    guardian_user_id: int | None
    guardian_confirmed_at: datetime | None
    agreement_accepted_at: datetime | None
    submitted_at: datetime | None
    review_deadline: date | None
    activated_at: datetime | None
    decision_reason: str | None
    assessment: str | None
    completed_at: datetime | None


class ScheduleRecord(Protocol):
    direction: str
    activity: str | None
    weekdays: list[int]
    time: str | None
    minutes_per_week: int | None


class StaffRecord(Protocol):
    user_id: int
    role: str
    centre_id: int | None
    region_code: str | None
    expert_id: int | None
    active: bool
    absent_since: datetime | None
    substitute_id: int | None


class LinkRecord(Protocol):
    id: int
    purpose: str
    payload: dict[str, Any]
    expires_at: datetime
    used_at: datetime | None
    used_by: int | None


class Repository(Protocol):
    async def audit(
        self,
        entity: str,
        entity_id: int,
        actor_id: int | None,
        from_status: str | None,
        to_status: str,
        reason: str | None = None,
    ) -> None: ...

    async def create_link(
        self,
        token_hash: str,
        purpose: str,
        payload: dict[str, Any],
        expires_at: datetime,
        created_by: int | None,
    ) -> LinkRecord: ...

    async def link_by_hash(self, token_hash: str, *, for_update: bool = False) -> LinkRecord | None: ...

    async def expire_links(self, purpose: str, key: str, value: Any, now: datetime) -> None: ...

    async def application(self, app_id: int, *, for_update: bool = False) -> ApplicationRecord | None: ...

    async def open_application(self, user_id: int) -> ApplicationRecord | None: ...

    async def schedule(self, app_id: int) -> Sequence[ScheduleRecord]: ...

    async def staff(self, user_id: int) -> StaffRecord | None: ...

    async def acting_for(self, staff_id: int) -> int: ...

    async def add_staff(
        self,
        user_id: int,
        role: str,
        centre_id: int | None,
        region_code: str | None,
        expert_id: int | None,
    ) -> StaffRecord: ...
