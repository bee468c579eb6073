"""Every message to someone other than the user who acted: one function per kind of notice.

`OutboxPublisher.publish` is called by `Holder.commit` inside the transaction of the change: each notice
is rendered in its recipient's language and written to the outbox, which `scheduler/sender.py` drains.
Reminders, escalations and digests wait for the end of quiet hours and skip users who blocked the bot.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from aiogram.methods import SendMessage
from aiogram.methods.base import TelegramMethod
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import AbsenceCb, AppealsCb, ArbitrationCb, DiaryCb, DocumentCb, MentorCb, RatingStartCb, ReviewCb
from bot.centre.texts import card as centre_card
from bot.centre.texts import decision_buttons
from bot.entries import media_calls, summary
from bot.keyboards import button, main_menu
from bot.participant.texts import describe_target, schedule_line
from core.documents import DocumentStatus
from core.notices import (
    SCHEDULED,
    Activated,
    AppealDecided,
    AppealOverdue,
    AppealToArbiter,
    ApplicationOverdue,
    BooksBehind,
    CentreApplied,
    CentreDecided,
    CentreUnsigned,
    DeadlineNear,
    DocumentArrived,
    DocumentDecided,
    DocumentsRequested,
    EntryDecided,
    EntryOverdue,
    EntryToReview,
    ExpertAssigned,
    GuardianConfirmed,
    IndividualRequirements,
    LevelCompleted,
    MentorMessage,
    NewApplication,
    Notice,
    ProblemReported,
    RatingDue,
    RegionAssigned,
    ReviewDigest,
    SessionReminder,
    StaffAbsent,
    StaffBack,
    SubstituteChosen,
    SubstituteReleased,
    TaskSet,
    WeekMissed,
    WeekNudge,
    WorkConfirmed,
    WorkConfirmedForMentor,
)
from core.programme import EntryStatus, Role
from core.reminders import QuietHours
from locales.translations import Translations, Translator
from scheduler.sender import params_of
from storage.holder import Holder
from storage.models import Application, Entry

Calls = list[TelegramMethod[Any]]
N = TypeVar("N", bound=Notice)
Renderer = Callable[[Any, Translator, Holder], Awaitable[Calls]]
RENDERERS: dict[type[Notice], Renderer] = {}


def renders(kind: type[N]) -> Callable[[Callable[[N, Translator, Holder], Awaitable[Calls]]], Renderer]:
    def register(render: Callable[[N, Translator, Holder], Awaitable[Calls]]) -> Renderer:
        RENDERERS[kind] = render
        return render

    return register


def text(chat_id: int, body: str, *rows: list[InlineKeyboardButton]) -> Calls:
    markup = InlineKeyboardMarkup(inline_keyboard=list(rows)) if rows else None
    return [SendMessage(chat_id=chat_id, text=body, reply_markup=markup)]


async def render(notice: Notice, t: Translator, uow: Holder) -> Calls:
    """The Bot API calls of a notice in the translator's language; also used to show the same to the user who asked."""
    return await RENDERERS[type(notice)](notice, t, uow)


WITH_FILES = (EntryToReview, AppealToArbiter)
"""Notices whose messages carry the entry's files (`entry_with_files`)."""
PLAIN = frozenset({"reminder", "digest"})
"""Kinds whose messages are made from the notice alone: the publisher reads no rows for them."""


