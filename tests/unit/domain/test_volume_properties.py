"""Running volume follows its own rules, on any log (issue 14, section 3).

Two kinds of runner. One follows the plan: every run-day morning the plan is rebuilt from
everything logged so far (as Today shows it), and the runner runs that day's run as planned,
shorter, longer or not at all, with any pain, and sometimes checks in. The other sends any log at
all (`tests.strategies.log_lines`) straight to the engine. The rules, as properties:

- a week's prescribed running grows at most 10% over the week before and 30% over the week two
  before; after a recovery week, volume goes back at most 10% over the last building week and the
  rules measure against the building weeks (the walk/run programme grows by its published phases,
  so only a continuous week is held to the rule, against whatever week came before it);
- no planned run is more than 10% over the longest run of the previous 30 days;
- one flare-up cuts each thing once: a painful run and a sore next morning cut running once;
- a referral for failed checks needs them on 3 different days within 7;
- a runner who follows the plan pain-free reaches the pre-injury volume, breaking no rule.

The number of examples and the worst ratios seen are printed when the module finishes
(`pytest -s`).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runrehab.domain.adaptation.doses import rolled
from runrehab.domain.adaptation.engine import DecisionKind, step
from runrehab.domain.adaptation.state import EngineState, initial_state
from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, Entry, RunLog
from runrehab.domain.plan import RunDose
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from runrehab.schemas.log import parse_jsonl
from runrehab.schemas.profile import parse_profile
from tests.strategies import calm_screening, log_lines, raw_profiles

KB: KnowledgeBase = load_knowledge_base()
START = date(2026, 11, 30)  # a Monday, the episode's first day: week n starts START + 7n
WEEKS = 12
FOLLOWERS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LOGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STATS: dict[str, float] = defaultdict(float)
RECOVERY = "Recovery week"


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print("\nvolume properties:", json.dumps(dict(sorted(STATS.items())), indent=1))


def _worst(name: str, value: float) -> None:
    STATS[name] = max(STATS.get(name, 0.0), round(value, 4))


# -- runners -----------------------------------------------------------------------------------


def _answers(weekly: float, before: float | None, longest: float | None) -> IntakeAnswers:
    raw = {
        "region": "buttock_sit_bone",
        "onset": "gradual",
        "days_since_onset": 60,
        **calm_screening(),
        "weekly_km_now": weekly,
        "weekly_km_before_injury": before,
        "longest_run_30d_km": longest,
        "pain_rest": 1,
        "pain_during_run": 2 if weekly else None,
        "baseline_morning_pain": 2,
        "tests": {"slow_jog_pain_free": True},
    }
    return parse_answers(raw, "runner")


@st.composite
def runners(draw: st.DrawFn, *, pre_injury: bool = False) -> tuple[IntakeAnswers, RunnerProfile]:
    """A runner with a running verdict: not running (the walk/run programme) or running 1-60 km
    a week, a pre-injury volume (always, with `pre_injury`, then at most twice the larger of the
    current volume and 10 km, and a current volume of 0 or at least 5 km, so that following the
    plan takes months, not years), any longest run of the last 30 days, any run days."""
    low = 5.0 if pre_injury else 1.0
    weekly = draw(st.one_of(st.just(0.0), st.floats(low, 60).map(lambda km: round(km, 1))))
    ceiling = (2 if pre_injury else 3) * max(weekly, 10.0)
    before = draw(st.floats(max(weekly, 5.0), ceiling).map(lambda km: round(km, 1)))
    longest = draw(st.one_of(st.none(), st.floats(1, 25).map(lambda km: round(km, 1))))
    if not pre_injury:
        before = draw(st.one_of(st.none(), st.just(before)))
    profile = draw(raw_profiles().filter(lambda p: p["run_days"]))
    profile = parse_profile({**profile, "weekly_km_now": None}, "runner")
    return _answers(weekly, before, longest), profile


@dataclass(frozen=True, slots=True)
class Day:
    """What the runner does on a day: the morning check (None: not checked), and on a run day
    whether and how the planned run is run (a factor of the planned km; 0: skipped) and its pain."""

    morning: int | None
    run_factor: float
    pain: int


def days(weeks: int = WEEKS) -> st.SearchStrategy[list[Day]]:
    """Mostly as planned and within the limits (so that weeks follow weeks), with skipped,
    shorter and longer runs, painful runs and sore mornings now and then."""
    day = st.builds(
        Day,
        morning=st.sampled_from([None] * 12 + [2] * 12 + [6]),  # the usual is 2
        run_factor=st.sampled_from([1.0] * 6 + [0.0, 0.5, 0.8, 1.2]),
        pain=st.sampled_from([0] * 30 + [1, 2, 3, 6]),
    )
    return st.lists(day, min_size=7 * weeks, max_size=7 * weeks)


# -- following the plan ------------------------------------------------------------------------


@dataclass
class Trace:
    """What the plan prescribed each morning, what the runner logged, and what the engine did."""

    prescribed: dict[date, RunDose] = field(default_factory=dict)
    logged: list[tuple[date, float]] = field(default_factory=list)
    running_days: set[date] = field(default_factory=set)  # running allowed all day, any mode
    continuous_days: set[date] = field(default_factory=set)
    first_continuous_km: float | None = None  # continuous running's first weekly volume
    state: EngineState | None = None


def _follow(
    answers: IntakeAnswers,
    profile: RunnerProfile,
    plan_days: Iterable[Day],
    until: Callable[[EngineState], bool] = lambda _: False,
) -> Trace:
    """The runner lives `plan_days`, or until a whole week has been lived with `until` holding
    from its start."""
    assessment = assess(answers, KB, START)
    state = initial_state(assessment, answers, profile, KB)
    trace, index, done = Trace(), 0, False
    for offset, today in enumerate(plan_days):
        on = START + timedelta(days=offset)
        if offset % 7 == 0:
            if done and until(state):
                break
            done = until(state)
        if today.morning is not None:
            state, _ = step(state, CheckIn(f"c{offset}", on, today.morning), index, KB)
            index += 1
        dose = _todays_run(assessment, answers, profile, state, on)
        _classify(trace, state, on)
        if dose is None or dose.distance_km is None:
            continue
        trace.prescribed[on] = dose
        km = round(dose.distance_km * today.run_factor, 1)
        if km > 0:
            run = RunLog(f"r{offset}", on, dose.minutes, km, today.pain, today.pain, False, False)
            state, _ = step(state, run, index, KB)
            index += 1
            trace.logged.append((on, km))
    trace.state = state
    return trace


def _todays_run(
    assessment: Assessment,
    answers: IntakeAnswers,
    profile: RunnerProfile,
    state: EngineState,
    on: date,
) -> RunDose | None:
    if on.weekday() not in state.run.run_days:
        return None
    plan = build_plan(assessment, answers, profile, KB, on, 1, progress=state)
    return next((s.run for s in plan.runs if s.date == on), None)


def _classify(trace: Trace, state: EngineState, on: date) -> None:
    stage = state.stage_of(KB)
    if state.referred or not state.run.allowed or stage is None or not stage.running.allowed:
        return
    trace.running_days.add(on)
    if state.run.mode == "continuous":
        trace.continuous_days.add(on)
        if trace.first_continuous_km is None:
            trace.first_continuous_km = state.run.weekly_km


def _tenths(km: float) -> int:
    return round(km * 10)


@dataclass(frozen=True, slots=True)
class Week:
    tenths: int  # the week's prescribed km, in tenths
    kind: str  # "C" continuous building, "R" recovery, "W" walk/run


def _weeks(trace: Trace) -> dict[int, Week]:
    """The full running weeks (running allowed every day) and what they prescribed."""
    total: dict[int, int] = defaultdict(int)
    kinds: dict[int, set[str]] = defaultdict(set)
    for on, dose in trace.prescribed.items():
        week = (on - START).days // 7
        total[week] += _tenths(dose.distance_km or 0.0)
        kinds[week].add("W" if dose.walk_run else "R" if dose.why.startswith(RECOVERY) else "C")
    weeks = {}
    for week, tenths in total.items():
        all_days = {START + timedelta(days=7 * week + i) for i in range(7)}
        if all_days <= trace.running_days:
            kind = "W" if "W" in kinds[week] else "R" if "R" in kinds[week] else "C"
            weeks[week] = Week(tenths, kind)
    return weeks


def _check_weekly_rules(weeks: dict[int, Week]) -> None:
    """The 10% and two-week rules on the weeks' prescribed totals, measured against the building
    weeks (skipping recovery weeks), and from the first continuous week on for the two-week rule
    (see the module docstring); a recovery week is lighter than the last building week."""
    growth, two_week = 1 + KB.dosage.weekly_increase, KB.dosage.two_week_cap
    for week, this in weeks.items():
        builds = _building_weeks_before(weeks, week)
        if not builds or not weeks[builds[0]].tenths:
            continue
        last = weeks[builds[0]]
        if this.kind == "R":
            _worst("recovery_week_share_of_last_build_week", this.tenths / last.tenths)
            assert this.tenths < last.tenths, (week, weeks)
        if this.kind != "C":
            continue
        name = "week_over_week_before" if builds[0] == week - 1 else "rebound_over_last_build_week"
        _worst(name, this.tenths / last.tenths)
        assert this.tenths <= last.tenths * growth + 1e-9, (week, weeks)
        if len(builds) > 1 and "W" not in (last.kind, weeks[builds[1]].kind):
            prior = weeks[builds[1]]
            _worst("week_over_two_building_weeks_before", this.tenths / prior.tenths)
            assert this.tenths <= prior.tenths * two_week + 1e-9, (week, weeks)


def _building_weeks_before(weeks: dict[int, Week], week: int) -> list[int]:
    """The full running weeks before `week` that were not recovery weeks, nearest first, back to
    the first week that was not a full running week."""
    found, earlier = [], week - 1
    while earlier in weeks:
        if weeks[earlier].kind != "R":
            found.append(earlier)
        earlier -= 1
    return found


def _check_single_runs(trace: Trace, longest_30d: float | None) -> None:
    """No prescribed run over 10% more than the longest of the previous 30 days' runs (those
    logged, and the intake's longest run, dated the day before the episode)."""
    history = list(trace.logged)
    if longest_30d:
        history.append((START - timedelta(days=1), longest_30d))
    for on, dose in trace.prescribed.items():
        window = [km for day, km in history if on - timedelta(days=30) <= day < on]
        if not window or dose.distance_km is None:
            continue
        _worst("run_over_longest_30d", dose.distance_km / max(window))
        cap = math.floor(max(window) * KB.dosage.single_run_cap * 10 + 1e-6) / 10
        assert dose.distance_km <= cap + 1e-9, (on, dose.distance_km, max(window))


