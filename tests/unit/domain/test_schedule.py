from __future__ import annotations

from runrehab.domain.schedule import spread_days


def test_keeps_the_runners_first_choices_and_drops_neighbours() -> None:
    assert spread_days({0, 1, 2, 3, 4}, 3) == {0, 2, 4}


def test_sunday_and_monday_are_neighbours() -> None:
    assert spread_days({6, 0}, 2) == {0}


def test_respects_the_limit() -> None:
    assert spread_days({0, 2, 4}, 2) == {0, 2}
    assert spread_days(set(), 3) == frozenset()