class OutboxPublisher:
    def __init__(
        self, translations: Translations, zone: ZoneInfo, quiet: QuietHours | None, clock: Callable[[], datetime]
    ) -> None:
        self.translations = translations
        self.zone = zone
        self.quiet = quiet
        self.clock = clock

    async def publish(self, uow: Holder, notices: Sequence[Notice]) -> int:
        """Rows for every notice whose recipient exists; returns how many keys were new. Recipients, and the
        entries and applications notices are about, are read once for all and held while the notices
        render, so a renderer's `get` costs no query; the rows are written a thousand per statement."""
        now = self.clock()
        users = await uow.users.many({n.recipient for n in notices})
        entries = {e.id: e for e in await uow.entries.many(ids_of(notices, "entry_id"))}
        shown = [n for n in notices if n.kind not in PLAIN]
        shown_entries = [entries[i] for i in ids_of(shown, "entry_id") if i in entries]
        with_files = ids_of([n for n in shown if isinstance(n, WITH_FILES)], "entry_id")
        _held = await self.read_ahead(uow, shown_entries, ids_of(shown, "app_id"), with_files)
        rows: list[dict[str, Any]] = []
        for notice in notices:
            user = users.get(notice.recipient)
            if user is None:
                continue
            not_before = now
            if notice.kind in SCHEDULED:
                if user.blocked_at is not None:
                    continue
                if self.quiet is not None:
                    not_before = self.quiet.next_allowed(now, self.zone)
                if notice.latest is not None and not_before >= notice.latest:
                    continue
            calls = await render(notice, self.translations.translator(user.locale), uow)
            subject = subject_of(notice, entries)
            rows += [
                {
                    "key": f"{notice.key}:{n}" if len(calls) > 1 else notice.key,
                    "chat_id": user.id,
                    "kind": notice.kind,
                    "method": call.__api_method__,
                    "params": params_of(call),
                    "not_before": not_before,
                    "subject_id": subject,
                }
                for n, call in enumerate(calls)
            ]
        return await uow.outbox.enqueue_many(rows, now)

    @staticmethod
    async def read_ahead(
        uow: Holder, entries: Sequence[Entry], app_ids: set[int], with_files: set[int]
    ) -> tuple[object, ...]:
        """What the renderers of these entries and applications read (the files of the entries `with_files`,
        the entries' books and applications, the mentors), in a few statements for all; held by the caller, as
        the session keeps a row only while it is referred to."""
        if with_files:
            await uow.entries.preload_media(with_files)
        apps = await uow.applications.many(app_ids | {e.application_id for e in entries})
        books = await uow.catalogue.books_by_code({e.book_code for e in entries if e.book_code})
        mentors = await uow.staff.many({a.mentor_id for a in apps if a.mentor_id})
        return apps, books, mentors


def ids_of(notices: Sequence[Notice], attribute: str) -> set[int]:
    """The ids notices carry in `attribute` ("entry_id", "app_id"): notice kinds differ in what they name."""
    return {value for n in notices if isinstance(value := getattr(n, attribute, None), int)}


def subject_of(notice: Notice, entries: dict[int, Entry]) -> int | None:
    """The application a notice is about, so that erasing the participant finds the message again."""
    app_id = getattr(notice, "app_id", None)
    if isinstance(app_id, int):
        return app_id
    entry = entries.get(getattr(notice, "entry_id", None))  # type: ignore[arg-type]
    return entry.application_id if entry else None


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


async def application_of(uow: Holder, app_id: int) -> Application:
    app = await uow.applications.get(app_id)
    assert app is not None
    return app


async def entry_and_application(uow: Holder, entry_id: int) -> tuple[Entry, Application]:
    entry = await uow.entries.get(entry_id)
    assert entry is not None
    return entry, await application_of(uow, entry.application_id)


async def staff_name(uow: Holder, user_id: int | None) -> str:
    member = await uow.staff.get(user_id or 0)
    return (member.full_name if member else None) or "—"


@renders(NewApplication)
async def new_application(notice: NewApplication, t: Translator, uow: Holder) -> Calls:
    app = await application_of(uow, notice.app_id)
    deadline = app.review_deadline.strftime("%d.%m.%Y") if app.review_deadline else ""
    card = button(t("button-open-card"), MentorCb(action="card", app_id=app.id))
    return text(notice.recipient, t("mentor-new-application", name=app.full_name or "", deadline=deadline), [card])


