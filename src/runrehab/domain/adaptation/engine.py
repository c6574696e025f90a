"""After each entry: `progress`, `hold`, `regress` or `refer`, with reasons, changes and the plan
version the decision produced.

Safety order, on every entry: a warning sign or a referral criterion refers; a failed pain check
regresses; only then can anything progress, and at most one step per calendar day and never on a
day with a failed pain check.

One event, one cut. A failed pain check starts a flare-up (`Flare`) that lasts
`flare_settle_days` or until a morning check is back within the usual. Failed checks while it
settles belong to it: they cut only what it has not cut yet (a painful run and the sore morning
after it cut running once, not twice), and what it cut holds until it settles. Every decision of
a flare-up says what to do meanwhile. A referral comes from a pattern, not from one event: failed
checks on `repeated_fail_count` different days within `repeated_fail_window` days, or morning pain
no better over `no_improvement_days` (`monitoring.py`).

Running builds per week (`domain.running`): each entry first rolls running on to its week; a
pain-free run earns next week's build once a week, however many runs the week has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum

from runrehab.domain.adaptation import doses
from runrehab.domain.adaptation.history import kept_checks, kept_mornings, kept_runs
from runrehab.domain.adaptation.monitoring import (
    baseline,
    no_improvement,
    repeated_failures,
    weekly_means,
    worsening_today,
)
from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.overrides import apply as apply_override
from runrehab.domain.adaptation.reasons import reason
from runrehab.domain.adaptation.state import DoseState, EngineState, Flare, RunState
from runrehab.domain.assessment import Reason
from runrehab.domain.dosing import amount, top_step
from runrehab.domain.knowledge import Dosage, Exercise, KnowledgeBase, RedFlag, Stage
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.running import longest_before
from runrehab.domain.screening import flags_from_symptoms
from runrehab.domain.verdicts import Verdict


class DecisionKind(StrEnum):
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    REFER = "refer"


@dataclass(frozen=True, slots=True)
class Change:
    """What the decision changed, and the next planned dose of it."""

    target: str  # "exercise", "running" or "stage"
    id: str
    next: dict[str, object]


@dataclass(frozen=True, slots=True)
class Decision:
    on: date
    entry: int
    kind: DecisionKind
    reasons: tuple[Reason, ...]
    changes: tuple[Change, ...]
    next: tuple[Change, ...]  # the changes, or (for a hold) the current dose of what was logged
    plan_version: int


def replay(
    state: EngineState,
    entries: Iterable[Entry],
    kb: KnowledgeBase,
    overrides: Sequence[Override] = (),
) -> list[Decision]:
    return replay_with_state(state, list(entries), kb, overrides)[1]


def replay_with_state(
    state: EngineState,
    entries: Sequence[Entry],
    kb: KnowledgeBase,
    overrides: Sequence[Override] = (),
    first_index: int = 0,
) -> tuple[EngineState, list[Decision]]:
    """Every entry in order, each coach override applied before the first entry on or after its
    date; the state after everything (overrides still to come included) and the decisions."""
    state, decisions = advance(state, entries, kb, overrides, first_index)
    last = entries[-1].on if entries else None
    for override in sorted(overrides, key=lambda o: o.on):
        if last is None or override.on > last:
            state = apply_override(state, override, kb)
    return state, decisions


def advance(
    state: EngineState,
    entries: Sequence[Entry],
    kb: KnowledgeBase,
    overrides: Sequence[Override] = (),
    first_index: int = 0,
) -> tuple[EngineState, list[Decision]]:
    """`entries` (in date order, numbered from `first_index`), each of `overrides` applied
    before the first entry on or after its date and none dated after the last entry: the state
    through the last entry's day, which a stored snapshot keeps and later entries go on from."""
    pending = sorted(overrides, key=lambda o: o.on)
    decisions = []
    for index, entry in enumerate(entries, first_index):
        while pending and pending[0].on <= entry.on:
            state = apply_override(state, pending.pop(0), kb)
        state, decision = step(state, entry, index, kb)
        decisions.append(decision)
    return state, decisions


RUNNING = "running"
WHOLE_PLAN = "*"  # a morning check: the 24-hour response to everything done


