"""A distance as a runner types it on the command line, read one way by every command.

The rule (`DISTANCE_HELP`, printed in `runrehab pace --help` and `runrehab log run --help`):

- a bare number is kilometres: `5`, `21.1`;
- a unit makes it explicit: `5km`, `5k`, `3000m`, `3.1mi` (any case, spaces allowed);
- a race name: `mile`, `5k`, `10k`, `half`, `marathon`.

A bare number of 1000 or more is refused rather than guessed: `3000` is far more likely 3000 m
typed without its unit than a 3000 km run, and reading it either way would be wrong for someone.
Every problem names the field `distance`.
"""

from __future__ import annotations

import math
import re

from runrehab.domain.errors import InvalidInputError, Problem
from runrehab.domain.pace import MILE_M, STANDARD_DISTANCES_M

__all__ = ["DISTANCE_HELP", "distance_m_or_problem", "parse_distance_m"]

DISTANCE_HELP = (
    "A bare number is kilometres (5, 21.1); or give the unit (5km, 3000m, 3.1mi); or a race "
    "name (mile, 5k, 10k, half, marathon)."
)

_AMBIGUOUS_FROM = 1000.0
"""A bare number this big is refused: it is metres missing their unit, not kilometres."""

_NUMBER_UNIT = re.compile(
    r"(?P<number>[0-9]{1,9}(?:\.[0-9]{1,6})?|\.[0-9]{1,6})\s*(?P<unit>km|k|m|mi)?"
)
"""ASCII digits only (`\\d` takes any script's), and no more of them than any distance needs."""
_METRES_PER = {"km": 1000.0, "k": 1000.0, "m": 1.0, "mi": MILE_M, None: 1000.0}
_NAMES = {key: m for key, m in STANDARD_DISTANCES_M.items() if not key.isdigit()}


def quoted(text: str, at_most: int = 40) -> str:
    """`text` quoted for a message, cut short: the message need not repeat a page of input."""
    return repr(text if len(text) <= at_most else text[:at_most] + "…")


def parse_distance_m(text: str) -> float:
    """Metres for `text` read by the rule above, or InvalidInputError naming `distance`."""
    found = distance_m_or_problem(text)
    if isinstance(found, Problem):
        raise InvalidInputError("distance", [found])
    return found


def distance_m_or_problem(text: str) -> float | Problem:
    """Metres, or the Problem (for callers that collect every problem before raising)."""
    key = text.strip().lower()
    if key in _NAMES:
        return _NAMES[key]
    match = _NUMBER_UNIT.fullmatch(key)
    if match is None:
        return Problem(
            "distance",
            f"expected a distance in digits 0-9 such as 5, 5km, 3000m or 10k, got {quoted(text)}",
        )
    number, unit = float(match["number"]), match["unit"]
    if unit is None and number >= _AMBIGUOUS_FROM:
        return Problem(
            "distance",
            f"{match['number']} is ambiguous: a bare number is kilometres; for metres write "
            f"{match['number']}m, for kilometres {match['number']}km",
        )
    metres = number * _METRES_PER[unit]
    if not (math.isfinite(metres) and metres > 0):
        return Problem("distance", f"must be more than zero, got {text!r}")
    return metres