def test_three_pain_free_runs_a_week_build_20_km_to_22_and_24_2_not_35() -> None:
    """The issue's case: the plan as replanned after each pain-free run grew 20 -> 35 km in two
    weeks (+77%), one 10% step per run."""
    answers = _answers(20, 40, 8)
    trace = _follow(answers, RunnerProfile(), [Day(None, 1.0, 0)] * 21)
    weeks = _weeks(trace)
    assert [weeks[w].tenths / 10 for w in range(3)] == [20.0, 22.0, 24.2]


@FOLLOWERS
@given(runners(), days())
def test_a_plan_followed_any_way_keeps_the_weekly_and_single_run_rules(
    runner: tuple[IntakeAnswers, RunnerProfile], plan_days: list[Day]
) -> None:
    answers, profile = runner
    trace = _follow(answers, profile, plan_days)
    STATS["examples_followed"] += 1
    STATS["weeks_checked"] += len(_weeks(trace))
    _check_weekly_rules(_weeks(trace))
    _check_single_runs(trace, answers.longest_run_30d_km)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runners(pre_injury=True))
def test_a_runner_following_the_plan_pain_free_reaches_the_pre_injury_volume(
    runner: tuple[IntakeAnswers, RunnerProfile],
) -> None:
    """...within the weeks the rules take: the walk/run programme's 12 sessions, then 10% a week
    (rounded down to 0.1 km) from the first continuous week, with a recovery week after every
    three, and a little slack."""
    answers, profile = runner
    target = answers.weekly_km_before_injury
    assert target is not None

    def there(state: EngineState) -> bool:
        run = state.run
        return run.mode == "continuous" and run.volume.last_build_km >= target - 1e-9

    trace = _follow(answers, profile, [Day(None, 1.0, 0)] * (7 * 104), there)
    assert trace.state is not None
    assert trace.first_continuous_km is not None
    run = trace.state.run
    # the walk/run programme may already end above a small pre-injury volume: it stays there
    goal = max(target, trace.first_continuous_km)
    weeks = _weeks(trace)
    reached = [w for w, v in weeks.items() if v.kind == "C" and v.tenths >= _tenths(target)]
    assert there(trace.state), run
    assert run.volume.last_build_km <= goal + 1e-9, run
    walk_run = [w for w, v in weeks.items() if v.kind == "W"]
    allowed = (max(walk_run) + 1 if walk_run else 0) + _weeks_of_building(
        trace.first_continuous_km, target, len(run.run_days)
    )
    assert reached, sorted(weeks.items())
    assert min(reached) <= allowed, (allowed, sorted(weeks.items()))
    STATS["examples_pain_free"] += 1
    _worst("weeks_to_pre_injury_volume", min(reached) + 1)
    _check_weekly_rules(weeks)
    _check_single_runs(trace, answers.longest_run_30d_km)