def step(
    state: EngineState, entry: Entry, index: int, kb: KnowledgeBase
) -> tuple[EngineState, Decision]:
    run = doses.rolled(state.run, entry.on, kb.dosage)
    if run is not state.run:  # a new week
        state = replace(state, run=run)
    if isinstance(entry, CheckIn) and entry.red_flags:  # a new warning sign is never "awaiting"
        return _red_flag(state, entry, index, kb)
    if state.referred or state.protocol is None:
        return _decide(
            state, entry, index, DecisionKind.REFER, [reason(kb, "awaiting_clinician")], []
        )
    if isinstance(entry, CheckIn):
        return _checkin(state, entry, index, kb)
    if isinstance(entry, RunLog):
        return _run(state, entry, index, kb)
    return _exercise(state, entry, index, kb)


def _decide(
    state: EngineState,
    entry: Entry,
    index: int,
    kind: DecisionKind,
    reasons: list[Reason],
    changes: list[Change],
    current: list[Change] | None = None,
) -> tuple[EngineState, Decision]:
    if kind is DecisionKind.REFER:
        state = replace(state, referred=True)
    if changes:
        state = replace(state, plan_version=state.plan_version + 1)
    if kind is DecisionKind.PROGRESS:
        state = replace(state, last_progress_on=entry.on)
    decision = Decision(
        entry.on,
        index,
        kind,
        tuple(reasons),
        tuple(changes),
        tuple(changes or current or ()),
        state.plan_version,
    )
    return state, decision


def _blocked_progress(state: EngineState, on: date, kb: KnowledgeBase) -> Reason | None:
    if state.failed_on(on):
        return reason(kb, "no_progress_after_failed_check")
    if state.last_progress_on == on:
        return reason(kb, "one_step_per_day")
    return None


def _flare_hold(state: EngineState, on: date, target: str, kb: KnowledgeBase) -> Reason | None:
    """What a flare-up cut (everything, after a failed morning check) holds until it settles."""
    flare = state.flare_on(on)
    if flare is None or not flare.holds(target):
        return None
    return reason(kb, "flare_settling", flare_start=flare.start.isoformat())


def _referral(state: EngineState, on: date, kb: KnowledgeBase) -> Reason | None:
    rules = kb.adaptation
    fails = repeated_failures(state.checks, on, rules)
    if fails is not None:
        return reason(kb, "refer_repeated_failures", fails=fails, window=rules.repeated_fail_window)
    stalled = no_improvement(state.mornings, on, rules)
    if stalled is not None:
        return reason(kb, "refer_no_improvement", then=stalled[0], now=stalled[1])
    return None


def _record(
    state: EngineState,
    on: date,
    passed: bool,
    kb: KnowledgeBase,
    run: RunState | None = None,
    mornings: tuple[tuple[date, int], ...] | None = None,
    readiness: Mapping[str, object] | None = None,
) -> EngineState:
    """The state with a pain check recorded and, in the same new state, what else the entry
    changed (a few new states per entry, not one per field: the state is copied each time)."""
    return replace(
        state,
        checks=kept_checks((*state.checks, (on, passed)), kb.adaptation),
        run=state.run if run is None else run,
        mornings=state.mornings if mornings is None else mornings,
        readiness=state.readiness if readiness is None else readiness,
    )


def _failed_check(
    state: EngineState,
    entry: Entry,
    index: int,
    kb: KnowledgeBase,
    target: str,
    reasons: list[Reason],
) -> tuple[EngineState, Decision]:
    """A failed pain check that did not refer. The first starts a flare-up and cuts what the
    check is about (`target`: an exercise, RUNNING, or WHOLE_PLAN for a morning check); one while
    a flare-up settles cuts only what it has not cut yet, and a morning check then cuts nothing (it
    is that flare-up's 24-hour response). Either way the runner is told what to do meanwhile."""
    flare = state.flare_on(entry.on)
    same = flare is not None
    if flare is None:
        settle = timedelta(days=kb.adaptation.flare_settle_days)
        flare = Flare(entry.on, entry.on + settle)
    wanted = set() if same and target == WHOLE_PLAN else _targets(state, target)
    new = frozenset(wanted - flare.cut)
    state, changes = _cut(state, new, target, entry.on, kb)
    flare = replace(flare, cut=flare.cut | new, whole_plan=flare.whole_plan or target == WHOLE_PLAN)
    state = replace(state, flare=flare)
    rules = kb.adaptation
    meanwhile = reason(
        kb, "flare_settle", fails=rules.repeated_fail_count, window=rules.repeated_fail_window
    )
    if same and not new:
        same_event = reason(kb, "flare_same_event", flare_start=flare.start.isoformat())
        return _decide(state, entry, index, DecisionKind.HOLD, [same_event, meanwhile], [])
    if same:
        reasons = [*reasons, reason(kb, "flare_same_event", flare_start=flare.start.isoformat())]
    return _decide(state, entry, index, DecisionKind.REGRESS, [*reasons, meanwhile], changes)


