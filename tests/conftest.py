"""Shared fixtures: the shipped knowledge base and a baseline runner to vary per test."""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Callable
from typing import Any

import pytest

from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.postgres import drop_worker_database

BASELINE: dict[str, Any] = {
    "region": "buttock_sit_bone",
    "onset": "gradual",
    "days_since_onset": 60,
    "felt_pop": False,
    "large_bruise_back_of_thigh": False,
    "can_walk_normally": True,
    "knee_bend_weakness": False,
    "saddle_numbness": False,
    "new_bladder_or_bowel_problem": False,
    "fever_or_unwell": False,
    "unexplained_weight_loss": False,
    "history_of_cancer": False,
    "night_pain_wakes": False,
    "rest_pain": False,
    "radiating_pain_below_knee": False,
    "numbness_or_tingling": False,
    "calf_swelling_one_side": False,
    "calf_deep_tenderness": False,
    "pitting_oedema": False,
    "recent_long_travel_or_surgery": False,
    "focal_bone_tenderness": False,
}


def raw_answers(**changes: Any) -> dict[str, Any]:
    """The baseline answers file with `changes` applied (`tests` merges into the nested object)."""
    raw = copy.deepcopy(BASELINE)
    raw.update(changes)
    return raw


# A runner who runs 20 km a week with mild pain: the logging tests, on the fake and on SQL, start here.
LOGGING_RUNNER = raw_answers(
    weekly_km_now=20,
    longest_run_30d_km=8,
    pain_rest=1,
    pain_during_run=2,
    baseline_morning_pain=2,
    aggravators=["sitting"],
)


def pytest_configure() -> None:
    """The suite never touches the user's own data: a command run without a database URL uses
    the default SQLite file in the user's data directory, which is a fresh one per test process
    (several processes, and other checkouts' suites, would otherwise migrate one shared file at
    the same time)."""
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="runrehab-tests-")


def pytest_sessionfinish() -> None:
    drop_worker_database()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture
def answers() -> Callable[..., IntakeAnswers]:
    def make(**changes: Any) -> IntakeAnswers:
        return parse_answers(raw_answers(**changes), "test")

    return make
