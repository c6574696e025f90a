"""Turn an assessment into a dated, staged plan: which session on which day, with doses and reasons.

Stages advance on criteria, not the calendar: only the current stage is certain; later stages are
projected from each stage's minimum length and start only when their criteria are met at a
check-in. A verdict that does not allow running yields a plan without runs (and without any
exercise when a clinician must see the runner first), and the plan's notes say why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from runrehab.domain.adaptation.reasons import reason, reason_from
from runrehab.domain.adaptation.state import DoseState, EngineState, initial_state
from runrehab.domain.assessment import Assessment, Reason
from runrehab.domain.dosing import dose_item
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import (
    Exercise,
    KnowledgeBase,
    Prescription,
    Protocol,
    RunPolicy,
    Stage,
)
from runrehab.domain.plan import Item, Plan, PlannedStage, RunDose, Session
from runrehab.domain.profile import WEEKDAYS, RunnerProfile
from runrehab.domain.running import RunningStart, plan_runs
from runrehab.domain.schedule import spread_days
from runrehab.domain.verdicts import Verdict

QUESTIONNAIRE_EVERY = timedelta(days=14)
PROJECTED_NOTE = (
    "Stages after the current one are projected dates only: each starts when its criteria are met "
    "at a check-in, never just because the date has come."
)


def build_plan(
    assessment: Assessment,
    answers: IntakeAnswers,
    profile: RunnerProfile,
    kb: KnowledgeBase,
    start: date,
    weeks: int,
    *,
    progress: EngineState | None = None,
) -> Plan:
    """The plan from the assessment, or, given the engine's `progress`, from where the runner
    has got to: current stage, current doses, running as last adapted. A first plan is built
    from the engine's starting state, so first and adapted plans follow the same running rules."""
    if assessment.condition is None or not assessment.verdict.allows_rehab:
        return _no_exercise_plan(assessment, kb, start, weeks)  # keeps an urgent verdict urgent
    if progress is not None and progress.referred:
        return _no_exercise_plan(_on_hold(assessment, progress, kb), kb, start, weeks)
    progress = progress or initial_state(assessment, answers, profile, kb)
    condition = kb.conditions[assessment.condition]
    assert condition.protocol is not None
    assert assessment.start_stage is not None
    protocol = kb.protocols[condition.protocol]
    stage = progress.stage
    since = min(progress.stage_since or start, start)
    timeline = _Timeline(protocol, stage, start, since)
    verdict = _effective_verdict(assessment.verdict, progress)
    builder = _SessionBuilder(kb, profile, timeline, progress, verdict)
    days = [start + timedelta(days=i) for i in range(weeks * 7)]
    runs = builder.runs(days, verdict)
    sessions = tuple(s for day in days for s in builder.sessions_on(day, runs))
    return Plan(
        condition=condition.id,
        verdict=verdict,
        start=start,
        weeks=weeks,
        stages=timeline.planned_stages(days[-1]),
        sessions=sessions,
        notes=_notes(replace(assessment, verdict=verdict), kb, builder, sessions),
        education=assessment.education,
        knowledge_version=kb.version,
        questionnaires=_questionnaires_due(condition.questionnaires, start, days[-1]),
        return_to_run=_return_to_run(condition.id, verdict, kb),
    )


def _return_to_run(condition: str, verdict: Verdict, kb: KnowledgeBase) -> tuple[Reason, ...]:
    """While running is paused, what restarts it: the condition's walk/run entry criteria."""
    gate = kb.gate_for(condition)
    if verdict.allows_running or gate is None:
        return ()
    return tuple(reason_from(rule) for rule in gate.criteria)


def _questionnaires_due(
    names: tuple[str, ...], start: date, last: date
) -> tuple[tuple[date, str], ...]:
    """Every two weeks from the first day, so the trend has a baseline."""
    due: list[tuple[date, str]] = []
    day = start
    while day <= last:
        due.extend((day, name) for name in names)
        day += QUESTIONNAIRE_EVERY
    return tuple(due)


