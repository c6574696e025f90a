"""The runner's weekly availability, equipment and volumes: what the planner fits the plan into."""

from __future__ import annotations

from dataclasses import dataclass

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EQUIPMENT_LEVELS = ("none", "bands", "dumbbells", "gym")


@dataclass(frozen=True, slots=True)
class RunnerProfile:
    """Weekdays are 0 (Monday) to 6 (Sunday). Defaults suit a runner with no preferences given."""

    run_days: frozenset[int] = frozenset({1, 3, 5})
    strength_days: frozenset[int] = frozenset({0, 2, 4})
    rest_days: frozenset[int] = frozenset({6})
    equipment: str = "none"
    weekly_km_now: float | None = None
    weekly_km_before_injury: float | None = None
    goal: str | None = None