def _weeks_of_building(start_km: float, goal_km: float, runs: int) -> int:
    """Weeks of 10% steps, each run rounded down to 0.1 km (the slowest the single-run cap can
    make it), with a recovery week after every three and two weeks of slack."""
    per_run, goal, builds = _tenths(start_km) // runs, math.ceil(_tenths(goal_km) / runs), 0
    while per_run < goal:
        per_run = math.floor(per_run * (1 + KB.dosage.weekly_increase) + 1e-6)
        builds += 1
    return builds + builds // KB.dosage.recovery_after_weeks + 2


# -- any log, straight to the engine -------------------------------------------------------------

RUNNER = _answers(20, 40, 8)


def _entries(lines: list[dict[str, Any]]) -> list[Entry]:
    if not lines:
        return []
    return parse_jsonl("\n".join(json.dumps(line) for line in lines), "log", KB.exercises)


def _start() -> EngineState:
    return initial_state(assess(RUNNER, KB, START), RUNNER, RunnerProfile(equipment="gym"), KB)


@LOGS
@given(log_lines(start=START.isoformat(), max_size=40))
def test_the_engine_builds_running_at_most_once_a_week_on_any_log(
    lines: list[dict[str, Any]],
) -> None:
    """Each time a week turns, the new week is within 10% of the old one (of its last building
    week, after a recovery week) and within 30% of the building week before."""
    state = _start()
    growth = 1 + KB.dosage.weekly_increase
    for index, entry in enumerate(_entries(lines)):
        old = state.run
        new = rolled(old, entry.on, KB.dosage)
        if new.week > old.week and old.mode == "continuous" and old.allowed and old.volume.km:
            base = old.volume.last_build_km if old.volume.recovery else old.volume.km
            _worst("engine_week_over_base", new.volume.km / base)
            assert new.volume.km <= base * growth + 1e-9, (old.volume, new.volume)
            assert new.volume.km <= old.volume.prior_build_km * KB.dosage.two_week_cap + 1e-9
        state, _ = step(state, entry, index, KB)
    STATS["examples_engine_logs"] += 1


