"""The roster's triage: a reason counts only at its threshold, reasons rank by severity, and the
most severe one says the action to take."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from runrehab.domain.attention import REASONS, RosterFacts, TriageRule, attention, rules_by_reason

TODAY = date(2026, 12, 10)
CALM = RosterFacts(
    red_flag=False,
    referred=False,
    recent_checks=(True,) * 7,
    last_checkin_on=TODAY,
    started_on=date(2026, 11, 1),
    adherence=1.0,
    spike=False,
    questionnaire_drop=None,
    unread=0,
)
# Thresholds of the tests' own, so a change to triage.yaml does not move them.
RULES = (
    TriageRule(
        "red_flag_or_referral", 1, "red flag or referral", "Call them today", "c", "project"
    ),
    TriageRule(
        "failed_pain_checks",
        2,
        "failed pain checks of the last 7",
        "Review the load",
        "c",
        "project",
    ),
    TriageRule(
        "run_over_spike_cap", 1, "run over the single-run cap", "Review the load", "c", "project"
    ),
    TriageRule(
        "worsening_questionnaire", 10, "points lost", "Review the questionnaire", "c", "project"
    ),
    TriageRule("no_checkin", 7, "days without a check-in", "Message them", "c", "project"),
    TriageRule("low_adherence", 0.4, "of planned days done", "Message them", "c", "project"),
)


def _with(**changes: object) -> RosterFacts:
    return replace(CALM, **changes)  # type: ignore[arg-type]


def _reasons(facts: RosterFacts) -> list[str]:
    return [r.reason for r in attention(facts, TODAY, RULES).reasons]


def test_a_calm_runner_needs_no_attention() -> None:
    calm = attention(CALM, TODAY, RULES)
    assert (calm.score, calm.reasons, calm.action) == (0, (), None)


def test_unread_messages_alone_are_no_triage_reason() -> None:
    assert _reasons(_with(unread=3)) == []


@pytest.mark.parametrize(
    ("reason", "below", "at", "above"),
    [
        (
            "failed_pain_checks",
            {"recent_checks": (False,) + (True,) * 6},
            {"recent_checks": (False,) * 2 + (True,) * 5},
            {"recent_checks": (False,) * 3 + (True,) * 4},
        ),
        ("run_over_spike_cap", {"spike": False}, {"spike": True}, {"spike": True}),
        (
            "worsening_questionnaire",
            {"questionnaire_drop": 9.5},
            {"questionnaire_drop": 10.0},
            {"questionnaire_drop": 10.5},
        ),
        (
            "no_checkin",
            {"last_checkin_on": TODAY - timedelta(days=6)},
            {"last_checkin_on": TODAY - timedelta(days=7)},
            {"last_checkin_on": TODAY - timedelta(days=8)},
        ),
        ("red_flag_or_referral", {"referred": False}, {"referred": True}, {"red_flag": True}),
    ],
)
def test_a_reason_counts_from_its_threshold_on(
    reason: str, below: dict[str, object], at: dict[str, object], above: dict[str, object]
) -> None:
    assert reason not in _reasons(_with(**below))
    assert reason in _reasons(_with(**at))
    assert reason in _reasons(_with(**above))


def test_adherence_counts_only_under_its_threshold() -> None:
    assert "low_adherence" in _reasons(_with(adherence=0.39))
    assert "low_adherence" not in _reasons(_with(adherence=0.4))
    assert "low_adherence" not in _reasons(_with(adherence=0.41))


def test_adherence_waits_for_a_whole_fortnight_of_plan() -> None:
    new = _with(adherence=0.0, started_on=TODAY - timedelta(days=13), last_checkin_on=None)
    assert _reasons(new) == ["no_checkin"]  # 13 quiet days, but no fortnight to judge
    assert "low_adherence" in _reasons(replace(new, started_on=TODAY - timedelta(days=14)))


def test_reasons_rank_by_severity_and_the_most_severe_says_what_to_do() -> None:
    everything = _with(
        referred=True,
        recent_checks=(False,) * 7,
        spike=True,
        questionnaire_drop=20.0,
        adherence=0.0,
        last_checkin_on=TODAY - timedelta(days=30),
    )
    result = attention(everything, TODAY, RULES)
    assert [r.reason for r in result.reasons] == list(REASONS)
    assert result.action == "Call them today"
    assert attention(_with(adherence=0.1), TODAY, RULES).action == "Message them"


@pytest.mark.parametrize(
    ("severe", "lesser"),
    [
        ({"referred": True}, {"recent_checks": (False,) * 7, "spike": True, "adherence": 0.0}),
        ({"recent_checks": (False,) * 2 + (True,) * 5}, {"spike": True, "adherence": 0.0}),
        ({"spike": True}, {"questionnaire_drop": 30.0, "adherence": 0.0}),
        ({"questionnaire_drop": 10.0}, {"last_checkin_on": date(2026, 1, 1), "adherence": 0.0}),
        ({"last_checkin_on": TODAY - timedelta(days=7)}, {"adherence": 0.0}),
    ],
)
def test_one_severe_reason_outranks_every_lesser_one_together(
    severe: dict[str, object], lesser: dict[str, object]
) -> None:
    lesser_facts = _with(**lesser)
    if "last_checkin_on" not in lesser:  # the lesser runner checked in today
        lesser_facts = replace(lesser_facts, last_checkin_on=TODAY)
    assert (
        attention(_with(**severe), TODAY, RULES).score > attention(lesser_facts, TODAY, RULES).score
    )


def test_a_red_flag_outranks_a_referral_with_every_other_reason_at_its_worst() -> None:
    flagged = attention(_with(red_flag=True), TODAY, RULES)
    worst = attention(
        _with(
            referred=True,
            recent_checks=(False,) * 7,
            spike=True,
            questionnaire_drop=20.0,
            adherence=0.0,
            last_checkin_on=None,
            started_on=date(2026, 9, 1),
        ),
        TODAY,
        RULES,
    )
    assert flagged.score > worst.score
    assert flagged.reasons[0].says == "Red flag reported"


def test_every_reason_states_its_threshold() -> None:
    result = attention(
        _with(
            recent_checks=(False, True, False), adherence=0.25, last_checkin_on=date(2026, 12, 1)
        ),
        TODAY,
        RULES,
    )
    assert [(r.says, r.threshold) for r in result.reasons] == [
        ("Pain check failed 2 of the last 3", "at least 2 failed pain checks of the last 7"),
        ("No check-in for 9 days", "at least 7 days without a check-in"),
        ("Missed planned sessions (25% done in 14 days)", "under 40% of planned days done"),
    ]


def test_triage_needs_exactly_one_rule_per_reason() -> None:
    with pytest.raises(ValueError, match="one rule for each"):
        rules_by_reason(RULES[:-1])
    with pytest.raises(ValueError, match="one rule for each"):
        rules_by_reason((*RULES, RULES[0]))
