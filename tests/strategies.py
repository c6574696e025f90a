"""Hypothesis strategies for any valid answers file and runner profile."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from runrehab.domain.intake import (
    AGGRAVATORS,
    ENERGY_RISK_KEYS,
    OPTIONAL_SCREENING_KEYS,
    OTTAWA_KEYS,
    OTTAWA_REGIONS,
    REGIONS,
    SCREENING_KEYS,
    UNSURE,
)
from runrehab.domain.profile import WEEKDAYS

scores = st.one_of(st.none(), st.integers(0, 10))
km = st.one_of(st.none(), st.floats(0, 150, allow_nan=False).map(lambda x: round(x, 1)))
maybe_bool = st.one_of(st.none(), st.booleans())
yes_no_unsure = st.sampled_from([True, False, UNSURE])


@st.composite
def raw_answers(draw: st.DrawFn, **fixed: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "region": draw(st.sampled_from(REGIONS)),
        "onset": draw(st.sampled_from(["sudden", "gradual"])),
        "days_since_onset": draw(st.integers(0, 400)),
        **{key: draw(st.booleans()) for key in SCREENING_KEYS},
        "sex": draw(st.one_of(st.none(), st.sampled_from(["female", "male", "other"]))),
        "age": draw(st.one_of(st.none(), st.integers(5, 90))),
        **{key: draw(maybe_bool) for key in (*ENERGY_RISK_KEYS, *OPTIONAL_SCREENING_KEYS)},
        "weekly_km_now": draw(km),
        "weekly_km_before_injury": draw(km),
        "longest_run_30d_km": draw(km),
        "planned_run_km": draw(km),
        "mechanism": draw(
            st.one_of(
                st.none(),
                st.sampled_from(
                    ["slip_or_forced_stretch", "sprinting", "rolled_ankle", "fall_or_blow", "other"]
                ),
            )
        ),
        "pain_rest": draw(scores),
        "pain_during_run": draw(scores),
        "pain_next_morning": draw(scores),
        "baseline_morning_pain": draw(scores),
        "hop_pain": draw(scores),
        "morning_trend": draw(
            st.one_of(st.none(), st.sampled_from(["improving", "stable", "worsening"]))
        ),
        "aggravators": draw(st.lists(st.sampled_from(AGGRAVATORS), unique=True)),
        "tests": {
            name: draw(maybe_bool)
            for name in (
                "drop_lunge_pain_free",
                "hamstring_curl_10rm_equal",
                "walk_normal_stride_pain_free",
                "slow_jog_pain_free",
                "isometric_knee_bend_pain_free",
                "brisk_walk_30min_pain_free",
                "single_leg_squats_10_pain_free",
            )
        },
        "single_leg_calf_raises": draw(st.one_of(st.none(), st.integers(0, 60))),
        "single_leg_heel_raise_possible": draw(maybe_bool),
        "noble_test_positive": draw(maybe_bool),
        "tender_strip_length_cm": draw(st.one_of(st.none(), st.integers(0, 20))),
        "morning_first_steps_pain": draw(scores),
        "morning_stiffness_min": draw(st.one_of(st.none(), st.integers(0, 120))),
        "knee_swelling": draw(maybe_bool),
        "knee_locking_or_giving_way": draw(maybe_bool),
        "distance_to_symptom_onset_km": draw(km),
    }
    raw.update(fixed)
    if raw["region"] in OTTAWA_REGIONS:  # required there: drawn unless a test fixed them
        for key in OTTAWA_KEYS:
            raw.setdefault(key, draw(yes_no_unsure))
    return raw


def calm_screening() -> dict[str, bool]:
    """Screening answers with nothing alarming, to make a running verdict reachable (for the
    ankle and midfoot too: four steps possible, no tender bony point)."""
    calm = {key: key == "can_walk_normally" for key in SCREENING_KEYS}
    calm |= {key: False for key in (*ENERGY_RISK_KEYS, *OPTIONAL_SCREENING_KEYS)}
    return calm | {key: "4_steps" in key for key in OTTAWA_KEYS}


@st.composite
def raw_profiles(draw: st.DrawFn) -> dict[str, Any]:
    days = st.lists(st.sampled_from(WEEKDAYS), unique=True, max_size=7)
    return {
        "run_days": draw(days),
        "strength_days": draw(days),
        "rest_days": draw(days),
        "equipment": draw(st.sampled_from(["none", "bands", "dumbbells", "gym"])),
        "weekly_km_now": draw(km),
    }


EXERCISES = (
    "single_leg_bridge",
    "hamstring_slides",
    "isometric_bridge_hold",
    "glute_bridge",
    "nordic_hamstring_curl",
    "clamshell",
)


@st.composite
def log_lines(
    draw: st.DrawFn, start: str = "2026-12-01", max_size: int = 40
) -> list[dict[str, Any]]:
    """A replay log in date order: exercises, runs and check-ins with any pain scores."""
    from datetime import date, timedelta

    day = date.fromisoformat(start)
    lines = []
    for _ in range(draw(st.integers(1, max_size))):
        day += timedelta(days=draw(st.integers(0, 2)))
        kind = draw(st.sampled_from(["exercise", "run", "checkin"]))
        line: dict[str, Any] = {"date": day.isoformat(), "type": kind}
        if kind == "exercise":
            line |= {
                "exercise": draw(st.sampled_from(EXERCISES)),
                "sets": draw(st.integers(1, 3)),
                "reps": draw(st.integers(4, 12)),
                "hold_s": draw(st.integers(10, 50)),
                "load_kg": draw(st.sampled_from([0.0, 2.5, 5.0])),
                "pain": draw(st.integers(0, 10)),
            }
        elif kind == "run":
            line |= {
                "minutes": draw(st.integers(10, 90)),
                "distance_km": draw(st.floats(1, 20).map(lambda x: round(x, 1))),
                "pain_during": draw(st.integers(0, 10)),
                "pain_after": draw(st.integers(0, 10)),
                "hills": draw(st.booleans()),
                "speedwork": draw(st.booleans()),
            }
        else:
            line |= {
                "monitoring_pain": draw(st.integers(0, 10)),
                "muscle_soreness": draw(st.one_of(st.none(), st.integers(0, 10))),
                "pain_rest": draw(st.one_of(st.none(), st.integers(0, 10))),
                "tests": {
                    "drop_lunge_pain_free": draw(maybe_bool),
                    "hamstring_curl_10rm_equal": draw(maybe_bool),
                    "slow_jog_pain_free": draw(maybe_bool),
                },
                "red_flags": draw(st.lists(st.sampled_from(SCREENING_KEYS), max_size=1)),
            }
        lines.append(line)
    return lines
