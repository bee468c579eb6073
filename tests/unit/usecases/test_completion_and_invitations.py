"""Completing a level (`core/completion.py`, R5.4, R6.2) and staff invitations (`core/invitations.py`, R6.7)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from core import completion, invitations
from core.errors import DomainError, NotAllowed
from core.links import GUARDIAN, create_link
from core.notices import LevelCompleted
from core.programme import STAFF_ROLES, Direction, Role
from storage.models import Application, AuditRecord, Entry, OneTimeLink, Staff
from storage.models import Centre as CentreRow
from tests.unit.usecases.conftest import (
    EXPERT,
    MENTOR,
    NOW,
    OTHER_MENTOR,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_staff,
    add_user,
    centre_id,
)

NEWCOMER = 601
CENTRE_HEAD = 931
INVITER = 941
ACTIVATED = datetime(2026, 8, 3, 4, 0, tzinfo=UTC)
"""Monday 3 August 2026, 09:00 in Almaty: the participation clock's start."""
START = date(2026, 8, 3)
ASSESSMENT = "Steady work in every direction; recommended for the award."
SECTION_1, SECTION_2, SECTION_3 = "abai-book-of-words", "homer-odyssey", "hawking-brief-history-of-time"


# --- completion -----------------------------------------------------------------------------------


async def active_participant(store: Store) -> int:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Mentor Two")
    return await add_application(store, PARTICIPANT, MENTOR, status="active", activated_at=ACTIVATED, schedule=True)


def sessions(direction: str, weeks: int, minutes: int = 60) -> list[dict[str, Any]]:
    """One session a week, on consecutive weeks from the activation day."""
    return [
        {"direction": direction, "kind": "session", "activity_date": START + timedelta(weeks=k), "minutes": minutes}
        for k in range(weeks)
    ]


def essays(*books: str) -> list[dict[str, Any]]:
    return [
        {"direction": "reading", "kind": "essay", "activity_date": START + timedelta(days=3 * k), "book_code": book}
        for k, book in enumerate(books)
    ]


BRONZE_DONE = [*sessions("sport", 13), *sessions("talent", 13), *essays(SECTION_1, SECTION_2, SECTION_3)]
"""Everything Bronze asks: 13 weeks of at least 60 minutes in sport and in talent, 3 books with 1 of section 1."""


async def add_entries(store: Store, app_id: int, entries: Sequence[dict[str, Any]], status: str = "approved") -> None:
    async with store.sessions() as session, session.begin():
        for fields in entries:
            session.add(Entry(application_id=app_id, status=status, step="confirm", **fields))


async def standing(store: Store, actor: int, app_id: int) -> completion.Standing:
    async with store.session() as uow:
        return await completion.standing(uow, await uow.staff.get(actor), app_id, POLICY)


async def complete(store: Store, actor: int, app_id: int, assessment: str = ASSESSMENT) -> completion.Completed:
    async with store.session() as uow:
        return await completion.complete(uow, await uow.staff.get(actor), app_id, assessment, NOW, POLICY)


async def test_standing_of_a_new_participant(store: Store) -> None:
    """An active participant with no approved entries stands at 0% in every direction (R8.3)."""
    app_id = await active_participant(store)
    current = await standing(store, MENTOR, app_id)
    assert current.app.id == app_id
    assert current.percents == {Direction.SPORT: 0, Direction.TALENT: 0, Direction.READING: 0}
    assert not current.complete


async def test_standing_when_everything_is_done(store: Store) -> None:
    app_id = await active_participant(store)
    await add_entries(store, app_id, BRONZE_DONE)
    current = await standing(store, MENTOR, app_id)
    assert current.percents == {Direction.SPORT: 100, Direction.TALENT: 100, Direction.READING: 100}
    assert current.complete


async def test_standing_refusals(store: Store) -> None:
    """Only the participant's mentor sees it, and only while the participant is active."""
    app_id = await active_participant(store)
    with pytest.raises(NotAllowed):
        await standing(store, OTHER_MENTOR, app_id)
    other = await add_application(store, 602, MENTOR)
    with pytest.raises(DomainError) as caught:
        await standing(store, MENTOR, other)
    assert caught.value.key == "error-stale-button"


