"""One step up, one step down: reps, then sets, then the harder variation, then load."""

from __future__ import annotations

from datetime import date

from runrehab.domain.adaptation.doses import dose_down, dose_up, prescribed, run_down, run_up
from runrehab.domain.adaptation.state import DoseState, RunState
from runrehab.domain.knowledge import KnowledgeBase


def test_strength_climbs_the_ladder_then_the_harder_variation_then_load(kb: KnowledgeBase) -> None:
    bridge = kb.exercises["single_leg_bridge"]
    dose, seen = DoseState(), []
    for _ in range(10):
        dose = dose_up(bridge, dose, kb.dosage, weights=True, step_kg=2.5)
        p = prescribed(bridge, dose, kb.dosage)
        seen.append((p["sets"], p["reps"], p["variation"], p["load_kg"]))
    assert seen[:6] == [
        (1, 8, "Single-leg bridge", 0.0),
        (2, 6, "Single-leg bridge", 0.0),
        (2, 8, "Single-leg bridge", 0.0),
        (2, 10, "Single-leg bridge", 0.0),
        (3, 8, "Single-leg bridge", 0.0),
        (3, 10, "Single-leg bridge", 0.0),
    ]
    assert seen[6] == (3, 10, "Long-lever single-leg bridge", 0.0)
    assert seen[7:] == [(3, 10, "Long-lever single-leg bridge", 2.5 * n) for n in (1, 2, 3)]


def test_without_weights_the_top_is_the_harder_variation(kb: KnowledgeBase) -> None:
    bridge = kb.exercises["single_leg_bridge"]
    top = DoseState(step=6, harder=True)
    assert dose_up(bridge, top, kb.dosage, weights=False, step_kg=2.5) == top


def test_down_retraces_load_then_variation_then_the_ladder() -> None:
    assert dose_down(DoseState(6, True, 5.0), 2.5) == DoseState(6, True, 2.5)
    assert dose_down(DoseState(6, True, 0.0), 2.5) == DoseState(6, False, 0.0)
    assert dose_down(DoseState(3), 2.5) == DoseState(2)
    assert dose_down(DoseState(0), 2.5) == DoseState(0)


def _walk_run(phase: int = 1, completions: int = 0) -> RunState:
    return RunState(True, "walk_run", phase, completions, 0.0, 20.0, 3)


def test_walk_run_phases_are_done_twice_then_running_becomes_continuous(kb: KnowledgeBase) -> None:
    run = _walk_run()
    phases = []
    for _ in range(12):
        run = run_up(run, kb.dosage)
        phases.append((run.mode, run.phase, run.completions))
    assert phases[:3] == [("walk_run", 1, 1), ("walk_run", 2, 0), ("walk_run", 2, 1)]
    assert phases[-1][0] == "continuous"
    assert run.weekly_km == round(kb.dosage.walk_run[-1].total_km * 3, 1)


def test_continuous_running_grows_10_percent_up_to_pre_injury_volume(kb: KnowledgeBase) -> None:
    run = RunState(True, "continuous", 1, 0, 19.0, 20.0, 3)
    assert run_up(run, kb.dosage).weekly_km == 20.0
    assert run_up(RunState(True, "continuous", 1, 0, 10.0, 40.0, 3), kb.dosage).weekly_km == 11.0


def test_a_flare_cuts_running_and_holds_off_hills() -> None:
    cut = run_down(RunState(True, "continuous", 1, 0, 20.0, 40.0, 3), date(2026, 12, 1), 0.3, 7)
    assert cut.weekly_km == 14.0
    assert cut.no_hills_until == date(2026, 12, 8)
    back = run_down(_walk_run(phase=3, completions=1), date(2026, 12, 1), 0.3, 7)
    assert (back.phase, back.completions) == (2, 0)
