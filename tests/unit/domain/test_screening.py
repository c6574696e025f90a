"""The red-flag screen on answers still coming in: a rule counts only once the known answers
settle it, whatever the open ones turn out to be."""

from __future__ import annotations

from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.rules import All, AnyOf, Compare, CountTrue, Not, Score
from runrehab.domain.screening import certain_urgent_flags, flags_from_symptoms, open_facts, settled

SADDLE = Compare("saddle_numbness", "is", True)
FEVER = Compare("fever_or_unwell", "is", True)
OPEN = frozenset({"fever_or_unwell"})


def test_a_comparison_on_an_open_fact_is_not_settled() -> None:
    assert settled(FEVER, {}, OPEN) is None
    assert settled(Not(FEVER), {}, OPEN) is None


def test_one_true_part_settles_any_of_and_one_false_part_settles_all() -> None:
    facts = {"saddle_numbness": True}
    assert settled(AnyOf((SADDLE, FEVER)), facts, OPEN) is True
    assert settled(All((Not(SADDLE), FEVER)), facts, OPEN) is False
    assert settled(All((SADDLE, FEVER)), facts, OPEN) is None


def test_counts_and_scores_settle_only_when_the_open_items_cannot_change_them() -> None:
    names = ("saddle_numbness", "fever_or_unwell")
    assert settled(CountTrue(names, 1), {"saddle_numbness": True}, OPEN) is True
    assert settled(CountTrue(names, 2), {"saddle_numbness": True}, OPEN) is None
    minus = Score(((SADDLE, 2), (FEVER, -2)), 2)
    assert settled(minus, {"saddle_numbness": True}, OPEN) is None  # the open -2 may come
    assert settled(minus, {"saddle_numbness": True, "fever_or_unwell": False}, frozenset()) is True


def test_a_derived_fact_is_open_while_one_of_its_answers_is() -> None:
    assert "energy_risk_factors" in open_facts({"amenorrhoea"})
    assert "aggravates.hills" in open_facts({"aggravators"})


def test_saddle_numbness_is_certain_before_the_rest_of_the_screen(kb: KnowledgeBase) -> None:
    later = open_facts({"fever_or_unwell", "hop_pain", "tests.slow_jog_pain_free"})
    fired = certain_urgent_flags({"saddle_numbness": True}, later, kb)
    assert [f.rule.id for f in fired] == ["cauda_equina"]
    assert not certain_urgent_flags({"saddle_numbness": False}, later, kb)


def test_a_symptom_reported_later_fires_only_the_flags_it_makes_certain_alone(
    kb: KnowledgeBase,
) -> None:
    assert "cauda_equina" in {f.rule.id for f in flags_from_symptoms({"saddle_numbness"}, kb)}
    assert flags_from_symptoms(set(), kb) == ()
    needs_more = {f.rule.id for f in flags_from_symptoms({"felt_pop"}, kb)}
    assert "hamstring_avulsion" not in needs_more  # also needs a sudden onset in the region