@pytest.mark.parametrize(
    ("entries", "status", "unfinished", "percents"),
    [
        ([], "approved", ["sport", "talent", "reading"], (0, 0, 0)),
        (
            [*sessions("sport", 12), *sessions("talent", 13), *essays(SECTION_1, SECTION_2, SECTION_3)],
            "approved",
            ["sport"],
            (92, 100, 100),
        ),
        (
            [*sessions("sport", 13), *sessions("talent", 13, minutes=59), *essays(SECTION_1, SECTION_2, SECTION_3)],
            "approved",
            ["talent"],
            (100, 0, 100),
        ),
        (
            [*sessions("sport", 13), *sessions("talent", 13), *essays(SECTION_2, SECTION_3, "harari-sapiens")],
            "approved",
            ["reading"],
            (100, 100, 66),
        ),
        (
            [*sessions("sport", 13), *sessions("talent", 13), *essays(SECTION_1, SECTION_2, SECTION_2)],
            "approved",
            ["reading"],
            (100, 100, 66),
        ),
        (BRONZE_DONE, "pending", ["sport", "talent", "reading"], (0, 0, 0)),
        (BRONZE_DONE, "rejected", ["sport", "talent", "reading"], (0, 0, 0)),
    ],
)
async def test_complete_refused_while_a_direction_is_unfinished(
    store: Store,
    entries: list[dict[str, Any]],
    status: str,
    unfinished: list[str],
    percents: tuple[int, int, int],
) -> None:
    """Only a level whose every direction is at 100% is completed (R5.4): a week short, a week under 60
    minutes, no section-1 book or a book twice, entries not approved all leave it unfinished."""
    app_id = await active_participant(store)
    await add_entries(store, app_id, entries, status)
    assert tuple((await standing(store, MENTOR, app_id)).percents.values()) == percents
    with pytest.raises(DomainError) as caught:
        await complete(store, MENTOR, app_id)
    assert (caught.value.key, caught.value.params) == ("error-directions-unfinished", {"directions": unfinished})
    app = await store.get(Application, app_id)
    assert app is not None and (app.status, app.assessment, app.completed_at) == ("active", None, None)
    assert store.publisher.published == []


async def test_entries_overturned_on_appeal_count(store: Store) -> None:
    """An entry the expert approved on appeal counts like an approved one."""
    app_id = await active_participant(store)
    await add_entries(store, app_id, BRONZE_DONE[:-1])
    await add_entries(store, app_id, BRONZE_DONE[-1:], "overturned")
    assert (await standing(store, MENTOR, app_id)).complete


async def test_complete_a_finished_level(store: Store) -> None:
    """Completion: status completed, the assessment kept, every direction confirmed, the participant told
    (R5.4), and the assessment recorded as the reason of the audit row."""
    app_id = await active_participant(store)
    await add_entries(store, app_id, BRONZE_DONE)
    result = await complete(store, MENTOR, app_id, f"  {ASSESSMENT}  ")
    assert result.notices == (LevelCompleted(PARTICIPANT, app_id),)
    assert store.publisher.published == [LevelCompleted(PARTICIPANT, app_id)]
    app = await store.get(Application, app_id)
    assert app is not None
    assert (app.status, app.assessment, app.completed_at) == ("completed", ASSESSMENT, NOW)
    assert app.confirmed_directions == ["sport", "talent", "reading"]
    async with store.sessions() as session:
        rows = list(await session.scalars(select(AuditRecord).where(AuditRecord.entity_id == app_id)))
    assert [(r.from_status, r.to_status, r.actor_id, r.reason) for r in rows] == [
        ("active", "completed", MENTOR, ASSESSMENT)
    ]


