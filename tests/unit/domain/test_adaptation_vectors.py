"""The replay vectors of tests/data/replay_vectors.yaml, plus the history-based referral."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from runrehab.domain.adaptation.engine import DecisionKind, replay
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.profile import RunnerProfile
from runrehab.render.serialize import decision_to_json
from runrehab.schemas.answers import parse_answers
from runrehab.schemas.log import parse_jsonl
from tests.conftest import raw_answers

VECTORS = yaml.safe_load((Path(__file__).parents[2] / "data" / "replay_vectors.yaml").read_text())


def _replay(
    kb: KnowledgeBase, changes: dict[str, Any], lines: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    answers = parse_answers(raw_answers(**changes), "vector")
    entries = parse_jsonl("\n".join(json.dumps(line) for line in lines), "vector", kb.exercises)
    state = initial_state(assess(answers, kb, entries[0].on), answers, RunnerProfile(), kb)
    return [decision_to_json(d, kb) for d in replay(state, entries, kb)]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_replay_vector(vector: dict[str, Any], kb: KnowledgeBase) -> None:
    decisions = _replay(kb, vector["answers"], vector["log"])
    assert len(decisions) == len(vector["expect"])
    for index, (got, want) in enumerate(zip(decisions, vector["expect"], strict=True)):
        assert got["entry"] == index
        assert got["decision"] == want["decision"], (index, got["reasons"])
        assert set(want.get("reasons", [])) <= {r["rule"] for r in got["reasons"]}, index
        if "next" in want:
            assert any(want["next"].items() <= n.items() for n in got["next"]), (index, got["next"])


def test_morning_pain_that_does_not_improve_over_four_weeks_refers(kb: KnowledgeBase) -> None:
    start = date(2026, 12, 1)
    lines = [
        {
            "date": (start + timedelta(days=2 * i)).isoformat(),
            "type": "checkin",
            "monitoring_pain": 4,
        }
        for i in range(18)
    ]
    decisions = _replay(
        kb, {"weekly_km_now": 20, "pain_during_run": 2, "baseline_morning_pain": 4}, lines
    )
    kinds = [d["decision"] for d in decisions]
    first_refer = kinds.index(DecisionKind.REFER.value)
    assert decisions[first_refer]["reasons"][0]["rule"] == "refer_no_improvement"
    assert date.fromisoformat(decisions[first_refer]["date"]) - start >= timedelta(days=28)
    assert set(kinds[:first_refer]) == {"hold"}


def test_improving_mornings_never_refer_for_lack_of_improvement(kb: KnowledgeBase) -> None:
    start = date(2026, 12, 1)
    lines = [
        {
            "date": (start + timedelta(days=2 * i)).isoformat(),
            "type": "checkin",
            "monitoring_pain": max(0, 5 - i // 4),
        }
        for i in range(20)
    ]
    decisions = _replay(
        kb, {"weekly_km_now": 20, "pain_during_run": 2, "baseline_morning_pain": 5}, lines
    )
    assert "refer" not in {d["decision"] for d in decisions}
