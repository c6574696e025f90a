"""The rule mini-language: unknown answers never fire a rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runrehab.domain.rules import All, Always, AnyOf, Compare, CountTrue, Known, Not, Score
from runrehab.knowledge.predicates import PredicateError, parse_predicate

FACTS = ("swelling", "oedema", "tender", "onset")
WELLS_LIKE = Score(
    (
        (Compare("swelling", "is", True), 1),
        (Compare("oedema", "is", True), 1),
        (Compare("tender", "is", True), 1),
        (Compare("onset", "eq", "sudden"), -2),
    ),
    2,
)


def test_a_comparison_with_an_unanswered_fact_is_false() -> None:
    assert not Compare("pain_rest", "gte", 4).holds({"pain_rest": None})
    assert not Compare("pain_rest", "lt", 4).holds({})


def test_is_distinguishes_booleans_from_numbers() -> None:
    assert Compare("felt_pop", "is", True).holds({"felt_pop": True})
    assert not Compare("felt_pop", "is", True).holds({"felt_pop": 1})


def test_in_and_contains() -> None:
    assert Compare("region", "in", ("calf", "shin")).holds({"region": "shin"})
    assert Compare("aggravators", "contains", "hills").holds({"aggravators": frozenset({"hills"})})


def test_combinators() -> None:
    facts = {"a": True, "b": False, "n": 3}
    assert All((Compare("a", "is", True), Compare("n", "gt", 2))).holds(facts)
    assert AnyOf((Compare("b", "is", True), Compare("n", "eq", 3))).holds(facts)
    assert Not(Compare("b", "is", True)).holds(facts)
    assert Always().holds({})


def test_count_true_counts_only_true_answers() -> None:
    wells = CountTrue(("swelling", "oedema", "tender"), 2)
    assert wells.holds({"swelling": True, "oedema": True, "tender": None})
    assert not wells.holds({"swelling": True, "oedema": False, "tender": None})


def test_known_tells_answered_from_unanswered() -> None:
    assert Known("km").holds({"km": 0})
    assert Known("km", expected=False).holds({"km": None})


def test_mismatched_types_do_not_crash_a_rule() -> None:
    assert not Compare("region", "gt", 3).holds({"region": "calf"})


def test_a_score_adds_the_points_of_the_terms_that_hold() -> None:
    facts = {"swelling": True, "oedema": True, "tender": False, "onset": "gradual"}
    assert WELLS_LIKE.total(facts) == 2
    assert WELLS_LIKE.holds(facts)


def test_negative_points_lower_a_score_below_its_threshold() -> None:
    facts = {"swelling": True, "oedema": True, "tender": True, "onset": "sudden"}
    assert WELLS_LIKE.total(facts) == 1
    assert not WELLS_LIKE.holds(facts)


def test_an_unanswered_score_item_adds_nothing() -> None:
    assert WELLS_LIKE.total({"swelling": True, "oedema": None}) == 1
    assert not WELLS_LIKE.holds({})
    assert WELLS_LIKE.facts_used() == frozenset(FACTS)


@given(st.fixed_dictionaries({name: st.one_of(st.none(), st.booleans()) for name in FACTS[:3]}))
def test_a_score_of_plus_one_items_agrees_with_count_true(facts: dict[str, bool | None]) -> None:
    score = Score(tuple((Compare(name, "is", True), 1) for name in FACTS[:3]), 2)
    assert score.holds(facts) is CountTrue(FACTS[:3], 2).holds(facts)


def test_the_data_form_of_a_score_parses_into_a_score() -> None:
    raw = {
        "score": [
            {"when": {"fact": "swelling", "is": True}, "points": 1},
            {
                "when": {"any": [{"fact": "oedema", "is": True}, {"fact": "tender", "is": True}]},
                "points": 1,
            },
            {"when": {"fact": "onset", "eq": "sudden"}, "points": -2},
        ],
        "at_least": 2,
    }
    parsed = parse_predicate(raw, "when", FACTS)
    assert isinstance(parsed, Score)
    assert parsed.holds({"swelling": True, "tender": True, "onset": "gradual"})
    assert not parsed.holds({"swelling": True, "tender": True, "onset": "sudden"})


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ({"score": [], "at_least": 2}, "non-empty list"),
        (
            {"score": [{"when": {"fact": "swelling", "is": True}, "points": 1}], "at_least": "2"},
            "integer",
        ),
        (
            {"score": [{"when": {"fact": "swelling", "is": True}}], "at_least": 2},
            "{when: P, points: N}",
        ),
        (
            {"score": [{"when": {"fact": "swelling", "is": True}, "points": 0}], "at_least": 2},
            "non-zero",
        ),
        (
            {"score": [{"when": {"fact": "swelling", "is": True}, "points": True}], "at_least": 2},
            "non-zero",
        ),
        (
            {"score": [{"when": {"fact": "unknown", "is": True}, "points": 1}], "at_least": 1},
            "unknown fact",
        ),
    ],
)
def test_a_malformed_score_names_where_and_why(raw: dict[str, object], problem: str) -> None:
    with pytest.raises(PredicateError) as caught:
        parse_predicate(raw, "red_flags[0].when", FACTS)
    assert problem in caught.value.reason
    assert caught.value.where.startswith("red_flags[0].when")
