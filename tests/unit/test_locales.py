"""Every text exists in kk, ru and en, with the same variables, and every key the code uses exists."""

import re
from pathlib import Path

import pytest
from fluent.syntax import ast, parse
from fluent.syntax.visitor import Visitor

from bot.commands import COMMON, STAFF
from bot.keyboards import MENUS
from core.application_wizard import STEPS
from core.programme import ApplicationStatus, Direction, Level, Role
from core.reminders import KINDS
from core.settings import LOCALES
from locales.translations import Translations

ROOT = Path(__file__).resolve().parents[2]
KEY_CALL = re.compile(r"""(?:\bt|\bpt|DomainError|NotAllowed|MenuButton|localize)\(\s*["']([a-z0-9-]+)["']""")
RAISED_KEY = re.compile(r"""["'](error-[a-z0-9-]+)["']""")


def messages(locale: str) -> dict[str, ast.Message]:
    """Every message of every .ftl file of the locale, as the bot loads them; an id may live in one file only."""
    found: dict[str, ast.Message] = {}
    for path in sorted((ROOT / "locales" / locale).glob("*.ftl")):
        resource = parse(path.read_text(encoding="utf-8"))
        junk = [entry.content[:60] for entry in resource.body if isinstance(entry, ast.Junk)]
        assert not junk, f"{locale}/{path.name}: unparsable entries {junk}"
        for m in resource.body:
            if isinstance(m, ast.Message):
                assert m.id.name not in found, f"{locale}/{path.name}: {m.id.name} is already defined"
                found[m.id.name] = m
    return found


def variables(message: ast.Message) -> set[str]:
    found: set[str] = set()

    class Variables(Visitor):
        def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802
            found.add(node.id.name)

    Variables().visit(message)
    return found


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("core/**/*.py")]:
        source = path.read_text(encoding="utf-8")
        keys |= {k for k in KEY_CALL.findall(source) if not k.endswith("-")} | set(RAISED_KEY.findall(source))
    keys |= {f"direction-{d.value}" for d in Direction} | {f"level-{lv.value}" for lv in Level}
    keys |= {f"role-{r.value}" for r in Role} | {f"help-{r.value}" for r in Role}
    keys |= {f"status-{s.value.replace('_', '-')}" for s in ApplicationStatus}
    keys |= {f"weekday-{d}" for d in range(7)} | {f"command-{c}" for c in COMMON}
    keys |= {f"command-{c}" for names in STAFF.values() for c in names}
    keys |= {f"reminder-kind-{k}" for k in KINDS}
    keys |= {f"ask-{s.replace('_', '-')}" for s in STEPS if s not in ("choices", "partners", "mentor", "review")}
    keys |= {f"edit-{s.replace('_', '-')}" for s in STEPS[1:-1]}
    keys |= {key for menu in MENUS.values() for row in menu for key in row}
    return keys


@pytest.mark.parametrize("locale", [lc for lc in LOCALES if lc != "en"])
def test_same_keys_and_variables_as_english(locale: str) -> None:
    english, other = messages("en"), messages(locale)
    assert set(other) == set(english), (
        f"{locale}: missing {set(english) - set(other)}, extra {set(other) - set(english)}"
    )
    for key, message in english.items():
        assert variables(other[key]) == variables(message), f"{locale}:{key} variables differ"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_used_key_exists(locale: str) -> None:
    missing = used_keys() - set(messages(locale))
    assert not missing, f"{locale}: missing keys {sorted(missing)}"


def test_translations_are_translated() -> None:
    """A copied English text in kk or ru is a missing translation, not a translation."""
    english = messages("en")
    same = {
        lc: [k for k, m in messages(lc).items() if _text(m) == _text(english[k]) and re.search("[a-z]{4}", _text(m))]
        for lc in ("kk", "ru")
    }
    allowed = {"mentor-option", "schedule-line", "minutes", "card-guardian"}
    assert all(set(keys) <= allowed for keys in same.values()), same


def _text(message: ast.Message) -> str:
    return "".join(e.value for e in message.value.elements if isinstance(e, ast.TextElement)) if message.value else ""


def test_missing_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        Translations("kk").translator("ru")("no-such-key")
