"""The mentor's short characterisation of a participant (R8.1): a few sentences kept and edited during the
programme, shown on the participant's card. The end-of-level assessment (`core/completion.py`) is another text."""

from __future__ import annotations

from core.access import mentored_application
from core.diary import check_entry_text
from core.errors import DomainError
from core.ports import ApplicationRecord, StaffRecord, UnitOfWork
from core.programme import ApplicationStatus
from core.text_input import clean_text

CHARACTERISATION_MAX = 500
WRITABLE = frozenset({ApplicationStatus.UNDER_REVIEW.value, ApplicationStatus.ACTIVE.value})


def check_characterisation(text: str | None) -> str:
    """A too long text is refused with its length, so the mentor knows how much to cut."""
    value = clean_text(text)
    if len(value) > CHARACTERISATION_MAX:
        raise DomainError("characterisation-too-long", length=len(value), limit=CHARACTERISATION_MAX)
    return check_entry_text(value, limit=CHARACTERISATION_MAX)


async def writable(uow: UnitOfWork, staff: StaffRecord | None, app_id: int) -> ApplicationRecord:
    """The application, if this staff member acts as its mentor and the programme is under way."""
    app = await mentored_application(uow, staff, app_id)
    if app.status not in WRITABLE:
        raise DomainError("error-stale-button")
    return app


async def write(uow: UnitOfWork, staff: StaffRecord | None, app_id: int, text: str | None) -> ApplicationRecord:
    """Replaces the characterisation; checked again at saving, as the mentor may have lost the participant."""
    value = check_characterisation(text)
    app = await writable(uow, staff, app_id)
    app.characterisation = value
    await uow.commit()
    return app
