"""Pain-monitoring arithmetic (evidence.md §4.3): the runner's own morning baseline, the weekly
trend, and the two referral criteria that come from the history rather than a single entry.

Both referral criteria count days, not entries: a runner who logs a painful run and an exercise
on the same day, or two morning checks, has had one bad day, not two. The histories are in date
order, so each function reads back only as far as its window (never the whole history)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from statistics import median

from runrehab.domain.knowledge import Adaptation

WEEK = timedelta(days=7)


def baseline(mornings: Sequence[tuple[date, int]], seed: int | None, window: int) -> float | None:
    """Median of the last `window` morning checks; the intake's usual morning before there are any."""
    if mornings:
        return float(median(score for _, score in mornings[-window:]))
    return None if seed is None else float(seed)


def worsening_today(means: tuple[float, float] | None, today: int, tolerance: float) -> bool:
    """Morning pain is getting worse week on week (`means`: this week's and last week's, see
    `weekly_means`), and today's is part of it: above last week's mean. A morning back within
    last week's level is never a failed check, however much one sore morning earlier this week
    raised the week's mean: that sore morning was a flare-up of its own, counted once, and
    counting it again on every later morning of the week would turn one event into a referral
    pattern."""
    return means is not None and means[0] - means[1] > tolerance and today > means[1]


def weekly_means(mornings: Sequence[tuple[date, int]], on: date) -> tuple[float, float] | None:
    """(this week's, last week's) mean morning score, one score a day (the day's highest, so a
    day checked twice counts once); None without 2 days in each. Week against week, as the
    pain-monitoring model words it: the difference is the weekly trend."""
    this_week = _daily(mornings, on - WEEK, on)
    last_week = _daily(mornings, on - 2 * WEEK, on - WEEK)
    if len(this_week) < 2 or len(last_week) < 2:
        return None
    return sum(this_week) / len(this_week), sum(last_week) / len(last_week)


def repeated_failures(
    checks: Sequence[tuple[date, bool]], on: date, rules: Adaptation
) -> int | None:
    """The number of days with a failed pain check among the last `repeated_fail_window` days
    (up to `on`), when it is at least `repeated_fail_count`: a pattern, not one flare-up's
    painful run and sore morning (two days)."""
    start = on - timedelta(days=rules.repeated_fail_window)
    failed: set[date] = set()
    for day, passed in reversed(checks):
        if day <= start:
            break
        if not passed and day <= on:
            failed.add(day)
    return len(failed) if len(failed) >= rules.repeated_fail_count else None


def no_improvement(
    mornings: Sequence[tuple[date, int]], on: date, rules: Adaptation
) -> tuple[float, float] | None:
    """(then, now) typical morning pain when the last week is no better than the same week
    `no_improvement_days` earlier and still at least `no_improvement_min_pain`: each week's
    median of one score a day (the day's highest; at least 3 days in each week). The median of 3
    days or more, so that one sore morning, a flare-up handled on its own, does not make a week
    "no better"."""
    then_end = on - timedelta(days=rules.no_improvement_days)
    now = _daily(mornings, on - WEEK, on)
    then = _daily(mornings, then_end - WEEK, then_end)
    if len(now) < 3 or len(then) < 3:
        return None
    now_level, then_level = median(now), median(then)
    if now_level >= then_level and now_level >= rules.no_improvement_min_pain:
        return round(then_level, 1), round(now_level, 1)
    return None


def _daily(mornings: Sequence[tuple[date, int]], after: date, upto: date) -> list[int]:
    """One score per day in (`after`, `upto`]: the day's highest (found by bisection, as the
    mornings are in date order)."""
    first = bisect_right(mornings, after, key=_day)
    last = bisect_right(mornings, upto, lo=first, key=_day)
    days: dict[date, int] = {}
    for day, score in mornings[first:last]:
        if score > days.get(day, -1):
            days[day] = score
    return list(days.values())


def _day(morning: tuple[date, int]) -> date:
    return morning[0]