def _targets(state: EngineState, target: str) -> set[str]:
    running = {RUNNING} if state.run.allowed else set()
    if target == WHOLE_PLAN:
        return running | set(state.doses)
    return running if target == RUNNING else {target}


def _cut(
    state: EngineState, targets: frozenset[str], checked: str, on: date, kb: KnowledgeBase
) -> tuple[EngineState, list[Change]]:
    """One step down for each of `targets`; the changes name the exercise that was checked even
    when it is already at its lowest dose, and every other dose that went down."""
    changes = []
    for exercise_id in sorted(targets - {RUNNING}):
        dose = state.dose(exercise_id)
        lower = doses.dose_down(dose, kb.adaptation.load_step_kg)
        if lower != dose or exercise_id == checked:
            state = state.with_dose(exercise_id, lower, on)
            changes.append(_exercise_change(state, exercise_id, kb))
    if RUNNING in targets:
        rules = kb.adaptation
        run = doses.run_down(state.run, on, rules.flare_run_cut, rules.flare_no_hills_days)
        state = replace(state, run=run)
        changes.append(_running_change(state, kb))
    return state, changes


# -- exercises -------------------------------------------------------------------------------


def _exercise_change(state: EngineState, exercise_id: str, kb: KnowledgeBase) -> Change:
    exercise = kb.exercises[exercise_id]
    return Change(
        "exercise", exercise_id, doses.prescribed(exercise, state.dose(exercise_id), kb.dosage)
    )


def _exercise(
    state: EngineState, e: ExerciseLog, index: int, kb: KnowledgeBase
) -> tuple[EngineState, Decision]:
    stage = state.stage_of(kb)
    assert stage is not None
    if e.exercise in state.custom:
        return _custom_exercise(state, e, index, stage.pain_limit, kb)
    exercise = kb.exercises[e.exercise]
    dose = state.dose(e.exercise)
    values = {"exercise": exercise.name, "pain": e.pain, "pain_limit": stage.pain_limit}
    passed = e.pain <= stage.pain_limit
    state = _record(state, e.on, passed, kb)
    current = [_exercise_change(state, e.exercise, kb)]
    if refer := _referral(state, e.on, kb):
        return _decide(state, e, index, DecisionKind.REFER, [refer], [])
    if not passed:
        over = [reason(kb, "exercise_pain_over_limit", **values)]
        return _failed_check(state, e, index, kb, e.exercise, over)
    up = doses.dose_up(exercise, dose, kb.dosage, state.weights, kb.adaptation.load_step_kg)
    hold = _exercise_hold(state, e, exercise, dose, up, kb, values)
    if hold is not None:
        return _decide(state, e, index, DecisionKind.HOLD, [hold], [], current)
    done = _done(e, exercise, dose, kb.dosage)
    values = {**values, "done": doses.dose_text(exercise, *done)}
    target = doses.at_least(exercise, up, done, kb.dosage)
    if target is None:  # a progression never points below what was done: hold instead
        return _more_than_planned(state, e, index, kb, (dose, up), done, values)
    state = state.with_dose(e.exercise, target, e.on)
    step_up = reason(kb, "progress_exercise", **values)
    if target != up:
        next_dose = doses.dose_text(exercise, *_amount(exercise, target, kb.dosage))
        step_up = reason(kb, "progress_exercise_to_logged", **values, next_dose=next_dose)
    return _decide(
        state,
        e,
        index,
        DecisionKind.PROGRESS,
        [reason(kb, "pain_check_passed", **values), step_up],
        [_exercise_change(state, e.exercise, kb)],
    )