@pytest.mark.parametrize(
    ("assessment", "key"),
    [
        ("Good job", "error-text-too-short-min"),
        ("x" * 19, "error-text-too-short-min"),
        ("   ", "error-text-expected"),
        ("/complete " + "x" * 30, "error-text-expected"),
        ("x" * 2001, "error-text-too-long"),
    ],
)
async def test_complete_refuses_a_bad_assessment(store: Store, assessment: str, key: str) -> None:
    """The assessment and recommendation is 20 to 2000 characters (R5.4)."""
    app_id = await active_participant(store)
    await add_entries(store, app_id, BRONZE_DONE)
    with pytest.raises(DomainError) as caught:
        await complete(store, MENTOR, app_id, assessment)
    assert caught.value.key == key
    app = await store.get(Application, app_id)
    assert app is not None and (app.status, app.assessment) == ("active", None)
    assert store.publisher.published == []


async def test_complete_refusals_by_whom_and_when(store: Store) -> None:
    """Another mentor may not complete; a completed level is not completed again."""
    app_id = await active_participant(store)
    await add_entries(store, app_id, BRONZE_DONE)
    with pytest.raises(NotAllowed):
        await complete(store, OTHER_MENTOR, app_id)
    await complete(store, MENTOR, app_id)
    with pytest.raises(DomainError) as caught:
        await complete(store, MENTOR, app_id)
    assert caught.value.key == "error-stale-button"
    assert len(store.publisher.published) == 1


# --- invitations ----------------------------------------------------------------------------------


async def another_centre(store: Store) -> int:
    async with store.sessions() as session, session.begin():
        row = CentreRow(
            code="almaty-youth", name_kk="A", name_ru="A", name_en="A", region_code="almaty-city", institutions=[]
        )
        session.add(row)
        await session.flush()
        return row.id


async def invite(store: Store, inviter: int | None, role: str, **where: Any) -> str:
    async with store.session() as uow:
        staff = await uow.staff.get(inviter) if inviter is not None else None
        return await invitations.invite(uow, staff, role, NOW, POLICY, **where)


async def accept(store: Store, payload: str, user_id: int, now: datetime = NOW) -> Staff:
    async with store.session() as uow:
        staff = await invitations.accept(uow, payload.removeprefix("i_"), user_id, now)
    assert isinstance(staff, Staff)
    return staff


async def stored_links(store: Store) -> list[OneTimeLink]:
    async with store.sessions() as session:
        return list(await session.scalars(select(OneTimeLink).order_by(OneTimeLink.id)))


@pytest.mark.parametrize(
    ("role", "invites"),
    [
        (None, STAFF_ROLES),
        (Role.OPERATOR, STAFF_ROLES),
        (Role.CENTRE, (Role.MENTOR,)),
        (Role.MENTOR, ()),
        (Role.EXPERT, ()),
        (Role.COORDINATOR, ()),
    ],
)
def test_roles_for(role: Role | None, invites: tuple[Role, ...]) -> None:
    """The operator (also from the shell) invites every staff role, a centre only mentors, others nobody (R6.7)."""
    inviter = Staff(user_id=1, role=role.value) if role is not None else None
    assert invitations.roles_for(inviter) == invites


@pytest.mark.parametrize(
    ("role", "where"),
    [
        ("mentor", {"centre": True}),
        ("centre", {"centre": True}),
        ("expert", {}),
        ("coordinator", {"region_code": "astana"}),
        ("operator", {}),
    ],
)
async def test_operator_shell_invites_and_the_link_binds(store: Store, role: str, where: dict[str, Any]) -> None:
    """`tosbelgi invite create` makes a one-time "i_" link valid for the invitation TTL; whoever opens it first
    becomes staff with the role and place it names (R6.7)."""
    centre = await centre_id(store) if where.pop("centre", False) else None
    payload = await invite(store, None, role, centre_id=centre, **where)
    assert payload.startswith("i_")
    [link] = await stored_links(store)
    assert (link.purpose, link.created_by, link.expires_at) == ("invite", None, NOW + POLICY.invite_ttl)
    assert link.payload == {
        "role": role,
        "centre_id": centre,
        "region_code": where.get("region_code"),
        "expert_id": None,
    }
    await add_user(store, NEWCOMER)
    await accept(store, payload, NEWCOMER)
    member = await store.get(Staff, NEWCOMER)
    assert member is not None
    assert (member.role, member.centre_id, member.region_code, member.active) == (
        role,
        centre,
        where.get("region_code"),
        True,
    )
    [link] = await stored_links(store)
    assert (link.used_at, link.used_by) == (NOW, NEWCOMER)


