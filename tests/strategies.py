"""Hypothesis strategies for any valid answers file and runner profile."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from runrehab.domain.intake import AGGRAVATORS, REGIONS, SCREENING_KEYS
from runrehab.domain.profile import WEEKDAYS

scores = st.one_of(st.none(), st.integers(0, 10))
km = st.one_of(st.none(), st.floats(0, 150, allow_nan=False).map(lambda x: round(x, 1)))
maybe_bool = st.one_of(st.none(), st.booleans())


@st.composite
def raw_answers(draw: st.DrawFn, **fixed: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "region": draw(st.sampled_from(REGIONS)),
        "onset": draw(st.sampled_from(["sudden", "gradual"])),
        "days_since_onset": draw(st.integers(0, 400)),
        **{key: draw(st.booleans()) for key in SCREENING_KEYS},
        "sex": draw(st.one_of(st.none(), st.sampled_from(["female", "male", "other"]))),
        "amenorrhoea": draw(maybe_bool),
        "weekly_km_now": draw(km),
        "weekly_km_before_injury": draw(km),
        "longest_run_30d_km": draw(km),
        "planned_run_km": draw(km),
        "mechanism": draw(
            st.one_of(
                st.none(),
                st.sampled_from(["slip_or_forced_stretch", "sprinting", "rolled_ankle", "other"]),
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
            )
        },
    }
    raw.update(fixed)
    return raw


def calm_screening() -> dict[str, bool]:
    """Screening answers with nothing alarming, to make a running verdict reachable."""
    return {key: key == "can_walk_normally" for key in SCREENING_KEYS}


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
