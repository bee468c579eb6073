"""A mentor who cannot work and the expert's supervision, end to end (R6.2, R6.3).

Choice: an absent mentor may still act on their own participants. Absence moves the alerts and
the duty to the substitute; it does not lock the mentor out (core.access.check_acting_mentor admits
the assigned mentor), so a mentor who looks in while ill can still approve an entry.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.callbacks import AbsenceCb, DiaryCb, DocumentCb, ReviewCb, SupervisionCb
from core.programme import Role
from storage.models import Entry, ExpertNote, Staff
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text, mn, shown

EXPERT, MENTOR, OTHER_MENTOR, OTHER_EXPERT = 800, 801, 802, 810
NAME = "Абайұлы Нұрлан Серікұлы"


def dy(action: str, value: str = "", entry_id: int = 0) -> str:
    return DiaryCb(action=action, value=value, entry_id=entry_id).pack()


def rv(action: str, entry_id: int, value: str = "") -> str:
    return ReviewCb(action=action, entry_id=entry_id, value=value).pack()


def sv(action: str, target: int) -> str:
    return SupervisionCb(action=action, target=target).pack()


async def team(world: World, locale: str = "en") -> tuple[Any, Any, Any, int]:
    """An expert, their mentor and an active participant of that mentor."""
    expert = await become_staff(world, EXPERT, locale, Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, locale, Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    user, app_id = await activated(world, 6001, locale, mentor, MENTOR)
    return expert, mentor, user, app_id


async def report(world: World, user: Any, t: Any) -> Entry:
    """A sport session with a photo, sent for review; returns the newest entry."""
    await user.send_text(t("menu-add-entry"))
    await user.click(data=dy("dir", "sport"))
    await user.click(data=dy("kind", "sport.session"))
    await user.click(data=dy("date", "0"))
    await user.click(data=dy("minutes", "60"))
    await user.send_text("Ran 5 km in the park, 30 seconds faster than last week")
    await user.send_photo(b"\xff\xd8 run photo")
    await user.click(data=dy("media-done", "media"))
    await user.click(data=dy("send", "confirm"))
    assert plain(t("entry-sent")) in last_text(user)
    return (await entries(world))[-1]


async def entries(world: World) -> list[Entry]:
    async with world.sessions() as session:
        return list(await session.scalars(select(Entry).order_by(Entry.id)))


async def staff_row(world: World, user_id: int) -> Staff:
    async with world.sessions() as session:
        staff = await session.get(Staff, user_id)
        assert staff is not None
        return staff


async def go_absent(world: World, mentor: Any, t: Any) -> None:
    await mentor.send_text(t("menu-absence"))
    assert plain(t("absence-confirm-mentor")) in last_text(mentor)
    await mentor.click(text=t("button-absence-confirm"))
    assert shown(mentor, "absence-recorded", "en")
    row = await staff_row(world, MENTOR)
    assert row.absent_since is not None and row.substitute_id == EXPERT


async def test_expert_takes_over_and_approves(world: World) -> None:
    t = tr("en")
    expert, mentor, user, app_id = await team(world)
    await go_absent(world, mentor, t)
    assert plain(t("absence-expert-news", name="Mentor Person")) in last_text(expert)
    await expert.click(text=t("button-absence-keep"))
    assert (await staff_row(world, MENTOR)).substitute_id == EXPERT
    entry = await report(world, user, t)
    assert plain(t("mentor-new-entry", name=NAME)) in last_text(expert)
    await expert.click(text=t("button-review-approve"))
    assert (await entries(world))[-1].status == "approved" and entry.status == "pending"
    # The substitute opens the participant's card.
    answer = await expert.forge_click(mn("card", app_id), expert.last.message_id)
    assert answer is not None and not answer.text
    assert shown(expert, "card-title", "en", name=NAME, status=t("status-active"))
    # Choice: the absent mentor may still act on their own participant.
    second = await report(world, user, t)
    answer = await mentor.forge_click(rv("approve", second.id), mentor.last.message_id)
    assert answer is not None and answer.text == plain(t("decided-approve", name=NAME))


async def test_hand_over_reject_and_back(world: World) -> None:
    t = tr("en")
    expert, mentor, user, _ = await team(world)
    other = await become_staff(
        world, OTHER_MENTOR, "en", Role.MENTOR, "Second Mentor", centre="astana-youth", expert_id=EXPERT
    )
    await go_absent(world, mentor, t)
    await expert.click(text=t("button-absence-hand", name="Second Mentor"))
    assert (await staff_row(world, MENTOR)).substitute_id == OTHER_MENTOR
    assert plain(t("absence-substitute-news", name="Mentor Person")) in last_text(other)

    entry = await report(world, user, t)
    assert plain(t("mentor-new-entry", name=NAME)) in last_text(other)
    await other.click(text=t("button-review-reject"))
    await other.click(text=t("reason-detail"))
    assert (await entries(world))[-1].status == "rejected"
    assert plain(t("entry-rejected-news")) in last_text(user)

    await mentor.send_text(t("menu-absence"))
    assert plain(t("absence-status", substitute="Second Mentor")) in last_text(mentor)
    await mentor.click(text=t("button-absence-back"))
    row = await staff_row(world, MENTOR)
    assert row.absent_since is None and row.substitute_id is None
    assert plain(t("absence-back-news-mentor", name="Mentor Person")) in last_text(expert)
    assert plain(t("absence-back-news-mentor", name="Mentor Person")) in last_text(other)

    second = await report(world, user, t)
    assert second.id != entry.id
    assert plain(t("mentor-new-entry", name=NAME)) in last_text(mentor)
    # The former substitute may no longer act.
    answer = await other.forge_click(rv("approve", second.id), other.last.message_id)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))


async def test_mentor_without_expert(world: World) -> None:
    t = tr("ru")
    mentor = await become_staff(world, 805, "ru", Role.MENTOR, "Lone Mentor", centre="astana-youth")
    await mentor.send_text(t("menu-absence"))
    assert plain(t("absence-no-substitute-mentor")) in last_text(mentor)
    assert (await staff_row(world, 805)).absent_since is None


async def test_expert_hand_to_foreign_mentor_refused(world: World) -> None:
    t = tr("en")
    expert, mentor, _, _ = await team(world)
    await become_staff(world, 803, "en", Role.MENTOR, "Foreign Mentor", centre="astana-youth")
    await go_absent(world, mentor, t)
    data = AbsenceCb(action="hand", mentor_id=MENTOR, value=803).pack()
    answer = await expert.forge_click(data, expert.last.message_id)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))
    assert (await staff_row(world, MENTOR)).substitute_id == EXPERT


async def test_expert_read_only_views_and_forged_actions(world: World) -> None:
    t = tr("kk")
    expert, mentor, user, app_id = await team(world, "kk")
    first = await report(world, user, t)
    await mentor.click(text=t("button-review-approve"))
    second = await report(world, user, t)

    await expert.send_text(t("menu-my-mentors"))
    assert plain(t("sv-mentors", count=1)) in last_text(expert)
    await expert.click(data=sv("mentor", MENTOR))
    assert plain(t("sv-mentor-title", name="Mentor Person", count=1)) in last_text(expert)
    before = len(expert.messages)
    await expert.click(data=sv("app", app_id))
    new = expert.messages[before:]
    texts = [plain(m.text or m.caption or "") for m in new]
    assert any(plain(t("card-title", name=NAME, status=t("status-active"))) in x for x in texts)
    assert any(plain(t("sv-entries", count=2)) in x for x in texts)
    assert sum(1 for m in new if m.media == "photo") >= 2  # each entry's photo, plus the profile photo
    buttons = [data for m in new for row in m.buttons for _, data in row]
    assert buttons == [DocumentCb(action="list", app_id=app_id).pack()], "read-only: only the documents to look at"
    assert first.id != second.id

    answer = await expert.forge_click(mn("activate-yes", app_id), expert.last.message_id)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))
    answer = await expert.forge_click(rv("approve", second.id), expert.last.message_id)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))
    answer = await expert.forge_click(mn("card", app_id), expert.last.message_id)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))
    assert (await entries(world))[-1].status == "pending"
    assert (await world.application(6001)).status == "active"  # type: ignore[union-attr]


async def test_notes_only_for_their_expert(world: World) -> None:
    t = tr("ru")
    expert, _, _, app_id = await team(world, "ru")
    await expert.send_text(t("menu-my-mentors"))
    await expert.click(data=sv("mentor", MENTOR))
    await expert.click(text=t("button-sv-add-note"))
    assert plain(t("sv-ask-note", name="Mentor Person")) in last_text(expert)
    await expert.send_text("Проверить график по спорту в декабре")
    assert shown(expert, "sv-note-saved", "ru")
    assert "Проверить график по спорту в декабре" in last_text(expert)
    async with world.sessions() as session:
        (note,) = list(await session.scalars(select(ExpertNote)))
        assert note.expert_id == EXPERT and note.mentor_id == MENTOR

    stranger = await become_staff(world, OTHER_EXPERT, "ru", Role.EXPERT, "Other Expert")
    await stranger.send_text(t("menu-my-mentors"))
    assert plain(t("sv-no-mentors")) in last_text(stranger)
    for data in (sv("mentor", MENTOR), sv("note", MENTOR), sv("app", app_id)):
        answer = await stranger.forge_click(data, stranger.last.message_id)
        assert answer is not None and answer.text == plain(t("error-not-allowed"))
    assert "Проверить" not in "".join(m.text or "" for m in stranger.messages)
