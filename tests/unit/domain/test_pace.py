"""Rehab pace: VDOT against Daniels' published table, Riegel, the easy band, and what is refused."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from runrehab.domain.errors import InvalidInputError
from runrehab.domain.pace import (
    MAX_DISTANCE_M,
    PaceRange,
    RaceResult,
    easy_pace,
    format_duration,
    format_pace,
    oxygen_cost,
    predict_time_s,
    rehab_easy_pace,
    vdot,
    velocity_at,
)

VECTORS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[2] / "data" / "pace_vectors.yaml").read_text(encoding="utf-8")
)
FIVE_K_20 = RaceResult(distance_m=5000, duration_s=20 * 60)


def _keys(error: pytest.ExceptionInfo[InvalidInputError]) -> list[str]:
    return [problem.where for problem in error.value.problems]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vdot_matches_daniels_table(vector: dict[str, Any]) -> None:
    race = RaceResult(distance_m=vector["distance_m"], duration_s=vector["duration_s"])
    assert vdot(race) == pytest.approx(vector["vdot"], abs=0.3)


def test_the_vector_file_covers_1500_m_to_the_marathon() -> None:
    distances = {v["distance_m"] for v in VECTORS}
    assert min(distances) == 1500
    assert max(distances) == 42195
    assert len(VECTORS) >= 10


@pytest.mark.parametrize("vo2", [5.0, 20.0, 37.0, 49.8, 85.0])
def test_velocity_at_inverts_the_oxygen_cost(vo2: float) -> None:
    assert oxygen_cost(velocity_at(vo2)) == pytest.approx(vo2, rel=1e-12)


@pytest.mark.parametrize("vo2", [0.0, -1.0, math.nan, math.inf])
def test_velocity_at_refuses_a_vo2_that_is_not_positive_and_finite(vo2: float) -> None:
    with pytest.raises(ValueError, match="vo2"):
        velocity_at(vo2)


def test_riegel_doubles_a_20_minute_5k_to_a_41_42_10k() -> None:
    # 1200 s x 2^1.06 = 2501.92 s
    predicted = predict_time_s(FIVE_K_20, 10_000)
    assert predicted == pytest.approx(1200 * 2**1.06)
    assert predicted == pytest.approx(2501.92, abs=0.01)
    assert format_duration(predicted) == "41:42"


def test_riegel_with_exponent_one_is_even_pace() -> None:
    assert predict_time_s(FIVE_K_20, 10_000, exponent=1.0) == pytest.approx(2400)


def test_riegel_returns_the_race_itself_at_its_own_distance() -> None:
    assert predict_time_s(FIVE_K_20, 5000) == pytest.approx(1200)


@pytest.mark.parametrize("distance_m", [0.0, -5000.0, math.nan, math.inf])
def test_riegel_refuses_a_distance_that_is_not_positive_and_finite(distance_m: float) -> None:
    with pytest.raises(InvalidInputError) as error:
        predict_time_s(FIVE_K_20, distance_m)
    assert _keys(error) == ["distance_m"]


@pytest.mark.parametrize("score", [30.0, 40.0, 49.8, 60.0, 85.0])
def test_easy_range_fast_end_is_quicker_than_slow_end(score: float) -> None:
    easy = easy_pace(score)
    assert 0 < easy.fast_s_per_km < easy.slow_s_per_km


def test_easy_range_for_a_20_minute_5k_is_about_4_55_to_5_53() -> None:
    easy = easy_pace(vdot(FIVE_K_20))
    assert easy.fast_s_per_km == pytest.approx(294.9, abs=1)
    assert easy.slow_s_per_km == pytest.approx(353.5, abs=1)


@pytest.mark.parametrize(
    ("score", "table_easy_s_per_km"),
    # Daniels' Running Formula (2nd ed.) E/L pace per km, as digitised in CurtisThompson/
    # VDOT-Calculator data/vdot-paces-jack-daniels-running-formula-2.csv (commit a7fb582):
    # VDOT 30 7:52, 40 6:19, 50 5:18, 60 4:35, 70 4:02.
    [(30, 472), (40, 379), (50, 318), (60, 275), (70, 242)],
)
def test_daniels_printed_easy_pace_lies_inside_the_easy_band(
    score: float, table_easy_s_per_km: float
) -> None:
    easy = easy_pace(score)
    assert easy.fast_s_per_km <= table_easy_s_per_km <= easy.slow_s_per_km


def test_a_fitter_runner_gets_a_faster_easy_range() -> None:
    slower, fitter = easy_pace(40), easy_pace(55)
    assert fitter.fast_s_per_km < slower.fast_s_per_km
    assert fitter.slow_s_per_km < slower.slow_s_per_km


def test_rehab_pace_is_the_slow_half_of_the_easy_range() -> None:
    advice = rehab_easy_pace(FIVE_K_20)
    easy = easy_pace(vdot(FIVE_K_20))
    assert advice.pace_range is not None
    assert advice.pace_range.slow_s_per_km == easy.slow_s_per_km
    midpoint = (easy.fast_s_per_km + easy.slow_s_per_km) / 2
    assert advice.pace_range.fast_s_per_km == pytest.approx(midpoint)
    assert advice.vdot == pytest.approx(49.8, abs=0.05)


def test_rehab_advice_explains_easy_and_shows_the_numbers() -> None:
    advice = rehab_easy_pace(FIVE_K_20)
    assert advice.pace_range is not None
    assert advice.why.startswith("Easy means conversational")
    assert "RPE" in advice.why
    assert "VDOT of 49.8" in advice.why
    assert advice.pace_range.label() in advice.why
    assert "5 km in 20:00" in advice.why


def test_without_a_race_the_advice_is_the_talk_test_and_no_numbers() -> None:
    advice = rehab_easy_pace(None)
    assert advice.pace_range is None
    assert advice.vdot is None
    assert advice.why.startswith("Easy means conversational")
    assert "3-4 out of 10 (RPE)" in advice.why
    assert "/km" not in advice.why


def test_a_pace_range_label_rounds_both_ends() -> None:
    assert PaceRange(322.6, 351.4).label() == "5:23-5:51/km"


def test_a_pace_range_cannot_be_inverted() -> None:
    with pytest.raises(ValueError, match="pace range"):
        PaceRange(360, 300)


@pytest.mark.parametrize(
    ("s_per_km", "text"),
    [
        (332.4, "5:32/km"),
        (359.6, "6:00/km"),
        (359.4, "5:59/km"),
        (332.5, "5:33/km"),
        (300, "5:00/km"),
        (59.5, "1:00/km"),
        (1200, "20:00/km"),
    ],
)
def test_format_pace_rounds_to_the_nearest_second(s_per_km: float, text: str) -> None:
    assert format_pace(s_per_km) == text


@pytest.mark.parametrize(
    ("duration_s", "text"), [(2501.92, "41:42"), (11449, "3:10:49"), (3599.6, "1:00:00")]
)
def test_format_duration_uses_hours_from_an_hour(duration_s: float, text: str) -> None:
    assert format_duration(duration_s) == text


@pytest.mark.parametrize("s_per_km", [-1.0, math.nan, math.inf])
def test_format_pace_refuses_what_is_not_a_pace(s_per_km: float) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        format_pace(s_per_km)


@pytest.mark.parametrize(
    ("distance_m", "duration_s", "keys"),
    [
        (1499, 400, ["distance_m"]),  # shorter than 1500 m
        (MAX_DISTANCE_M + 1, 12_000, ["distance_m"]),  # more than a marathon + 1%
        (100_000, 36_000, ["distance_m"]),  # an ultra
        (math.nan, 1200, ["distance_m"]),
        (5000, 0, ["duration_s"]),
        (5000, -1200, ["duration_s"]),
        (5000, math.inf, ["duration_s"]),
        (5000, 5 * 1200 + 1, ["duration_s"]),  # slower than 20:00/km
        (5000, 11 * 60, ["duration_s"]),  # 11:00 for 5 km, far under the 12:35 world record
        (42195, 100 * 60, ["duration_s"]),  # a 1:40 marathon
        (0, -1, ["distance_m", "duration_s"]),  # every problem, not just the first
    ],
)
def test_an_implausible_race_is_refused_naming_the_key(
    distance_m: float, duration_s: float, keys: list[str]
) -> None:
    with pytest.raises(InvalidInputError) as error:
        RaceResult(distance_m=distance_m, duration_s=duration_s)
    assert _keys(error) == keys
    assert error.value.source == "race"


@pytest.mark.parametrize(
    ("distance_m", "duration_s"),
    [
        (1500, 206.0),  # the men's 1500 m world record, 3:26.00
        (5000, 755.36),  # the men's 5000 m world record, 12:35.36
        (42195, 7235),  # the men's marathon world record, 2:00:35
        (42195, 5 * 3600 + 59 * 60),  # a six-hour marathon walk-run
        (MAX_DISTANCE_M, 4 * 3600),  # a marathon measured 1% long by GPS
        (5000, 5 * 1200),  # exactly 20:00/km
    ],
)
def test_real_results_at_the_edges_are_accepted(distance_m: float, duration_s: float) -> None:
    assert 0 < vdot(RaceResult(distance_m=distance_m, duration_s=duration_s)) < 90


def test_a_slow_race_message_shows_the_pace() -> None:
    with pytest.raises(InvalidInputError, match="25:00/km is slower than 20:00/km"):
        RaceResult(distance_m=5000, duration_s=5 * 1500)


def test_race_results_are_values() -> None:
    assert RaceResult(5000, 1200) == FIVE_K_20
    with pytest.raises(AttributeError):
        FIVE_K_20.duration_s = 1100  # type: ignore[misc]
