"""'Is it OK to run?' for a runner running with pain, as properties (issue 14, section 2).

The pain-monitoring model (Silbernagel 2007; evidence.md §4): a runner still running, with pain
during runs within the condition's limit, a morning after a run within that limit and no worse than
usual, low pain at rest and mornings not worsening, keeps running (RUN_MODIFIED or RUN_OK) whatever
the return-to-run checks say; those checks gate the restart of a runner who has stopped. Each
condition's limits are read from its own pause rules in the knowledge base, so changing a limit in
the data moves these properties with it. The gates that stay for a runner already running (a fresh
muscle strain, shin pain not yet told from a stress fracture) are stated as their own properties.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import RETURN_TO_RUN_READY, IntakeAnswers
from runrehab.domain.knowledge import Condition, KnowledgeBase, Rule
from runrehab.domain.rules import All, AnyOf, Compare, Predicate
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from tests.strategies import calm_screening, raw_answers

KB: KnowledgeBase = load_knowledge_base()
TODAY = date(2026, 12, 1)
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The pain-monitoring conditions: every tendinopathy, plantar heel pain, ITB syndrome,
# patellofemoral pain and PTTD. A runner running within the limits keeps running.
PAIN_MONITORED = (
    "proximal_hamstring_tendinopathy",
    "distal_hamstring_tendinopathy",
    "achilles_tendinopathy_midportion",
    "achilles_tendinopathy_insertional",
    "patellar_tendinopathy",
    "plantar_heel_pain",
    "itb_syndrome",
    "patellofemoral_pain",
    "posterior_tibial_tendon_dysfunction",
)
# Conditions whose running verdict also needs a check the evidence asks for (see their rules).
GATED_WHILE_RUNNING = (
    "medial_tibial_stress_syndrome",
    "calf_strain",
    "hamstring_strain",
    "ankle_sprain",
)
REHAB = PAIN_MONITORED + GATED_WHILE_RUNNING
CALM_TRENDS = st.sampled_from([None, "improving", "stable"])
ADULT = st.integers(18, 90)


def _thresholds(when: Predicate, fact: str) -> list[int]:
    """The highest value of `fact` that `fact gt N` / `fact gte N` comparisons in `when` allow."""
    if isinstance(when, Compare) and when.fact == fact and when.op in ("gt", "gte"):
        assert isinstance(when.value, int)
        return [when.value if when.op == "gt" else when.value - 1]
    if isinstance(when, (All, AnyOf)):
        return [t for part in when.parts for t in _thresholds(part, fact)]
    return []


def limit(condition_id: str, fact: str) -> int:
    """The condition's limit for a pain score: the highest value none of its pause rules pauses on."""
    rules = KB.conditions[condition_id].verdict_rules
    found = [
        t for r in rules if r.verdict is Verdict.PAUSE_RUNNING for t in _thresholds(r.when, fact)
    ]
    assert found, f"{condition_id} has no pause rule on {fact}"
    return min(found)


def _deciding_rule(condition: Condition, answers: IntakeAnswers) -> Rule:
    """The condition's first verdict rule that holds, as the assessment evaluates it."""
    facts = answers.facts(KB.dosage.single_run_cap)
    gate = KB.gate_for(condition.id)
    facts = {**facts, RETURN_TO_RUN_READY: gate is not None and gate.met(facts)}
    return next(r for r in condition.verdict_rules if r.when.holds(facts))


def _verdict(condition_id: str, raw: dict[str, Any]) -> Verdict:
    rule = _deciding_rule(KB.conditions[condition_id], parse_answers(raw, "property"))
    return rule.verdict or Verdict.SEE_CLINICIAN


def _assess(raw: dict[str, Any]) -> Assessment:
    return assess(parse_answers(raw, "property"), KB, TODAY)


@st.composite
def still_running(draw: st.DrawFn) -> dict[str, Any]:
    """Weekly km above 0, or the weekly km blank with a last run scored (the caller scores it) and
    no 'longest run of the last 30 days: 0'."""
    km = draw(st.one_of(st.none(), st.floats(0.5, 150).map(lambda x: round(x, 1))))
    if km is not None:
        return {"weekly_km_now": km}
    longest = draw(st.one_of(st.none(), st.floats(0.5, 40).map(lambda x: round(x, 1))))
    return {"weekly_km_now": None, "longest_run_30d_km": longest}


@st.composite
def stopped_running(draw: st.DrawFn) -> dict[str, Any]:
    """Said 0 km a week, or left it blank and said no run in the last 30 days."""
    if draw(st.booleans()):
        return {"weekly_km_now": 0}
    return {"weekly_km_now": None, "longest_run_30d_km": 0}


@st.composite
def morning_settled(draw: st.DrawFn, morning_limit: int) -> dict[str, Any]:
    """The morning after a run no worse than the usual morning, or, with no usual morning given,
    within the limit (or not told)."""
    baseline = draw(st.one_of(st.none(), st.integers(0, 10)))
    if baseline is None:
        after = draw(st.one_of(st.none(), st.integers(0, morning_limit)))
    else:
        after = draw(st.integers(0, baseline))
    return {"baseline_morning_pain": baseline, "pain_next_morning": after}