async def test_operator_invites_a_mentor_under_an_expert(store: Store) -> None:
    await add_staff(store, EXPERT, Role.EXPERT, "Expert One")
    payload = await invite(store, None, "mentor", centre_id=await centre_id(store), expert_id=EXPERT)
    await add_user(store, NEWCOMER)
    assert (await accept(store, payload, NEWCOMER)).expert_id == EXPERT


async def test_centre_head_invites_mentors_of_its_own_centre(store: Store) -> None:
    """A centre invites mentors, always to its own centre, whatever centre the request names (R6.5, R6.6)."""
    await add_staff(store, CENTRE_HEAD, Role.CENTRE, "Centre Head")
    own, other = await centre_id(store), await another_centre(store)
    payload = await invite(store, CENTRE_HEAD, "mentor", centre_id=other)
    [link] = await stored_links(store)
    assert (link.payload["role"], link.payload["centre_id"], link.created_by) == ("mentor", own, CENTRE_HEAD)
    await add_user(store, NEWCOMER)
    assert (await accept(store, payload, NEWCOMER)).centre_id == own


@pytest.mark.parametrize("role", ["centre", "expert", "coordinator", "operator"])
async def test_centre_head_may_not_invite_other_roles(store: Store, role: str) -> None:
    await add_staff(store, CENTRE_HEAD, Role.CENTRE, "Centre Head")
    with pytest.raises(NotAllowed):
        await invite(store, CENTRE_HEAD, role, region_code="astana")
    assert await stored_links(store) == []


