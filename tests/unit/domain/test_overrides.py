"""A coach's overrides folded into the engine's state; the plan built from that state."""

from __future__ import annotations

from runrehab.domain.adaptation import overrides
from runrehab.domain.adaptation.overrides import Override, apply, custom_exercises
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from tests.unit.domain.test_planning import KB, MONDAY, _running_pht

ADD = Override(
    MONDAY,
    "add_exercise",
    {"id": "custom-1", "name": "Wall sit", "session": "mobility", "sets": 2, "hold_s": 30},
    "quadriceps endurance",
    "Sam",
)
REMOVE = Override(MONDAY, "remove_exercise", {"id": "custom-1"}, "done", "Sam")


def test_an_exercise_stays_added_until_the_coach_removes_it() -> None:
    assert list(custom_exercises([ADD])) == ["custom-1"]
    assert custom_exercises([ADD, REMOVE]) == {}
    assert list(custom_exercises([ADD, REMOVE, ADD])) == ["custom-1"]


def test_the_plan_gives_the_coachs_exercise_only_to_sessions_of_its_kind() -> None:
    answers = _running_pht()
    assessment = assess(answers, KB, MONDAY)
    state = initial_state(assessment, answers, RunnerProfile(), KB)
    plan = build_plan(
        assessment, answers, RunnerProfile(), KB, MONDAY, 2, progress=apply(state, ADD, KB)
    )
    kinds_with_it = {
        s.kind for s in plan.sessions if any(i.exercise == "custom-1" for i in s.items)
    }
    assert "strength" in kinds_with_it  # daily mobility work joins strength days
    assert kinds_with_it <= {"strength", "mobility"}
    wall_sit = next(i for s in plan.sessions for i in s.items if i.exercise == "custom-1")
    assert (wall_sit.sets, wall_sit.hold_s, wall_sit.instructions) == (2, 30, "")
    assert not any(
        s.kind == "run" and any(i.exercise == "custom-1" for i in s.items) for s in plan.sessions
    )


def test_every_override_kind_changes_the_engine_state() -> None:
    assert set(overrides._APPLY) == set(overrides.KINDS)
