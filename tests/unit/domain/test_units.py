"""One conversion from seconds to the minutes people read, used by every screen."""

from __future__ import annotations

import pytest

from runrehab.domain.units import minutes_from_s


@pytest.mark.parametrize(
    ("duration_s", "minutes"),
    [(2914.6, 49), (2909.9, 48), (150, 3), (90, 2), (20, 1), (0, 0), (-5, 0)],
)
def test_minutes_are_the_nearest_whole_minute_halves_up_and_never_zero_for_time_spent(
    duration_s: float, minutes: int
) -> None:
    assert minutes_from_s(duration_s) == minutes
