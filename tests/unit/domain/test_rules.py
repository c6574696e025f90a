"""The rule mini-language: unknown answers never fire a rule."""

from __future__ import annotations

from runrehab.domain.rules import All, Always, AnyOf, Compare, CountTrue, Known, Not


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