def _more_than_planned(
    state: EngineState,
    e: ExerciseLog,
    index: int,
    kb: KnowledgeBase,
    shown_and_up: tuple[DoseState, DoseState],
    done: doses.Done,
    values: Mapping[str, object],
) -> tuple[EngineState, Decision]:
    """No step of the progression is at least what was done. More load than the plan has next
    holds the dose; more sets, reps or seconds than the ladder's top dose for the stage holds at
    that top dose (moving up to it when the plan was below it): more volume adds nothing to the
    loading, and from the top the plan moves by the harder variation or by load."""
    dose, up = shown_and_up
    exercise = kb.exercises[e.exercise]
    current = [_exercise_change(state, e.exercise, kb)]
    if done[2] > up.load_kg:
        planned = doses.dose_text(exercise, *_amount(exercise, up, kb.dosage))
        above = reason(kb, "exercise_load_above_plan", **values, planned=planned)
        return _decide(state, e, index, DecisionKind.HOLD, [above], [], current)
    top = replace(dose, step=max(dose.step, top_step(exercise, kb.dosage)))
    top_dose = doses.dose_text(exercise, *_amount(exercise, top, kb.dosage))
    reasons = [
        reason(kb, "pain_check_passed", **values),
        reason(kb, "exercise_beyond_top_dose", **values, top_dose=top_dose),
    ]
    if top == dose:
        return _decide(state, e, index, DecisionKind.HOLD, reasons, [], current)
    state = state.with_dose(e.exercise, top, e.on)
    changes = [_exercise_change(state, e.exercise, kb)]
    return _decide(state, e, index, DecisionKind.HOLD, reasons, changes)


def _custom_exercise(
    state: EngineState, e: ExerciseLog, index: int, pain_limit: int, kb: KnowledgeBase
) -> tuple[EngineState, Decision]:
    """A coach's own exercise: its pain check counts like any other, its dose stays the coach's."""
    values = {"exercise": state.custom[e.exercise].name, "pain": e.pain, "pain_limit": pain_limit}
    passed = e.pain <= pain_limit
    state = _record(state, e.on, passed, kb)
    if refer := _referral(state, e.on, kb):
        return _decide(state, e, index, DecisionKind.REFER, [refer], [])
    check = "pain_check_passed" if passed else "custom_exercise_over_limit"
    reasons = [reason(kb, check, **values), reason(kb, "coach_set_dose", **values)]
    return _decide(state, e, index, DecisionKind.HOLD, reasons, [])


def _exercise_hold(
    state: EngineState,
    e: ExerciseLog,
    exercise: Exercise,
    dose: DoseState,
    up: DoseState,
    kb: KnowledgeBase,
    values: Mapping[str, object],
) -> Reason | None:
    """Why a pain-free exercise entry does not progress, if it does not."""
    if blocked := _blocked_progress(state, e.on, kb) or _flare_hold(state, e.on, e.exercise, kb):
        return blocked
    if e.exercise in state.pinned:
        return reason(kb, "coach_set_dose", **values)
    if not _completed(e, exercise, dose, kb.dosage):
        return reason(kb, "dose_not_completed", **values)
    if up == dose:
        return reason(kb, "at_top_of_progression", **values)
    return None


def _completed(e: ExerciseLog, exercise: Exercise, dose: DoseState, dosage: Dosage) -> bool:
    sets, measure = amount(exercise, dose.step, dosage)
    done_sets, done_measure, done_load = _done(e, exercise, dose, dosage)
    return done_sets >= sets and done_measure >= measure and done_load >= dose.load_kg


def _done(
    e: ExerciseLog, exercise: Exercise, dose: DoseState, dosage: Dosage
) -> tuple[int, int, float]:
    """(sets, reps or seconds, load) as logged; a timed exercise's seconds are not logged, so
    they count as prescribed."""
    _, measure = amount(exercise, dose.step, dosage)
    done = e.reps if exercise.dose.reps else e.hold_s if exercise.dose.hold_s else measure
    return e.sets, done or 0, e.load_kg