@LOGS
@given(log_lines(start=START.isoformat(), max_size=40))
def test_one_flare_up_cuts_each_thing_once_on_any_log(lines: list[dict[str, Any]]) -> None:
    """Within one flare-up, running and each exercise go down at most once."""
    state, cuts = _start(), set()
    for index, entry in enumerate(_entries(lines)):
        before = replace(state, run=rolled(state.run, entry.on, KB.dosage))
        state, decision = step(before, entry, index, KB)
        if state.flare is None or decision.kind is DecisionKind.REFER:
            continue
        for target in _cut_targets(before, state):
            assert (state.flare.start, target) not in cuts, (entry, target)
            cuts.add((state.flare.start, target))
    STATS["examples_flare_logs"] += 1
    STATS["flare_cuts_seen"] += len(cuts)


def _cut_targets(before: EngineState, after: EngineState) -> Iterator[str]:
    if after.run.volume.km < before.run.volume.km or after.run.phase < before.run.phase:
        yield "running"
    for exercise, dose in after.doses.items():
        old = before.dose(exercise)
        if (dose.load_kg, dose.harder, dose.step) < (old.load_kg, old.harder, old.step):
            yield exercise


@LOGS
@given(log_lines(start=START.isoformat(), max_size=40))
def test_failed_checks_refer_on_three_different_days_within_seven_not_on_entries(
    lines: list[dict[str, Any]],
) -> None:
    state = _start()
    rules = KB.adaptation
    for index, entry in enumerate(_entries(lines)):
        was_referred = state.referred
        state, decision = step(state, entry, index, KB)
        window = entry.on - timedelta(days=rules.repeated_fail_window)
        failed_days = {d for d, passed in state.checks if not passed and window < d <= entry.on}
        referred_for_fails = "refer_repeated_failures" in {r.rule for r in decision.reasons}
        if not was_referred and not (isinstance(entry, CheckIn) and entry.red_flags):
            assert referred_for_fails == (len(failed_days) >= rules.repeated_fail_count)
        STATS["referrals_for_failed_days"] += referred_for_fails
    STATS["examples_referral_logs"] += 1


