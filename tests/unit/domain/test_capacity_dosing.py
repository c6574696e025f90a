"""Plans that build the capacity their own checks ask for (issue 17, section 1).

Every property is checked over generated plans: each rehab condition's vignette runner, placed in
any stage of its protocol, with any equipment, running or paused, from any start day.
- Stage 2 of a tendinopathy plan progresses load, not only repetitions (heavy slow resistance).
- What a return-to-run check counts is trained to at least the check's number while running waits.
- A stage brings in at most one new stressor a week.
- Warm-up and mobility drills keep their dose.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runrehab.domain.adaptation.doses import dose_up
from runrehab.domain.adaptation.state import DoseState, EngineState, initial_state
from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase, Progression, Stage
from runrehab.domain.plan import Plan
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.stressors import STRESSING_CATEGORIES
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.conftest import raw_answers
from tests.unit.domain.test_condition_plans import PLANNED

KB: KnowledgeBase = load_knowledge_base()
MONDAY = date(2026, 11, 30)
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TENDINOPATHIES = (
    "achilles_tendinopathy_midportion",
    "achilles_tendinopathy_insertional",
    "patellar_tendinopathy",
    "proximal_hamstring_tendinopathy",
    "distal_hamstring_tendinopathy",
    "posterior_tibial_tendon_dysfunction",
)
REHAB = [c for c in PLANNED if KB.conditions[c["expect"]["top"]].pathway == "rehab"]


def _runner(case: dict[str, Any]) -> tuple[Assessment, IntakeAnswers]:
    answers = parse_answers(raw_answers(**case["answers"]), case["name"])
    return assess(answers, KB, MONDAY), answers


def _plan_in(
    case: dict[str, Any],
    stage: int,
    equipment: str,
    *,
    weeks: int = 10,
    paused: bool = False,
    start_offset: int = 0,
) -> tuple[Plan, EngineState]:
    """The vignette runner's plan from the first day of `stage` (started on MONDAY), built
    `start_offset` days into it."""
    assessment, answers = _runner(case)
    profile = RunnerProfile(equipment=equipment)
    state = initial_state(assessment, answers, profile, KB)
    state = replace(state, stage=stage, stage_since=MONDAY)
    if paused:
        state = replace(state, run=replace(state.run, allowed=False))
    start = MONDAY + timedelta(days=start_offset)
    return build_plan(assessment, answers, profile, KB, start, weeks, progress=state), state


def _stages(case: dict[str, Any]) -> tuple[Stage, ...]:
    protocol = KB.conditions[case["expect"]["top"]].protocol
    assert protocol is not None
    return KB.protocols[protocol].stages


equipment = st.sampled_from(["none", "bands", "dumbbells", "gym"])


# -- heavy slow resistance -------------------------------------------------------------------


TENDON_CASES = [c for c in REHAB if c["expect"]["top"] in TENDINOPATHIES]


def test_every_tendinopathy_has_a_planned_vignette() -> None:
    assert {c["expect"]["top"] for c in TENDON_CASES} == set(TENDINOPATHIES)


@PROPERTY
@given(st.sampled_from(TENDON_CASES), equipment)
def test_stage_2_of_a_tendinopathy_plan_progresses_load_not_only_reps(
    case: dict[str, Any], kit: str
) -> None:
    stage_2 = _stages(case)[1]
    plan, _ = _plan_in(case, 2, kit, weeks=stage_2.min_weeks)
    heavy: dict[str, list[int]] = defaultdict(list)
    for session in plan.sessions:
        for item in session.items:
            if session.stage == 2 and item.repetition_maximum:
                heavy[item.exercise].append(item.reps or 0)
                assert item.load_note
                assert f"{item.reps}RM" in item.load_note
                if kit in ("none", "bands"):  # no weights: says what to use instead
                    assert "No weights?" in item.load_note
    assert heavy, f"{stage_2.id}: no heavy slow resistance"
    # the repetition maximum falls: the same exercise is done with a heavier load
    assert any(reps[-1] < reps[0] for reps in heavy.values()), heavy


def test_the_eccentric_hamstring_exercises_keep_the_seed_ladder() -> None:
    for exercise in ("nordic_hamstring_curl", "hamstring_slides", "single_leg_romanian_deadlift"):
        assert KB.exercises[exercise].progression is Progression.REP_LADDER


def test_eccentric_heel_drops_use_alfredsons_3_x_15_from_the_first_session() -> None:
    case = next(c for c in REHAB if c["expect"]["top"] == "achilles_tendinopathy_insertional")
    plan, _ = _plan_in(case, 2, "none", weeks=4)
    drops = [i for s in plan.sessions for i in s.items if i.exercise.startswith("eccentric_heel")]
    assert drops
    assert {(i.sets, i.reps) for i in drops} == {(3, 15)}


# -- train to the gate -----------------------------------------------------------------------


GATED = [c for c in REHAB if (gate := KB.gate_for(c["expect"]["top"])) is not None and gate.trains]


@PROPERTY
@given(st.sampled_from(GATED), st.data(), equipment)
def test_while_running_waits_the_plan_trains_what_the_gate_counts_up_to_its_number(
    case: dict[str, Any], data: st.DataObject, kit: str
) -> None:
    stages = _stages(case)
    rehab = [s.number for s in stages if s.id != "maintenance"]
    stage = data.draw(st.sampled_from(rehab))
    plan, _ = _plan_in(case, stage, kit, weeks=10, paused=True)
    gate = KB.gate_for(case["expect"]["top"])
    assert gate is not None
    assert plan.return_to_run
    by_week: dict[int, int] = defaultdict(int)
    for training in gate.trains:
        done = [
            (s.date, i.reps or 0)
            for s in plan.sessions
            for i in s.items
            if i.exercise in training.exercises
        ]
        assert done, f"{training.criterion} is never trained in stage {stage}"
        best = max(reps for _, reps in done)
        assert best >= training.reps, (training, best)
        for day, reps in done:
            week = (day - plan.start).days // 7
            by_week[week] = max(by_week[week], reps)
        # the number is reached within the weeks its ladder takes from the bottom, not later
        reached = min(day for day, reps in done if reps >= training.reps)
        ladder = KB.dosage.ladders[KB.exercises[training.exercises[0]].progression]
        assert (reached - plan.start).days < 7 * len(ladder.steps)


# -- one new stressor a week -----------------------------------------------------------------


def _stressors_by_week(plan: Plan, stage: Stage, previous: Stage | None) -> dict[int, set[str]]:
    """What the runner meets for the first time in each week of `stage` (weeks from the stage's
    start), against what the previous stage had them doing. While running waits for its
    return-to-run check, the exercise that check counts stands in for running (the largest
    stressor, taken away) and is trained from the first day: it is not counted."""
    known = _stressing(previous) if previous else set()
    gate = KB.gate_for(plan.condition)
    if plan.return_to_run and gate is not None:
        known |= {name for t in gate.trains for name in t.exercises}
    started = next(s.projected_start for s in plan.stages if s.number == stage.number)
    assert started is not None
    new: dict[int, set[str]] = defaultdict(set)
    for session in plan.sessions:
        if session.stage != stage.number:
            continue
        met = {i.exercise for i in session.items if _is_stressor(i.exercise)}
        for name in met - known:
            new[(session.date - started).days // 7].add(name)
        known |= met
    for name, week in (
        ("hills", stage.running.hills_from_week),
        ("speed work", stage.running.speedwork_from_week),
    ):
        if name not in known and _allowed_in_plan(plan, stage, name):
            new[week - 1].add(name)  # allowed from that week; a run takes it up when one is due
    return new


def _allowed_in_plan(plan: Plan, stage: Stage, name: str) -> bool:
    runs = [s.run for s in plan.sessions if s.stage == stage.number and s.run]
    return any(r.hills if name == "hills" else r.speedwork for r in runs)


def _is_stressor(exercise: str) -> bool:
    return KB.exercises[exercise].category in STRESSING_CATEGORIES


def _stressing(stage: Stage) -> set[str]:
    names = {p.exercise for p in stage.prescriptions if _is_stressor(p.exercise)}
    for p in stage.prescriptions:
        easier = KB.exercises[p.exercise].easier
        if easier and easier.exercise:
            names.add(easier.exercise)
    running = stage.running
    return names | {
        n for n, on in (("hills", running.hills), ("speed work", running.speedwork)) if on
    }


@PROPERTY
@given(st.sampled_from(REHAB), st.data(), equipment)
def test_a_stage_adds_at_most_one_new_stressor_a_week(
    case: dict[str, Any], data: st.DataObject, kit: str
) -> None:
    stages = _stages(case)
    number = data.draw(st.integers(min_value=2, max_value=len(stages)))
    stage, previous = stages[number - 1], stages[number - 2]
    plan, _ = _plan_in(case, number, kit, weeks=stage.min_weeks + 1)
    for week, names in _stressors_by_week(plan, stage, previous).items():
        assert len(names) <= 1, f"{stage.id} week {week + 1} adds {sorted(names)}"


@pytest.mark.parametrize("case", REHAB, ids=[c["name"] for c in REHAB])
def test_a_plan_rebuilt_mid_stage_keeps_the_stages_calendar(case: dict[str, Any]) -> None:
    """A stage's staggered exercises come in on the stage's calendar, not the plan's: a plan
    rebuilt three weeks into a stage shows what weeks 1-3 brought in from its first day."""
    for stage in _stages(case)[1:]:
        late = [p for p in stage.prescriptions if p.from_week > 1]
        if not late:
            continue
        plan, _ = _plan_in(
            case, stage.number, "gym", weeks=1, start_offset=7 * (stage.min_weeks - 1)
        )
        shown = {i.exercise for s in plan.sessions if s.stage == stage.number for i in s.items}
        gate = KB.gate_for(plan.condition)
        waiting = (
            {n for t in gate.trains for n in t.exercises} if gate and plan.return_to_run else set()
        )
        due = {
            p.exercise
            for p in late
            if p.from_week <= stage.min_weeks
            and p.exercise not in waiting
            and (p.session != "after_run" or plan.runs)
        }
        equipment_swaps = {
            p.exercise for p in late if not KB.exercises[p.exercise].can_do_with(frozenset({"gym"}))
        }
        assert due - equipment_swaps <= shown | _easier_ids(due), (stage.id, due - shown)


def _easier_ids(ids: set[str]) -> set[str]:
    return {v.exercise for i in ids if (v := KB.exercises[i].easier) and v.exercise}


# -- drills keep their dose --------------------------------------------------------------------


@PROPERTY
@given(st.sampled_from(PLANNED), st.data(), equipment)
def test_warm_up_and_mobility_drills_keep_their_dose(
    case: dict[str, Any], data: st.DataObject, kit: str
) -> None:
    stages = _stages(case)
    number = data.draw(st.integers(min_value=1, max_value=len(stages)))
    plan, _ = _plan_in(case, number, kit, weeks=8)
    for session in plan.sessions:
        for item in session.items:
            exercise = KB.exercises.get(item.exercise)
            if exercise is None or exercise.progression is not Progression.FIXED:
                continue
            measure = exercise.dose.reps or exercise.dose.hold_s or exercise.dose.duration_s
            assert measure is not None
            done = item.reps or item.hold_s or item.duration_s
            assert (item.sets, done) == (exercise.dose.sets.low, measure.low), item


@pytest.mark.parametrize(
    "exercise",
    sorted(e.id for e in KB.exercises.values() if e.progression is Progression.FIXED),
)
def test_the_engine_never_progresses_a_drill(exercise: str) -> None:
    """A warm-up drill logged in full stays a warm-up drill: no more reps, no harder variation."""
    drill = KB.exercises[exercise]
    for weights in (False, True):
        dose = DoseState()
        assert dose_up(drill, dose, KB.dosage, weights, 2.5) == dose


@pytest.mark.parametrize(("count", "first"), [(None, 6), (5, 6), (12, 12), (22, 20), (40, 30)])
def test_the_endurance_ladder_starts_at_what_the_runner_can_do(
    count: int | None, first: int
) -> None:
    """A runner who can do 22 calf raises starts at 2 x 20, one who can do 5 at 2 x 6."""
    case = next(c for c in GATED if c["expect"]["top"] == "calf_strain")
    answers = parse_answers(
        raw_answers(**{**case["answers"], "single_leg_calf_raises": count}), "calf"
    )
    assessment = assess(answers, KB, MONDAY)
    state = initial_state(assessment, answers, RunnerProfile(), KB)
    state = replace(state, run=replace(state.run, allowed=False))
    plan = build_plan(assessment, answers, RunnerProfile(), KB, MONDAY, 1, progress=state)
    raises = [i for s in plan.sessions for i in s.items if i.exercise == "calf_raise_single_leg"]
    assert raises
    assert raises[0].reps == first
    assert raises[0].load_note is not None
    assert "As many as you can" in raises[0].load_note
