"""A level is complete only when every direction reaches 100% and the mentor writes the assessment (R5.4)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.callbacks import DiaryCb, MentorCb, RatingCb, RatingStartCb, ReviewCb
from core.programme import Role
from storage.models import Entry, RatingAnswer
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text

MENTOR = 820
ESSAY = "Бұл кітап маған адалдық пен еңбек туралы көп нәрсе үйретті. " * 8


async def latest_entry(world: World) -> int:
    async with world.sessions() as session:
        return int(await session.scalar(select(func.max(Entry.id))) or 0)


async def approved_session(world: World, user: Any, mentor: Any, t: Any, direction: str) -> None:
    await user.send_text(t("menu-add-entry"))
    await user.click(data=DiaryCb(action="dir", value=direction).pack())
    await user.click(data=DiaryCb(action="kind", value=f"{direction}.session").pack())
    await user.click(data=DiaryCb(action="date", value="0").pack())
    await user.click(data=DiaryCb(action="minutes", value="60").pack())
    await user.send_text(f"Weekly {direction} session")
    await user.click(data=DiaryCb(action="media-done", value="media").pack())
    await user.click(data=DiaryCb(action="send", value="confirm").pack())
    await mentor.click(data=ReviewCb(action="approve", entry_id=await latest_entry(world)).pack())


async def approved_essay(world: World, user: Any, mentor: Any, t: Any, section: str, book: str) -> None:
    await user.send_text(t("menu-add-entry"))
    await user.click(data=DiaryCb(action="dir", value="reading").pack())
    await user.click(data=DiaryCb(action="section", value=section).pack())
    await user.click(data=DiaryCb(action="book", value=book).pack())
    await user.click(data=DiaryCb(action="date", value="0").pack())
    await user.send_text(ESSAY)
    await user.click(data=DiaryCb(action="send", value="confirm").pack())
    await mentor.click(data=ReviewCb(action="approve", entry_id=await latest_entry(world)).pack())


async def test_level_completed_after_thirteen_weeks_and_three_books(world: World) -> None:
    t = tr("en")
    mentor = await become_staff(world, MENTOR, "en", Role.MENTOR, "Mentor Complete", centre="astana-youth")
    user, app_id = await activated(world, 6200, "en", mentor, MENTOR)
    complete = MentorCb(action="complete", app_id=app_id).pack()

    await approved_essay(world, user, mentor, t, "1", "auezov-path-of-abai")
    await approved_essay(world, user, mentor, t, "2", "tolstoy-war-and-peace")
    for week in range(13):
        await approved_session(world, user, mentor, t, "sport")
        await approved_session(world, user, mentor, t, "talent")
        if week == 5:
            await mentor.forge_click(complete, mentor.last.message_id)
            assert plain(t("completion-not-yet")) in last_text(mentor)
            assert plain(t("diary-direction", direction=t("direction-sport"), percent=46)) in last_text(mentor)
        world.clock.advance(days=7)
    await approved_essay(world, user, mentor, t, "3", "harari-sapiens")

    await mentor.forge_click(complete, mentor.last.message_id)
    assert plain(t("ask-assessment")) in last_text(mentor)
    await mentor.send_text("short")
    assert plain(t("error-text-too-short-min", min=20)) in last_text(mentor)
    await mentor.send_text("Disciplined and curious; recommended for the Bronze badge.")
    await mentor.click(text=t("button-complete-level"))
    app = await world.application(6200)
    assert app is not None and app.status == "completed" and app.confirmed_directions == app.directions
    assert app.assessment == "Disciplined and curious; recommended for the Bronze badge."
    assert plain(t("participant-completed", level=t("level-bronze"))) in last_text(user)
    again = await mentor.forge_click(MentorCb(action="complete-yes", app_id=app_id).pack(), mentor.last.message_id)
    assert again is not None and again.text == plain(t("error-stale-button"))

    # The end-of-level survey, from the button under the news, in a period of its own.
    await user.click(text=t("button-rate-end"))
    for q in (1, 2, 3):
        await user.click(data=RatingCb(q=q, value=4).pack())
    assert plain(t("rating-thanks")) in last_text(user)
    async with world.sessions() as session:
        periods = list(await session.scalars(select(RatingAnswer.period)))
    assert periods == [f"{world.clock():%Y-%m}-end"]
    await user.click(text=t("button-rate-end"))
    assert user.callback_answers[-1].text == plain(t("rating-already"))
    forged = await user.forge_click(RatingStartCb(app_id=app_id + 1, end=1).pack(), user.last.message_id)
    assert forged is not None and forged.text == plain(t("rating-stale"))


async def test_mentor_writes_to_participant(world: World) -> None:
    t = tr("ru")
    mentor = await become_staff(world, MENTOR, "ru", Role.MENTOR, "Наставник Письмо", centre="astana-youth")
    other = await become_staff(world, 821, "ru", Role.MENTOR, "Другой Наставник", centre="astana-youth")
    user, app_id = await activated(world, 6201, "ru", mentor, MENTOR)
    await mentor.click(data=MentorCb(action="card", app_id=app_id).pack())
    await mentor.click(data=MentorCb(action="msg", app_id=app_id).pack())
    await mentor.send_text("Завтра тренировка в 18:00 <в зале>")
    assert plain(t("message-delivered")) in last_text(mentor)
    assert "Завтра тренировка в 18:00 <в зале>" in last_text(user)
    answer = await other.forge_click(MentorCb(action="msg", app_id=app_id).pack(), other.last.message_id)
    assert answer is not None and answer.text == plain(t("error-not-allowed"))