def _effective_verdict(verdict: Verdict, progress: EngineState | None) -> Verdict:
    if progress is None or progress.run.allowed == verdict.allows_running:
        return verdict
    return Verdict.RUN_MODIFIED if progress.run.allowed else Verdict.PAUSE_RUNNING


def _on_hold(assessment: Assessment, progress: EngineState, kb: KnowledgeBase) -> Assessment:
    """Referred mid-plan: see a clinician, or get care today when a warning sign needs it, with
    the warning sign's own words first."""
    verdict = Verdict.REFER_URGENT if progress.referred_urgently else Verdict.SEE_CLINICIAN
    reasons = (*progress.referral, reason(kb, "awaiting_clinician"))
    return replace(assessment, verdict=verdict, reasons=reasons)


def _no_exercise_plan(assessment: Assessment, kb: KnowledgeBase, start: date, weeks: int) -> Plan:
    text = kb.verdicts[assessment.verdict]
    notes = (
        f"No running and no exercises in this plan: {text.meaning}",
        *(r.says for r in assessment.reasons),
        "Once a clinician has examined you and ruled out anything serious, assess again to get "
        "a rehab plan.",
    )
    return Plan(
        assessment.condition,
        assessment.verdict,
        start,
        weeks,
        (),
        (),
        notes,
        assessment.education,
        kb.version,
    )


def _notes(
    assessment: Assessment,
    kb: KnowledgeBase,
    builder: _SessionBuilder,
    sessions: tuple[Session, ...],
) -> tuple[str, ...]:
    notes = []
    if not assessment.verdict.allows_running:
        reason = assessment.reasons[0].says if assessment.reasons else ""
        recheck = (
            f" Re-check on {assessment.recheck_on.isoformat()}." if assessment.recheck_on else ""
        )
        notes.append(f"No running in this plan yet: {reason}{recheck}")
        if gate := kb.gate_for(assessment.condition):
            notes.append(
                "Running restarts at walk/run phase 1, with a rest day between runs, once all of "
                "these hold (report them at a morning check-in): "
                + " ".join(rule.says for rule in gate.criteria)
            )
    notes.append(PROJECTED_NOTE)
    notes.extend(r.says for r in kb.dosage.rules if r.id in _PLAN_RULES)
    shown = _dosing_rules_shown(sessions, kb, builder.timeline)
    notes.extend(r.says for r in kb.dosage.rules if r.id in shown)
    if assessment.verdict.allows_running:
        notes.extend(r.says for r in kb.dosage.rules if r.id in _RUNNING_RULES)
    notes.append(kb.dosage.doms_note)
    notes.extend(builder.adjustments)
    return tuple(notes)


_PLAN_RULES = ("exercise_pain_limit", "strength_one_step_at_a_time", "no_stretching_before_runs")


def _dosing_rules_shown(
    sessions: tuple[Session, ...], kb: KnowledgeBase, timeline: _Timeline
) -> set[str]:
    """The dosing rules behind what this plan prescribes: each ladder its exercises follow (the
    seed programme's and the hold ladder are in the notes already), and the one-a-week rule when a
    stage in it brings its new stressors in over several weeks."""
    rules = set()
    for item in (i for s in sessions for i in s.items):
        exercise = kb.exercises.get(item.exercise)
        ladder = kb.dosage.ladders.get(exercise.progression) if exercise else None
        if ladder is not None and exercise is not None and not exercise.is_progressive_strength:
            rules.add(ladder.rule)
    if any(span.stage.last_new_week > 1 for span in timeline.spans):
        rules.add("one_new_stressor_a_week")
    return rules - {"isometric_hold_ladder"}


_RUNNING_RULES = ("weekly_volume_growth", "recovery_week", "recovery_week_rebound")


@dataclass(frozen=True, slots=True)
class _StageSpan:
    stage: Stage
    starts: date


