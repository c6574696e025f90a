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
    MILE_M,
    STANDARD_DISTANCES_M,
    PaceRange,
    RaceResult,
    easy_pace,
    equivalent_time_s,
    format_duration,
    format_pace,
    format_pace_per_mile,
    oxygen_cost,
    pace_report,
    predict_time_s,
    rehab_easy_pace,
    training_paces,
    vdot,
    velocity_at,
)

DATA = Path(__file__).parents[2] / "data"
VECTORS: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "pace_vectors.yaml").read_text(encoding="utf-8")
)
TABLES: list[dict[str, Any]] = yaml.safe_load(
    (DATA / "pace_tables.yaml").read_text(encoding="utf-8")
)
FIVE_K_20 = RaceResult(distance_m=5000, duration_s=20 * 60)

PACE_TOLERANCE_S_PER_KM = 3.0
"""The issue's bound: a runner cannot hold a pace closer than a few seconds per km anyway."""
TIME_ROUNDING_S = 0.5
"""The tables print whole seconds (tenths for 1500 m and the mile from VDOT 78)."""
TIME_TOLERANCE = 0.0025
"""0.25% of a race time is less than a quarter of a VDOT point anywhere in the table (one point
moves a time by about 1% at VDOT 85 and 3% at VDOT 30), so it cannot hide a wrong method, and it
covers the table's own spread around the formulas (worst: the VDOT 30 marathon, 0.18%)."""


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


