"""A coach's plan overrides, applied to the engine's state in date order between log entries.

The engine adapts around an override and never silently undoes it: a dose a coach set is held
(it may still go down after a failed pain check, with that reason), a held stage does not advance
on criteria, paused running does not restart on a jog test, a swapped exercise stays swapped, and an
exercise the coach wrote for the runner keeps the coach's dose until the coach removes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import Literal, get_args

from runrehab.domain.adaptation.state import CustomExercise, DoseState, EngineState
from runrehab.domain.knowledge import KnowledgeBase

# The changes a coach can make to a plan, declared once: the API's enum, the use case's check and
# the coach's form take them from here.
OverrideKind = Literal[
    "dose",
    "swap",
    "stage",
    "pause_running",
    "resume_running",
    "add_exercise",
    "remove_exercise",
]
KINDS: tuple[OverrideKind, ...] = get_args(OverrideKind)
CUSTOM_SESSIONS = ("strength", "mobility", "warm_up")


@dataclass(frozen=True, slots=True)
class Override:
    on: date
    kind: str  # one of KINDS; a form's raw choice until the use case has checked it
    values: Mapping[str, object]
    reason: str
    by: str  # the coach's name, shown to the runner


def apply(state: EngineState, override: Override, kb: KnowledgeBase) -> EngineState:
    if override.kind not in _APPLY:
        raise ValueError(f"unknown override kind {override.kind!r}")
    return _APPLY[override.kind](state, override)


def _dose(state: EngineState, o: Override) -> EngineState:
    exercise = str(o.values["exercise"])
    dose = DoseState(
        step=int(str(o.values["step"])),
        harder=bool(o.values.get("harder", False)),
        load_kg=float(str(o.values.get("load_kg", 0.0))),
    )
    state = state.with_dose(exercise, dose, o.on)
    return replace(state, pinned=state.pinned | {exercise})


def _swap(state: EngineState, o: Override) -> EngineState:
    swaps = {**state.swaps, str(o.values["from"]): str(o.values["to"])}
    return replace(state, swaps=MappingProxyType(swaps))


def _stage(state: EngineState, o: Override) -> EngineState:
    stage = int(str(o.values["stage"]))
    held = bool(o.values.get("hold", True))
    since = state.stage_since if stage == state.stage else o.on
    return replace(state, stage=stage, stage_held=held, stage_since=since)


def _running(allowed: bool) -> Callable[[EngineState, Override], EngineState]:
    def change(state: EngineState, o: Override) -> EngineState:
        return replace(state, run=replace(state.run, allowed=allowed), running_held=not allowed)

    return change


def _add(state: EngineState, o: Override) -> EngineState:
    added = custom_exercise(o)
    return replace(state, custom=MappingProxyType({**state.custom, added.id: added}))


def _remove(state: EngineState, o: Override) -> EngineState:
    kept = {k: c for k, c in state.custom.items() if k != o.values["id"]}
    return replace(state, custom=MappingProxyType(kept))


_APPLY: dict[str, Callable[[EngineState, Override], EngineState]] = {
    "dose": _dose,
    "swap": _swap,
    "stage": _stage,
    "pause_running": _running(False),
    "resume_running": _running(True),
    "add_exercise": _add,
    "remove_exercise": _remove,
}


def custom_exercise(override: Override) -> CustomExercise:
    v = override.values
    return CustomExercise(
        id=str(v["id"]),
        name=str(v["name"]),
        instructions=str(v.get("instructions", "")),
        session=str(v["session"]),
        sets=int(str(v["sets"])),
        reps=int(str(v["reps"])) if v.get("reps") is not None else None,
        hold_s=int(str(v["hold_s"])) if v.get("hold_s") is not None else None,
        per_side=bool(v.get("per_side", False)),
        why=override.reason,
    )


def custom_exercises(overrides: Iterable[Override]) -> dict[str, CustomExercise]:
    """The exercises a coach wrote for the runner that are still in the plan, by id."""
    added: dict[str, CustomExercise] = {}
    for o in overrides:
        if o.kind == "add_exercise":
            added[str(o.values["id"])] = custom_exercise(o)
        elif o.kind == "remove_exercise":
            added.pop(str(o.values["id"]), None)
    return added
