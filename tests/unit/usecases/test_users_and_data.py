"""Users' reachability and preferences (R7), and their right to see and erase their personal data."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from core import personal_data, users
from core.errors import DomainError
from core.programme import Role
from storage.models import Application, AuditRecord, OneTimeLink, OutboxMessage, ScheduleItem, Staff, User
from tests.unit.usecases.conftest import (
    MENTOR,
    NOW,
    OTHER,
    PARTICIPANT,
    POLICY,
    Store,
    add_application,
    add_staff,
    add_user,
    all_rows,
    stored,
)


async def block(store: Store, user_id: int = PARTICIPANT) -> None:
    async with store.sessions() as session, session.begin():
        await session.execute(update(User).where(User.id == user_id).values(blocked_at=NOW))


async def enqueue(store: Store, chat_id: int, key: str, status: str = "pending") -> None:
    """An outbox row as the publisher writes it, then put in `status`."""
    async with store.session() as uow:
        row = {"key": key, "chat_id": chat_id, "kind": "reminder", "method": "sendMessage", "params": {"text": key}}
        await uow.outbox.enqueue_many([row], NOW)
        await uow.commit()
    if status != "pending":
        async with store.sessions() as session, session.begin():
            await session.execute(update(OutboxMessage).where(OutboxMessage.key == key).values(status=status))


async def outbox(store: Store) -> dict[str, str]:
    """Each outbox row's status, by key."""
    return {row.key: row.status for row in await all_rows(store, OutboxMessage)}


async def with_user(store: Store, action: Any, *args: Any, user_id: int = PARTICIPANT) -> None:
    """Runs a use case that takes the user's record."""
    async with store.session() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        await action(uow, user, *args)


# --- first contact and reachability ---------------------------------------------------------------


async def seen(store: Store, user_id: int, locale: str, *, membership_change: bool = False) -> users.Seen:
    async with store.session() as uow:
        return await users.seen(uow, user_id, locale, membership_change=membership_change)


async def test_first_contact_creates_the_user_in_their_language(store: Store) -> None:
    """R7: the user row is made on first contact, in the language Telegram reports."""
    result = await seen(store, PARTICIPANT, "ru")

    assert result.first_contact is True
    user = await stored(store, User, PARTICIPANT)
    assert (user.locale, user.blocked_at, user.reminders_off, user.reminder_lead_minutes) == ("ru", None, [], 60)


async def test_a_later_contact_is_not_first_and_keeps_the_language(store: Store) -> None:
    """R7: the language chosen stays, whatever the Telegram client reports later."""
    await seen(store, PARTICIPANT, "ru")

    result = await seen(store, PARTICIPANT, "kk")

    assert result.first_contact is False
    assert (await stored(store, User, PARTICIPANT)).locale == "ru"


@pytest.mark.parametrize("membership_change, still_blocked", [(False, False), (True, True)])
async def test_a_blocked_user_writing_again_is_reachable(
    store: Store, membership_change: bool, still_blocked: bool
) -> None:
    """R7: a message clears the block; a membership update does not (it reports the block itself)."""
    await add_user(store, PARTICIPANT)
    await block(store)

    result = await seen(store, PARTICIPANT, "en", membership_change=membership_change)

    assert result.first_contact is False
    assert ((await stored(store, User, PARTICIPANT)).blocked_at is not None) is still_blocked


async def test_blocking_the_bot_drops_what_is_queued_for_the_user(store: Store) -> None:
    """R7: blocked_at is set and the user's waiting rows are dropped; sent rows and other chats stay."""
    await add_user(store, PARTICIPANT)
    await add_user(store, OTHER)
    await enqueue(store, PARTICIPANT, "session:1")
    await enqueue(store, PARTICIPANT, "news:1", status="sending")
    await enqueue(store, PARTICIPANT, "news:0", status="sent")
    await enqueue(store, OTHER, "session:2")

    async with store.session() as uow:
        await users.blocked(uow, PARTICIPANT, NOW)

    assert (await stored(store, User, PARTICIPANT)).blocked_at == NOW
    assert (await stored(store, User, OTHER)).blocked_at is None
    assert await outbox(store) == {
        "session:1": "dropped",
        "news:1": "dropped",
        "news:0": "sent",
        "session:2": "pending",
    }


