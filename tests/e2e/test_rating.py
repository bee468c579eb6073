"""The anonymous mentor rating end to end (R6.1, R8.1): survey, refusals, aggregates from 3 answers, anonymity."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select

from bot.callbacks import RatingCb
from core.programme import Role
from storage.models import Application, RatingAnswer, RatingBallot
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text

EXPERT, MENTOR = 800, 801


def rt(q: int, value: int) -> str:
    return RatingCb(q=q, value=value).pack()


async def team(world: World, locale: str, size: int) -> tuple[Any, list[Any]]:
    """A mentor (with their expert) and `size` active participants of that mentor."""
    await become_staff(world, EXPERT, locale, Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, locale, Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    users = [(await activated(world, 6001 + i, locale, mentor, MENTOR))[0] for i in range(size)]
    return mentor, users


async def counts(world: World) -> tuple[int, int]:
    async with world.sessions() as session:
        ballots = await session.scalar(select(func.count()).select_from(RatingBallot))
        answers = await session.scalar(select(func.count()).select_from(RatingAnswer))
        return int(ballots or 0), int(answers or 0)


async def rate(user: Any, t: Any, scores: tuple[int, int, int]) -> None:
    await user.send_text(t("menu-rate-mentor"))
    assert plain(t("rating-q1")) in last_text(user)
    await user.click(data=rt(1, scores[0]))
    assert plain(t("rating-q2")) in last_text(user)
    await user.click(data=rt(2, scores[1]))
    assert plain(t("rating-q3")) in last_text(user)
    await user.click(data=rt(3, scores[2]))
    assert plain(t("rating-thanks")) in last_text(user)


async def test_three_answers_then_aggregates_one_per_month_and_anonymous(world: World) -> None:
    t = tr("ru")
    mentor, (first, second, third) = await team(world, "ru", 3)
    not_enough = plain(t("rating-not-enough", min=3))

    await rate(first, t, (5, 4, 5))
    assert await counts(world) == (1, 1)
    await mentor.send_command("ratings")
    assert not_enough in last_text(mentor) and "5.0" not in last_text(mentor)

    # Forged and out-of-order buttons are refused and store nothing.
    await second.send_text(t("menu-rate-mentor"))
    message_id = second.last.message_id
    answer = await second.forge_click(rt(1, 7), message_id)
    assert answer is not None and answer.text == plain(t("rating-bad-score"))
    answer = await second.forge_click(rt(3, 5), message_id)
    assert answer is not None and answer.text == plain(t("rating-stale"))
    assert await counts(world) == (1, 1)
    await second.click(data=rt(1, 4))
    await second.click(data=rt(2, 4))
    await second.click(data=rt(3, 3))
    assert plain(t("rating-thanks")) in last_text(second)
    await mentor.send_command("ratings")
    assert not_enough in last_text(mentor)

    await rate(third, t, (3, 5, 4))
    assert await counts(world) == (3, 3)
    await mentor.send_command("ratings")
    shown = last_text(mentor)
    assert plain(t("rating-line", question=t("rating-q1-short"), average="4.0", count=3)) in shown
    assert plain(t("rating-line", question=t("rating-q2-short"), average="4.3", count=3)) in shown
    assert plain(t("rating-line", question=t("rating-q3-short"), average="4.0", count=3)) in shown
    assert "2026-11" in shown

    # A click on the stored survey's buttons, and a second survey in the same month, are refused.
    answer = await third.forge_click(rt(3, 5), third.last.message_id)
    assert answer is not None and answer.text == plain(t("rating-stale"))
    await first.send_text(t("menu-rate-mentor"))
    assert plain(t("rating-already")) in last_text(first)
    assert await counts(world) == (3, 3)

    # Next month the participant may rate again; the new period alone has too few answers to show.
    world.clock.advance(days=2)
    await rate(first, t, (2, 2, 2))
    assert await counts(world) == (4, 4)
    await mentor.send_command("ratings")
    shown = last_text(mentor)
    assert "2026-12" in shown and not_enough in shown
    assert plain(t("rating-line", question=t("rating-q1-short"), average="4.0", count=3)) in shown

    async with world.sessions() as session:
        answers = list(await session.scalars(select(RatingAnswer)))
        ballots = list(await session.scalars(select(RatingBallot)))
        answer_columns, answer_keys, ballot_columns = await (await session.connection()).run_sync(
            lambda sync: (
                {c["name"] for c in inspect(sync).get_columns("rating_answers")},
                inspect(sync).get_foreign_keys("rating_answers"),
                {c["name"] for c in inspect(sync).get_columns("rating_ballots")},
            )
        )
    # Nothing in an answer points at a participant or a moment in time.
    assert answer_columns == {"key", "mentor_id", "period", "scores"}
    assert [(fk["referred_table"], fk["constrained_columns"]) for fk in answer_keys] == [("staff", ["mentor_id"])]
    assert answer_columns & ballot_columns == {"period"}
    assert sorted(a.period for a in answers) == sorted(b.period for b in ballots) == ["2026-11"] * 3 + ["2026-12"]
    ballot_values = {str(v) for b in ballots for v in (b.id, b.application_id)}
    for a in answers:
        assert len(a.key) == 32 and a.key not in ballot_values
        assert set(a.scores) == {"q1", "q2", "q3"}


async def test_participant_without_mentor_cannot_rate(world: World) -> None:
    t = tr("kk")
    _, (user,) = await team(world, "kk", 1)
    await user.send_text(t("menu-rate-mentor"))
    message_id = user.last.message_id
    async with world.sessions() as session, session.begin():
        app = await session.scalar(select(Application).where(Application.user_id == user.id))
        assert app is not None
        app.mentor_id = None
    answer = await user.forge_click(rt(1, 5), message_id)
    assert answer is not None and answer.text == plain(t("rating-no-mentor"))
    await user.send_text(t("menu-rate-mentor"))
    assert plain(t("rating-no-mentor")) in last_text(user)
    assert await counts(world) == (0, 0)
