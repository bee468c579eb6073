"""The right to see and erase one's personal data, and the retention rule for notifications' texts.

The basics (applications, schedule, the account, anonymising the application itself) are tested in
`test_users_and_data.py`; here: the diary and everything around it, the other roles a person may have
(legal representative, employer), the outbox as a store of names and words, and its retention.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from bot.notifications import OutboxPublisher
from core import digests, personal_data
from core.notices import EntryDecided, EntryToReview, NewApplication, Notice, StaffBack
from core.profile import parse_full_name
from core.programme import Role
from core.settings import Settings
from locales.translations import Translations
from scheduler.context import JobContext
from scheduler.ticks import retention_tick
from storage import outbox
from storage.holder import Holder
from storage.models import (
    Application,
    AuditRecord,
    Entry,
    EntryMedia,
    ExtraTask,
    MissedWeek,
    OneTimeLink,
    OutboxMessage,
    RatingAnswer,
    RatingBallot,
    Staff,
    StaffProfile,
    User,
)
from tests.unit.usecases.conftest import (
    MENTOR,
    NOW,
    OTHER,
    OTHER_MENTOR,
    PARTICIPANT,
    POLICY,
    ZONE,
    Store,
    add_entry,
    add_staff,
    add_user,
    all_rows,
    change,
    participant,
    refused,
    stored,
    trail,
)

GUARDIAN, EMPLOYER = 2000, 3000
"""A parent who confirmed an application, a boss who confirmed a work report: users with no application."""

NAME, OTHER_NAME = "Серікқызы Айгерім", "Жандосов Бекзат"
WEEK = date(2026, 11, 16)


# --- building blocks ------------------------------------------------------------------------------


async def add_rows(store: Store, *rows: Any) -> None:
    async with store.sessions() as session, session.begin():
        session.add_all(rows)


async def audit(
    store: Store, entity: str, entity_id: int, actor: int | None, from_status: str, to_status: str, reason: str
) -> None:
    async with store.session() as uow:
        await uow.audit.add(entity, entity_id, actor, from_status, to_status, reason)
        await uow.commit()


async def message(
    store: Store,
    key: str,
    chat_id: int,
    *,
    status: str = "sent",
    kind: str = "alert",
    body: str | None = None,
    subject_id: int | None = None,
    created: datetime = NOW,
    **values: Any,
) -> None:
    """An outbox row written `created` (its text `body`, else its key), then put in `status`;
    `values` set other columns (params, purged_at...)."""
    async with store.sessions() as session, session.begin():
        await outbox.enqueue(
            session,
            key=key,
            chat_id=chat_id,
            kind=kind,
            method="sendMessage",
            params={"text": body or key},
            now=created,
            subject_id=subject_id,
        )
        if status == "sent":
            values.setdefault("sent_at", created + timedelta(seconds=1))
        await session.execute(update(OutboxMessage).where(OutboxMessage.key == key).values(status=status, **values))


Row = tuple[str, dict[str, Any], datetime | None, int | None]


async def messages(store: Store) -> dict[str, Row]:
    """Every outbox row by key: (status, params, purged_at, subject_id)."""
    return {m.key: (m.status, m.params, m.purged_at, m.subject_id) for m in await all_rows(store, OutboxMessage)}


@dataclass(frozen=True)
class Diary:
    app: int
    approved: int
    """A decided session entry carrying every reviewer's words."""
    work: int
    """A work report its employer confirmed."""
    draft: int
    tag: str
    """Prefix of every text the participant or their reviewers wrote: found in an export, absent elsewhere."""