@st.composite
def running_within_limits(draw: st.DrawFn, condition_id: str) -> dict[str, Any]:
    """Any answers in one of the condition's regions, then: calm screening, an adult, still running,
    pain during runs, at rest and the morning after within the condition's limits, mornings not
    worsening. Everything else (calf raises, hop pain, self-tests, strip length) stays random."""
    region = draw(st.sampled_from(sorted(KB.conditions[condition_id].regions)))
    raw = draw(raw_answers(region=region))
    return {
        **raw,
        **calm_screening(),
        **draw(still_running()),
        **draw(morning_settled(limit(condition_id, "pain_next_morning"))),
        "age": draw(ADULT),
        "pain_during_run": draw(st.integers(0, limit(condition_id, "pain_during_run"))),
        "pain_rest": draw(st.one_of(st.none(), st.integers(0, limit(condition_id, "pain_rest")))),
        "morning_trend": draw(CALM_TRENDS),
    }


def _condition_and(strategy: Any, ids: tuple[str, ...]) -> st.SearchStrategy[tuple[str, Any]]:
    return st.sampled_from(ids).flatmap(lambda c: st.tuples(st.just(c), strategy(c)))


# -- the limits are in the data ---------------------------------------------------------------


@pytest.mark.parametrize("condition", REHAB)
def test_every_rehab_condition_states_its_limits_for_the_run_the_morning_after_and_rest(
    condition: str,
) -> None:
    run, morning, rest = (
        limit(condition, f) for f in ("pain_during_run", "pain_next_morning", "pain_rest")
    )
    assert 2 <= run <= 5
    assert morning == run
    assert 2 <= rest <= 3


# -- a runner running within the limits keeps running -------------------------------------------


@PROPERTY
@given(_condition_and(running_within_limits, PAIN_MONITORED))
def test_running_within_the_limits_keeps_running_whatever_the_return_to_run_checks(
    case: tuple[str, dict[str, Any]],
) -> None:
    condition, raw = case
    assert _verdict(condition, raw).allows_running


@PROPERTY
@given(
    st.sampled_from(sorted({r for c in PAIN_MONITORED for r in KB.conditions[c].regions})).flatmap(
        lambda region: raw_answers(region=region)
    ),
    still_running(),
    morning_settled(min(limit(c, "pain_next_morning") for c in PAIN_MONITORED)),
    st.integers(0, min(limit(c, "pain_during_run") for c in PAIN_MONITORED)),
    st.integers(0, min(limit(c, "pain_rest") for c in PAIN_MONITORED)),
    CALM_TRENDS,
    ADULT,
)
def test_the_whole_assessment_lets_a_runner_within_the_strictest_limits_run(
    raw: dict[str, Any],
    running: dict[str, Any],
    morning: dict[str, Any],
    during: int,
    rest: int,
    trend: str | None,
    age: int,
) -> None:
    """End to end: whichever pain-monitored condition runrehab picks, with no red flag a runner
    within the strictest limits of them all is told to keep running."""
    raw = {
        **raw,
        **calm_screening(),
        **running,
        **morning,
        "pain_during_run": during,
        "pain_rest": rest,
        "morning_trend": trend,
        "age": age,
    }
    result = _assess(raw)
    if result.red_flags or result.condition not in PAIN_MONITORED:
        return
    assert result.verdict.allows_running, result.reasons[0]


# -- the pauses stay ------------------------------------------------------------------------------


@PROPERTY
@given(st.sampled_from(REHAB).flatmap(lambda c: st.tuples(st.just(c), raw_answers())))
def test_pain_during_a_run_over_the_limit_never_gets_a_running_verdict(
    case: tuple[str, dict[str, Any]],
) -> None:
    condition, raw = case
    over = {**raw, "pain_during_run": limit(condition, "pain_during_run") + 1}
    assert not _verdict(condition, over).allows_running


@PROPERTY
@given(raw_answers())
def test_the_whole_assessment_never_lets_a_runner_over_the_conditions_limit_run(
    raw: dict[str, Any],
) -> None:
    result = _assess(raw)
    during = raw["pain_during_run"]
    if result.condition in REHAB and during is not None:
        assert (
            during <= limit(result.condition, "pain_during_run")
            or not result.verdict.allows_running
        )


@PROPERTY
@given(
    st.sampled_from(REHAB).flatmap(lambda c: st.tuples(st.just(c), raw_answers())),
    st.integers(1, 10),
)
def test_a_morning_after_a_run_worse_than_usual_never_gets_a_running_verdict(
    case: tuple[str, dict[str, Any]], worse_by: int
) -> None:
    condition, raw = case
    baseline = min(raw["baseline_morning_pain"] or 0, 10 - worse_by)
    worse = {**raw, "baseline_morning_pain": baseline, "pain_next_morning": baseline + worse_by}
    assert not _verdict(condition, worse).allows_running