async def test_unblocked_clears_the_mark(store: Store) -> None:
    """R7: a user known to be reachable again receives messages."""
    await add_user(store, PARTICIPANT)
    await block(store)

    await with_user(store, users.unblocked)

    assert (await stored(store, User, PARTICIPANT)).blocked_at is None


# --- preferences ----------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
async def test_set_language(store: Store, locale: str) -> None:
    await add_user(store, PARTICIPANT, locale="en")

    await with_user(store, users.set_language, locale)

    assert (await stored(store, User, PARTICIPANT)).locale == locale


@pytest.mark.parametrize("locale", ["de", "", "KK", "ru-RU"])
async def test_unknown_language_is_a_bad_button(store: Store, locale: str) -> None:
    await add_user(store, PARTICIPANT, locale="en")

    with pytest.raises(DomainError) as error:
        await with_user(store, users.set_language, locale)

    assert error.value.key == "error-bad-button"
    assert (await stored(store, User, PARTICIPANT)).locale == "en"


async def test_pausing_a_reminder_kind_withdraws_its_waiting_rows(store: Store) -> None:
    """R7.1: pausing "session" drops this user's waiting session reminders, nothing else."""
    await add_user(store, PARTICIPANT)
    await add_user(store, OTHER)
    await enqueue(store, PARTICIPANT, "session:1:sport:2026-12-01")
    await enqueue(store, PARTICIPANT, "session:1:talent:2026-11-29", status="sent")
    await enqueue(store, PARTICIPANT, "week:1:2026-11-30")
    await enqueue(store, OTHER, "session:2:sport:2026-12-01")

    await with_user(store, users.toggle_reminder, "session")

    assert (await stored(store, User, PARTICIPANT)).reminders_off == ["session"]
    assert await outbox(store) == {
        "session:1:sport:2026-12-01": "dropped",
        "session:1:talent:2026-11-29": "sent",
        "week:1:2026-11-30": "pending",
        "session:2:sport:2026-12-01": "pending",
    }


async def test_a_second_toggle_resumes_the_kind(store: Store) -> None:
    """R7.1: toggling again takes the kind off the paused list; other paused kinds stay paused."""
    await add_user(store, PARTICIPANT)
    await with_user(store, users.toggle_reminder, "week")
    await with_user(store, users.toggle_reminder, "session")
    await enqueue(store, PARTICIPANT, "session:1:sport:2026-12-01")

    await with_user(store, users.toggle_reminder, "session")

    assert (await stored(store, User, PARTICIPANT)).reminders_off == ["week"]
    assert await outbox(store) == {"session:1:sport:2026-12-01": "pending"}


@pytest.mark.parametrize("kind", ["news", "", "session:", "alert"])
async def test_unknown_reminder_kind_is_a_bad_button(store: Store, kind: str) -> None:
    await add_user(store, PARTICIPANT)
    await enqueue(store, PARTICIPANT, "session:1:sport:2026-12-01")

    with pytest.raises(DomainError) as error:
        await with_user(store, users.toggle_reminder, kind)

    assert error.value.key == "error-bad-button"
    assert (await stored(store, User, PARTICIPANT)).reminders_off == []
    assert await outbox(store) == {"session:1:sport:2026-12-01": "pending"}


@pytest.mark.parametrize("minutes", ["30", "60", "120", "180"])
async def test_reminder_lead_from_the_offered_values(store: Store, minutes: str) -> None:
    """R5.1: how long before a session its reminder comes."""
    await add_user(store, PARTICIPANT)

    await with_user(store, users.set_reminder_lead, minutes)

    assert (await stored(store, User, PARTICIPANT)).reminder_lead_minutes == int(minutes)


