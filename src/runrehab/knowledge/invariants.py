"""Knowledge-base invariants that span files: the dosage rules and the safety rules, checked at load.

Each check yields `Problem`s naming the file and key to fix, so a clinician editing the data gets
the same kind of message as for a schema error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from runrehab.domain import knowledge as k
from runrehab.domain.dosing import amount, ladder_of, top_step
from runrehab.domain.intake import OTTAWA_KEYS, OTTAWA_REGIONS, SCREENING_KEYS
from runrehab.domain.rules import Always, Compare
from runrehab.domain.stressors import crowded_weeks, new_stressors
from runrehab.domain.verdicts import Verdict

REQUIRED_QUESTION_KEYS = ("region", "onset", "days_since_onset", *SCREENING_KEYS, *OTTAWA_KEYS)


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    key: str
    reason: str


def check(kb: k.KnowledgeBase) -> Iterator[Problem]:
    yield from _strength_ladder(kb.dosage)
    yield from _exercise_doses(kb)
    yield from _ladders_within_doses(kb)
    yield from _gates_trained(kb)
    yield from _protocol_sessions(kb)
    yield from _one_new_stressor_a_week(kb)
    yield from _red_flags_never_allow_running(kb)
    yield from _rehab_conditions_always_decide(kb)
    yield from _every_screening_question_asked(kb)


def _strength_ladder(d: k.Dosage) -> Iterator[Problem]:
    first_sets, first_reps = d.strength_ladder[0]
    if not (1 <= first_sets <= 2 and 6 <= first_reps <= 8):
        yield Problem(
            "dosage.yaml", "strength_ladder[0]", "strength must start at 6-8 reps x 1-2 sets"
        )
    if d.strength_ladder[-1] != (d.max_sets, d.max_reps):
        yield Problem("dosage.yaml", "strength_ladder", "the last step must be max_sets x max_reps")
    volumes = [sets * reps for sets, reps in d.strength_ladder]
    for i, (sets, reps) in enumerate(d.strength_ladder):
        if sets > d.max_sets or reps > d.max_reps:
            yield Problem(
                "dosage.yaml", f"strength_ladder[{i}]", "step exceeds max_sets or max_reps"
            )
        if i and volumes[i] <= volumes[i - 1]:
            yield Problem("dosage.yaml", f"strength_ladder[{i}]", "each step must add volume")


def _exercise_doses(kb: k.KnowledgeBase) -> Iterator[Problem]:
    d = kb.dosage
    for ex in kb.exercises.values():
        if not ex.is_progressive_strength:
            continue
        reps = ex.dose.reps
        assert reps is not None
        if ex.dose.sets.high > d.max_sets or reps.high > d.max_reps:
            yield Problem(
                "exercises",
                f"{ex.id}.dose",
                f"strength doses may not exceed {d.max_sets} x {d.max_reps}",
            )


def _ladders_within_doses(kb: k.KnowledgeBase) -> Iterator[Problem]:
    """A step of a named progression outside an exercise's dose range would be clamped without
    a word (the rep and hold ladders clamp on purpose: the range is that exercise's limit)."""
    for ex in kb.exercises.values():
        ladder = ladder_of(ex, kb.dosage)
        measure = ex.dose.reps or ex.dose.hold_s
        if ladder is None or measure is None or ex.progression in _CLAMPED:
            continue
        for i, (sets, reps) in enumerate(ladder.steps):
            if not (ex.dose.sets.low <= sets <= ex.dose.sets.high) or not (
                measure.low <= reps <= measure.high
            ):
                yield Problem(
                    "exercises",
                    f"{ex.id}.dose",
                    f"step {i} of its {ex.progression} ladder ({sets} x {reps}) is outside it",
                )
        if ladder.repetition_maximum and not ex.without_weights:
            yield Problem("exercises", ex.id, "a heavy exercise must say how to load it at home")


_CLAMPED = (k.Progression.REP_LADDER, k.Progression.ISOMETRIC)


def _gates_trained(kb: k.KnowledgeBase) -> Iterator[Problem]:
    """What a return-to-run check counts, the plan can train to: the exercise's progression
    reaches the check's number (train to the gate)."""
    for gate in kb.return_to_run.values():
        criteria = {c.id: c for c in gate.criteria}
        for t in gate.trains:
            key = f"gates.{gate.id}.trains.{t.criterion}"
            rule = criteria.get(t.criterion)
            if rule is None:
                yield Problem("return_to_run.yaml", key, "not a criterion of this gate")
                continue
            counted = rule.when.value if isinstance(rule.when, Compare) else None
            if isinstance(counted, int) and not isinstance(counted, bool) and counted != t.reps:
                yield Problem("return_to_run.yaml", key, "reps differ from the criterion's")
            for name in t.exercises:
                ex = kb.exercises.get(name)
                if ex is None:
                    yield Problem("return_to_run.yaml", key, f"unknown exercise '{name}'")
                elif amount(ex, top_step(ex, kb.dosage), kb.dosage)[1] < t.reps:
                    yield Problem("return_to_run.yaml", key, f"{name} never reaches {t.reps}")


def _one_new_stressor_a_week(kb: k.KnowledgeBase) -> Iterator[Problem]:
    for protocol in kb.protocols.values():
        where = f"protocols/{protocol.id}.yaml"
        for previous, stage in zip(protocol.stages, protocol.stages[1:], strict=False):
            added = new_stressors(previous, stage, kb.exercises)
            for week in crowded_weeks(added):
                names = ", ".join(s.name for s in added if s.week == week)
                yield Problem(where, stage.id, f"week {week} brings in more than one: {names}")
            if added and max(s.week for s in added) > stage.min_weeks:
                yield Problem(where, f"{stage.id}.min_weeks", "shorter than its last new stressor")


def _protocol_sessions(kb: k.KnowledgeBase) -> Iterator[Problem]:
    for protocol in kb.protocols.values():
        where = f"protocols/{protocol.id}.yaml"
        for stage in protocol.stages:
            if stage.number == 1 and not isinstance(stage.start_when, Always):
                yield Problem(where, f"{stage.id}.start_when", "stage 1 must start 'always'")
            if stage.pain_limit > kb.dosage.exercise_pain_limit:
                yield Problem(where, f"{stage.id}.pain_limit", "above the exercise pain limit")
            for p in stage.prescriptions:
                yield from _prescription(kb.exercises[p.exercise], p, stage, where)


def _prescription(
    ex: k.Exercise, p: k.Prescription, stage: k.Stage, where: str
) -> Iterator[Problem]:
    key = f"{stage.id}.{p.exercise}"
    if not ex.schedulable:
        yield Problem(where, key, "education-only exercises cannot be scheduled")
    if ex.category == "stretch" and p.session != "after_run":
        yield Problem(where, key, "stretching is only ever prescribed after a run")
    if ex.category == "stretch" and not stage.running.static_stretch_after:
        yield Problem(where, key, "this stage does not allow static stretching")
    if p.session == "warm_up" and ex.timing == "after_run":
        yield Problem(where, key, "an after-run exercise cannot be part of the warm-up")


def _red_flags_never_allow_running(kb: k.KnowledgeBase) -> Iterator[Problem]:
    for flag in kb.red_flags:
        if flag.verdict < Verdict.SEE_CLINICIAN:
            yield Problem(
                "red_flags",
                flag.rule.id,
                "a red flag must refer (SEE_CLINICIAN or REFER_URGENT)",
            )
    if (kb.uncovered_region.verdict or Verdict.RUN_OK) < Verdict.SEE_CLINICIAN:
        yield Problem(
            "uncovered_region.yaml", "uncovered_region", "an uncovered region must be SEE_CLINICIAN"
        )


def _rehab_conditions_always_decide(kb: k.KnowledgeBase) -> Iterator[Problem]:
    for c in kb.conditions.values():
        where = f"conditions/{c.id}.yaml"
        if not c.has_plan:
            continue
        if not c.verdict_rules or not isinstance(c.verdict_rules[-1].when, Always):
            yield Problem(where, "verdict_rules", "the last verdict rule must be 'when: always'")
        for rule in c.verdict_rules:
            if rule.verdict is None:
                yield Problem(where, f"verdict_rules.{rule.id}", "a verdict rule needs a verdict")


def _every_screening_question_asked(kb: k.KnowledgeBase) -> Iterator[Problem]:
    asked = {q.key: group for group in kb.questions for q in group.questions}
    for key in REQUIRED_QUESTION_KEYS:
        if key not in asked:
            yield Problem("questions.yaml", key, "a required answer key has no question")
    for key in OTTAWA_KEYS:  # the answers schema requires them for exactly these regions
        if key in asked and asked[key].only_for_regions != frozenset(OTTAWA_REGIONS):
            yield Problem(
                "questions.yaml", key, f"must be asked only for {', '.join(OTTAWA_REGIONS)}"
            )
