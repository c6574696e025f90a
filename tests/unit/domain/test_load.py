"""Training load: volumes add up, the spike and ramp rules, fitness and fatigue, pace zones."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from runrehab.domain.load import (
    Run,
    daily,
    fitness_fatigue,
    pace_zones,
    spike,
    time_in_zones,
    two_week_ramp,
    weekly,
)

MONDAY = date(2026, 11, 2)
runs_st = st.lists(
    st.builds(
        Run,
        on=st.dates(MONDAY, MONDAY + timedelta(days=55)),
        distance_km=st.floats(0.5, 40),
        moving_s=st.floats(180, 14_400),
        ascent_m=st.floats(0, 800),
    ),
    max_size=40,
)


@given(runs_st)
def test_weekly_volume_adds_up_to_every_run_in_its_weeks(runs: list[Run]) -> None:
    weeks = weekly(runs, MONDAY, 8)
    assert [monday.weekday() for monday, _ in weeks] == [0] * 8
    assert sum(v.runs for _, v in weeks) == len(runs)
    assert abs(sum(v.distance_km for _, v in weeks) - sum(r.distance_km for r in runs)) < 1e-6
    assert sum(v.runs for v in daily(runs).values()) == len(runs)


def test_a_run_over_ten_percent_longer_than_the_longest_of_30_days_is_a_spike() -> None:
    history = [Run(date(2026, 11, 1), 10.0, 3600), Run(date(2026, 11, 20), 8.0, 2900)]
    on = date(2026, 11, 25)
    assert spike(history, on, 11.0, 1.10).over is False
    check = spike(history, on, 11.1, 1.10)
    assert (check.longest_30d_km, check.cap_km, check.over) == (10.0, 11.0, True)
    # the 10 km run falls out of the 30 days: the longest is now 8 km
    assert spike(history, date(2026, 12, 2), 9.0, 1.10).over is True
    assert spike([], on, 30.0, 1.10) == spike([], on, 1.0, 1.10)  # no history, no spike verdict


@given(runs_st, st.floats(0.5, 40))
def test_the_spike_cap_is_never_above_ten_percent_over_the_longest(
    runs: list[Run], km: float
) -> None:
    on = MONDAY + timedelta(days=56)
    check = spike(runs, on, km, 1.10)
    if check.cap_km is not None:
        assert check.longest_30d_km is not None
        assert check.cap_km <= check.longest_30d_km * 1.10
        assert check.over == (km > check.cap_km)


def test_the_two_week_ramp_compares_with_the_two_weeks_before() -> None:
    on = date(2026, 11, 28)
    runs = [Run(on - timedelta(days=d), 5.0, 1800) for d in (0, 3, 7, 10)]  # 20 km
    runs += [Run(on - timedelta(days=d), 5.0, 1800) for d in (15, 21, 24)]  # 15 km before
    ramp = two_week_ramp(runs, on, 1.30)
    assert (ramp.last_2w_km, ramp.previous_2w_km, ramp.over) == (20.0, 15.0, True)
    assert abs((ramp.ratio or 0) - 4 / 3) < 1e-9
    assert two_week_ramp(runs[:4], on, 1.30).ratio is None


def test_fitness_follows_steady_running_slowly_and_fatigue_quickly() -> None:
    start = date(2026, 1, 1)
    steady = [Run(start + timedelta(days=d), 8.0, 2400) for d in range(200)]  # 40 min a day
    curve = fitness_fatigue(steady, start + timedelta(days=199), start + timedelta(days=199))
    assert abs(curve[-1].fitness - 40) < 0.5
    assert abs(curve[-1].fatigue - 40) < 0.01
    jump = [*steady, Run(start + timedelta(days=200), 20.0, 7200)]
    after = fitness_fatigue(jump, start + timedelta(days=200), start + timedelta(days=200))[0]
    assert after.fatigue > after.fitness
    assert after.form < 0


def test_a_rest_day_is_a_day_of_zero_load_not_a_missing_day() -> None:
    start = date(2026, 1, 1)
    curve = fitness_fatigue([Run(start, 10.0, 3600)], start, start + timedelta(days=6))
    assert len(curve) == 7
    assert curve[0].fatigue > curve[-1].fatigue > 0


PACES = {"easy": 330.0, "marathon": 285.0, "threshold": 268.0, "interval": 247.0}


def test_pace_zones_meet_halfway_and_cover_every_pace() -> None:
    zones = pace_zones(PACES)
    assert [z[0] for z in zones] == ["easy", "marathon", "threshold", "interval"]
    assert zones[0][2] == float("inf")
    assert zones[-1][1] == 0.0
    assert all(zones[i][1] == zones[i + 1][2] for i in range(len(zones) - 1))
    assert zones[0][1] == (330 + 285) / 2


@given(st.dictionaries(st.integers(12, 119).map(lambda n: n * 10), st.floats(0, 3600)))
def test_time_in_zones_keeps_every_second(histogram: dict[int, float]) -> None:
    spent = time_in_zones([histogram], pace_zones(PACES), 10)
    assert abs(sum(spent.values()) - sum(histogram.values())) < 1e-6