async def keep_diary(store: Store, user_id: int, full_name: str, tag: str) -> Diary:
    """An active participant of MENTOR's with a full diary: entries with files, a missed week, a task, an
    answered survey, an audit trail with reasons, a decided application."""
    app = await participant(store, user_id)
    await change(
        store, Application, app, full_name=full_name, decision_reason=f"{tag} decision", assessment=f"{tag} assessed"
    )
    approved = await add_entry(
        store,
        app,
        "approved",
        step="done",
        activity_date=date(2026, 11, 20),
        minutes=60,
        title=f"{tag} title",
        text=f"{tag} text",
        reason=f"{tag} reason",
        appeal_reason=f"{tag} appeal",
        arbiter_reason=f"{tag} arbiter",
        submitted_at=NOW - timedelta(days=9),
        decided_at=NOW - timedelta(days=8),
        decided_by=MENTOR,
    )
    work = await add_entry(
        store,
        app,
        "pending",
        direction="talent",
        kind="work",
        step="done",
        activity_date=date(2026, 11, 23),
        minutes=240,
        text=f"{tag} work",
        employer_name=f"{tag} boss",
        employer_phone="+77030000000",
        employer_confirmed_at=NOW - timedelta(days=2),
        submitted_at=NOW - timedelta(days=3),
    )
    draft = await add_entry(store, app, "draft", text=f"{tag} half written", minutes=30)
    await add_rows(
        store,
        EntryMedia(entry_id=approved, kind="photo", file_id=f"{tag}-file-1", file_unique_id=f"{tag}-uniq-1"),
        EntryMedia(entry_id=approved, kind="video", file_id=f"{tag}-file-2", file_unique_id=f"{tag}-uniq-2"),
        EntryMedia(entry_id=draft, kind="voice", file_id=f"{tag}-file-3", file_unique_id=f"{tag}-uniq-3", duration=9),
        MissedWeek(application_id=app, reason="illness", details=f"{tag} flu", week_of=WEEK),
        ExtraTask(application_id=app, direction="sport", text=f"{tag} task", created_by=MENTOR, done_at=NOW),
        RatingBallot(application_id=app, period="2026-H2"),
    )
    await audit(store, "application", app, MENTOR, "under_review", "active", f"{tag} welcome")
    await audit(store, "entry", approved, MENTOR, "pending", "approved", f"{tag} well done")
    return Diary(app, approved, work, draft, tag)


async def export_of(store: Store, user_id: int = PARTICIPANT) -> dict[str, Any]:
    async with store.session() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        return await personal_data.export(uow, user)


async def erase(store: Store, user_id: int = PARTICIPANT) -> None:
    async with store.session() as uow:
        user = await uow.users.get(user_id)
        assert user is not None
        await personal_data.erase(uow, user, NOW)


def publisher(clock: datetime = NOW) -> OutboxPublisher:
    """The bot's real renderer, without quiet hours."""
    return OutboxPublisher(Translations("kk"), ZONE, None, lambda: clock)


async def publish(store: Store, *notices: Notice) -> None:
    """Notices turned into outbox rows as a use case's commit does in production."""
    async with store.sessions() as session:
        await Holder(session, publisher()).commit(notices)


# --- export ---------------------------------------------------------------------------------------


