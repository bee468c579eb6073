"""The operator opens any participant with `/participant N` and sets individual requirements (R3.5) through the
bot; the participant and the mentor are told, and nobody else can press those buttons."""

from __future__ import annotations

from bot.callbacks import IndividualCb
from core.programme import Role
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text

EXPERT, MENTOR, OPERATOR = 7300, 7301, 7302
NAME = "Абайұлы Нұрлан Серікұлы"


async def test_the_operator_lowers_a_weekly_requirement(world: World) -> None:
    t = tr("en")
    await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    user, app_id = await activated(world, 7007, "en", mentor, MENTOR)

    await operator.send_command("participant")
    assert last_text(operator) == plain(t("individual-ask-number"))
    await operator.send_text("twelve")
    assert last_text(operator) == plain(t("individual-no-application", number="twelve"))
    await operator.send_text("99999")
    assert last_text(operator) == plain(t("individual-no-application", number="99999"))
    await operator.send_text(str(app_id))
    card = last_text(operator)
    assert plain(t("individual-card-number", number=str(app_id))) in card and NAME in card

    await operator.click(text=t("button-individual", direction=t("direction-sport")))
    minutes = t("individual-value-weekly-minutes", value=60)
    assert plain(t("individual-line", current=minutes, standard=minutes)) in last_text(operator)
    await operator.click(text=t("button-individual-change", what=minutes))
    assert last_text(operator) == plain(t("individual-choose", standard=minutes))
    assert [b[0] for row in operator.last.buttons for b in row] == [
        t("individual-value-weekly-minutes", value=v) for v in (15, 30, 45)
    ] + [t("button-back")]
    await operator.click(text=t("individual-value-weekly-minutes", value=30))
    lowered = t("individual-value-weekly-minutes", value=30)
    assert plain(t("individual-line", current=lowered, standard=minutes)) in last_text(operator)
    assert t("button-individual-restore") in [b[0] for row in operator.last.buttons for b in row]
    await world.drain()

    target = t("req-sessions", months=3, minutes=30)
    assert last_text(user) == plain(t("individual-told-participant", direction=t("direction-sport"), target=target))
    assert last_text(mentor) == plain(
        t("individual-told-mentor", name=NAME, direction=t("direction-sport"), target=target)
    )
    app = await world.application(7007)
    assert app is not None and app.individual == {"sport": {"weekly_minutes": 30}}

    forged = IndividualCb(action="set", app_id=app_id, direction="sport", field="weekly_minutes", value=5).pack()
    answer = await operator.forge_click(forged, operator.last.message_id)
    assert answer is not None and answer.text == plain(t("individual-bad-value"))
    answer = await mentor.forge_click(forged.replace(":5", ":15"), mentor.last.message_id)
    assert answer is not None
    assert (await world.application(7007)).individual == {"sport": {"weekly_minutes": 30}}  # type: ignore[union-attr]

    await operator.click(text=t("button-individual-restore"))
    assert (await world.application(7007)).individual == {}  # type: ignore[union-attr]
    assert plain(t("individual-line", current=minutes, standard=minutes)) in last_text(operator)