@pytest.mark.parametrize("minutes", ["45", "0", "-30", "abc", "", "1e2", "240"])
async def test_other_reminder_leads_are_refused(store: Store, minutes: str) -> None:
    await add_user(store, PARTICIPANT)

    with pytest.raises(DomainError) as error:
        await with_user(store, users.set_reminder_lead, minutes)

    assert error.value.key == "error-bad-button"
    assert (await stored(store, User, PARTICIPANT)).reminder_lead_minutes == 60


async def test_toggle_review_digest(store: Store) -> None:
    """R7.2: a mentor switches between a message per entry and one daily digest, and back."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor")

    for expected in (True, False):
        async with store.session() as uow:
            mentor = await uow.staff.get(MENTOR)
            assert mentor is not None
            await users.toggle_review_digest(uow, mentor)
        staff = await store.get(Staff, MENTOR)
        assert staff is not None and staff.review_digest is expected


# --- personal data --------------------------------------------------------------------------------


async def add_audit(store: Store, app_id: int, actor: int | None, from_status: str | None, to_status: str) -> None:
    async with store.session() as uow:
        await uow.audit.add("application", app_id, actor, from_status, to_status)
        await uow.commit()


async def test_export_lists_applications_with_schedule_and_history(store: Store) -> None:
    """Everything stored about the user, as JSON-ready data, and nothing about anyone else."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor")
    old = await add_application(store, PARTICIPANT, MENTOR, status="completed", level="bronze", directions=("sport",))
    app_id = await add_application(store, 9999, MENTOR, status="active", level="silver", schedule=True)
    async with store.sessions() as session, session.begin():
        await session.execute(update(Application).where(Application.id == app_id).values(user_id=PARTICIPANT))
    await add_application(store, OTHER, MENTOR, status="active")
    await add_audit(store, app_id, PARTICIPANT, None, "submitted")
    await add_audit(store, app_id, MENTOR, "under_review", "active")

    async with store.session() as uow:
        user = await uow.users.get(PARTICIPANT)
        assert user is not None
        data = await personal_data.export(uow, user)

    json.dumps(data)
    assert (data["account"]["telegram_id"], data["account"]["language"]) == (PARTICIPANT, "en")
    assert [(a["id"], a["status"], a["level"]) for a in data["applications"]] == [
        (old, "completed", "bronze"),
        (app_id, "active", "silver"),
    ]
    current = data["applications"][1]
    assert current["full_name"] == "Абайұлы Нұрлан"
    assert current["birth_date"] == "2000-05-15"
    assert current["user_id"] == PARTICIPANT
    assert current["schedule"] == [
        {"direction": d, "activity": "Club", "weekdays": [1, 3], "time": "18:30", "minutes_per_week": 90}
        for d in ("sport", "talent", "reading")
    ]
    assert [(h["entity"], h["from"], h["to"]) for h in current["history"]] == [
        ("application", None, "submitted"),
        ("application", "under_review", "active"),
    ]
    assert all(isinstance(h["at"], str) for h in current["history"])
    assert data["applications"][0]["schedule"] == [] and data["applications"][0]["history"] == []


async def test_export_of_a_user_without_applications(store: Store) -> None:
    await add_user(store, PARTICIPANT, locale="kk")

    async with store.session() as uow:
        user = await uow.users.get(PARTICIPANT)
        assert user is not None
        data = await personal_data.export(uow, user)

    assert (data["account"]["telegram_id"], data["account"]["language"], data["applications"]) == (
        PARTICIPANT,
        "kk",
        [],
    )
    assert (data["as_legal_representative"], data["as_employer"], data["notifications"]) == ([], [], [])
    assert data["withheld"] == ["rating-answers"]


async def erase(store: Store, user_id: int = PARTICIPANT) -> None:
    async with store.session() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        await personal_data.erase(uow, user, NOW)


async def test_erase_deletes_a_draft_and_the_user(store: Store) -> None:
    """A draft decided nothing: it goes with its schedule, and so does the account."""
    app_id = await add_application(store, PARTICIPANT, None, status="draft", schedule=True)

    await erase(store)

    assert await store.get(Application, app_id) is None
    assert await all_rows(store, ScheduleItem) == []
    assert await store.get(User, PARTICIPANT) is None


