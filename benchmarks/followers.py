"""Runners who follow their plan: the histories every benchmark measures.

A follower has a calm proximal hamstring tendinopathy (the assessment lets them run and rehab,
nobody refers them) and logs each day what their plan prescribes: a morning check-in within
their usual (morning pain settling from 2 to 1 to 0, rest pain easing, the stage's self-tests
passed once they have spent the stage's minimum weeks in it), every exercise of the day's
sessions at its dose with pain within the limit, and the planned run with little pain. So the
engine progresses them (doses, running, stages) and never takes its cheap "awaiting clinician"
path. `check` asserts that, so a benchmark cannot silently measure the cheap case again.

The histories come from the pure engine (`replay_with_state`'s `step`, one entry at a time, the
plan rebuilt whenever a decision changes it): generating them by the `log_entry` use case would
cost as much as the thing measured. Nothing is cached between runs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from runrehab.domain.adaptation.engine import Decision, DecisionKind, step
from runrehab.domain.adaptation.state import EngineState, initial_state
from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import SCREENING_KEYS, IntakeAnswers, ReadinessTests
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.plan import Item, Plan, Session
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.render.serialize import decision_to_json
from runrehab.schemas.answers import parse_answers

MONTH_DAYS = 30
YEAR_DAYS = 365
WEEKLY_KM = (10, 20, 30, 40)  # the runners' distance now: a few kinds of follower
ALL_TESTS_PASSED = ReadinessTests(**dict.fromkeys(ReadinessTests.__dataclass_fields__, True))


def calm_answers(weekly_km: int = 20) -> IntakeAnswers:
    """A runner with a calm proximal hamstring tendinopathy: no warning sign, running half their
    usual weekly distance with some pain, morning pain 2/10."""
    raw = {
        "region": "buttock_sit_bone",
        "onset": "gradual",
        "days_since_onset": 60,
        **{k: k == "can_walk_normally" for k in SCREENING_KEYS},
        "weekly_km_now": weekly_km,
        "weekly_km_before_injury": 2 * weekly_km,
        "longest_run_30d_km": max(4, weekly_km // 3),
        "pain_rest": 1,
        "pain_during_run": 2,
        "baseline_morning_pain": 2,
    }
    return parse_answers(raw, "bench")


@dataclass(frozen=True, slots=True)
class History:
    """A follower's log from `start`, the engine's decision on each entry (and as stored: the
    same for every runner given this history) and its final state."""

    answers: IntakeAnswers
    assessment: Assessment
    start: date
    entries: list[Entry]
    decisions: list[Decision]
    payloads: list[dict[str, Any]]
    state: EngineState

    def renamed(self, prefix: str) -> list[Entry]:
        """The entries under ids of their own (entry ids are unique across the database)."""
        return [replace(e, id=f"{prefix}-{i}") for i, e in enumerate(self.entries)]


def follow(
    kb: KnowledgeBase, start: date, days: int, seed: int = 0, weekly_km: int = 20
) -> History:
    """`days` days of a follower's log from `start`, decided by the engine as it goes."""
    answers = calm_answers(weekly_km)
    assessment = assess(answers, kb, start)
    state = initial_state(assessment, answers, RunnerProfile(), kb)
    rng = random.Random(seed)
    entries: list[Entry] = []
    decisions: list[Decision] = []
    plan: Plan | None = None
    for offset in range(days):
        on = start + timedelta(days=offset)
        if plan is None or plan.start + timedelta(days=6) < on:
            plan = build_plan(assessment, answers, RunnerProfile(), kb, on, 1, progress=state)
        for entry in _day(state, plan, on, offset, rng, kb, f"s{seed}-{len(entries)}"):
            version = state.plan_version
            state, decision = step(state, entry, len(entries), kb)
            entries.append(entry)
            decisions.append(decision)
            if state.plan_version != version:  # the next days follow the changed plan
                plan = None
    payloads = [decision_to_json(d, kb) for d in decisions]
    return History(answers, assessment, start, entries, decisions, payloads, state)


def years(kb: KnowledgeBase, days: int = YEAR_DAYS) -> list[History]:
    """A year (or `days`) of history ending yesterday for a few kinds of follower, checked to be
    the real case: the benchmarks give their runners these in turn, under ids of their own."""
    start = date.today() - timedelta(days=days)
    out = [follow(kb, start, days, seed=n, weekly_km=km) for n, km in enumerate(WEEKLY_KM)]
    for history in out:
        check(history, kb)
    return out


def _day(
    state: EngineState,
    plan: Plan,
    on: date,
    offset: int,
    rng: random.Random,
    kb: KnowledgeBase,
    prefix: str,
) -> list[Entry]:
    """The check-in, then every session of the day as prescribed."""
    entries: list[Entry] = [_check_in(state, on, offset, kb, f"{prefix}c")]
    for session in (s for s in plan.sessions if s.date == on):
        entries.extend(_session(session, rng, f"{prefix}{session.kind}"))
    return entries


def _check_in(state: EngineState, on: date, offset: int, kb: KnowledgeBase, id: str) -> CheckIn:
    """Morning pain settling (2, then 1 after two weeks, 0 after six: never above the usual,
    the median of the mornings before); rest pain gone after three weeks; the stage's
    self-tests passed after its minimum weeks."""
    morning = 2 if offset < 14 else 1 if offset < 42 else 0
    stage = state.stage_of(kb)
    weeks_in = (on - (state.stage_since or on)).days // 7 if state.stage_since else offset // 7
    ready = stage is not None and weeks_in >= stage.min_weeks
    return CheckIn(
        id,
        on,
        morning,
        pain_rest=1 if offset < 21 else 0,
        tests=ALL_TESTS_PASSED if ready else ReadinessTests(),
    )


def _session(session: Session, rng: random.Random, prefix: str) -> list[Entry]:
    entries: list[Entry] = [
        _exercise(item, session.date, rng, f"{prefix}-{n}")
        for n, item in enumerate(session.items)
        if not item.optional
    ]
    if session.run is not None:
        run = session.run
        pain = rng.choice((0, 0, 1))
        entries.append(
            RunLog(
                f"{prefix}-run",
                session.date,
                run.minutes,
                run.distance_km,
                pain,
                pain,
                False,
                False,
            )
        )
    return entries


def _exercise(item: Item, on: date, rng: random.Random, id: str) -> ExerciseLog:
    pain = rng.randint(0, max(0, item.pain_limit - 1))
    return ExerciseLog(id, on, item.exercise, item.sets, item.reps, item.hold_s, item.load_kg, pain)


def check(history: History, kb: KnowledgeBase) -> None:
    """The history measures the real case: the runner is not referred and the engine has
    progressed them (a longer history than two months: to a later stage)."""
    state, assessment = history.state, history.assessment
    assert assessment.verdict.allows_running, assessment.verdict
    assert assessment.verdict.allows_rehab, assessment.verdict
    assert not state.referred, "a follower was referred: the benchmark would time the cheap path"
    kinds = [d.kind for d in history.decisions]
    assert DecisionKind.REFER not in kinds
    assert kinds.count(DecisionKind.PROGRESS) > 0, "the engine never progressed the follower"
    days = (history.entries[-1].on - history.start).days + 1
    if days > 2 * MONTH_DAYS:
        assert state.stage > (assessment.start_stage or 1), "the follower never changed stage"
