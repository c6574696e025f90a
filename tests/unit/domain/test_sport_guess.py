"""A file that names no sport is classified from its pace and pattern: a likely run, a likely walk,
or unknown, always with the reason. Real watch files stripped of their sport are likely runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runrehab.adapters.activities import read_activity
from runrehab.domain.sport_guess import guess_sport, states_its_sport

FILES = Path(__file__).parents[2] / "data" / "activities"

# (case, distance_m, timer_s, pace histogram {bucket s/km: seconds}, expected guess, reason fragment)
CASES = [
    ("steady easy run", 5000, 1800, {350: 1700.0, 370: 100.0}, "likely_run", "at running pace"),
    ("slow jog at 8:50/km", 3400, 1800, {520: 1800.0}, "likely_run", "30 of 30"),
    (
        "run-walk intervals (1 min run, 1 min walk)",
        2600,
        1800,
        {400: 800.0, 800: 1000.0},
        "likely_run",
        "run-walk",
    ),
    ("a walk at 5 km/h", 4200, 3000, {720: 2900.0, 560: 100.0}, "likely_walk", "walking pace"),
    (
        "a walk with a short jog across a road",
        4000,
        3000,
        {700: 2700.0, 420: 300.0},
        "likely_walk",
        "walking",
    ),
    ("a ride at 28 km/h", 28000, 3600, {120: 400.0}, "unknown", "faster than running"),
    (
        "a slow ride, mostly faster than 2:34/km",
        9000,
        1500,
        {140: 1100.0, 200: 400.0},
        "unknown",
        "not a clear run",
    ),
    ("no histogram, running speed", 5000, 1800, {}, "likely_run", "running pace"),
    ("no histogram, walking speed", 3000, 2400, {}, "likely_walk", "walking pace"),
    ("a treadmill with no distance", 0, 1800, {}, "unknown", "no distance"),
    ("less than a minute", 150, 50, {330: 50.0}, "unknown", "too short"),
]


@pytest.mark.parametrize(
    ("distance_m", "timer_s", "histogram", "expected", "fragment"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_an_activity_without_a_sport_is_guessed_from_its_pace_with_the_reason(
    distance_m: float, timer_s: float, histogram: dict[int, float], expected: str, fragment: str
) -> None:
    guess = guess_sport(distance_m, timer_s, histogram)
    assert guess.guess == expected
    assert fragment in guess.reason


def test_only_a_likely_run_is_stored_and_counted_as_a_run() -> None:
    run = guess_sport(5000, 1800, {350: 1800.0})
    walk = guess_sport(3000, 2400, {800: 2400.0})
    ride = guess_sport(28000, 3600, {})
    assert (run.sport, run.counted_as_run) == ("running", True)
    assert (walk.sport, walk.counted_as_run) == ("walking", False)
    assert (ride.sport, ride.counted_as_run) == ("unknown", False)


def test_no_sport_and_tcx_other_are_unstated_and_a_named_sport_is_not() -> None:
    assert not states_its_sport("unknown")
    assert not states_its_sport("other")
    assert states_its_sport("running")
    assert states_its_sport("cycling")


def _stripped(name: str) -> bytes:
    """A real file with the sport taken out, as many running apps write it."""
    text = (FILES / name).read_text(encoding="utf-8")
    text = re.sub(r"<type>[^<]*</type>", "", text)
    return re.sub(r'Sport="Running"', 'Sport="Other"', text).encode()


@pytest.mark.parametrize(
    "name",
    [
        "runpandas-stopped_example.gpx",  # Strava, <type>9</type> removed
        "runpandas-garmin_connect.gpx",  # too short to tell: unknown, never a silent drop
        "runpandas-run_garmin.tcx",  # Sport="Running" made "Other"
        "tcxparser-test.tcx",
        "runpandas-nike_run.gpx",  # Nike Run Club writes no <type> at all
    ],
)
def test_a_real_run_that_does_not_name_its_sport_reads_as_a_likely_run(name: str) -> None:
    activity = read_activity(name, _stripped(name))
    assert not states_its_sport(activity.sport)
    guess = guess_sport(activity.distance_m, activity.timer_s, activity.pace_histogram)
    expected = "unknown" if name == "runpandas-garmin_connect.gpx" else "likely_run"
    assert guess.guess == expected, guess.reason
