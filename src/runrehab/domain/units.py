"""Conversions every screen shares, so one quantity never reads two ways."""

from __future__ import annotations

import math


def minutes_from_s(duration_s: float) -> int:
    """Whole minutes as people read a duration: the nearest minute, halves up (2914.6 s is 49 min,
    150 s is 3 min); anything that took time is at least 1 minute, and nothing is 0."""
    if duration_s <= 0:
        return 0
    return max(1, math.floor(duration_s / 60 + 0.5))
