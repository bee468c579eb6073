"""The anonymous mentor rating's pure rules: periods, score checks and aggregates under a minimum count."""

from datetime import date

import pytest

from core.errors import DomainError
from core.rating import MIN_ANSWERS, aggregate, check_score, check_scores, period_of


def test_period_is_the_calendar_month() -> None:
    assert period_of(date(2026, 12, 1)) == "2026-12"
    assert period_of(date(2027, 1, 31)) == "2027-01"


@pytest.mark.parametrize("value", [1, 3, 5])
def test_scores_one_to_five(value: int) -> None:
    assert check_score(value) == value


@pytest.mark.parametrize("value", [0, 6, 7, -1, "5", 2.5, None, True])
def test_other_scores_refused(value: object) -> None:
    with pytest.raises(DomainError) as error:
        check_score(value)
    assert error.value.key == "rating-bad-score"


def test_an_answer_has_every_question_once() -> None:
    assert check_scores({"q1": 1, "q2": 2, "q3": 3}) == {"q1": 1, "q2": 2, "q3": 3}
    for broken in ({"q1": 1, "q2": 2}, {"q1": 1, "q2": 2, "q3": 3, "q4": 4}, {"q1": 1, "q2": 2, "q3": 9}):
        with pytest.raises(DomainError):
            check_scores(broken)


def test_no_aggregate_under_three_answers() -> None:
    answer = {"q1": 5, "q2": 4, "q3": 3}
    assert MIN_ANSWERS == 3
    assert aggregate([]) is None
    assert aggregate([answer, answer]) is None


def test_aggregate_averages_per_question() -> None:
    answers = [{"q1": 5, "q2": 4, "q3": 3}, {"q1": 4, "q2": 4, "q3": 5}, {"q1": 3, "q2": 5, "q3": 5}]
    assert aggregate(answers) == {"count": 3, "q1": 4.0, "q2": 4.3, "q3": 4.3}


def test_aggregate_refuses_broken_rows() -> None:
    with pytest.raises(DomainError):
        aggregate([{"q1": 5, "q2": 4, "q3": 3}] * 2 + [{"q1": 7, "q2": 4, "q3": 3}])
