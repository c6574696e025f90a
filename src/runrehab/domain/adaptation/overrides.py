"""A coach's plan overrides, applied to the engine's state in date order between log entries.

The engine adapts around an override and never silently undoes it: a dose a coach set is held
(it may still go down after a failed pain check, with that reason), a held stage does not advance
on criteria, paused running does not restart on a jog test, a swapped exercise stays swapped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

from runrehab.domain.adaptation.state import DoseState, EngineState
from runrehab.domain.knowledge import KnowledgeBase

KINDS = ("dose", "swap", "stage", "pause_running", "resume_running")


@dataclass(frozen=True, slots=True)
class Override:
    on: date
    kind: str  # one of KINDS
    values: Mapping[str, object]
    reason: str
    by: str  # the coach's name, shown to the runner


def apply(state: EngineState, override: Override, kb: KnowledgeBase) -> EngineState:
    v = override.values
    if override.kind == "dose":
        exercise = str(v["exercise"])
        dose = DoseState(
            step=int(str(v["step"])),
            harder=bool(v.get("harder", False)),
            load_kg=float(str(v.get("load_kg", 0.0))),
        )
        state = state.with_dose(exercise, dose, override.on)
        return replace(state, pinned=state.pinned | {exercise})
    if override.kind == "swap":
        swaps = {**state.swaps, str(v["from"]): str(v["to"])}
        return replace(state, swaps=MappingProxyType(swaps))
    if override.kind == "stage":
        return replace(state, stage=int(str(v["stage"])), stage_held=bool(v.get("hold", True)))
    if override.kind == "pause_running":
        return replace(state, run=replace(state.run, allowed=False), running_held=True)
    if override.kind == "resume_running":
        return replace(state, run=replace(state.run, allowed=True), running_held=False)
    raise ValueError(f"unknown override kind {override.kind!r}")