class _Timeline:
    """Projected stage starts from the runner's current stage onwards."""

    def __init__(self, protocol: Protocol, current: int, start: date, since: date) -> None:
        self.protocol = protocol
        self.current = current
        self.since = since  # the day the current stage began (`start` at the latest)
        self.weeks_done = (start - since).days // 7  # whole weeks of it before `start`
        spans, day = [], start
        for stage in protocol.stages[current - 1 :]:
            spans.append(_StageSpan(stage, day))
            day += timedelta(weeks=stage.min_weeks)
        self.spans = tuple(spans)

    def span_on(self, day: date) -> _StageSpan:
        return [s for s in self.spans if s.starts <= day][-1]

    def stage_week(self, day: date) -> int:
        """Week of its stage that `day` falls in, 1 for the first (counting the weeks the
        current stage had run before the plan's first day)."""
        span = self.span_on(day)
        done = self.weeks_done if span.stage.number == self.current else 0
        return (day - span.starts).days // 7 + 1 + done

    def weeks_doing(self, exercise: str, day: date) -> int:
        """Whole weeks the exercise has been prescribed without a break, up to `day`: a stage
        change keeps the dose of an exercise it carries over instead of restarting it."""
        spans = [s for s in self.spans if s.starts <= day]
        since = self._introduced(spans[-1], exercise)
        for span in reversed(spans[:-1]):
            if not any(p.exercise == exercise for p in span.stage.prescriptions):
                break
            since = self._introduced(span, exercise)
        return max(0, (day - since).days // 7)

    def _introduced(self, span: _StageSpan, exercise: str) -> date:
        """The day the exercise joins the stage: its `from_week`, counted from the stage's start."""
        from_week = next(
            (p.from_week for p in span.stage.prescriptions if p.exercise == exercise), 1
        )
        done = self.weeks_done if span.stage.number == self.current else 0
        return span.starts + timedelta(weeks=max(0, from_week - 1 - done))

    def planned_stages(self, last_day: date) -> tuple[PlannedStage, ...]:
        starts = {s.stage.number: s.starts for s in self.spans if s.starts <= last_day}
        starts[self.current] = self.since
        return tuple(
            PlannedStage(
                number=st.number,
                id=st.id,
                name=st.name,
                goal=st.goal,
                status=self._status(st.number, starts),
                projected_start=starts.get(st.number),
                advance_criteria=tuple(r.says for r in st.advance_when),
                hills=st.running.hills,
                speedwork=st.running.speedwork,
                static_stretch_after=st.running.static_stretch_after,
                citation=st.citation,
            )
            for st in self.protocol.stages
        )

    def _status(self, number: int, starts: dict[int, date]) -> str:
        if number < self.current:
            return "passed"
        if number == self.current:
            return "current"
        return "projected" if number in starts else "later"


class _SessionBuilder:
    def __init__(
        self,
        kb: KnowledgeBase,
        profile: RunnerProfile,
        timeline: _Timeline,
        progress: EngineState,
        verdict: Verdict,
    ) -> None:
        self.kb = kb
        self.progress = progress
        self.verdict = verdict
        gate = kb.gate_for(progress.condition)
        self.gate_training = gate.trains if gate else ()
        self.profile = profile
        self.timeline = timeline
        self.available = kb.equipment_levels[profile.equipment]
        self.strength_days = spread_days(
            profile.strength_days, timeline.protocol.strength_days_per_week
        )
        self.adjustments: list[str] = []
        dropped = sorted(profile.strength_days - self.strength_days)
        if dropped:
            self.adjustments.append(
                "Strength days moved to non-consecutive days; dropped: "
                + ", ".join(WEEKDAYS[d] for d in dropped)
                + "."
            )

    def runs(self, days: list[date], verdict: Verdict) -> dict[date, RunDose]:
        if not verdict.allows_running:
            return {}
        begin = self._running_start(days[0])
        dates = [
            d
            for d in days
            if d.weekday() in begin.run_days and self.timeline.span_on(d).stage.running.allowed
        ]
        return plan_runs(dates, begin, self.kb.dosage, self._policy_on)

    def _running_start(self, start: date) -> RunningStart:
        """Running as the engine has it, and the runs the single-run cap needs (the intake's
        longest run among them, dated the day before the episode): those of the 30 days before
        `start`, and before each day of the weeks since the engine's week began (to take them as
        they were prescribed)."""
        run = self.progress.run
        since = min(start, run.anchor + timedelta(weeks=run.week)) - timedelta(days=30)
        recent = tuple((d, km) for d, km in run.recent if since <= d < start)
        return RunningStart(
            anchor=run.anchor,
            run_days=run.run_days,
            volume=run.volume,
            week=run.week,
            earned=run.earned,
            continuous=run.mode == "continuous",
            walk_run_done=(run.phase - 1) * self.kb.dosage.walk_run_repeats + run.completions,
            target_km=run.before_injury_km,
            history=recent,
        )

    def _policy_on(self, day: date) -> RunPolicy:
        policy = self.timeline.span_on(day).stage.running.in_week(self.timeline.stage_week(day))
        calm_until = self.progress.run.no_hills_until
        if calm_until is not None and day < calm_until:
            return replace(policy, hills=False, speedwork=False)
        return policy

    def sessions_on(self, day: date, runs: dict[date, RunDose]) -> list[Session]:
        stage = self.timeline.span_on(day).stage
        strength = self._items(day, stage, "strength")
        daily = self._items(day, stage, "mobility")
        sessions = []
        if day.weekday() in self.strength_days and strength:
            sessions.append(
                self._session(
                    day,
                    stage,
                    "strength",
                    (*daily, *strength),
                    "Strength day: builds load capacity; strength days never follow each other.",
                )
            )
        if day in runs:
            sessions.append(self._run_session(day, stage, runs[day]))
        if not sessions and daily and day.weekday() not in self.profile.rest_days:
            sessions.append(
                self._session(
                    day,
                    stage,
                    "mobility",
                    daily,
                    "Light day: soft-tissue care and activation keep things moving.",
                )
            )
        if not sessions:
            sessions.append(
                self._session(day, stage, "rest", (), "Rest day: recovery is when tissues adapt.")
            )
        return sessions

    def _session(
        self, day: date, stage: Stage, kind: str, items: tuple[Item, ...], why: str
    ) -> Session:
        title = f"{kind.capitalize()} ({stage.name})"
        return Session(day, kind, stage.number, title, items, None, why)

    def _run_session(self, day: date, stage: Stage, dose: RunDose) -> Session:
        warm_up = self._items(day, stage, "warm_up")
        after = self._items(day, stage, "after_run", optional=True)
        if not self._policy_on(day).static_stretch_after:
            after = ()
        title = f"Run: {dose.distance_km} km {dose.pace.split(':')[0]} ({stage.name})"
        why = "Dynamic warm-up first, never a static stretch. " + dose.why
        return Session(
            day,
            "run",
            stage.number,
            title,
            (*warm_up, *after),
            dose,
            why,
            self.kb.running_form_cues,
        )

    def _items(
        self, day: date, stage: Stage, session: str, *, optional: bool = False
    ) -> tuple[Item, ...]:
        items = []
        week = self.timeline.stage_week(day)
        trained = self._gate_trained(stage)
        for prescribed in stage.prescriptions:
            if prescribed.session != session or prescribed.from_week > week:
                continue
            if prescribed.exercise in trained:
                continue  # trained for the gate, on its own progression (`_gate_items`)
            p = self._swapped(prescribed)
            exercise = self._doable(p)
            if exercise is not None:
                reached = self.progress.dose(exercise.id)
                step = reached.step + self.timeline.weeks_doing(exercise.id, day)
                item = dose_item(
                    exercise,
                    p,
                    step,
                    self.kb.dosage,
                    stage.pain_limit,
                    optional=optional,
                    weights=self.progress.weights,
                )
                items.append(_with_variation(item, exercise, reached))
        if session == "strength":
            items.extend(self._gate_items(day, stage))
        return (*items, *self._custom_items(session, stage.pain_limit, optional))

    def _gate_trained(self, stage: Stage) -> set[str]:
        """Exercises a waiting return-to-run check counts: none while running goes on."""
        if self.verdict.allows_running and stage.running.allowed:
            return set()
        return {name for t in self.gate_training for name in t.exercises}

    def _gate_items(self, day: date, stage: Stage) -> list[Item]:
        """While running waits for its return-to-run check, what the check counts is trained
        from the plan's first day up to its number, whatever the stage prescribes or staggers
        (train to the gate)."""
        if not self._gate_trained(stage):
            return []
        items = []
        for training in self.gate_training:
            why = (
                f"Trains what your return-to-run check counts ({training.reps} in a row), "
                "so you can pass it: each set close to fatigue."
            )
            p = Prescription(self._gate_exercise(training.exercises), "strength", why)
            exercise = self._doable(p)
            if exercise is not None:
                reached = self.progress.dose(exercise.id)
                step = reached.step + (day - self.timeline.spans[0].starts).days // 7
                items.append(
                    dose_item(
                        exercise,
                        p,
                        step,
                        self.kb.dosage,
                        stage.pain_limit,
                        weights=self.progress.weights,
                    )
                )
        return items

    def _custom_items(self, session: str, pain_limit: int, optional: bool) -> tuple[Item, ...]:
        """Exercises a coach wrote for this runner join every session of their kind."""
        added = self.progress.custom.values()
        return tuple(
            Item(
                exercise=c.id,
                name=c.name,
                sets=c.sets,
                reps=c.reps,
                hold_s=c.hold_s,
                duration_s=None,
                per_side=c.per_side,
                pain_limit=pain_limit,
                why=f"Your coach added this for you, because {c.why}",
                citation=None,
                optional=optional,
                instructions=c.instructions,
            )
            for c in added
            if c.session == session
        )

    def _gate_exercise(self, choices: tuple[str, ...]) -> str:
        """The first of a gate's exercises the runner's own protocol uses, else the first."""
        used = {p.exercise for st in self.timeline.protocol.stages for p in st.prescriptions}
        return next((name for name in choices if name in used), choices[0])

    def _swapped(self, p: Prescription) -> Prescription:
        """A coach's swap replaces the prescribed exercise, and says so."""
        swap = self.progress.swaps.get(p.exercise)
        return (
            Prescription(swap, p.session, f"{p.why} (Your coach swapped this in.)", p.from_week)
            if swap
            else p
        )

    def _doable(self, p: Prescription) -> Exercise | None:
        """The prescribed exercise, or its easier variation when equipment is missing."""
        exercise = self.kb.exercises[p.exercise]
        if exercise.can_do_with(self.available):
            return exercise
        easier = exercise.easier.exercise if exercise.easier else None
        if easier and self.kb.exercises[easier].can_do_with(self.available):
            self._adjust(
                f"{exercise.name} needs equipment you do not have; "
                f"{self.kb.exercises[easier].name} is used instead."
            )
            return self.kb.exercises[easier]
        self._adjust(
            f"{exercise.name} left out: it needs "
            + ", ".join(sorted(exercise.equipment - self.available))
            + "."
        )
        return None

    def _adjust(self, note: str) -> None:
        if note not in self.adjustments:
            self.adjustments.append(note)


def _with_variation(item: Item, exercise: Exercise, reached: DoseState) -> Item:
    """The harder variation's name and the added load, once the engine has progressed to them."""
    name = exercise.harder.name if reached.harder and exercise.harder else item.name
    return replace(item, name=name, load_kg=reached.load_kg)


def without_paused_days(plan: Plan, pauses: list[tuple[date, date | None]]) -> Plan:
    """Sessions on paused days (illness, travel) give way to one rest day each; nothing else
    changes, so resuming picks up where the plan was."""

    def paused(day: date) -> bool:
        return any(start <= day and (end is None or day < end) for start, end in pauses)

    kept = [s for s in plan.sessions if not paused(s.date)]
    held = sorted({s.date for s in plan.sessions if paused(s.date)})
    rests = [
        Session(
            day, "rest", None, "Paused", (), None, "Plan paused: nothing planned until you resume."
        )
        for day in held
    ]
    return replace(plan, sessions=tuple(sorted([*kept, *rests], key=lambda s: s.date)))
