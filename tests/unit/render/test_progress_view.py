"""The Progress page's words and marks (`render/view_models/progress.py`): this week against
the plan and against last week's morning pain, and the plan's history as events on the charts'
time axis."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.plan import Item, Plan, Session
from runrehab.domain.records import PlanVersion
from runrehab.domain.verdicts import Verdict
from runrehab.render.dates import day_words
from runrehab.render.view_models.progress import chart_events, chart_words, week_view

MONDAY = date(2026, 11, 30)
THURSDAY = MONDAY + timedelta(days=3)
TOLERANCE = 0.5  # the knowledge base's morning_trend_tolerance
STAGES = {2: "Stage 2: heavy slow strengthening", 3: "Stage 3: more hip flexion, hills"}


def _item(exercise: str) -> Item:
    return Item(exercise, exercise, 2, 8, None, None, False, 3, "", None)


def _session(day: int, kind: str, *exercises: str) -> Session:
    items = tuple(_item(e) for e in exercises)
    return Session(MONDAY + timedelta(days=day), kind, 2, kind, items, None, "")


def _plan(*sessions: Session) -> Plan:
    return Plan(None, Verdict.RUN_MODIFIED, MONDAY, 1, (), sessions, (), (), "test")


WEEK_PLAN = _plan(
    _session(0, "strength", "single_leg_bridge"),
    _session(1, "run"),
    _session(2, "strength", "single_leg_bridge"),
    _session(3, "run"),
    _session(4, "strength", "single_leg_bridge"),
    *(_session(day, "mobility", "hip_flexor_stretch") for day in range(7)),
    _session(5, "rest"),
)


def _bridge(day: date, pain: int = 2) -> ExerciseLog:
    return ExerciseLog(f"e{day}", day, "single_leg_bridge", 2, 8, None, 0.0, pain)


def _run(day: date, minutes: int, km: float | None) -> RunLog:
    return RunLog(f"r{day}", day, minutes, km, 1, 1, False, False)


def _mornings(first: date, *pains: int) -> list[Entry]:
    return [CheckIn(f"c{first}{i}", first + timedelta(days=i), p) for i, p in enumerate(pains)]


def test_the_week_counts_sessions_done_against_the_run_and_strength_sessions_planned() -> None:
    entries: list[Entry] = [
        _bridge(MONDAY - timedelta(days=1)),  # last week's: not counted
        _bridge(MONDAY),
        ExerciseLog("e-again", MONDAY, "single_leg_bridge", 1, 8, None, 0.0, 2),  # same session
        _run(MONDAY + timedelta(days=1), 30, 4.5),
        _run(THURSDAY, 40, None),  # a walk/run without a distance still counts its minutes
        ExerciseLog("m", THURSDAY, "hip_flexor_stretch", 1, 1, 30, 0.0, 0),  # mobility only
    ]
    week = week_view(entries, WEEK_PLAN, THURSDAY, TOLERANCE)
    assert (week.start, week.sessions_planned, week.sessions_done) == ("2026-11-30", 5, 3)
    assert (week.runs, week.run_km, week.run_minutes, week.strength_sessions) == (2, 4.5, 70, 1)
    assert week.words.startswith(
        "This week: 3 of 5 sessions done, 4.5 km run in 70 min, 1 strength session."
    )


@pytest.mark.parametrize(
    ("last_week", "this_week", "trend", "said"),
    [
        ((3, 3, 4), (2, 2), "better", "Morning pain is better: 2/10 on average this week, 3.3/10"),
        ((2, 2, 3), (2, 3), "same", "Morning pain is about the same: 2.5/10"),
        ((1, 1), (2, 3, 2), "worse", "Morning pain is worse: 2.3/10 on average this week, 1/10"),
    ],
)
def test_morning_pain_this_week_is_read_against_last_weeks_with_the_engines_tolerance(
    last_week: tuple[int, ...], this_week: tuple[int, ...], trend: str, said: str
) -> None:
    entries = _mornings(MONDAY - timedelta(days=7), *last_week) + _mornings(MONDAY, *this_week)
    pain = week_view(entries, WEEK_PLAN, THURSDAY, TOLERANCE).pain
    assert pain.trend == trend
    assert pain.words.startswith(said)


def test_a_day_checked_twice_counts_once_with_its_highest_score() -> None:
    entries = [*_mornings(MONDAY - timedelta(days=7), 2), CheckIn("a", MONDAY, 1)]
    entries.append(CheckIn("b", MONDAY, 5))
    pain = week_view(entries, WEEK_PLAN, MONDAY, TOLERANCE).pain
    assert (pain.this_week, pain.last_week, pain.trend) == (5, 2, "worse")


def test_without_a_morning_check_in_either_week_the_trend_is_unknown_and_says_why() -> None:
    pain = week_view(_mornings(MONDAY, 2), WEEK_PLAN, THURSDAY, TOLERANCE).pain
    assert (pain.this_week, pain.last_week, pain.trend) == (2, None, "unknown")
    assert pain.words == "Pain trend: no morning check last week to compare with."


# -- events -------------------------------------------------------------------------------------


def _version(
    number: int, day: int, author: str, stage: int | None, reason: str = "", changes: Any = ()
) -> PlanVersion:
    on = MONDAY + timedelta(days=day)
    at = datetime(on.year, on.month, on.day, 9, tzinfo=UTC)
    return PlanVersion(number, at, on, author, reason, stage, list(changes))


def _setback(kind: str, *rules: str) -> dict[str, Any]:
    says = {
        "morning_above_baseline": "This morning's check (4/10) is higher than usual. Cut back.",
        "flare_same_event": "This belongs to the flare-up that started before.",
        "flare_settle": "While it settles...",
        "refer_repeated": "Pain checks failed on 3 days. See a clinician.",
    }
    return {"decision": kind, "reasons": [{"rule": r, "says": says[r]} for r in rules]}


HISTORY: list[tuple[PlanVersion, dict[str, Any] | None]] = [
    (_version(1, 0, "engine", 2, "Initial plan from the assessment."), None),
    (_version(2, 1, "engine", 2, "Progress."), None),  # a routine dose step: not marked
    (_version(3, 4, "engine", 2), _setback("regress", "morning_above_baseline", "flare_settle")),
    (
        _version(4, 5, "engine", 2),
        _setback("regress", "morning_above_baseline", "flare_same_event"),
    ),
    (_version(5, 9, "engine", 3), None),
    (_version(6, 12, "coach", 3, "Sam changed the plan: stage set to 2", [{"stage": 2}]), None),
    (_version(7, 13, "engine", 2, "Progress."), None),  # the coach's stage: no new stage here
    (_version(8, 14, "runner", None, "Paused by the runner: a cold"), None),
    (_version(9, 20, "engine", 2), _setback("refer", "refer_repeated")),
]


def test_the_plans_history_marks_its_start_a_flare_a_new_stage_the_coach_and_a_pause() -> None:
    events = [(e.date, e.kind, e.label) for e in chart_events(HISTORY, STAGES)]
    assert events == [
        ("2026-11-30", "plan", "Initial plan from the assessment."),
        ("2026-12-04", "flare", "Flare-up: This morning's check (4/10) is higher than usual."),
        ("2026-12-09", "stage", "Moved on to Stage 3: more hip flexion, hills"),
        ("2026-12-12", "override", "Sam changed the plan: stage set to 2"),
        ("2026-12-14", "plan", "Paused by the runner: a cold"),
        ("2026-12-20", "plan", "Referred to a clinician: Pain checks failed on 3 days."),
    ]


def test_a_reassessment_is_marked_with_who_made_it_and_its_stage_without_an_iso_date() -> None:
    first = _version(1, 0, "engine", 2, "Initial plan from the assessment.")
    changes = [{"reassessed": True, "on": "2026-12-10", "by": "Sam", "stage": "stage 3 kept"}]
    again = _version(1, 10, "coach", 3, "Re-assessed on 2026-12-10 by Sam: stage 3 kept.", changes)
    [_, marked] = chart_events([(first, None), (again, None)], STAGES)
    assert (marked.date, marked.kind, marked.label) == (
        "2026-12-10",
        "plan",
        "Re-assessed by Sam: stage 3 kept.",
    )


def test_each_chart_has_a_sentence_in_words_with_days_in_words() -> None:
    series = {
        "pain_limit": 3,
        "days": ["2026-11-30", "2026-12-01"],
        "pain_during": [2, 5],
        "morning_pain": [4, None],
        "weeks": ["2026-11-23", "2026-11-30"],
        "run_km": [0.0, 12.5],
        "strength_volume": [96, 0],
    }
    words = chart_words(series, chart_events(HISTORY, STAGES))
    days = f"{day_words('2026-11-30')} to {day_words('2026-12-01')}"  # the year when not this one
    assert words.pain.startswith(f"Pain on 2 days logged, {days}")
    assert "the worst pain in a session was 5/10, 1 day over the limit of 3/10" in words.pain
    assert words.running.startswith(f"Km run a week: 12.5 in the week of {day_words('2026-11-30')}")
    assert words.strength.startswith("Strength volume (sets x reps) a week: 96")
    assert words.events == (
        "Marked on the charts: 1 flare-up, 3 plan changes, 1 new stage, 1 coach's change."
    )
    assert not any("2026-" in text for text in words.model_dump().values())
