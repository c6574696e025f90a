"""Which weekdays get which kind of session."""

from __future__ import annotations

from collections.abc import Iterable


def spread_days(days: Iterable[int], limit: int) -> frozenset[int]:
    """Up to `limit` of `days` (0-6) with no two adjacent, including Sunday-Monday.

    Greedy in weekday order, which keeps the runner's own first choices.
    """
    chosen: set[int] = set()
    for day in sorted(set(days)):
        if len(chosen) == limit:
            break
        if (day - 1) % 7 not in chosen and (day + 1) % 7 not in chosen:
            chosen.add(day)
    return frozenset(chosen)
