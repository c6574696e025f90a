"""A re-assessment continues the runner's history instead of starting it again.

The new assessment starts a new episode linked to the one it continues. What the engine had
reached carries over when the plan's condition is the same and the new answers allow it: the
stage (never lower unless the new assessment itself holds the runner lower, and then it says
which rule did) and every exercise's place on its progression. Each of the coach's overrides is
either still in force in the new episode or ended with the reason, never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.state import CarriedProgress, EngineState, initial_state
from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.episode import Episode
from runrehab.domain.knowledge import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Continuation:
    """What a re-assessment keeps: the progress carried (None: the new plan starts from the new
    assessment alone), the sentence saying why the stage is what it is, and the overrides that
    end, as (index in the overrides given, reason)."""

    carried: CarriedProgress | None
    stage_note: str
    ended: tuple[tuple[int, str], ...]


def starting_state(episode: Episode, kb: KnowledgeBase) -> EngineState:
    """The engine's state on the episode's first day: its assessment's, resumed from what a
    re-assessment carried over."""
    assessment = assess(episode.answers, kb, episode.started_on)
    fresh = initial_state(assessment, episode.answers, episode.profile, kb)
    return resumed(fresh, episode.carried)


def resumed(fresh: EngineState, carried: CarriedProgress | None) -> EngineState:
    if carried is None or fresh.protocol is None or fresh.referred:
        return fresh
    return replace(fresh, stage=carried.stage, doses=carried.doses)


def continuation(
    previous: EngineState,
    overrides: Sequence[Override],
    assessment: Assessment,
    fresh: EngineState,
    kb: KnowledgeBase,
) -> Continuation:
    """How the episode that ended in `previous` (with these overrides in force) continues
    after `assessment`, whose own starting state is `fresh`."""
    carried, note = _progress(previous, assessment, fresh, kb)
    ended = tuple(
        (i, why)
        for i, o in enumerate(overrides)
        if (why := _ends(o, previous, assessment, fresh, kb)) is not None
    )
    return Continuation(carried, note, ended)


def _progress(
    previous: EngineState, assessment: Assessment, fresh: EngineState, kb: KnowledgeBase
) -> tuple[CarriedProgress | None, str]:
    if fresh.protocol is None or fresh.referred:
        return None, "no plan stage: the new assessment sends the runner to a clinician"
    if previous.protocol != fresh.protocol or previous.referred:
        return None, (
            f"stage {fresh.stage}: {_changed(previous, fresh, kb)}, so the plan starts from "
            "the new assessment"
        )
    cap = assessment.stage_cap
    if cap is not None and cap < previous.stage:
        stage = max(fresh.stage, min(cap, previous.stage))
        why = _capped_by(assessment) or "the new answers"
        return CarriedProgress(stage), (
            f"stage {stage}, down from {previous.stage}: the new assessment holds the runner "
            f"at stage {cap} or below ({why})"
        )
    if fresh.stage > previous.stage:
        return CarriedProgress(fresh.stage, previous.doses), (
            f"stage {fresh.stage}, up from {previous.stage}: the new answers meet its entry "
            "criteria; the exercise progress carries over"
        )
    return CarriedProgress(previous.stage, previous.doses), (
        f"stage {previous.stage} kept: the stage and the exercise progress reached carry over"
    )


def _changed(previous: EngineState, fresh: EngineState, kb: KnowledgeBase) -> str:
    if previous.referred or previous.condition is None:
        return "the runner was referred before, with no plan to continue"
    before = kb.conditions[previous.condition].name
    now = kb.conditions[fresh.condition].name if fresh.condition else "none"
    return f"the condition changed from {before} to {now}"


def _ends(
    o: Override,
    previous: EngineState,
    assessment: Assessment,
    fresh: EngineState,
    kb: KnowledgeBase,
) -> str | None:
    """Why this override no longer applies after the re-assessment, or None when it stays."""
    if fresh.protocol is None or fresh.referred:
        return "the new assessment sends the runner to a clinician"
    if o.kind == "pause_running":
        return None  # pausing is never less safe than the new plan: it stays until lifted
    if previous.protocol != fresh.protocol or previous.referred:
        return _changed(previous, fresh, kb)
    cap = assessment.stage_cap
    if o.kind == "stage" and cap is not None and int(str(o.values["stage"])) > cap:
        why = _capped_by(assessment)
        return f"the new assessment holds the runner at stage {cap} or below ({why})"
    if o.kind == "resume_running" and not assessment.verdict.allows_running:
        return f"the new assessment pauses running ({_first_reason(assessment)})"
    return None


def _first_reason(assessment: Assessment) -> str:
    return assessment.reasons[0].says.rstrip(".") if assessment.reasons else assessment.verdict.name


def _capped_by(assessment: Assessment) -> str:
    return "; ".join(says.rstrip(".") for says in assessment.stage_capped_by)


def ended_text(on: date, reason: str) -> str:
    """How an ended override reads to the coach and the runner."""
    return f"ended by re-assessment on {on.isoformat()}: {reason}"