async def test_erase_anonymises_a_submitted_application(store: Store) -> None:
    """Decisions stay for the records, but nothing in them identifies the person; open ones are withdrawn."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="under_review", schedule=True)
    async with store.sessions() as session, session.begin():
        await session.execute(
            update(Application)
            .where(Application.id == app_id)
            .values(guardian_name="Parent", guardian_phone="+77020000000", guardian_user_id=OTHER)
        )

    await erase(store)

    app = await stored(store, Application, app_id)
    assert {f: getattr(app, f) for f in personal_data.PERSONAL_FIELDS} == dict.fromkeys(personal_data.PERSONAL_FIELDS)
    assert (app.user_id, app.anonymised_at, app.status) == (None, NOW, "withdrawn")
    assert (app.level, app.directions, app.programme_year, app.mentor_id) == (
        "bronze",
        ["sport", "talent", "reading"],
        POLICY.rules.year,
        MENTOR,
    )
    [audit] = [a for a in await all_rows(store, AuditRecord) if a.entity_id == app_id]
    assert (audit.entity, audit.actor_id, audit.from_status, audit.to_status, audit.reason) == (
        "application",
        None,
        "under_review",
        "withdrawn",
        "personal data erased",
    )
    assert await all_rows(store, ScheduleItem) == []
    assert await store.get(User, PARTICIPANT) is None


async def test_erase_keeps_the_status_of_a_decided_application(store: Store) -> None:
    """A completed level stays completed, anonymised, without a new audit row."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="completed")

    await erase(store)

    app = await stored(store, Application, app_id)
    assert (app.status, app.user_id, app.full_name, app.anonymised_at) == ("completed", None, None, NOW)
    assert await all_rows(store, AuditRecord) == []


async def test_erase_cuts_the_telegram_id_from_audit_rows_and_links(store: Store) -> None:
    """The audit trail and one-time links outlive the account, without the Telegram id."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor")
    app_id = await add_application(store, PARTICIPANT, MENTOR, status="active", schedule=True)
    other_app = await add_application(store, OTHER, MENTOR, status="active", schedule=True)
    await add_audit(store, app_id, PARTICIPANT, "draft", "submitted")
    await add_audit(store, app_id, MENTOR, "under_review", "active")
    await add_audit(store, other_app, OTHER, "draft", "submitted")
    async with store.session() as uow:
        await uow.links.add("a" * 64, "consent", {"app": app_id}, NOW + timedelta(days=7), PARTICIPANT)
        await uow.links.add("b" * 64, "invite", {"role": "mentor"}, NOW + timedelta(days=3), OTHER)
        await uow.commit()
    async with store.sessions() as session, session.begin():
        await session.execute(update(OneTimeLink).where(OneTimeLink.token_hash == "b" * 64).values(used_by=PARTICIPANT))

    await erase(store)

    actors = sorted(((a.entity_id, a.to_status, a.actor_id) for a in await all_rows(store, AuditRecord)), key=str)
    assert actors == sorted(
        [
            (app_id, "submitted", None),
            (app_id, "active", MENTOR),
            (app_id, "withdrawn", None),
            (other_app, "submitted", OTHER),
        ],
        key=str,
    )
    links = {link.token_hash[0]: (link.created_by, link.used_by) for link in await all_rows(store, OneTimeLink)}
    assert links == {"a": (None, None), "b": (OTHER, None)}
    assert {item.application_id for item in await all_rows(store, ScheduleItem)} == {other_app}
    other = await stored(store, Application, other_app)
    assert (other.user_id, other.full_name, other.anonymised_at) == (OTHER, "Абайұлы Нұрлан", None)
    assert await store.get(User, PARTICIPANT) is None
    assert await store.get(User, OTHER) is not None


async def test_erase_of_a_user_with_nothing_but_the_account(store: Store) -> None:
    await add_user(store, PARTICIPANT)

    await erase(store)

    assert await store.get(User, PARTICIPANT) is None