async def entry_with_files(
    uow: Holder, t: Translator, chat_id: int, entry: Entry, head: str, rows: list[list[InlineKeyboardButton]]
) -> Calls:
    """The entry's files, then its summary with the buttons at the bottom of the chat."""
    media = await uow.entries.media(entry.id)
    body = head + "\n" + summary(t, entry, await uow.catalogue.book(entry.book_code), len(media))
    return [*media_calls(chat_id, media), *text(chat_id, body, *rows)]


def review_buttons(t: Translator, entry_id: int) -> list[InlineKeyboardButton]:
    return [
        button(t(f"button-review-{a}"), ReviewCb(action=a, entry_id=entry_id)) for a in ("approve", "reject", "more")
    ]


@renders(EntryToReview)
async def entry_to_review(notice: EntryToReview, t: Translator, uow: Holder) -> Calls:
    entry, app = await entry_and_application(uow, notice.entry_id)
    head = t("mentor-new-entry", name=app.full_name or "")
    return await entry_with_files(uow, t, notice.recipient, entry, head, [review_buttons(t, entry.id)])


@renders(EntryDecided)
async def entry_decided(notice: EntryDecided, t: Translator, uow: Holder) -> Calls:
    entry = await uow.entries.get(notice.entry_id)
    assert entry is not None
    body = t(f"entry-{entry.status.replace('_', '-')}-news") + "\n"
    body += summary(t, entry, await uow.catalogue.book(entry.book_code), 0)
    follow_up = {
        EntryStatus.REJECTED.value: ("button-appeal", "appeal"),
        EntryStatus.MORE_WORK.value: ("button-revise", "revise"),
    }
    if entry.status in follow_up:
        label, action = follow_up[entry.status]
        return text(notice.recipient, body, [button(t(label), DiaryCb(action=action, entry_id=entry.id))])
    return text(notice.recipient, body)


@renders(AppealToArbiter)
async def appeal_to_arbiter(notice: AppealToArbiter, t: Translator, uow: Holder) -> Calls:
    entry, app = await entry_and_application(uow, notice.entry_id)
    head = t("expert-appeal", name=app.full_name or "", mentor=await staff_name(uow, app.mentor_id))
    buttons = [button(t(f"button-{a}"), ArbitrationCb(action=a, entry_id=entry.id)) for a in ("uphold", "overturn")]
    return await entry_with_files(uow, t, notice.recipient, entry, head, [buttons])


def next_appeal_button(t: Translator, expert_id: int, waiting: int) -> list[InlineKeyboardButton]:
    return [button(t("button-next-appeal", count=waiting), AppealsCb(expert_id=expert_id))]


@renders(AppealDecided)
async def appeal_decided(notice: AppealDecided, t: Translator, uow: Holder) -> Calls:
    entry, app = await entry_and_application(uow, notice.entry_id)
    body = t(f"appeal-{entry.status}-news", name=app.full_name or "") + "\n"
    body += summary(t, entry, await uow.catalogue.book(entry.book_code), 0)
    return text(notice.recipient, body)


@renders(GuardianConfirmed)
async def guardian_confirmed(notice: GuardianConfirmed, t: Translator, uow: Holder) -> Calls:
    return text(notice.recipient, t("participant-guardian-confirmed"))


@renders(IndividualRequirements)
async def individual_requirements(notice: IndividualRequirements, t: Translator, uow: Holder) -> Calls:
    """The participant reads their new target; their mentor, whose participant it is."""
    app = await uow.applications.get(notice.app_id)
    direction = t(f"direction-{notice.target.direction.value}")
    target = describe_target(t, notice.target)
    if app is not None and notice.recipient == app.user_id:
        return text(notice.recipient, t("individual-told-participant", direction=direction, target=target))
    name = (app.full_name if app else None) or ""
    return text(notice.recipient, t("individual-told-mentor", name=name, direction=direction, target=target))