def _seconds(clock: str) -> float:
    """ "1:03:46" -> 3826, "3:23.5" -> 203.5: a table cell as printed."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def _time_cases() -> list[Any]:
    return [
        pytest.param(row["vdot"], key, _seconds(text), id=f"VDOT {row['vdot']} {key} {text}")
        for row in TABLES
        for key, text in row["race_times"].items()
    ]


def _pace_cases() -> list[Any]:
    """Every training-pace cell of the table, converted to s/km and named after its column."""
    per_km = {
        "easy_fast": lambda row: _seconds(row["easy_per_km"][0]),
        "easy_slow": lambda row: _seconds(row["easy_per_km"][1]),
        "marathon": lambda row: _seconds(row["marathon_per_mile"]) / (MILE_M / 1000),
        "threshold": lambda row: _seconds(row["threshold_per_km"]),
        "interval": lambda row: (
            _seconds(row["interval_per_km"])
            if "interval_per_km" in row
            else _seconds(row["interval_per_400"]) * 2.5
        ),
        "repetition": lambda row: _seconds(row["repetition_per_400"]) * 2.5,
    }
    return [
        pytest.param(row["vdot"], column, convert(row), id=f"VDOT {row['vdot']} {column}")
        for row in TABLES
        for column, convert in per_km.items()
    ]


def _ours(score: float, column: str) -> float:
    paces = training_paces(score)
    return {
        "easy_fast": paces.easy.fast_s_per_km,
        "easy_slow": paces.easy.slow_s_per_km,
        "marathon": paces.marathon_s_per_km,
        "threshold": paces.threshold_s_per_km,
        "interval": paces.interval_s_per_km,
        "repetition": paces.repetition_s_per_km,
    }[column]


@pytest.mark.parametrize(("score", "key", "table_s"), _time_cases())
def test_equivalent_race_times_match_daniels_table(score: int, key: str, table_s: float) -> None:
    ours = equivalent_time_s(score, STANDARD_DISTANCES_M[key])
    assert ours == pytest.approx(table_s, abs=TIME_ROUNDING_S + TIME_TOLERANCE * table_s)


@pytest.mark.parametrize(("score", "column", "table_s_per_km"), _pace_cases())
def test_training_paces_match_daniels_table(score: int, column: str, table_s_per_km: float) -> None:
    assert _ours(score, column) == pytest.approx(table_s_per_km, abs=PACE_TOLERANCE_S_PER_KM)


@pytest.mark.parametrize("row", TABLES, ids=[f"VDOT {row['vdot']}" for row in TABLES])
def test_the_2nd_edition_single_easy_pace_lies_in_the_easy_range(row: dict[str, Any]) -> None:
    easy = training_paces(row["vdot"]).easy
    assert easy.fast_s_per_km <= _seconds(row["easy_single_per_km"]) <= easy.slow_s_per_km


def test_the_table_file_covers_vdot_30_to_85_and_every_distance() -> None:
    assert [row["vdot"] for row in TABLES] == list(range(30, 86, 5))
    assert all(set(row["race_times"]) == set(STANDARD_DISTANCES_M) for row in TABLES)
    assert all(row["source"] for row in TABLES)


@pytest.mark.parametrize("score", [20.0, 30.0, 49.8, 85.0])
@pytest.mark.parametrize("key", list(STANDARD_DISTANCES_M))
def test_an_equivalent_time_scores_the_vdot_it_came_from(score: float, key: str) -> None:
    distance_m = STANDARD_DISTANCES_M[key]
    race = RaceResult(distance_m, equivalent_time_s(score, distance_m))
    assert vdot(race) == pytest.approx(score, abs=1e-9)


@pytest.mark.parametrize(
    ("score", "distance_m"), [(0.0, 5000), (-1, 5000), (50, 0), (math.nan, 5000)]
)
def test_equivalent_time_refuses_what_is_not_a_positive_vdot_and_distance(
    score: float, distance_m: float
) -> None:
    with pytest.raises(ValueError, match="positive"):
        equivalent_time_s(score, distance_m)


def test_equivalent_time_refuses_a_vdot_no_running_speed_reaches() -> None:
    with pytest.raises(ValueError, match="no time"):
        equivalent_time_s(1e9, 5000)


@pytest.mark.parametrize("score", [30.0, 49.8, 85.0])
def test_marathon_pace_is_the_pace_of_the_marathon_equivalent(score: float) -> None:
    marathon_s = equivalent_time_s(score, 42195)
    assert training_paces(score).marathon_s_per_km == pytest.approx(marathon_s / 42.195)


@pytest.mark.parametrize("score", [30.0, 49.8, 85.0])
def test_repetition_is_6_s_per_400_m_faster_than_interval(score: float) -> None:
    paces = training_paces(score)
    assert (paces.interval_s_per_km - paces.repetition_s_per_km) * 0.4 == pytest.approx(6)


@pytest.mark.parametrize("score", [30.0, 49.8, 85.0])
def test_training_paces_get_faster_from_easy_to_repetition(score: float) -> None:
    p = training_paces(score)
    order = [
        p.easy.slow_s_per_km,
        p.easy.fast_s_per_km,
        p.marathon_s_per_km,
        p.threshold_s_per_km,
        p.interval_s_per_km,
        p.repetition_s_per_km,
    ]
    assert order == sorted(order, reverse=True)


def test_the_training_easy_range_lies_inside_the_rehab_easy_band() -> None:
    table, band = training_paces(49.8).easy, easy_pace(49.8)
    assert band.fast_s_per_km < table.fast_s_per_km < table.slow_s_per_km < band.slow_s_per_km


def test_a_report_gives_the_race_back_at_its_own_distance() -> None:
    report = pace_report(FIVE_K_20)
    assert report.vdot == pytest.approx(vdot(FIVE_K_20))
    assert report.equivalents_s["5k"] == pytest.approx(1200)
    assert report.riegel_s["5k"] == pytest.approx(1200)
    assert list(report.equivalents_s) == list(report.riegel_s) == list(STANDARD_DISTANCES_M)


def test_a_report_compares_riegel_over_the_same_distances() -> None:
    report = pace_report(FIVE_K_20)
    assert report.riegel_s["10k"] == pytest.approx(predict_time_s(FIVE_K_20, 10_000))
    assert report.equivalents_s["10k"] == pytest.approx(2487.9, abs=0.1)  # 41:28, Riegel 41:42
    assert report.paces == training_paces(report.vdot)


def test_a_report_cannot_be_changed() -> None:
    report = pace_report(FIVE_K_20)
    with pytest.raises(TypeError):
        report.equivalents_s["5k"] = 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("s_per_km", "text"), [(300, "8:03/mi"), (255, "6:50/mi"), (373, "10:00/mi")]
)
def test_format_pace_per_mile_converts_and_rounds(s_per_km: float, text: str) -> None:
    assert format_pace_per_mile(s_per_km) == text
