"""`/rules`: the operator downloads the rules in force, sends a changed file, sees it checked and puts it in force
from the bot; a file that is not one is explained; a participant's diary then counts by the new rules."""

from __future__ import annotations

import yaml

from bot.callbacks import RulesCb
from core.programme import Role
from tests.e2e.conftest import World, plain, tr
from tests.e2e.flows import activated, become_staff, last_text

EXPERT, MENTOR, OPERATOR = 7400, 7401, 7402


async def test_the_operator_puts_new_rules_in_force_from_the_bot(world: World) -> None:
    t = tr("en")
    await become_staff(world, EXPERT, "en", Role.EXPERT, "Expert Person")
    mentor = await become_staff(
        world, MENTOR, "en", Role.MENTOR, "Mentor Person", centre="astana-youth", expert_id=EXPERT
    )
    operator = await become_staff(world, OPERATOR, "en", Role.OPERATOR, "Operator Person")
    await activated(world, 7008, "en", mentor, MENTOR)

    await operator.send_command("rules")
    shown = last_text(operator)
    assert plain(t("rules-title", year="2026")) in shown and plain(t("rules-source-file")) in shown
    assert shown.startswith("Programme rules of 2026\n"), "a year is not a quantity: no thousands separator"
    await operator.click(text=t("button-rules-file"))
    document = operator.last
    assert document.data["document"]["file_name"] == "rules-2026.yaml"
    stored = world.emu.state.files.get(document.file_id or "")
    assert stored is not None
    rules = yaml.safe_load(stored.data)
    assert rules["year"] == 2026 and rules["weekly_minutes"] == 60

    await operator.send_command("rules")
    await operator.click(text=t("button-rules-send"))
    assert last_text(operator) == plain(t("rules-ask-file"))
    await operator.send_text("weekly_minutes: 30")
    assert last_text(operator) == plain(t("rules-ask-file")), "text is not a file"
    await operator.send_document(b"levels: [", "rules.yaml", "application/x-yaml")
    assert last_text(operator) == plain(t("rules-not-yaml") + "\n" + t("rules-ask-again"))
    broken = dict(rules, mandatory_directions=[*rules["mandatory_directions"], "volunteering"])
    await operator.send_document(yaml.safe_dump(broken).encode(), "rules.yaml", "application/x-yaml")
    assert last_text(operator) == plain(t("rules-break-plans", count=1) + "\n" + t("rules-ask-again"))

    rules["weekly_minutes"] = 30
    await operator.send_document(yaml.safe_dump(rules).encode(), "rules.yaml", "application/x-yaml")
    assert plain(t("rules-confirm", plans=1)) in last_text(operator)
    assert world.dp["policy"].rules.weekly_minutes == 60, "nothing changes before the confirmation"
    await operator.click(text=t("button-rules-apply"))
    assert last_text(operator) == plain(t("rules-in-force", year="2026", recounted=3))
    assert world.dp["policy"].rules.weekly_minutes == 30
    answer = await operator.forge_click(RulesCb(action="apply").pack(), operator.last.message_id)
    assert answer is not None and answer.text == plain(t("rules-stale")), "a second click changes nothing"

    await operator.send_command("rules")
    assert plain(t("rules-ages", min=14, max=29, minutes=30)) in last_text(operator)
    await mentor.send_command("rules")
    assert plain(t("rules-title", year="2026")) not in last_text(mentor), "the operator's alone"
