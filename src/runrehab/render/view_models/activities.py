"""Activity files: imported, listed, awaiting pain scores; the training load."""

from __future__ import annotations

from runrehab.render.view_models.common import Object, Reason, ViewModel


class Activity(ViewModel):
    id: str
    on: str
    sport: str
    sport_confirmed: bool
    sport_guess: str | None
    start_time: str | None
    clock_unset: bool
    distance_m: float
    timer_s: float
    avg_hr: int | None
    ascent_m: float | None
    laps: int
    source_name: str | None


class ListedActivity(Activity):
    minutes: int


class AwaitingRun(ViewModel):
    """A run from the watch that waits for its pain scores, with what the plan says about it."""

    id: str
    on: str
    distance_km: float
    minutes: int
    avg_hr: int | None
    sport_confirmed: bool
    hilly: bool
    speedwork: bool
    planned: str | None
    flags: list[Reason]


class Imported(ViewModel):
    file: str
    sport: str
    distance_m: float


class Duplicate(ViewModel):
    file: str
    why: str


class Failed(ViewModel):
    file: str
    reason: str


class Guessed(ViewModel):
    file: str
    id: str
    guess: str | None
    sport: str
    counted_as_run: bool
    reason: str
    distance_m: float


class ImportReport(ViewModel):
    """Every file in exactly one of imported, duplicates and failed; a guessed sport is said."""

    imported: list[Imported]
    duplicates: list[Duplicate]
    failed: list[Failed]
    guessed: list[Guessed]


class Ramp(ViewModel):
    last_2w_km: float
    previous_2w_km: float
    ratio: float | None
    over: bool


class Curve(ViewModel):
    on: str
    fitness: float
    fatigue: float


class Unconfirmed(ViewModel):
    runs: int
    km: float
    ids: list[str]


class Load(ViewModel):
    weeks: list[str]
    km: list[float]
    minutes: list[int]
    ascent_m: list[int | float]
    worst_pain: list[int | None]
    days: list[str]
    daily_km: list[float]
    daily_minutes: list[int]
    ramp: Ramp
    next_run_cap_km: float | None
    curves: list[Curve]
    zones_s: Object | list[Object] | None
    why: Reason
    unconfirmed: Unconfirmed
