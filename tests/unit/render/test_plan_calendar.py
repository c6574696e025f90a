"""The plan's calendar: the 12 weeks a runner can open day by day, Monday-first weeks, and the
months that have a day in the horizon (so navigation never leads to an empty month)."""

from __future__ import annotations

from datetime import date

from runrehab.render.plan_calendar import Horizon, last_day, month_grid, next_month, week_of


def test_the_horizon_runs_twelve_weeks_from_today_both_ends_included() -> None:
    horizon = Horizon.from_day(date(2026, 12, 7))
    assert horizon.last == date(2027, 2, 28)
    assert date(2026, 12, 7) in horizon
    assert date(2027, 2, 28) in horizon
    assert date(2026, 12, 6) not in horizon
    assert date(2027, 3, 1) not in horizon


def test_weeks_of_plan_reach_the_day_and_never_leave_the_horizon() -> None:
    horizon = Horizon.from_day(date(2026, 12, 7))
    assert horizon.weeks_to(date(2026, 12, 7)) == 1
    assert horizon.weeks_to(date(2026, 12, 13)) == 1
    assert horizon.weeks_to(date(2026, 12, 14)) == 2
    assert horizon.weeks_to(date(2027, 6, 1)) == 12
    assert horizon.weeks_to(date(2026, 1, 1)) == 1


def test_the_months_shown_are_those_with_a_day_in_the_horizon() -> None:
    assert Horizon.from_day(date(2026, 12, 7)).months() == [
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert len(Horizon.from_day(date(2026, 12, 31)).months()) == 4  # to Wed 24 Mar 2027


def test_a_month_grid_is_monday_first_with_blanks_around_the_month() -> None:
    grid = month_grid(date(2027, 2, 1))  # 1 Feb 2027 is a Monday, 28 Feb a Sunday
    assert len(grid) == 4
    assert grid[0][0] == date(2027, 2, 1)
    december = month_grid(date(2026, 12, 1))  # Tuesday 1st, Thursday 31st
    assert december[0][:2] == [None, date(2026, 12, 1)]
    assert december[-1][3:] == [date(2026, 12, 31), None, None, None]


def test_weeks_and_months_step_over_year_ends() -> None:
    assert week_of(date(2027, 1, 1))[0] == date(2026, 12, 28)
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert last_day(date(2028, 2, 1)) == date(2028, 2, 29)
