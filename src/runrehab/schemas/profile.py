"""The optional runner profile of `runrehab plan --profile`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from runrehab.domain.profile import WEEKDAYS, RunnerProfile
from runrehab.schemas.validation import validate

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Km = Annotated[float, Field(ge=0, le=1000)]
_DEFAULT = RunnerProfile()


def _names(days: frozenset[int]) -> list[Weekday]:
    return [WEEKDAYS[d] for d in sorted(days)]  # type: ignore[misc]


class ProfileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    run_days: list[Weekday] = Field(default=_names(_DEFAULT.run_days), max_length=7)
    strength_days: list[Weekday] = Field(default=_names(_DEFAULT.strength_days), max_length=7)
    rest_days: list[Weekday] = Field(default=_names(_DEFAULT.rest_days), max_length=7)
    equipment: Literal["none", "bands", "dumbbells", "gym"] = "none"
    weekly_km_now: Km | None = None
    weekly_km_before_injury: Km | None = None
    goal: str | None = Field(default=None, max_length=200)

    def to_domain(self) -> RunnerProfile:
        return RunnerProfile(
            run_days=frozenset(WEEKDAYS.index(d) for d in self.run_days),
            strength_days=frozenset(WEEKDAYS.index(d) for d in self.strength_days),
            rest_days=frozenset(WEEKDAYS.index(d) for d in self.rest_days),
            equipment=self.equipment,
            weekly_km_now=self.weekly_km_now,
            weekly_km_before_injury=self.weekly_km_before_injury,
            goal=self.goal,
        )


def parse_profile(raw: object, source: str) -> RunnerProfile:
    return validate(ProfileModel, raw, source).to_domain()


def profile_to_json(profile: RunnerProfile) -> dict[str, Any]:
    """The profile as stored: only what differs from the default (the default profile is `{}`),
    in the shape `parse_profile` reads back."""
    given, default = _as_json(profile), _as_json(_DEFAULT)
    return {key: value for key, value in given.items() if value != default[key]}


def _as_json(profile: RunnerProfile) -> dict[str, Any]:
    return {
        "run_days": _names(profile.run_days),
        "strength_days": _names(profile.strength_days),
        "rest_days": _names(profile.rest_days),
        "equipment": profile.equipment,
        "weekly_km_now": profile.weekly_km_now,
        "weekly_km_before_injury": profile.weekly_km_before_injury,
        "goal": profile.goal,
    }