@LOGS
@given(
    log_lines(start=START.isoformat(), max_size=20),
    st.integers(1, 7),
    st.integers(3, 10),
    st.booleans(),
)
def test_a_painful_run_and_a_sore_next_morning_cut_running_once(
    lines: list[dict[str, Any]], over_limit: int, morning_pain: int, exercise_too: bool
) -> None:
    """After any log, a run over the pain limit and a morning check above the usual the day
    after (with, or not, a painful exercise too) are one flare-up: running goes down once, by
    `flare_run_cut`, and no referral follows from them alone."""
    entries = _entries([_within_limits(line) for line in lines if line["type"] != "checkin"])
    state = _start()
    for index, entry in enumerate(entries):
        state, _ = step(state, entry, index, KB)
    if state.referred or not state.run.allowed:
        return
    last = entries[-1].on if entries else START
    painful_day = last + timedelta(days=8)  # a week after the log: no failed day within 7
    state = replace(state, run=rolled(state.run, painful_day, KB.dosage))
    km = state.run.weekly_km
    stage = state.stage_of(KB)
    assert stage is not None
    pain = min(10, stage.run_pain_limit + over_limit)
    flare: list[Entry] = [RunLog("p", painful_day, 40, 6.0, pain, pain, False, False)]
    flare.append(CheckIn("m", painful_day + timedelta(days=1), morning_pain))
    if exercise_too:
        flare.append(_exercise_entry(painful_day + timedelta(days=1)))
    kinds = []
    for index, entry in enumerate(flare, start=len(entries)):
        state, decision = step(state, entry, index, KB)
        kinds.append(decision.kind)
    assert DecisionKind.REFER not in kinds
    assert kinds[0] is DecisionKind.REGRESS
    assert kinds[1] is DecisionKind.HOLD
    if state.run.mode == "continuous":
        expected = math.floor(km * (1 - KB.adaptation.flare_run_cut) * 10 + 1e-6) / 10
        _worst("running_cut_by_one_flare", 1 - state.run.weekly_km / km if km else 0.0)
        assert state.run.weekly_km == pytest.approx(expected)
    STATS["examples_one_flare"] += 1


def _within_limits(line: dict[str, Any]) -> dict[str, Any]:
    """Any run or exercise, its pain within the limits: the flare-up under test stands alone."""
    pains = {"pain": 3, "pain_during": 2, "pain_after": 2}
    return line | {k: min(line[k], most) for k, most in pains.items() if k in line}


def _exercise_entry(on: date) -> Entry:
    line = {
        "date": on.isoformat(),
        "type": "exercise",
        "exercise": "single_leg_bridge",
        "sets": 1,
        "reps": 6,
        "pain": 6,
    }
    return _entries([line])[0]
