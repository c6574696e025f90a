"""What the engine keeps of the past: the windows its rules read back, and no more.

Every rule that looks at the history reads back a fixed number of days or entries (the morning
baseline, the weekly trend, the two referral patterns, the 30-day single-run cap, the weeks the
running load is rolled over). Keeping only those windows makes each step cost the same on the
first day and after three years, so a replay is linear in the log and a stored snapshot of the
state stays small. What is dropped can never be read again: entries come in date order, so a
window that ends before the newest entry's day ends before every later one's too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from runrehab.domain.knowledge import Adaptation
from runrehab.domain.running import WINDOW

SLACK = timedelta(days=7)  # trimmed once a week, not on every entry: keeping more changes nothing
CHECK_DAYS_SHOWN = 7  # the roster shows the last 7 days with a pain check (`services.status`)
TREND_DAYS = 14  # this week against last week (`monitoring.weekly_means`)
RUN_DAYS = WINDOW + timedelta(days=7)  # the single-run cap's 30 days before each day of a week


def kept_mornings(
    mornings: Sequence[tuple[date, int]], rules: Adaptation
) -> tuple[tuple[date, int], ...]:
    """The morning checks the baseline (the last `baseline_window`), the weekly trend and the
    no-improvement rule (two weeks `no_improvement_days` apart) can still read."""
    if not mornings:
        return ()
    days = max(TREND_DAYS, rules.no_improvement_days + 7)
    since = mornings[-1][0] - timedelta(days=days)
    if mornings[0][0] >= since - SLACK and len(mornings) <= 2 * rules.baseline_window + days:
        return tuple(mornings)
    first = min(_first_on_or_after(mornings, since), max(0, len(mornings) - rules.baseline_window))
    return tuple(mornings[first:])


def kept_checks(
    checks: Sequence[tuple[date, bool]], rules: Adaptation
) -> tuple[tuple[date, bool], ...]:
    """The pain checks of the repeated-failure window, and of the last days with a check that
    the roster shows however long ago they were."""
    if not checks:
        return ()
    since = checks[-1][0] - timedelta(days=rules.repeated_fail_window)
    if checks[0][0] >= since - SLACK:
        return tuple(checks)
    first = min(_first_on_or_after(checks, since), _first_of_last_days(checks, CHECK_DAYS_SHOWN))
    return tuple(checks[first:])


def kept_runs(
    runs: Sequence[tuple[date, float]], week_began: date
) -> tuple[tuple[date, float], ...]:
    """The runs the single-run cap can still read: those of the 30 days before the first day of
    the running week the engine is in, and after."""
    since = week_began - RUN_DAYS
    if not runs or runs[0][0] >= since - SLACK:
        return tuple(runs)
    return tuple(runs[_first_on_or_after(runs, since) :])


def _first_on_or_after(history: Sequence[tuple[date, object]], since: date) -> int:
    """The index of the first item on or after `since`, reading back from the end only that far."""
    index = len(history)
    while index > 0 and history[index - 1][0] >= since:
        index -= 1
    return index


def _first_of_last_days(history: Sequence[tuple[date, object]], days: int) -> int:
    """The index of the first item of the last `days` distinct days."""
    seen: set[date] = set()
    index = len(history)
    while index > 0:
        day = history[index - 1][0]
        if day not in seen and len(seen) == days:
            break
        seen.add(day)
        index -= 1
    return index
