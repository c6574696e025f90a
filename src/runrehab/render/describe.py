"""Plain-language lines for the engine's "next dose", shared by the CLI and the web pages."""

from __future__ import annotations

from typing import Any

from runrehab.domain.knowledge import Dose


def describe_next(n: dict[str, Any]) -> str:
    """`n` is a change as in the decision JSON: a `target` plus the next dose's fields."""
    if n.get("target") == "exercise":
        amount = (
            f"{n['reps']} reps" if "reps" in n else f"{n.get('hold_s') or n.get('duration_s')} s"
        )
        load = f" +{n['load_kg']:g} kg" if n.get("load_kg") else ""
        return f"{n['variation']}: {n['sets']} x {amount}{load}"
    if n.get("target") == "stage":
        return f"Stage {n['stage']}: {n['name']}"
    if not n.get("running"):
        return "No running yet"
    if n.get("mode") == "walk_run":
        return f"Walk/run phase {n['phase']}: {n['walk_min']} min walk / {n['run_min']} min run"
    return f"Easy running, about {n['weekly_km']} km a week"


def dose_range(dose: Dose) -> str:
    measure = dose.reps or dose.hold_s or dose.duration_s
    unit = "reps" if dose.reps else "s hold" if dose.hold_s else "s"
    assert measure is not None
    side = " per side" if dose.per_side else ""
    return (
        f"{_span(dose.sets.low, dose.sets.high)} sets x "
        f"{_span(measure.low, measure.high)} {unit}{side}"
    )


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"
