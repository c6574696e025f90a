"""The exercise library."""

from __future__ import annotations

from pydantic import Field

from runrehab.render.view_models.common import Object, ViewModel


class Exercise(ViewModel):
    id: str
    name: str
    category: str
    instructions: list[str]
    cues: list[str]
    mistakes: list[str]
    equipment: list[str]
    loads: list[str]
    stages: list[str]
    dose: Object
    easier: Object | None
    harder: Object | None
    citation: str | None
    hip_flexion: str
    timing: str
    schedulable: bool
    progression: str = Field(
        description="how its dose climbs: rep_ladder, heavy_slow, high_load_heel, endurance, "
        "eccentric, isometric, ramp or fixed (the steps are in docs/knowledge-base.md, Dosing)"
    )
    without_weights: str | None = Field(
        description="for a heavy exercise, what to use to make it heavy without weights"
    )
    illustration: str = Field(description="the exercise's drawing (SVG), a path on this site")