async def test_export_holds_the_diary_and_everything_around_it(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    mine = await keep_diary(store, PARTICIPANT, NAME, "mine")
    theirs = await keep_diary(store, OTHER, OTHER_NAME, "theirs")
    await add_rows(
        store,
        RatingAnswer(key="answer-key-of-mine", mentor_id=MENTOR, period="2026-H2", scores={"hidden-score": 4}),
    )
    await message(store, "decided:1", PARTICIPANT, kind="news", body="mine: your entry is approved")
    await message(store, "task:1", PARTICIPANT, status="pending", kind="news", body="mine: a new task")
    purged_at = NOW - timedelta(days=1)
    await message(store, "old:1", PARTICIPANT, kind="news", body="mine: old", params={}, purged_at=purged_at)
    await message(store, "decided:2", OTHER, kind="news", body="theirs: your entry is approved")
    await message(store, "review:1", MENTOR, body=f"{NAME}: mine text", subject_id=mine.app)

    data = await export_of(store)

    dumped = json.dumps(data, ensure_ascii=False)
    [app] = data["applications"]
    assert (app["id"], app["full_name"], app["decision_reason"], app["assessment"]) == (
        mine.app,
        NAME,
        "mine decision",
        "mine assessed",
    )
    entries = {e["id"]: e for e in app["entries"]}
    assert list(entries) == [mine.approved, mine.work, mine.draft]
    approved = entries[mine.approved]
    assert (approved["status"], approved["title"], approved["text"]) == ("approved", "mine title", "mine text")
    assert (approved["reason"], approved["appeal_reason"], approved["activity_date"]) == (
        "mine reason",
        "mine appeal",
        "2026-11-20",
    )
    assert (entries[mine.draft]["status"], entries[mine.draft]["text"]) == ("draft", "mine half written")
    media = {i: [(m["kind"], m["file_id"], m["file_unique_id"]) for m in e["media"]] for i, e in entries.items()}
    assert media == {
        mine.approved: [("photo", "mine-file-1", "mine-uniq-1"), ("video", "mine-file-2", "mine-uniq-2")],
        mine.work: [],
        mine.draft: [("voice", "mine-file-3", "mine-uniq-3")],
    }
    assert [(w["reason"], w["details"], w["week_of"]) for w in app["missed_weeks"]] == [
        ("illness", "mine flu", WEEK.isoformat())
    ]
    assert [(t["direction"], t["text"], t["done_at"]) for t in app["extra_tasks"]] == [
        ("sport", "mine task", NOW.isoformat())
    ]
    assert app["surveys_answered"] == ["2026-H2"]
    assert [(h["entity"], h["entity_id"], h["from"], h["to"], h["reason"]) for h in app["history"]] == [
        ("application", mine.app, "under_review", "active", "mine welcome"),
        ("entry", mine.approved, "pending", "approved", "mine well done"),
    ]
    assert [(m["kind"], m["status"], m["text"], m["purged_at"]) for m in data["notifications"]] == [
        ("news", "sent", "mine: your entry is approved", None),
        ("news", "pending", "mine: a new task", None),
        ("news", "sent", None, purged_at.isoformat()),
    ]
    assert data["notifications"][0]["sent_at"] == (NOW + timedelta(seconds=1)).isoformat()
    # The survey's answers cannot be traced to the participant, so they are not theirs to see.
    assert "answer-key-of-mine" not in dumped and "hidden-score" not in dumped
    # Nothing of the other participant, nor of messages to others about this one.
    for foreign in (OTHER_NAME, theirs.tag, f"{NAME}: mine text"):
        assert foreign not in dumped
    assert personal_data.summarise(data) == personal_data.Summary(
        applications=1,
        entries=3,
        files=4,
        missed_weeks=1,
        tasks=1,
        surveys=1,
        consents=0,
        confirmations=0,
        notifications=3,
        statuses=[("bronze", "active", POLICY.rules.year)],
    )


async def confirmed_by_guardian(store: Store, app_id: int, confirmed: datetime) -> None:
    """The legal representative's account, and their consent on the application."""
    await change(
        store,
        Application,
        app_id,
        guardian_required=True,
        guardian_user_id=GUARDIAN,
        guardian_name="Серікова Гүлнар",
        guardian_phone="+77020000000",
        guardian_confirmed_at=confirmed,
    )
    await add_user(store, GUARDIAN)


async def test_export_shows_consents_given_as_legal_representative_and_employer(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    diary = await keep_diary(store, PARTICIPANT, NAME, "mine")
    other = await keep_diary(store, OTHER, OTHER_NAME, "theirs")
    confirmed = NOW - timedelta(days=40)
    await confirmed_by_guardian(store, diary.app, confirmed)
    await add_user(store, EMPLOYER)
    await add_rows(
        store,
        OneTimeLink(
            token_hash="e" * 64,
            purpose="employer",
            payload={"entry_id": diary.work},
            created_by=PARTICIPANT,
            expires_at=NOW,
            used_at=NOW - timedelta(days=2),
            used_by=EMPLOYER,
        ),
        # The same employer only looked at another report's link; another person confirmed it.
        OneTimeLink(
            token_hash="f" * 64,
            purpose="employer",
            payload={"entry_id": other.work},
            created_by=OTHER,
            expires_at=NOW,
            used_at=NOW - timedelta(days=2),
            used_by=OTHER_MENTOR,
        ),
        # A guardian link the representative used is not an employer's confirmation.
        OneTimeLink(
            token_hash="g" * 64,
            purpose="guardian",
            payload={"app": diary.app, "entry_id": other.work},
            created_by=PARTICIPANT,
            expires_at=NOW,
            used_at=confirmed,
            used_by=GUARDIAN,
        ),
    )

    guardian = await export_of(store, GUARDIAN)
    employer = await export_of(store, EMPLOYER)

    json.dumps(guardian)
    json.dumps(employer)
    assert guardian["as_legal_representative"] == [
        {
            "application_id": diary.app,
            "participant": NAME,
            "guardian_name": "Серікова Гүлнар",
            "guardian_phone": "+77020000000",
            "confirmed_at": confirmed.isoformat(),
        }
    ]
    assert (guardian["applications"], guardian["as_employer"]) == ([], [])
    assert employer["as_employer"] == [
        {
            "entry_id": diary.work,
            "employer_name": "mine boss",
            "employer_phone": "+77030000000",
            "confirmed_at": (NOW - timedelta(days=2)).isoformat(),
        }
    ]
    assert (employer["applications"], employer["as_legal_representative"]) == ([], [])
    assert "theirs" not in json.dumps(employer, ensure_ascii=False)
    summary = personal_data.summarise(guardian)
    assert (summary.applications, summary.consents, summary.confirmations) == (0, 1, 0)
    # The participant does not appear as anyone's representative or employer.
    mine = await export_of(store)
    assert (mine["as_legal_representative"], mine["as_employer"]) == ([], [])


# --- erasure of a participant ---------------------------------------------------------------------


def entry_facts(entry: Entry) -> tuple[Any, ...]:
    return (entry.status, entry.kind, entry.direction, entry.activity_date, entry.minutes, entry.decided_by)


async def test_erase_empties_the_diary_and_keeps_its_facts(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    mine = await keep_diary(store, PARTICIPANT, NAME, "mine")
    theirs = await keep_diary(store, OTHER, OTHER_NAME, "theirs")
    before = {e.id: e for e in await all_rows(store, Entry)}
    assert all(getattr(before[mine.approved], f) for f in ("title", "text", "reason", "appeal_reason"))
    assert all(getattr(before[mine.work], f) for f in ("employer_name", "employer_phone"))
    tasks_before = {t.application_id: t for t in await all_rows(store, ExtraTask)}

    await erase(store)

    after = {e.id: e for e in await all_rows(store, Entry)}
    assert set(after) == {mine.approved, mine.work, theirs.approved, theirs.work, theirs.draft}
    for entry_id in (mine.approved, mine.work):
        assert {f: getattr(after[entry_id], f) for f in personal_data.ENTRY_TEXTS} == dict.fromkeys(
            personal_data.ENTRY_TEXTS
        )
        assert entry_facts(after[entry_id]) == entry_facts(before[entry_id])
    assert after[mine.work].employer_confirmed_at == NOW - timedelta(days=2)
    for entry_id in (theirs.approved, theirs.work, theirs.draft):
        assert {c.name: getattr(after[entry_id], c.key) for c in Entry.__table__.columns} == {
            c.name: getattr(before[entry_id], c.key) for c in Entry.__table__.columns
        }
    files = sorted((m.entry_id, m.file_id) for m in await all_rows(store, EntryMedia))
    assert files == [
        (theirs.approved, "theirs-file-1"),
        (theirs.approved, "theirs-file-2"),
        (theirs.draft, "theirs-file-3"),
    ]
    weeks = {w.application_id: (w.reason, w.details, w.week_of) for w in await all_rows(store, MissedWeek)}
    assert weeks == {mine.app: ("illness", None, WEEK), theirs.app: ("illness", "theirs flu", WEEK)}
    tasks = {
        t.application_id: (t.direction, t.text, t.created_by, t.created_at, t.done_at)
        for t in await all_rows(store, ExtraTask)
    }
    assert tasks == {
        mine.app: ("sport", "", MENTOR, tasks_before[mine.app].created_at, NOW),
        theirs.app: ("sport", "theirs task", MENTOR, tasks_before[theirs.app].created_at, NOW),
    }
    assert await trail(store, mine.app, reasons=True) == [
        ("under_review", "active", MENTOR, None),
        ("active", "withdrawn", None, "personal data erased"),
    ]
    assert await trail(store, mine.approved, entity="entry", reasons=True) == [("pending", "approved", MENTOR, None)]
    assert await trail(store, theirs.app, reasons=True) == [("under_review", "active", MENTOR, "theirs welcome")]
    assert await trail(store, theirs.approved, entity="entry", reasons=True) == [
        ("pending", "approved", MENTOR, "theirs well done")
    ]
    app = await stored(store, Application, mine.app)
    assert (app.decision_reason, app.assessment, app.full_name, app.user_id) == (None, None, None, None)
    other = await stored(store, Application, theirs.app)
    assert (other.decision_reason, other.assessment, other.full_name) == (
        "theirs decision",
        "theirs assessed",
        OTHER_NAME,
    )
    # The period of the answered survey stays, as a fact of the anonymous record.
    assert sorted((b.application_id, b.period) for b in await all_rows(store, RatingBallot)) == sorted(
        [(mine.app, "2026-H2"), (theirs.app, "2026-H2")]
    )


async def test_erase_removes_messages_to_the_participant_and_about_them(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    mine = await keep_diary(store, PARTICIPANT, NAME, "mine")
    theirs = await keep_diary(store, OTHER, OTHER_NAME, "theirs")
    old = NOW - timedelta(days=3)
    for status in ("pending", "sending", "sent", "failed", "dropped"):
        await message(store, f"to-me:{status}", PARTICIPANT, status=status, subject_id=mine.app)
        await message(store, f"to-me-plain:{status}", PARTICIPANT, status=status)
        await message(store, f"about-me:{status}", MENTOR, status=status, subject_id=mine.app, created=old)
        await message(store, f"about-them:{status}", MENTOR, status=status, subject_id=theirs.app, created=old)
    await message(store, "digest:me", MENTOR, kind="digest", body=f"Waiting:\n• {NAME}: 2\n• {OTHER_NAME}: 1")
    await message(store, "digest:them", MENTOR, kind="digest", body=f"Waiting:\n• {OTHER_NAME}: 1")
    await message(store, "to-them", OTHER, status="sent", subject_id=theirs.app)
    before = await messages(store)

    await erase(store)

    after = await messages(store)
    assert not [key for key in after if key.startswith("to-me")]
    assert "about-me:pending" not in after and "about-me:sending" not in after
    for status in ("sent", "failed", "dropped"):
        assert after[f"about-me:{status}"] == (status, {}, NOW, None)
    assert after["digest:me"] == ("sent", {}, NOW, None)
    for key in ("digest:them", "to-them", *(f"about-them:{s}" for s in ("pending", "sending", "sent"))):
        assert after[key] == before[key]
    assert after["about-them:sent"] == ("sent", {"text": "about-them:sent"}, None, theirs.app)
    assert len(after) == len(before) - 10 - 2


async def test_erase_leaves_no_pending_digest_emptied_for_the_sender(store: Store) -> None:
    """BUG: `Outbox.forget_mentions` empties a *pending* digest naming the participant in place: the row
    stays pending with params {}, so the sender fails it as "malformed row: ValidationError" (the mentor
    loses the whole digest, the operator sees a failure). An unsent row about the person should be
    withdrawn (deleted, as `forget_subject` does) or keep a text without the name, never wait empty."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    await keep_diary(store, PARTICIPANT, NAME, "mine")
    await message(store, "digest:today", MENTOR, status="pending", kind="digest", body=f"Waiting:\n• {NAME}: 1")

    await erase(store)

    left = await messages(store)
    if "digest:today" in left:
        status, params, _, _ = left["digest:today"]
        assert not (status in ("pending", "sending") and params == {}), left
        assert NAME not in json.dumps(params, ensure_ascii=False)


async def test_erase_purges_a_real_digest_naming_a_participant_with_an_apostrophe(store: Store) -> None:
    """BUG: the digest's text is HTML-escaped by the translator (`'` becomes `&#x27;`), while
    `forget_mentions` looks for the name as stored, so a name `parse_full_name` accepts with an ASCII
    apostrophe survives erasure in the mentor's digest."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    await change(store, Staff, MENTOR, review_digest=True)
    name = parse_full_name("o'neil aidar")
    await keep_diary(store, PARTICIPANT, name, "mine")  # its work report waits for review
    async with store.sessions() as session:
        assert await digests.queue_due(Holder(session, publisher()), NOW.date()) == 1
    async with store.sessions() as session, session.begin():
        await session.execute(update(OutboxMessage).values(status="sent", sent_at=NOW))
    [digest] = await all_rows(store, OutboxMessage)
    assert (digest.kind, digest.chat_id, digest.subject_id) == ("digest", MENTOR, None)
    assert "neil Aidar" in digest.params["text"]

    await erase(store)

    row = await stored(store, OutboxMessage, digest.id)
    assert (row.params, row.purged_at) == ({}, NOW), row.params


# --- erasure of a legal representative and of an employer -----------------------------------------


async def test_erase_of_a_legal_representative_clears_them_from_the_application(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    diary = await keep_diary(store, PARTICIPANT, NAME, "mine")
    confirmed = NOW - timedelta(days=40)
    await confirmed_by_guardian(store, diary.app, confirmed)
    await message(store, "guardian-link", GUARDIAN, status="sent", body="Please confirm")
    entries = {e.id: (e.text, e.status) for e in await all_rows(store, Entry)}

    await erase(store, GUARDIAN)

    app = await stored(store, Application, diary.app)
    assert (app.guardian_name, app.guardian_phone, app.guardian_user_id) == (None, None, None)
    assert (app.guardian_confirmed_at, app.guardian_required) == (confirmed, True)
    assert (app.user_id, app.full_name, app.status, app.anonymised_at) == (PARTICIPANT, NAME, "active", None)
    assert (app.decision_reason, app.photo_file_id) == ("mine decision", "photo")
    assert {e.id: (e.text, e.status) for e in await all_rows(store, Entry)} == entries
    assert len(await all_rows(store, EntryMedia)) == 3
    assert await trail(store, diary.app, reasons=True) == [("under_review", "active", MENTOR, "mine welcome")]
    assert await store.get(User, GUARDIAN) is None
    assert await store.get(User, PARTICIPANT) is not None
    assert "guardian-link" not in await messages(store)


async def test_erase_of_an_employer_clears_their_contact_from_the_report(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    mine = await keep_diary(store, PARTICIPANT, NAME, "mine")
    theirs = await keep_diary(store, OTHER, OTHER_NAME, "theirs")
    await add_user(store, EMPLOYER)
    await add_rows(
        store,
        OneTimeLink(
            token_hash="e" * 64,
            purpose="employer",
            payload={"entry_id": mine.work},
            created_by=PARTICIPANT,
            expires_at=NOW,
            used_at=NOW - timedelta(days=2),
            used_by=EMPLOYER,
        ),
    )

    await erase(store, EMPLOYER)

    work = await stored(store, Entry, mine.work)
    assert (work.employer_name, work.employer_phone) == (None, None)
    assert (work.employer_confirmed_at, work.text, work.status) == (NOW - timedelta(days=2), "mine work", "pending")
    other = await stored(store, Entry, theirs.work)
    assert (other.employer_name, other.employer_phone) == ("theirs boss", "+77030000000")
    [link] = await all_rows(store, OneTimeLink)
    assert (link.used_by, link.created_by, link.payload) == (None, PARTICIPANT, {"entry_id": mine.work})
    assert await store.get(User, EMPLOYER) is None
    assert (await stored(store, Application, mine.app)).full_name == NAME


# --- retention ------------------------------------------------------------------------------------

KEEP = timedelta(days=120)
DAY = timedelta(days=1)


async def old_and_new(store: Store) -> None:
    """Rows on both sides of a 30-day retention, in every status."""
    for status in ("sent", "failed", "dropped", "pending", "sending"):
        await message(store, f"old:{status}", MENTOR, status=status, created=NOW - timedelta(days=31))
        await message(store, f"young:{status}", MENTOR, status=status, created=NOW - timedelta(days=29))
    await message(store, "ancient:pending", MENTOR, status="pending", created=NOW - timedelta(days=400))
    await message(store, "edge:sent", MENTOR, created=NOW - timedelta(days=30))
    await message(
        store, "purged:sent", MENTOR, created=NOW - timedelta(days=90), params={}, purged_at=NOW - timedelta(days=50)
    )


async def test_purge_notifications_empties_finished_rows_older_than_the_retention(store: Store) -> None:
    await add_user(store, MENTOR)
    await old_and_new(store)
    before = await messages(store)

    async with store.session() as uow:
        purged = await personal_data.purge_notifications(uow, NOW, timedelta(days=30), KEEP)

    after = await messages(store)
    assert purged == 3
    finished = {f"old:{s}" for s in ("sent", "failed", "dropped")}
    for key in finished:
        assert after[key] == (before[key][0], {}, NOW, None)
    assert {key: row for key, row in after.items() if key not in finished} == {
        key: row for key, row in before.items() if key not in finished
    }
    assert after["purged:sent"][2] == NOW - timedelta(days=50)

    async with store.session() as uow:
        assert await personal_data.purge_notifications(uow, NOW, timedelta(days=30), KEEP) == 0
    assert await messages(store) == after


async def test_purge_works_through_the_history_in_batches(store: Store) -> None:
    await add_user(store, MENTOR)
    for n in range(5):
        await message(store, f"old:{n}", MENTOR, created=NOW - timedelta(days=40, minutes=n))
    await message(store, "waiting", MENTOR, status="pending", created=NOW - timedelta(days=40))

    async with store.sessions() as session:
        assert await outbox.purge_params(session, NOW - timedelta(days=30), NOW, batch=2) == 5

    rows = await messages(store)
    assert {k: (r[1], r[2]) for k, r in rows.items()} == {
        **{f"old:{n}": ({}, NOW) for n in range(5)},
        "waiting": ({"text": "waiting"}, None),
    }


async def test_finished_notifications_but_escalations_are_deleted_after_the_keep_period(store: Store) -> None:
    """A reminder's key stops it being queued twice for one occasion (a date, a week, a month), so after
    months it guards nothing; an escalation's key guards a case that may stay open, so it stays."""
    await add_user(store, MENTOR)
    for status in ("sent", "failed", "dropped", "pending", "sending"):
        for kind in ("reminder", "escalation"):
            await message(store, f"{kind}:{status}", MENTOR, status=status, kind=kind, created=NOW - KEEP - DAY)
    await message(store, "reminder:young", MENTOR, kind="reminder", created=NOW - KEEP + DAY)

    async with store.session() as uow:
        changed = await personal_data.purge_notifications(uow, NOW, timedelta(days=30), KEEP)

    left = await messages(store)
    assert set(left) == {
        "escalation:sent",
        "escalation:failed",
        "escalation:dropped",
        "escalation:pending",
        "escalation:sending",
        "reminder:pending",
        "reminder:sending",
        "reminder:young",
    }
    assert changed == 7 + 3  # the seven finished rows emptied, then the three old reminders deleted
    async with store.sessions() as session:
        assert await outbox.delete_finished(session, NOW - KEEP, ("escalation",), batch=1) == 0


async def test_deleting_works_through_the_history_in_batches(store: Store) -> None:
    await add_user(store, MENTOR)
    for n in range(5):
        await message(store, f"old:{n}", MENTOR, kind="reminder", created=NOW - KEEP - timedelta(minutes=n + 1))
    await message(store, "waiting", MENTOR, status="pending", kind="reminder", created=NOW - KEEP - DAY)

    async with store.sessions() as session:
        assert await outbox.delete_finished(session, NOW - KEEP, ("escalation",), batch=2) == 5

    assert set(await messages(store)) == {"waiting"}


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


async def test_retention_tick_purges_once_a_local_day_after_the_digest_hour(store: Store) -> None:
    await add_user(store, MENTOR)
    clock = Clock(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))  # 08:00 in Almaty, before the digest hour
    ctx = JobContext(
        store.sessions,
        store.publisher,
        replace(POLICY, retention=timedelta(days=10)),
        Settings(digest_hour=9, _env_file=None),  # type: ignore[call-arg]
        clock,
    )
    await message(store, "old", MENTOR, created=clock.now - timedelta(days=11))
    await message(store, "young", MENTOR, created=clock.now - timedelta(days=8))

    async def purged() -> set[str]:
        return {key for key, row in (await messages(store)).items() if row[2] is not None}

    assert await retention_tick(ctx) == 0
    assert await purged() == set()

    clock.now = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # 09:00 local
    assert await retention_tick(ctx) == 0
    assert await purged() == {"old"}
    assert (await messages(store))["old"][1:3] == ({}, clock.now)

    await message(store, "later", MENTOR, created=clock.now - timedelta(days=20))
    clock.now = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 22:00 local, the same day
    await retention_tick(ctx)
    assert await purged() == {"old"}

    clock.now = datetime(2026, 11, 30, 19, 30, tzinfo=UTC)  # 00:30 local, the next day, before the hour
    await retention_tick(ctx)
    assert await purged() == {"old"}

    clock.now = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # 10:00 local, the next day
    await retention_tick(ctx)
    assert await purged() == {"old", "later"}
    assert ctx.daily_done["retention"] == date(2026, 12, 1)


# --- the subject of a notification ----------------------------------------------------------------


async def test_the_publisher_records_which_application_a_message_is_about(store: Store) -> None:
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    await add_staff(store, OTHER_MENTOR, Role.MENTOR, "Other Mentor")
    mine = await keep_diary(store, PARTICIPANT, NAME, "mine")
    theirs = await keep_diary(store, OTHER, OTHER_NAME, "theirs")

    await publish(
        store,
        EntryToReview(MENTOR, mine.approved),
        EntryDecided(OTHER, theirs.approved, "approved"),
        NewApplication(MENTOR, theirs.app, "under_review"),
        StaffBack(MENTOR, OTHER_MENTOR, "mentor"),
    )

    async with store.sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    subjects = [(r.key.split(":")[0], r.method, r.chat_id, r.subject_id) for r in rows]
    assert subjects == [
        ("review", "sendMediaGroup", MENTOR, mine.app),
        ("review", "sendMessage", MENTOR, mine.app),
        ("decided", "sendMessage", OTHER, theirs.app),
        ("new-application", "sendMessage", MENTOR, theirs.app),
        ("back", "sendMessage", MENTOR, None),
    ]

    # What the subject is for: erasing the participant finds the mentor's unsent review again.
    await erase(store)
    left = [(r.key.split(":")[0], r.subject_id) for r in await all_rows(store, OutboxMessage)]
    assert sorted(left, key=str) == sorted(
        [("decided", theirs.app), ("new-application", theirs.app), ("back", None)], key=str
    )
    assert not [a for a in await all_rows(store, AuditRecord) if a.reason and "mine" in a.reason]


async def test_staff_at_work_are_refused_erasure_a_deactivated_one_is_forgotten(store: Store) -> None:
    """Active staff would leave participants with nobody; a deactivated one keeps only the Telegram id, the key
    of the staff row their past decisions refer to."""
    await add_staff(store, MENTOR, Role.MENTOR, "Mentor Person")
    async with store.sessions() as session, session.begin():
        session.add(StaffProfile(user_id=MENTOR, phone="+77010000001", bio="Coach"))
    async with store.session() as uow:
        user = await uow.users.get(MENTOR)
        assert user is not None
        assert (await personal_data.export(uow, user))["as_staff"]["profile"]["phone"] == "+77010000001"
        with refused("erase-staff-active"):
            await personal_data.erase(uow, user, NOW)
    await change(store, Staff, MENTOR, active=False)
    async with store.session() as uow:
        user = await uow.users.get(MENTOR)
        assert user is not None
        await personal_data.erase(uow, user, NOW)
    staff = await store.get(Staff, MENTOR)
    assert staff is not None and staff.full_name is None and not staff.active
    assert await store.get(StaffProfile, MENTOR) is None
