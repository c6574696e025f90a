"""Questionnaire scoring against the published structure and the worked examples of evidence.md §5."""

from __future__ import annotations

from typing import Any

import pytest

from runrehab.domain.errors import InvalidInputError
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.questionnaires import score

# evidence.md §5.1, "Worked VISA-H examples": (Q1..Q6, Q7, Q8 branch and points) -> total
VISA_H_EXAMPLES = {
    "A: severe, early PHT": ((3, 4, 2, 5, 3, 4), 4, ("C", 5), 30),
    "B: moderate, mid-rehab": ((6, 7, 5, 8, 6, 7), 7, ("B", 14), 60),
    "C: near-recovered": ((10, 9, 10, 9, 10, 10), 10, ("A", 30), 98),
}


def _visa(items: tuple[int, ...], q7: int, q8: tuple[str, int]) -> dict[str, Any]:
    return {
        **{f"q{i}": v for i, v in enumerate(items, 1)},
        "q7": q7,
        "q8": {"branch": q8[0], "points": q8[1]},
    }


@pytest.mark.parametrize("example", list(VISA_H_EXAMPLES), ids=list(VISA_H_EXAMPLES))
def test_visa_h_worked_examples(kb: KnowledgeBase, example: str) -> None:
    items, q7, q8, total = VISA_H_EXAMPLES[example]
    result = score(kb.questionnaires["visa_h"], _visa(items, q7, q8), "visa_h")
    assert result.total == total
    assert result.provisional is True


def test_visa_h_items_on_a_visual_analogue_scale_may_be_decimals(kb: KnowledgeBase) -> None:
    answers = _visa((5.5, 5, 5, 5, 5, 5), 4, ("B", 10))  # type: ignore[arg-type]
    assert score(kb.questionnaires["visa_h"], answers, "visa_h").total == 44.5


def test_visa_h_q8_counts_exactly_one_branch_with_its_own_points(kb: KnowledgeBase) -> None:
    with pytest.raises(InvalidInputError) as caught:
        score(kb.questionnaires["visa_h"], _visa((5,) * 6, 4, ("C", 30)), "visa_h")
    assert "branch C takes one of [0, 2, 5, 7, 10]" in str(caught.value)


@pytest.mark.parametrize(("answer", "total"), [(0, 0), (4, 80), (2, 40)])
def test_lefs_is_the_sum_of_20_items_scored_0_to_4(
    kb: KnowledgeBase, answer: int, total: int
) -> None:
    assert (
        score(kb.questionnaires["lefs"], {f"q{i}": answer for i in range(1, 21)}, "lefs").total
        == total
    )


def test_every_problem_is_listed(kb: KnowledgeBase) -> None:
    answers: dict[str, Any] = {f"q{i}": 4 for i in range(1, 19)} | {"q1": 5, "q2": True, "q21": 1}
    with pytest.raises(InvalidInputError) as caught:
        score(kb.questionnaires["lefs"], answers, "lefs")
    problems = {p.where for p in caught.value.problems}
    assert problems == {"q1", "q2", "q19", "q20", "q21"}


def test_the_lefs_has_the_published_20_items_and_visa_h_is_marked_provisional(
    kb: KnowledgeBase,
) -> None:
    lefs, visa = kb.questionnaires["lefs"], kb.questionnaires["visa_h"]
    assert len(lefs.items) == 20
    assert lefs.items[15].text == "Running on even ground"
    assert lefs.mcid == 9
    assert visa.provisional
    assert visa.provisional_note
    assert all("[Wording to be verified]" in i.text for i in visa.items[:6])


# evidence.md §5.2-5.3: (Q1..Q6, Q7, Q8 branch and points) -> total, summed by the published rules
VISA_AP_EXAMPLES = {
    "VISA-P mid-rehab": ("visa_p", (6, 7, 8, 6, 5, 4), 7, ("B", 10), 53),
    "VISA-P recovered": ("visa_p", (10, 10, 10, 10, 10, 10), 10, ("A", 30), 100),
    "VISA-A early": ("visa_a", (7, 6, 8, 7, 5, 4), 4, ("C", 5), 46),
    "VISA-A worst": ("visa_a", (0, 0, 0, 0, 0, 0), 0, ("C", 0), 0),
}


@pytest.mark.parametrize("example", list(VISA_AP_EXAMPLES), ids=list(VISA_AP_EXAMPLES))
def test_visa_a_and_visa_p_follow_the_published_scoring(kb: KnowledgeBase, example: str) -> None:
    name, items, q7, q8, total = VISA_AP_EXAMPLES[example]
    result = score(kb.questionnaires[name], _visa(items, q7, q8), name)
    assert result.total == total
    assert result.provisional is (name == "visa_a")  # VISA-A item wording not all verified


def test_visa_p_refuses_a_branch_value_from_another_branch(kb: KnowledgeBase) -> None:
    answers = _visa((5, 5, 5, 5, 5, 5), 4, ("C", 14))  # 14 exists in A and B only
    with pytest.raises(InvalidInputError):
        score(kb.questionnaires["visa_p"], answers, "visa_p")
