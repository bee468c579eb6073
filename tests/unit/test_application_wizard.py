"""The wizard's order, going back, and answers made wrong by a changed answer."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from core.application_wizard import editable_steps, invalidate, next_step, previous_step, reopen
from core.rules import load_rules

RULES = load_rules()
TODAY = date(2026, 11, 28)


def filled(**overrides: object) -> SimpleNamespace:
    values = dict(
        step="review",
        pd_consent_at=datetime(2026, 11, 1, tzinfo=UTC),
        full_name="Abaiuly Nurlan",
        birth_date=date(2010, 5, 15),
        phone="+77010000000",
        photo_file_id="p",
        region_code="astana",
        locality_code="astana",
        study_place="School 1",
        about="me",
        hobbies="chess",
        level="silver",
        directions=["sport", "talent", "reading"],
        longer_direction="sport",
        heritage_mode=None,
        heritage_months=None,
        partners={},
        mentor_id=1,
        centre_id=1,
    )
    values.update(overrides)
    return SimpleNamespace(**values)


def test_complete_application_rests_on_review() -> None:
    assert next_step(filled(), RULES) == "review"


def test_first_missing_answer_is_asked() -> None:
    assert next_step(filled(phone=None, hobbies=None), RULES) == "phone"
    assert next_step(filled(pd_consent_at=None), RULES) == "consent"


def test_silver_pair_choice_is_asked_then_partner() -> None:
    app = filled(longer_direction=None, directions=["sport", "talent", "reading", "volunteering"])
    assert next_step(app, RULES) == "choices"
    app.longer_direction = "talent"
    assert next_step(app, RULES) == "partners"
    app.partners = {"volunteering": "red-crescent-kazakhstan"}
    assert next_step(app, RULES) == "review"


def test_back_skips_steps_that_ask_nothing() -> None:
    bronze = filled(level="bronze", longer_direction=None, step="mentor")
    assert previous_step(bronze, RULES) == "directions"
    silver = filled(step="mentor")
    assert previous_step(silver, RULES) == "choices"
    assert previous_step(filled(step="full_name"), RULES) is None
    assert "choices" not in editable_steps(bronze, RULES) and "partners" not in editable_steps(bronze, RULES)


def test_reopening_a_choice_asks_it_again() -> None:
    app = filled()
    reopen(app, "choices")
    assert app.step == "choices" and app.longer_direction is None
    assert next_step(app, RULES) == "choices"


def test_new_region_clears_locality_and_mentor() -> None:
    app = filled()
    invalidate(app, "region", RULES, TODAY)
    assert app.locality_code is None and app.mentor_id is None
    assert next_step(app, RULES) == "locality"


def test_younger_birth_date_clears_a_level_no_longer_open() -> None:
    app = filled(level="gold", birth_date=date(2011, 1, 1), directions=["sport", "talent", "reading", "work"])
    invalidate(app, "birth_date", RULES, TODAY)
    assert app.level is None
    assert "work" not in app.directions and app.longer_direction is None
    assert next_step(app, RULES) == "level"


def test_lower_level_drops_directions_it_lacks() -> None:
    app = filled(level="bronze", directions=["sport", "talent", "reading", "work"])
    invalidate(app, "level", RULES, TODAY)
    assert app.directions == ["sport", "talent", "reading"]
