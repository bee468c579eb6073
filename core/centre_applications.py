"""A programme centre applies from the bot and an operator decides there (R6.5).

An organisation's details are collected by a short form and stored as one pending application per user;
every operator is told. A refusal carries a reason the applicant reads. An approval, in one transaction,
creates the centre in the catalogue, makes the applicant its head and starts the 10-working-day clock to
sign the agreement exactly as `tosbelgi centre approve` does (`core.centres.start_agreement`); from then
on the scheduler's warning and loss of registration apply to it like to any centre.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from core import centres
from core.access import active_staff
from core.errors import DomainError
from core.notices import CentreApplied, CentreDecided, Notice
from core.policy import Policy
from core.ports import CentreApplicationRecord, CentreRecord, StaffRecord, UnitOfWork
from core.profile import normalise_phone, parse_full_name
from core.programme import Role
from core.text_input import clean_text, visible_length

PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
LIMITS = {"organisation": (3, 200), "address": (5, 300), "reason": (3, 500)}
"""Shortest and longest text accepted for each typed answer, in visible characters."""
PHONE_DIGITS = range(11, 16)
"""A number with its country code: +7 and ten digits in Kazakhstan, at most 15 digits anywhere (E.164)."""
TYPED_PHONE = re.compile(r"\+?[0-9 ()\-]+")
LIST_LIMIT = 20
"""Pending applications shown on the operator's screen at once; the rest after the first are decided."""
CONTACT_FIELDS = ("contact_name", "contact_phone")
"""The personal data an application holds: cleared when the applicant erases their data."""
CODE_LENGTH = 32
"""A generated code's stem, leaving room for a "-2" suffix within the catalogue's 40 characters."""

CYRILLIC = {
    **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
    **{"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "iu", "я": "ia"},
    **{"ъ": "", "ь": ""},
    **dict(zip("әғқңөұүһі", "agqnouuhi", strict=True)),
}
"""Russian and Kazakh letters in Latin, for a centre's code made from its name."""


@dataclass(frozen=True)
class Form:
    """The answers as the applicant typed or chose them; `apply` checks them all again."""

    organisation: str
    region_code: str
    bin: str
    address: str
    contact_name: str
    contact_phone: str


def check_text(field: str, text: str | None) -> str:
    value = clean_text(text)
    shortest, longest = LIMITS[field]
    if not visible_length(value):
        raise DomainError("error-text-expected")
    if len(value) > longest:
        raise DomainError("error-text-too-long", limit=longest)
    if visible_length(value) < shortest:
        raise DomainError("error-text-too-short-min", min=shortest)
    return value


def check_contact_name(text: str | None) -> str:
    """The contact person's full name, checked like every person's name the bot stores."""
    try:
        return parse_full_name(text or "")
    except DomainError as error:
        if error.key == "error-full-name":
            raise DomainError("centre-error-contact-name") from error
        raise


def check_bin(text: str | None) -> str:
    """Twelve digits (spaces allowed between them) whose last is the check digit of the first eleven, as the
    state register computes it: a mistyped digit is caught here, not by the operator."""
    value = "".join(clean_text(text).split())
    if len(value) != 12 or not (value.isascii() and value.isdigit()):
        raise DomainError("centre-error-bin")
    digits = [int(c) for c in value]
    check = sum(d * w for d, w in zip(digits, range(1, 12), strict=False)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, [*range(3, 12), 1, 2], strict=False)) % 11
    if check == 10 or check != digits[11]:
        raise DomainError("centre-error-bin-checksum")
    return value


def check_phone(text: str | None) -> str:
    """A phone typed with its country code ("+7 701 123 45 67", "8 701 123 45 67") or shared as a contact,
    normalised like every phone the bot stores."""
    value = clean_text(text)
    if not TYPED_PHONE.fullmatch(value):
        raise DomainError("centre-error-phone")
    phone = normalise_phone(value)
    if len(phone) - 1 not in PHONE_DIGITS:
        raise DomainError("centre-error-phone")
    return phone


async def check_region(uow: UnitOfWork, code: str) -> str:
    if code not in {r.code for r in await uow.catalogue.regions()}:
        raise DomainError("error-bad-button")
    return code