@renders(Activated)
async def activated(notice: Activated, t: Translator, uow: Holder) -> Calls:
    member = await uow.staff.get(notice.by)
    lines = [t("participant-activated", mentor=(member.full_name if member else None) or "")]
    lines += [
        f"• <b>{t(f'direction-{i.direction}')}</b>: {schedule_line(t, i)}"
        for i in await uow.applications.schedule(notice.app_id)
    ]
    return text(notice.recipient, "\n".join(lines))


@renders(LevelCompleted)
async def level_completed(notice: LevelCompleted, t: Translator, uow: Holder) -> Calls:
    app = await application_of(uow, notice.app_id)
    rate = button(t("button-rate-end"), RatingStartCb(app_id=app.id, end=1))
    return text(notice.recipient, t("participant-completed", level=t(f"level-{app.level}")), [rate])


@renders(WorkConfirmed)
async def work_confirmed(notice: WorkConfirmed, t: Translator, uow: Holder) -> Calls:
    entry, _ = await entry_and_application(uow, notice.entry_id)
    body = t("work-confirmed-news", date=day(entry.activity_date), employer=entry.employer_name or "")
    return text(notice.recipient, body)


@renders(WorkConfirmedForMentor)
async def work_confirmed_for_mentor(notice: WorkConfirmedForMentor, t: Translator, uow: Holder) -> Calls:
    entry, app = await entry_and_application(uow, notice.entry_id)
    body = t(
        "work-confirmed-mentor",
        name=app.full_name or "",
        date=day(entry.activity_date),
        employer=entry.employer_name or "",
    )
    return text(notice.recipient, body)


@renders(WeekMissed)
async def week_missed(notice: WeekMissed, t: Translator, uow: Holder) -> Calls:
    app = await application_of(uow, notice.app_id)
    reason = t(f"missed-{notice.reason.replace('_', '-')}")
    body = t("mentor-missed", name=app.full_name or "", reason=reason, details=notice.details or "—")
    return text(notice.recipient, body)


@renders(TaskSet)
async def task_set(notice: TaskSet, t: Translator, uow: Holder) -> Calls:
    return text(notice.recipient, t("task-news", direction=t(f"direction-{notice.direction}"), text=notice.text))


@renders(MentorMessage)
async def mentor_message(notice: MentorMessage, t: Translator, uow: Holder) -> Calls:
    member = await uow.staff.get(notice.sender)
    sender = (member.full_name if member else None) or ""
    return text(notice.recipient, t("message-from-mentor", mentor=sender, text=notice.text))


@renders(ProblemReported)
async def problem_reported(notice: ProblemReported, t: Translator, uow: Holder) -> Calls:
    member = await uow.staff.get(notice.coordinator)
    region = await uow.catalogue.region(member.region_code) if member and member.region_code else None
    name = (member.full_name if member else None) or str(notice.coordinator)
    body = t("operator-problem", name=name, region=t.name(region) if region else "—", text=notice.text)
    return text(notice.recipient, body)


@renders(StaffAbsent)
async def staff_absent(notice: StaffAbsent, t: Translator, uow: Holder) -> Calls:
    """To an expert, with buttons to keep the mentor's participants or hand them to another mentor."""
    member = await uow.staff.get(notice.absent)
    assert member is not None
    name = member.full_name or ""
    if member.role != Role.MENTOR.value:
        key = "admin-deactivated-coordinator-news" if notice.deactivated else "absence-coordinator-news"
        body = t(key, name=name, appeals=notice.appeals)
        rows = [next_appeal_button(t, member.user_id, notice.appeals)] if notice.appeals else []
        return text(notice.recipient, body, *rows)
    rows = [[button(t("button-absence-keep"), AbsenceCb(action="keep", mentor_id=member.user_id))]]
    for other in await uow.staff.present_mentors_of(notice.recipient, member.user_id):
        label = html.unescape(t("button-absence-hand", name=other.full_name or str(other.user_id)))
        rows.append([button(label, AbsenceCb(action="hand", mentor_id=member.user_id, value=other.user_id))])
    key = "admin-deactivated-expert-news" if notice.deactivated else "absence-expert-news"
    return text(notice.recipient, t(key, name=name), *rows)


