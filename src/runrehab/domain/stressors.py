"""What a stage adds that stresses the injured tissue, and in which week of the stage it comes.

A new strength, jumping or stretching exercise, hills and speed work are each a stressor; a stage
brings them in one at a time, a week apart (`one_new_stressor_a_week` in `dosage.yaml`), so a
flare-up can be traced to what caused it. Warm-up, activation, balance and soft-tissue work are
not stressors: they are light and keep their dose.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from runrehab.domain.knowledge import Exercise, Stage

STRESSING_CATEGORIES = ("strength", "plyometric", "stretch")


@dataclass(frozen=True, slots=True)
class Stressor:
    name: str  # an exercise id, "hills" or "speed work"
    week: int  # the week of the stage it starts in (1 = the first)


def new_stressors(
    previous: Stage | None, stage: Stage, exercises: dict[str, Exercise]
) -> tuple[Stressor, ...]:
    """What `stage` adds over `previous`: its stressing exercises the previous stage did not
    prescribe, and hills or speed work the previous stage did not allow."""
    before = {p.exercise for p in previous.prescriptions} if previous else set()
    added = [
        Stressor(p.exercise, p.from_week)
        for p in stage.prescriptions
        if p.exercise not in before and exercises[p.exercise].category in STRESSING_CATEGORIES
    ]
    run, was = stage.running, previous.running if previous else None
    if run.hills and not (was and was.hills):
        added.append(Stressor("hills", run.hills_from_week))
    if run.speedwork and not (was and was.speedwork):
        added.append(Stressor("speed work", run.speedwork_from_week))
    return tuple(sorted(added, key=lambda s: s.week))


def crowded_weeks(stressors: tuple[Stressor, ...]) -> tuple[int, ...]:
    """Weeks of a stage that bring in more than one new stressor."""
    counts = Counter(s.week for s in stressors)
    return tuple(sorted(week for week, n in counts.items() if n > 1))