async def checked(uow: UnitOfWork, form: Form) -> Form:
    return Form(
        organisation=check_text("organisation", form.organisation),
        region_code=await check_region(uow, form.region_code),
        bin=check_bin(form.bin),
        address=check_text("address", form.address),
        contact_name=check_contact_name(form.contact_name),
        contact_phone=check_phone(form.contact_phone),
    )


async def may_apply(uow: UnitOfWork, user_id: int, staff: StaffRecord | None) -> None:
    """Only someone without a role, not taking part, and without an application pending may apply."""
    if staff is not None:
        raise DomainError("centre-error-staff")
    if await uow.applications.open_of(user_id) is not None:
        raise DomainError("centre-error-participant")
    if await uow.centres.pending_of(user_id) is not None:
        raise DomainError("centre-error-pending")


@dataclass(frozen=True)
class Applied:
    request: CentreApplicationRecord
    notices: tuple[Notice, ...]


async def apply(uow: UnitOfWork, user_id: int, staff: StaffRecord | None, form: Form, now: datetime) -> Applied:
    """Stores the application and tells every operator. A second submit finds the first pending."""
    await may_apply(uow, user_id, staff)
    answers = await checked(uow, form)
    request = await uow.centres.add_application(
        user_id, created_at=now, **{f.name: getattr(answers, f.name) for f in fields(Form)}
    )
    notices = tuple(CentreApplied(operator, request.id) for operator in await uow.staff.operator_ids())
    await uow.commit(notices)
    return Applied(request, notices)


@dataclass(frozen=True)
class Waiting:
    """The operator's screen: applications oldest first and approved centres yet to sign."""

    applications: tuple[CentreApplicationRecord, ...]
    unsigned: tuple[CentreRecord, ...]


async def waiting(uow: UnitOfWork, operator: StaffRecord | None) -> Waiting:
    active_staff(operator, Role.OPERATOR)
    return Waiting(tuple(await uow.centres.pending(LIST_LIMIT)), tuple(await uow.catalogue.unsigned_centres()))


async def opened(uow: UnitOfWork, operator: StaffRecord | None, request_id: int) -> CentreApplicationRecord:
    """An application as the operator opens it; one already decided is shown with its decision."""
    active_staff(operator, Role.OPERATOR)
    request = await uow.centres.application(request_id)
    if request is None:
        raise DomainError("error-stale-button")
    return request


async def pending(uow: UnitOfWork, operator: StaffRecord | None, request_id: int) -> CentreApplicationRecord:
    request = await opened(uow, operator, request_id)
    if request.status != PENDING:
        raise DomainError("centre-error-decided")
    return request


@dataclass(frozen=True)
class Approved:
    request: CentreApplicationRecord
    centre: CentreRecord
    deadline: date
    notices: tuple[Notice, ...]


async def approve(
    uow: UnitOfWork, operator: StaffRecord | None, request_id: int, now: datetime, policy: Policy
) -> Approved:
    """Creates the centre, makes the applicant its head (named as the contact person) and starts the clock
    to sign; the applicant is told the deadline and gets the centre's menu."""
    request = await pending(uow, operator, request_id)
    assert operator is not None
    user_id = request.user_id
    if user_id is None:
        raise DomainError("error-stale-button")
    if await uow.staff.get(user_id) is not None:
        raise DomainError("centre-error-applicant-staff")
    if await uow.applications.open_of(user_id) is not None:
        raise DomainError("centre-error-applicant-participant")
    decided = await uow.centres.decide(request.id, APPROVED, operator.user_id, now)
    if decided is None:
        raise DomainError("centre-error-decided")
    centre = await uow.centres.add_centre(
        await free_code(uow, decided.organisation), decided.organisation, decided.region_code
    )
    deadline = centres.start_agreement(centre, now, policy)
    head = await uow.staff.add(user_id, Role.CENTRE.value, centre.id, None, None)
    head.full_name = decided.contact_name
    decided.centre_id = centre.id
    notices = (CentreDecided(user_id, decided.id, deadline),)
    await uow.commit(notices)
    return Approved(decided, centre, deadline, notices)