def _amount(exercise: Exercise, dose: DoseState, dosage: Dosage) -> tuple[int, int, float]:
    return (*amount(exercise, dose.step, dosage), dose.load_kg)


# -- runs ------------------------------------------------------------------------------------


def _running_change(state: EngineState, kb: KnowledgeBase) -> Change:
    return Change("running", "running", doses.run_plan(state.run, kb.dosage))


def _run(
    state: EngineState, r: RunLog, index: int, kb: KnowledgeBase
) -> tuple[EngineState, Decision]:
    stage = state.stage_of(kb)
    assert stage is not None
    worst = max(r.pain_during, r.pain_after)
    values = {"pain": worst, "pain_limit": stage.run_pain_limit, "distance_km": r.distance_km}
    passed = worst <= stage.run_pain_limit
    cap = _spike_cap(state, r.on, kb)
    run = state.run
    if r.distance_km:
        week_began = run.anchor + timedelta(weeks=run.week)
        run = replace(run, recent=kept_runs((*run.recent, (r.on, r.distance_km)), week_began))
    readiness = state.readiness_with(pain_during_run=r.pain_during)
    state = _record(state, r.on, passed, kb, run=run, readiness=readiness)
    current = [_running_change(state, kb)]
    if refer := _referral(state, r.on, kb):
        return _decide(state, r, index, DecisionKind.REFER, [refer], [])
    if not passed:
        over = [reason(kb, "run_pain_over_limit", **values)]
        return _failed_check(state, r, index, kb, RUNNING, over)
    passed_check = reason(kb, "pain_check_passed", **values)
    hold = (
        _run_hold_reason(state, r, cap, kb, values)
        or _blocked_progress(state, r.on, kb)
        or _flare_hold(state, r.on, RUNNING, kb)
        or _weekly_hold(state, kb)
    )
    progressed = doses.run_up(state.run, kb.dosage, r.on)
    hold = hold or _ran_more_than_planned(r, progressed, kb)
    if hold is not None:
        return _decide(state, r, index, DecisionKind.HOLD, [passed_check, hold], [], current)
    rule = "walk_run_phase_repeat"
    if state.run.mode == "continuous":
        next_week = doses.following_week(state.run, kb.dosage)
        rule = "recovery_week_next" if next_week.recovery else "progress_running"
    state = replace(state, run=progressed)
    following = doses.following_week(state.run, kb.dosage).km
    return _decide(
        state,
        r,
        index,
        DecisionKind.PROGRESS,
        [passed_check, reason(kb, rule, km=state.run.weekly_km, next_km=following)],
        [_running_change(state, kb)],
    )


def _ran_more_than_planned(r: RunLog, progressed: RunState, kb: KnowledgeBase) -> Reason | None:
    """A pain-free run longer than any the plan has next, even after the step it would earn:
    held, so a progression never points below the run just logged. Compared by distance when
    the run has one, else by minutes (the plan's minutes are at its assumed pace)."""
    km, minutes = doses.next_run(progressed, kb.dosage)
    if r.distance_km is not None:
        if r.distance_km <= km + 1e-9:
            return None
        return reason(
            kb, "run_more_than_planned", done=f"{r.distance_km:g} km", planned=f"{km:g} km"
        )
    if r.minutes <= minutes:
        return None
    return reason(kb, "run_more_than_planned", done=f"{r.minutes} min", planned=f"{minutes} min")


def _weekly_hold(state: EngineState, kb: KnowledgeBase) -> Reason | None:
    """Continuous running builds once a week: a second pain-free run in a week, or a week at the
    pre-injury volume, earns nothing more."""
    run = state.run
    if run.mode != "continuous":
        return None
    if run.earned:
        following = doses.following_week(run, kb.dosage)
        return reason(kb, "running_builds_weekly", km=run.weekly_km, next_km=following.km)
    target = run.before_injury_km
    at_target = target is not None and run.volume.last_build_km >= target - 1e-9
    if at_target and not run.volume.recovery and run.volume.builds < kb.dosage.recovery_after_weeks:
        return reason(kb, "running_at_target", km=run.weekly_km)
    return None


def _spike_cap(state: EngineState, on: date, kb: KnowledgeBase) -> float | None:
    longest = longest_before(state.run.recent, on)
    return None if longest is None else longest * kb.dosage.single_run_cap


