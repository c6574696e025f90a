"""The outcome questionnaires of issue 17 (NPRS, PSFS, OSTRC-O2, FAAM ADL and Sports, Kujala
AKPS, TSK-11): each scored by its published rule, its answers checked, its minimal important
change read in its own direction. Worked examples live in tests/data/questionnaire_vectors.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from runrehab.domain.errors import InvalidInputError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.questionnaires import Change, Questionnaire, Scoring, change, score
from runrehab.knowledge.loader import load_knowledge_base

VECTORS = yaml.safe_load(
    (Path(__file__).parents[2] / "data" / "questionnaire_vectors.yaml").read_text("utf-8")
)["vectors"]
NEW = ("nprs", "psfs", "ostrc_o2", "faam_adl", "faam_sports", "kujala", "tsk11")
KB = load_knowledge_base()


def _ids(v: dict[str, Any]) -> str:
    return f"{v['questionnaire']}={v['total']}"


@pytest.mark.parametrize("vector", VECTORS, ids=[_ids(v) for v in VECTORS])
def test_worked_examples_follow_the_published_scoring_rule(
    kb: KnowledgeBase, vector: dict[str, Any]
) -> None:
    """Each vector's `working` line shows the published rule applied by hand (sources in
    citations/outcomes.yaml: Farrar 2001, Stratford 1995, Clarsen 2020, Martin 2005, Kujala 1993,
    Woby 2005)."""
    q = kb.questionnaires[vector["questionnaire"]]
    result = score(q, vector["answers"], q.id)
    assert result.total == vector["total"]
    assert list(result.flags) == vector.get("flags", [])


def test_every_new_questionnaire_has_a_worked_example_and_its_data(kb: KnowledgeBase) -> None:
    assert {v["questionnaire"] for v in VECTORS} == set(NEW)
    for name in NEW:
        q = kb.questionnaires[name]
        assert q.citation, name
        assert q.mcid is None or q.mcid_citation, name
        assert q.provisional == bool(q.provisional_note), name


def test_each_published_minimal_important_change_is_data(kb: KnowledgeBase) -> None:
    """NPRS 2 (Farrar 2001), PSFS 2 (Horn 2012), FAAM 8 and 9 (Martin 2005), Kujala 10
    (Crossley 2004), TSK-11 4 (Woby 2005); the OSTRC-O2 severity score has none."""
    mcids = {name: kb.questionnaires[name].mcid for name in NEW}
    assert mcids == {
        "nprs": 2,
        "psfs": 2,
        "ostrc_o2": None,
        "faam_adl": 8,
        "faam_sports": 9,
        "kujala": 10,
        "tsk11": 4,
    }


def test_direction_and_scoring_kind_are_data(kb: KnowledgeBase) -> None:
    q = kb.questionnaires
    assert [name for name in NEW if not q[name].higher_is_better] == ["nprs", "ostrc_o2", "tsk11"]
    assert q["psfs"].scoring is Scoring.MEAN
    assert q["faam_adl"].scoring is q["faam_sports"].scoring is Scoring.PERCENT
    assert (q["tsk11"].min_total, q["tsk11"].max_total) == (11, 44)
    assert q["ostrc_o2"].every_days == 7


def test_faam_has_21_daily_living_and_8_sports_items_and_kujala_13(kb: KnowledgeBase) -> None:
    q = kb.questionnaires
    assert (len(q["faam_adl"].items), len(q["faam_sports"].items), len(q["kujala"].items)) == (
        21,
        8,
        13,
    )
    assert sum(i.highest for i in q["kujala"].items) == 100
    assert len(q["tsk11"].items) == 11


def test_licensed_or_unchecked_wording_is_marked_provisional(kb: KnowledgeBase) -> None:
    provisional = {name for name in NEW if kb.questionnaires[name].provisional}
    assert provisional == {"ostrc_o2", "faam_adl", "faam_sports", "tsk11"}


def _problems(name: str, answers: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        score(KB.questionnaires[name], answers, name)
    return {p.where: p.reason for p in caught.value.problems}


def test_a_pain_rating_outside_0_to_10_is_refused() -> None:
    assert _problems("nprs", {"pain": 11}) == {"pain": f"must be one of {list(range(11))}"}


def test_the_psfs_needs_three_named_activities() -> None:
    two = {f"activity_{i}": {"activity": "stairs", "rating": 5} for i in (1, 2)}
    assert _problems("psfs", two) == {"activity_3": "not answered"}
    unnamed = two | {"activity_3": {"activity": "  ", "rating": 5}}
    assert _problems("psfs", unnamed) == {"activity_3": "name the activity"}
    bare = two | {"activity_3": 5}
    assert _problems("psfs", bare) == {"activity_3": 'expected {"activity": ..., "rating": ...}'}


def test_an_ostrc_answer_must_carry_its_published_points() -> None:
    answers = {"q1": 6, "q2": 13, "q3": 6, "q4": 13}  # 6 and 13 are Q2-Q3 answers only
    assert _problems("ostrc_o2", answers) == {
        "q1": "must be one of [0, 8, 17, 25]",
        "q4": "must be one of [0, 8, 17, 25]",
    }


def test_not_applicable_is_refused_where_the_form_has_no_such_answer() -> None:
    answers: dict[str, Any] = {f"q{i}": 2 for i in range(1, 12)} | {"q3": "na"}
    assert _problems("tsk11", answers) == {"q3": "cannot be answered 'not applicable'"}


def test_a_faam_with_every_item_not_applicable_has_no_score() -> None:
    answers = {f"q{i}": "na" for i in range(1, 9)}
    assert _problems("faam_sports", answers) == {"answers": "at least 1 items must be answered"}


def test_a_tsk11_answer_of_0_is_below_its_scale() -> None:
    answers = {f"q{i}": 2 for i in range(1, 12)} | {"q1": 0}
    assert _problems("tsk11", answers) == {"q1": "must be one of [1, 2, 3, 4]"}


@given(st.lists(st.sampled_from([0, 1, 2, 3, 4, "na"]), min_size=21, max_size=21))
def test_faam_is_a_percentage_of_the_answered_items_only(answers: list[int | str]) -> None:
    """Martin 2005: N/A items leave both the points and the highest possible points."""
    answered = [a for a in answers if a != "na"]
    q = KB.questionnaires["faam_adl"]
    given_answers = {f"q{i}": a for i, a in enumerate(answers, 1)}
    if not answered:
        with pytest.raises(InvalidInputError):
            score(q, given_answers, q.id)
        return
    total = score(q, given_answers, q.id).total
    assert 0 <= total <= 100
    assert total == round(100 * sum(answered) / (4 * len(answered)), 1)  # type: ignore[arg-type]


@given(st.lists(st.integers(0, 10), min_size=3, max_size=5))
def test_the_psfs_is_the_mean_and_never_leaves_0_to_10(ratings: list[int]) -> None:
    q = KB.questionnaires["psfs"]
    answers = {
        f"activity_{i}": {"activity": f"activity {i}", "rating": r}
        for i, r in enumerate(ratings, 1)
    }
    total = score(q, answers, q.id).total
    assert min(ratings) <= total <= max(ratings)
    assert total == round(sum(ratings) / len(ratings), 1)


def _any_answers(q: Questionnaire) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({i.key: st.sampled_from(i.points) for i in q.items})


@pytest.mark.parametrize("name", ["nprs", "ostrc_o2", "kujala", "tsk11"])
@given(data=st.data())
def test_a_sum_score_stays_within_its_published_range(name: str, data: st.DataObject) -> None:
    q = KB.questionnaires[name]
    total = score(q, data.draw(_any_answers(q)), name).total
    assert q.min_total <= total <= q.max_total


@pytest.mark.parametrize(
    ("name", "scores", "expected"),
    [
        ("nprs", [7, 5], Change.BETTER),  # 2 points less pain: exactly the MIC
        ("nprs", [7, 6], Change.WITHIN),
        ("nprs", [3, 6], Change.WORSE),
        ("tsk11", [30, 26], Change.BETTER),  # less fear by 4 (Woby 2005)
        ("kujala", [60, 70], Change.BETTER),
        ("kujala", [70, 61], Change.WITHIN),
        ("faam_adl", [80, 71.5], Change.WORSE),
        ("psfs", [4.0], Change.FIRST),
        ("ostrc_o2", [20, 60], Change.UNKNOWN),  # no published MIC for the severity score
    ],
)
def test_the_last_change_is_read_against_the_mic_in_the_questionnaires_direction(
    kb: KnowledgeBase, name: str, scores: list[float], expected: Change
) -> None:
    assert change(kb.questionnaires[name], scores) is expected