@dataclass(frozen=True)
class Refused:
    request: CentreApplicationRecord
    notices: tuple[Notice, ...]


async def refuse(
    uow: UnitOfWork, operator: StaffRecord | None, request_id: int, reason: str | None, now: datetime
) -> Refused:
    """The applicant reads the reason; they may apply again later."""
    request = await pending(uow, operator, request_id)
    assert operator is not None
    text = check_text("reason", reason)
    decided = await uow.centres.decide(request.id, REFUSED, operator.user_id, now, text)
    if decided is None:
        raise DomainError("centre-error-decided")
    notices = (CentreDecided(decided.user_id, decided.id),) if decided.user_id is not None else ()
    await uow.commit(notices)
    return Refused(decided, notices)


async def mark_signed(uow: UnitOfWork, operator: StaffRecord | None, centre_id: int, now: datetime) -> centres.Recorded:
    """The agreement of an approved, still registered centre is signed: its clock stops (`core.centres`)."""
    centre = await unsigned_centre(uow, operator, centre_id)
    return await centres.signed(uow, centre.code, now)


async def unsigned_centre(uow: UnitOfWork, operator: StaffRecord | None, centre_id: int) -> CentreRecord:
    """An approved, still registered centre whose agreement the operator has not marked signed yet."""
    active_staff(operator, Role.OPERATOR)
    centre = await uow.catalogue.centre(centre_id)
    if centre is None:
        raise DomainError("error-stale-button")
    if not centre.active or centre.approved_at is None or centre.agreement_signed_at is not None:
        raise DomainError("centre-error-not-unsigned")
    return centre


async def our_staff(uow: UnitOfWork, head: StaffRecord | None) -> tuple[StaffRecord, ...]:
    """A centre head sees its own centre's staff, and only those."""
    member = active_staff(head, Role.CENTRE)
    if member.centre_id is None:
        raise DomainError("error-not-allowed")
    return tuple(await uow.centres.staff_of(member.centre_id))


def code_stem(name: str) -> str:
    """The name in lower-case Latin letters and digits joined by hyphens: «Жастар орталығы» -> zhastar-ortalygy."""
    letters = []
    for char in name.lower():
        if char in CYRILLIC:
            letters.append(CYRILLIC[char])
        else:
            plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            letters.append(plain.lower())
    stem = re.sub(r"[^a-z0-9]+", "-", "".join(letters)).strip("-")[:CODE_LENGTH].strip("-")
    return stem or "centre"


async def free_code(uow: UnitOfWork, name: str) -> str:
    """A catalogue code made from the name, with the first free number added when it is taken."""
    stem = code_stem(name)
    taken = await uow.centres.codes_from(stem)
    if stem not in taken:
        return stem
    return next(f"{stem}-{n}" for n in range(2, len(taken) + 3) if f"{stem}-{n}" not in taken)


EXPORTED = (
    "id",
    "status",
    "organisation",
    "region_code",
    "bin",
    "address",
    "contact_name",
    "contact_phone",
    "created_at",
    "decided_at",
    "reason",
    "centre_id",
)


async def export_of(uow: UnitOfWork, user_id: int) -> list[dict[str, Any]]:
    """The user's applications to be a centre, with the contact person they gave, for `/mydata`."""
    return [{name: getattr(r, name) for name in EXPORTED} for r in await uow.centres.applications_of(user_id)]


async def forget(uow: UnitOfWork, user_id: int, now: datetime) -> None:
    """Erasure: a pending application goes; a decided one keeps the organisation's facts (a centre may have
    been made of it) without the contact person or the account. The operators' messages naming the contact
    are withdrawn or emptied. Not committed: the erasure is."""
    for request in await uow.centres.applications_of(user_id):
        needles = [v for v in (request.contact_name, request.contact_phone) if v]
        if needles:
            await uow.outbox.forget_mentions(CentreApplied.kind, needles, now)
        if request.status == PENDING:
            await uow.centres.delete_application(request)
            continue
        for name in CONTACT_FIELDS:
            setattr(request, name, None)
        request.user_id = None