@renders(SubstituteChosen)
async def substitute_chosen(notice: SubstituteChosen, t: Translator, uow: Holder) -> Calls:
    return text(notice.recipient, t("absence-substitute-news", name=await staff_name(uow, notice.mentor)))


@renders(SubstituteReleased)
async def substitute_released(notice: SubstituteReleased, t: Translator, uow: Holder) -> Calls:
    return text(notice.recipient, t("absence-released", name=await staff_name(uow, notice.mentor)))


@renders(StaffBack)
async def staff_back(notice: StaffBack, t: Translator, uow: Holder) -> Calls:
    return text(notice.recipient, t(f"absence-back-news-{notice.role}", name=await staff_name(uow, notice.staff)))


@renders(ExpertAssigned)
async def expert_assigned(notice: ExpertAssigned, t: Translator, uow: Holder) -> Calls:
    if notice.recipient == notice.mentor:
        return text(notice.recipient, t("admin-expert-assigned-news", name=await staff_name(uow, notice.expert)))
    return text(notice.recipient, t("admin-mentor-assigned-news", name=await staff_name(uow, notice.mentor)))


@renders(RegionAssigned)
async def region_assigned(notice: RegionAssigned, t: Translator, uow: Holder) -> Calls:
    region = await uow.catalogue.region(notice.region_code)
    return text(notice.recipient, t("admin-region-assigned-news", region=t.name(region) if region else "—"))


@renders(SessionReminder)
async def session_reminder(notice: SessionReminder, t: Translator, uow: Holder) -> Calls:
    body = t(
        "reminder-session",
        direction=t(f"direction-{notice.direction}"),
        activity=notice.activity,
        time=notice.start.strftime("%H:%M"),
    )
    return text(notice.recipient, body)


@renders(WeekNudge)
async def week_nudge(notice: WeekNudge, t: Translator, uow: Holder) -> Calls:
    directions = ", ".join(t(f"direction-{d}") for d in notice.directions)
    return text(notice.recipient, t("reminder-week", directions=directions))


@renders(BooksBehind)
async def books_behind(notice: BooksBehind, t: Translator, uow: Holder) -> Calls:
    body = t("reminder-books", done=notice.done, expected=notice.expected, total=notice.total)
    return text(notice.recipient, body)


@renders(DeadlineNear)
async def deadline_near(notice: DeadlineNear, t: Translator, uow: Holder) -> Calls:
    lines = [t("reminder-deadline", days=notice.days_left, date=day(notice.end))]
    lines += [t("diary-direction", direction=t(f"direction-{d}"), percent=p) for d, p in notice.unfinished]
    return text(notice.recipient, "\n".join(lines))


@renders(RatingDue)
async def rating_due(notice: RatingDue, t: Translator, uow: Holder) -> Calls:
    return text(notice.recipient, t("reminder-rating", button=t("menu-rate-mentor")))


@renders(ReviewDigest)
async def review_digest(notice: ReviewDigest, t: Translator, uow: Holder) -> Calls:
    lines = [t("digest-title", count=sum(n for _, n in notice.waiting))]
    lines += [t("digest-line", name=name, count=n) for name, n in notice.waiting]
    return text(notice.recipient, "\n".join(lines))


@renders(ApplicationOverdue)
async def application_overdue(notice: ApplicationOverdue, t: Translator, uow: Holder) -> Calls:
    app = await application_of(uow, notice.app_id)
    body = t(
        "escalation-application",
        name=app.full_name or "",
        mentor=await staff_name(uow, app.mentor_id),
        deadline=day(app.review_deadline),
    )
    return text(notice.recipient, body)


