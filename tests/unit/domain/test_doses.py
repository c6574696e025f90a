"""One step up, one step down: reps, then sets, then the harder variation, then load."""

from __future__ import annotations

from datetime import date, timedelta

from runrehab.domain.adaptation.doses import (
    dose_down,
    dose_up,
    following_week,
    prescribed,
    rolled,
    run_down,
    run_up,
)
from runrehab.domain.adaptation.state import DoseState, RunState
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.running import WeeklyVolume


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


START = date(2026, 11, 30)
RUN_DAYS = frozenset({1, 3, 5})


def _run(mode: str, weekly_km: float = 0.0, phase: int = 1, completions: int = 0) -> RunState:
    volume = WeeklyVolume(weekly_km, weekly_km, weekly_km)
    return RunState(True, mode, phase, completions, volume, 40.0, RUN_DAYS, START)


def test_walk_run_phases_are_done_twice_then_running_becomes_continuous(kb: KnowledgeBase) -> None:
    run = _run("walk_run")
    phases = []
    for _ in range(12):
        run = run_up(run, kb.dosage, START)
        phases.append((run.mode, run.phase, run.completions))
    assert phases[:3] == [("walk_run", 1, 1), ("walk_run", 2, 0), ("walk_run", 2, 1)]
    assert phases[-1][0] == "continuous"
    assert run.weekly_km == round(kb.dosage.walk_run[-1].total_km * len(RUN_DAYS), 1)


def test_a_pain_free_continuous_run_earns_next_weeks_build_and_the_week_turns_once(
    kb: KnowledgeBase,
) -> None:
    run = run_up(_run("continuous", 20.0), kb.dosage, START)
    assert (run.weekly_km, run.earned) == (20.0, True)
    assert following_week(run, kb.dosage).km == 22.0
    later = rolled(run, START + timedelta(days=7), kb.dosage)
    assert (later.weekly_km, later.week, later.earned) == (22.0, 1, False)
    assert rolled(later, START + timedelta(days=30), kb.dosage).weekly_km == 22.0


def test_continuous_running_stops_at_the_pre_injury_volume(kb: KnowledgeBase) -> None:
    run = run_up(_run("continuous", 39.0), kb.dosage, START)
    assert rolled(run, START + timedelta(days=7), kb.dosage).weekly_km == 40.0


def test_a_flare_cuts_running_and_holds_off_hills() -> None:
    cut = run_down(_run("continuous", 20.0), date(2026, 12, 1), 0.3, 7)
    assert cut.weekly_km == 14.0
    assert cut.no_hills_until == date(2026, 12, 8)
    back = run_down(_run("walk_run", phase=3, completions=1), date(2026, 12, 1), 0.3, 7)
    assert (back.phase, back.completions) == (2, 0)