def _run_hold_reason(
    state: EngineState,
    r: RunLog,
    cap: float | None,
    kb: KnowledgeBase,
    values: Mapping[str, object],
) -> Reason | None:
    stage = state.stage_of(kb)
    assert stage is not None
    if not (state.run.allowed and stage.running.allowed):
        return reason(kb, "run_not_in_plan")
    calm_until = state.run.no_hills_until
    policy = stage.running.in_week(state.stage_week(r.on))
    too_early = (r.hills and not policy.hills) or (r.speedwork and not policy.speedwork)
    if too_early or ((r.hills or r.speedwork) and calm_until is not None and r.on < calm_until):
        return reason(kb, "hills_or_speed_too_early")
    if cap is not None and r.distance_km is not None and r.distance_km > cap + 1e-9:
        return reason(kb, "run_longer_than_cap", **values)
    return None


# -- morning check-ins -----------------------------------------------------------------------


def _red_flag(
    state: EngineState, c: CheckIn, index: int, kb: KnowledgeBase
) -> tuple[EngineState, Decision]:
    """A warning sign at a check-in refers the runner; one that needs care the same day (saddle
    numbness, a fever...) says so, with the red-flag rule it makes certain and what to do, and
    the plan then says it too (an urgent referral stays urgent)."""
    fired = flags_from_symptoms(c.red_flags, kb)
    urgent = any(flag.verdict is Verdict.REFER_URGENT for flag in fired)
    named = ", ".join(sorted(flag.replace("_", " ") for flag in c.red_flags))  # words, not keys
    first = reason(kb, "refer_red_flag_urgent" if urgent else "refer_red_flag", red_flags=named)
    reasons = [first, *(_flag_reason(flag) for flag in fired)]
    urgently = state.referred_urgently or urgent
    state = replace(state, referral=tuple(reasons), referred_urgently=urgently)
    return _decide(state, c, index, DecisionKind.REFER, reasons, [])


def _flag_reason(flag: RedFlag) -> Reason:
    rule = flag.rule
    return Reason(rule.id, f"{rule.says} {flag.action}", rule.citation, rule.evidence)


def _checkin(
    state: EngineState, c: CheckIn, index: int, kb: KnowledgeBase
) -> tuple[EngineState, Decision]:
    rules = kb.adaptation
    usual = baseline(state.mornings, state.baseline_seed, rules.baseline_window)
    mornings = kept_mornings((*state.mornings, (c.on, c.monitoring_pain)), rules)
    means = weekly_means(mornings, c.on)
    trend = None if means is None else means[0] - means[1]
    above = usual is not None and c.monitoring_pain > usual
    worsening = worsening_today(means, c.monitoring_pain, rules.morning_trend_tolerance)
    readiness = _readiness_after(state, c, mornings, trend, kb)
    passed = not (above or worsening)
    state = _record(state, c.on, passed, kb, mornings=mornings, readiness=readiness)
    if refer := _referral(state, c.on, kb):
        return _decide(state, c, index, DecisionKind.REFER, [refer], [])
    if above or worsening:
        return _failed_check(state, c, index, kb, WHOLE_PLAN, _morning_reasons(c, kb, usual, above))
    if state.flare is not None and state.flare.start < c.on:  # back within the usual: settled
        state = replace(state, flare=None)
    if c.muscle_soreness and _recently_changed(state, c.on, kb):
        return _decide(
            state,
            c,
            index,
            DecisionKind.HOLD,
            [reason(kb, "doms_not_a_flare", soreness=c.muscle_soreness)],
            [],
        )
    if blocked := _blocked_progress(state, c.on, kb):
        return _decide(state, c, index, DecisionKind.HOLD, [blocked], [])
    return _advance_or_hold(state, c, index, kb)


def _cleared_to_run(state: EngineState, kb: KnowledgeBase) -> bool:
    """The condition's return-to-run entry criteria (its gate) all hold on the latest answers."""
    gate = kb.gate_for(state.condition)
    return gate is not None and gate.met(state.readiness)