@renders(EntryOverdue)
async def entry_overdue(notice: EntryOverdue, t: Translator, uow: Holder) -> Calls:
    _, app = await entry_and_application(uow, notice.entry_id)
    name, submitted = app.full_name or "", day(notice.submitted)
    if notice.to == "mentor":
        return text(notice.recipient, t("escalation-entry-mentor", name=name, date=submitted))
    mentor = await staff_name(uow, app.mentor_id)
    return text(notice.recipient, t("escalation-entry-expert", name=name, date=submitted, mentor=mentor))


@renders(AppealOverdue)
async def appeal_overdue(notice: AppealOverdue, t: Translator, uow: Holder) -> Calls:
    _, app = await entry_and_application(uow, notice.entry_id)
    return text(notice.recipient, t("escalation-appeal", name=app.full_name or ""))


@renders(CentreUnsigned)
async def centre_unsigned(notice: CentreUnsigned, t: Translator, uow: Holder) -> Calls:
    centre = await uow.catalogue.centre(notice.centre_id)
    assert centre is not None
    if notice.lost:
        return text(notice.recipient, t("centre-agreement-lost", centre=t.name(centre)))
    return text(notice.recipient, t("centre-agreement-warning", centre=t.name(centre), deadline=day(notice.deadline)))


@renders(CentreApplied)
async def centre_applied(notice: CentreApplied, t: Translator, uow: Holder) -> Calls:
    request = await uow.centres.application(notice.request_id)
    assert request is not None
    body = t("centre-applied-news") + "\n" + await centre_card(t, uow, request)
    return text(notice.recipient, body, *decision_buttons(t, request))


@renders(CentreDecided)
async def centre_decided(notice: CentreDecided, t: Translator, uow: Holder) -> Calls:
    """An approval brings the centre head's menu with it."""
    request = await uow.centres.application(notice.request_id)
    assert request is not None
    if notice.deadline is None:
        body = t("centre-refused-news", organisation=request.organisation, reason=request.reason or "")
        return text(notice.recipient, body)
    body = t("centre-approved-news", organisation=request.organisation, deadline=day(notice.deadline))
    return [SendMessage(chat_id=notice.recipient, text=body, reply_markup=main_menu(t, Role.CENTRE))]


def upload_button(t: Translator, kind: str) -> list[InlineKeyboardButton]:
    return [button(t("button-docs-upload", kind=t(f"docs-kind-{kind}")), DocumentCb(action="up", kind=kind))]


@renders(DocumentsRequested)
async def documents_requested(notice: DocumentsRequested, t: Translator, uow: Holder) -> Calls:
    app = await application_of(uow, notice.app_id)
    kinds = ", ".join(t(f"docs-kind-{k}") for k in notice.missing)
    body = t("docs-request-news", mentor=await staff_name(uow, app.mentor_id), kinds=kinds)
    return text(notice.recipient, body, *(upload_button(t, k) for k in notice.missing))


@renders(DocumentArrived)
async def document_arrived(notice: DocumentArrived, t: Translator, uow: Holder) -> Calls:
    app = await application_of(uow, notice.app_id)
    body = t("docs-arrived-news", name=app.full_name or "", kind=t(f"docs-kind-{notice.document_kind}"))
    return text(notice.recipient, body, [button(t("button-docs-list"), DocumentCb(action="list", app_id=app.id))])


@renders(DocumentDecided)
async def document_decided(notice: DocumentDecided, t: Translator, uow: Holder) -> Calls:
    """Checked, or returned with the mentor's reason and a button to send it again."""
    document = await uow.documents.get(notice.document_id)
    assert document is not None
    kind = t(f"docs-kind-{document.kind}")
    if document.status != DocumentStatus.RETURNED:
        return text(notice.recipient, t("docs-checked-news", kind=kind))
    body = t("docs-returned-news", kind=kind, reason=document.return_reason or "")
    return text(notice.recipient, body, upload_button(t, document.kind))