@pytest.mark.parametrize(
    ("inviter_role", "role", "where", "error", "key"),
    [
        (None, "participant", {}, DomainError, "error-invite-role"),
        (None, "mentor", {}, DomainError, "error-invite-needs-centre"),
        (None, "centre", {"region_code": "astana"}, DomainError, "error-invite-needs-centre"),
        (None, "coordinator", {}, DomainError, "error-invite-needs-region"),
        (None, "mentor", {"centre_id": 9999}, NotAllowed, "error-not-allowed"),
        (None, "coordinator", {"region_code": "atlantis"}, NotAllowed, "error-not-allowed"),
        (None, "mentor", {"centre": True, "expert_id": MENTOR}, NotAllowed, "error-not-allowed"),
        (None, "mentor", {"centre": True, "expert_id": 9999}, NotAllowed, "error-not-allowed"),
        (None, "king", {}, NotAllowed, "error-not-allowed"),
        (Role.MENTOR, "mentor", {"centre": True}, NotAllowed, "error-not-allowed"),
        (Role.EXPERT, "mentor", {"centre": True}, NotAllowed, "error-not-allowed"),
        (Role.COORDINATOR, "mentor", {"centre": True}, NotAllowed, "error-not-allowed"),
    ],
)
async def test_invite_refusals(
    store: Store, inviter_role: Role | None, role: str, where: dict[str, Any], error: type[DomainError], key: str
) -> None:
    """Mentors and centres need a centre, coordinators a region; an unknown centre, region or expert is
    refused like a forged button; only the operator and centres invite (R6.7). No link is made."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    inviter = None
    if inviter_role is not None:
        inviter = INVITER
        await add_staff(store, inviter, inviter_role, "Inviter", region_code="astana")
    if where.pop("centre", False):
        where["centre_id"] = await centre_id(store)
    with pytest.raises(error) as caught:
        await invite(store, inviter, role, **where)
    assert caught.value.key == key
    assert await stored_links(store) == []


async def test_centre_head_without_a_centre_cannot_invite(store: Store) -> None:
    await add_staff(store, CENTRE_HEAD, Role.CENTRE, "Centre Head", with_centre=False)
    with pytest.raises(DomainError) as caught:
        await invite(store, CENTRE_HEAD, "mentor", centre_id=await centre_id(store))
    assert caught.value.key == "error-invite-needs-centre"


async def test_accept_binds_once(store: Store) -> None:
    """The first account that opens the link wins; a second use is refused."""
    payload = await invite(store, None, "expert")
    await add_user(store, NEWCOMER)
    await add_user(store, 602)
    await accept(store, payload, NEWCOMER)
    with pytest.raises(DomainError) as caught:
        await accept(store, payload, 602)
    assert caught.value.key == "error-link-used"
    assert await store.get(Staff, 602) is None


async def test_accept_refuses_an_applicant(store: Store) -> None:
    """A participant with an open application cannot become staff; the link stays usable by someone else."""
    payload = await invite(store, None, "expert")
    await add_application(store, PARTICIPANT, None, status="draft")
    with pytest.raises(DomainError) as caught:
        await accept(store, payload, PARTICIPANT)
    assert caught.value.key == "error-participant-cannot-be-staff"
    assert await store.get(Staff, PARTICIPANT) is None
    await add_user(store, NEWCOMER)
    await accept(store, payload, NEWCOMER)


async def test_accept_after_a_withdrawn_application(store: Store) -> None:
    """Only an open application stands in the way."""
    payload = await invite(store, None, "expert")
    await add_application(store, PARTICIPANT, None, status="withdrawn")
    assert (await accept(store, payload, PARTICIPANT)).role == "expert"


async def test_accept_refuses_someone_already_staff(store: Store) -> None:
    """A staff member keeps the one role they have; the link is not used up."""
    payload = await invite(store, None, "expert")
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor One")
    with pytest.raises(DomainError) as caught:
        await accept(store, payload, MENTOR)
    assert caught.value.key == "error-already-staff"
    member = await store.get(Staff, MENTOR)
    assert member is not None and member.role == "mentor"
    [link] = await stored_links(store)
    assert link.used_at is None


@pytest.mark.parametrize(
    ("later", "key"), [(POLICY.invite_ttl, "error-link-expired"), (POLICY.invite_ttl * 2, "error-link-expired")]
)
async def test_accept_an_expired_invitation(store: Store, later: timedelta, key: str) -> None:
    """An invitation lives for the invitation TTL (72 hours by default)."""
    payload = await invite(store, None, "expert")
    await add_user(store, NEWCOMER)
    with pytest.raises(DomainError) as caught:
        await accept(store, payload, NEWCOMER, NOW + later)
    assert caught.value.key == key
    assert await store.get(Staff, NEWCOMER) is None


async def test_accept_a_link_of_another_purpose_is_invalid(store: Store) -> None:
    """A guardian's link is no invitation."""
    async with store.session() as uow:
        payload = await create_link(uow, GUARDIAN, {"application_id": 1}, NOW, POLICY.consent_ttl)
        await uow.commit()
    await add_user(store, NEWCOMER)
    with pytest.raises(DomainError) as caught:
        await accept(store, payload.removeprefix("g_"), NEWCOMER)
    assert caught.value.key == "error-link-invalid"


async def test_set_full_name(store: Store) -> None:
    """A new staff member's name, as participants will see it in the mentor proposal (R2.4)."""
    await add_staff(store, MENTOR, Role.MENTOR, "Old Name")
    async with store.session() as uow:
        member = await invitations.set_full_name(uow, MENTOR, "абайұлы нұрлан")
    assert member is not None
    stored = await store.get(Staff, MENTOR)
    assert stored is not None and stored.full_name == "Абайұлы Нұрлан"


async def test_set_full_name_refusals(store: Store) -> None:
    """A name of one word is refused; someone who is not staff gets nothing."""
    await add_staff(store, MENTOR, Role.MENTOR, "Old Name")
    async with store.session() as uow:
        with pytest.raises(DomainError) as caught:
            await invitations.set_full_name(uow, MENTOR, "Nurlan")
    assert caught.value.key == "error-full-name"
    stored = await store.get(Staff, MENTOR)
    assert stored is not None and stored.full_name == "Old Name"
    await add_user(store, NEWCOMER)
    async with store.session() as uow:
        assert await invitations.set_full_name(uow, NEWCOMER, "Абайұлы Нұрлан") is None