@PROPERTY
@given(st.sampled_from(REHAB).flatmap(lambda c: st.tuples(st.just(c), raw_answers())))
def test_a_morning_after_a_run_over_the_limit_with_no_usual_morning_never_gets_a_running_verdict(
    case: tuple[str, dict[str, Any]],
) -> None:
    condition, raw = case
    sore = {
        **raw,
        "baseline_morning_pain": None,
        "pain_next_morning": limit(condition, "pain_next_morning") + 1,
    }
    assert not _verdict(condition, sore).allows_running


@PROPERTY
@given(st.sampled_from(REHAB).flatmap(lambda c: st.tuples(st.just(c), raw_answers())))
def test_mornings_worsening_week_to_week_never_get_a_running_verdict(
    case: tuple[str, dict[str, Any]],
) -> None:
    condition, raw = case
    assert not _verdict(condition, {**raw, "morning_trend": "worsening"}).allows_running


@PROPERTY
@given(
    st.sampled_from(REHAB).flatmap(lambda c: st.tuples(st.just(c), raw_answers())),
    st.integers(0, 10),
)
def test_pain_at_rest_over_the_limit_never_gets_a_running_verdict(
    case: tuple[str, dict[str, Any]], extra: int
) -> None:
    condition, raw = case
    rest = min(10, limit(condition, "pain_rest") + 1 + extra)
    assert not _verdict(condition, {**raw, "pain_rest": rest}).allows_running


# -- a runner who has stopped restarts through the walk/run gate ---------------------------------


@PROPERTY
@given(
    st.sampled_from(REHAB).flatmap(lambda c: st.tuples(st.just(c), raw_answers())),
    stopped_running(),
)
def test_a_runner_who_has_stopped_runs_again_only_when_the_conditions_gate_is_met(
    case: tuple[str, dict[str, Any]], stopped: dict[str, Any]
) -> None:
    """However low their last run's pain: a runner who stopped is not running within the limit."""
    condition, raw = case
    raw = {**raw, **stopped}
    gate = KB.gate_for(condition)
    assert gate is not None
    facts = parse_answers(raw, "property").facts(KB.dosage.single_run_cap)
    if not gate.met(facts):
        assert not _verdict(condition, raw).allows_running


# -- the checks that stay for a runner already running -------------------------------------------


@PROPERTY
@given(running_within_limits("medial_tibial_stress_syndrome"))
def test_shin_pain_runs_on_only_once_a_long_sore_strip_or_an_easy_hop_tells_it_from_a_stress_fracture(
    raw: dict[str, Any],
) -> None:
    verdict = _verdict("medial_tibial_stress_syndrome", raw)
    strip, hop = raw["tender_strip_length_cm"], raw["hop_pain"]
    told_apart = (strip is not None and strip >= 5) or (hop is not None and hop <= 2)
    if strip is None and hop is None:
        assert verdict is Verdict.PAUSE_RUNNING
    elif told_apart:
        assert verdict.allows_running


@PROPERTY
@given(running_within_limits("calf_strain"))
def test_a_calf_strain_runs_on_only_with_30_single_leg_calf_raises(raw: dict[str, Any]) -> None:
    raw = {**raw, "single_leg_heel_raise_possible": True}
    verdict = _verdict("calf_strain", raw)
    raises = raw["single_leg_calf_raises"]
    assert verdict.allows_running is (raises is not None and raises >= 30)


@PROPERTY
@given(running_within_limits("hamstring_strain"))
def test_a_hamstring_strain_runs_on_only_with_heiderscheits_phase_one_criteria(
    raw: dict[str, Any],
) -> None:
    """Running without pain counts as the pain-free very slow jog."""
    tests = raw["tests"]
    jog = tests["slow_jog_pain_free"] is True or raw["pain_during_run"] == 0
    met = tests["walk_normal_stride_pain_free"] is True and jog
    met = met and tests["isometric_knee_bend_pain_free"] is True
    assert _verdict("hamstring_strain", raw).allows_running is met


# -- what "still running" means -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "running"),
    [
        ({"weekly_km_now": 20}, True),
        ({"weekly_km_now": 0, "pain_during_run": 2}, False),
        ({"weekly_km_now": 0, "longest_run_30d_km": 10, "pain_during_run": 2}, False),
        ({"pain_during_run": 2}, True),
        ({"pain_during_run": 2, "longest_run_30d_km": 8}, True),
        ({"pain_during_run": 2, "longest_run_30d_km": 0}, False),
        ({"longest_run_30d_km": 0}, False),
        ({}, None),
    ],
)
def test_still_running_means_some_km_a_week_or_a_recent_run_scored_and_not_stopped(
    answers: Any, changes: dict[str, Any], running: bool | None
) -> None:
    facts = answers(**changes).facts(KB.dosage.single_run_cap)
    assert facts["currently_running"] is running