def _criteria_said(state: EngineState, kb: KnowledgeBase) -> str:
    gate = kb.gate_for(state.condition)
    return " ".join(rule.says for rule in gate.criteria) if gate else ""


def _readiness_after(
    state: EngineState,
    c: CheckIn,
    mornings: tuple[tuple[date, int], ...],
    trend: float | None,
    kb: KnowledgeBase,
) -> Mapping[str, object]:
    usual = baseline(mornings, state.baseline_seed, kb.adaptation.baseline_window)
    direction = _direction(trend, kb.adaptation.morning_trend_tolerance)
    tests = {f"tests.{k}": v for k, v in _tests(c).items()}
    return state.readiness_with(
        pain_rest=c.pain_rest,
        baseline_morning_pain=usual,
        morning_trend=direction,
        hop_pain=c.hop_pain,
        single_leg_calf_raises=c.single_leg_calf_raises,
        volume_vs_before_injury=_volume_vs_before_injury(state),
        **tests,
    )


def _volume_vs_before_injury(state: EngineState) -> float | None:
    run = state.run
    if not run.allowed or run.mode != "continuous" or not run.before_injury_km:
        return None
    return run.weekly_km / run.before_injury_km


def _direction(trend: float | None, tolerance: float) -> str | None:
    if trend is None:
        return None
    if trend > tolerance:
        return "worsening"
    return "improving" if trend < -tolerance else "stable"


def _tests(c: CheckIn) -> dict[str, bool]:
    tests = c.tests
    return {f.name: v for f in fields(tests) if (v := getattr(tests, f.name)) is not None}


def _recently_changed(state: EngineState, on: date, kb: KnowledgeBase) -> bool:
    window = timedelta(days=kb.adaptation.doms_window_days)
    return any(on - window <= changed < on for changed in state.changed_on.values())


def _morning_reasons(
    c: CheckIn, kb: KnowledgeBase, usual: float | None, above: bool
) -> list[Reason]:
    reasons = [
        reason(kb, "morning_above_baseline", pain=c.monitoring_pain, baseline=usual)
        if above
        else reason(kb, "morning_trend_worsening")
    ]
    if c.muscle_soreness:
        reasons.append(reason(kb, "soreness_with_tendon_pain"))
    return reasons


def _stressors_all_in(state: EngineState, stage: Stage, on: date) -> bool:
    """A stage that brings its new stressors in one week at a time moves on only once the last
    of them has had a week: the next stage then adds one at a time too."""
    last = stage.last_new_week
    return last == 1 or state.stage_week(on) > last


def _advance_or_hold(
    state: EngineState, c: CheckIn, index: int, kb: KnowledgeBase
) -> tuple[EngineState, Decision]:
    assert state.protocol is not None
    stages = kb.protocols[state.protocol].stages
    stage = stages[state.stage - 1]
    met = stage.advance_when and stage.criteria_met(state.readiness) == stage.advance_when
    movable = met and state.stage < len(stages) and not state.stage_held
    adding = movable and not _stressors_all_in(state, stage, c.on)
    if movable and not adding:
        following = stages[state.stage]
        state = replace(state, stage=following.number, stage_since=c.on)
        if following.running.allowed and not state.run.allowed and _cleared_to_run(state, kb):
            state = replace(state, run=replace(state.run, allowed=True))
        return _decide(
            state,
            c,
            index,
            DecisionKind.PROGRESS,
            [
                reason(
                    kb, "stage_criteria_met", stage_name=stage.name, next_stage_name=following.name
                )
            ],
            [Change("stage", following.id, {"stage": following.number, "name": following.name})],
        )
    if (
        not state.run.allowed
        and not state.running_held
        and stage.running.allowed
        and _cleared_to_run(state, kb)
    ):
        state = replace(
            state, run=replace(state.run, allowed=True, mode="walk_run", phase=1, completions=0)
        )
        return _decide(
            state,
            c,
            index,
            DecisionKind.PROGRESS,
            [reason(kb, "running_restarts", criteria=_criteria_said(state, kb))],
            [_running_change(state, kb)],
        )
    hold = reason(kb, "stage_still_adding", stage_name=stage.name) if adding else None
    return _decide(state, c, index, DecisionKind.HOLD, [hold or reason(kb, "tolerating_hold")], [])
