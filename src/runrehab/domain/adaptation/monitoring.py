"""Pain-monitoring arithmetic (evidence.md §4.3): the runner's own morning baseline, the weekly
trend, and the two referral criteria that come from the history rather than a single entry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from statistics import mean, median

from runrehab.domain.knowledge import Adaptation

WEEK = timedelta(days=7)


def baseline(mornings: Sequence[tuple[date, int]], seed: int | None, window: int) -> float | None:
    """Median of the last `window` morning checks; the intake's usual morning before there are any."""
    if mornings:
        return float(median(score for _, score in mornings[-window:]))
    return None if seed is None else float(seed)


def weekly_trend(mornings: Sequence[tuple[date, int]], on: date) -> float | None:
    """This week's mean morning score minus last week's (points; None without 2 scores in each).

    Week against week, as the pain-monitoring model words it, so one bad morning does not read as
    a week of worsening."""
    this_week = [s for d, s in mornings if on - WEEK < d <= on]
    last_week = [s for d, s in mornings if on - 2 * WEEK < d <= on - WEEK]
    if len(this_week) < 2 or len(last_week) < 2:
        return None
    return mean(this_week) - mean(last_week)


def repeated_failures(checks: Sequence[tuple[date, bool]], rules: Adaptation) -> int | None:
    """The failure count when at least `repeated_fail_count` of the last checks failed."""
    fails = sum(not passed for _, passed in checks[-rules.repeated_fail_window :])
    return fails if fails >= rules.repeated_fail_count else None


def no_improvement(
    mornings: Sequence[tuple[date, int]], on: date, rules: Adaptation
) -> tuple[float, float] | None:
    """(then, now) mean morning pain when the last week is no better than the same week
    `no_improvement_days` earlier and still at least `no_improvement_min_pain`."""
    then_end = on - timedelta(days=rules.no_improvement_days)
    now = [s for d, s in mornings if on - WEEK < d <= on]
    then = [s for d, s in mornings if then_end - WEEK < d <= then_end]
    if len(now) < 2 or len(then) < 2:
        return None
    now_mean, then_mean = mean(now), mean(then)
    if now_mean >= then_mean and now_mean >= rules.no_improvement_min_pain:
        return round(then_mean, 1), round(now_mean, 1)
    return None
