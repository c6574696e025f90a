"""Running volume per week, and the run doses of a plan: the walk/run programme, then easy runs.

Weeks. Running is prescribed per week, never per run: week n of an episode is the seven days from
`anchor + 7n` (the episode's first day), so every plan built from the engine's state, on whatever
day, agrees on which runs make up a week. A week's volume is split into its runs, shortest first
and differing by at most 0.1 km, so the runs add up to the week exactly however many there are.

The weekly rules (dosage.yaml), for continuous running:

- A week grows at most `weekly_increase` (10%) over the week before it and at most
  `two_week_cap` (x1.30, Nielsen 2014) over the week two before it.
- After `recovery_after_weeks` (3) weeks that grew, a recovery week of `recovery_share` (75%) of
  the last build week, as published plans do. The week after it resumes from the last build week,
  not from the recovery week: it may be up to 10% over the last build week, and both rules then
  measure against the build weeks, skipping the recovery week. The lighter week is a planned dip,
  not the load the tissues have adapted to; measured against it, going back to the level already
  run would read as a 33-47% "spike" and the runner would never get past it.
- A week only grows after a week that earned it: the engine marks a week earned when a run within
  the pain limit was logged in it, with no flare-up since. A plan projects every future week as
  earned ("if it goes well"); weeks that have begun without an earning run hold.
- Never above the pre-injury volume (or the current one, when that is higher).
- A flare-up cuts the volume by `flare_run_cut` (adaptation.yaml), once per flare-up (the engine
  sees to that), and the cut volume is the new base: the week after a flare does not rebound.
- No single run more than `single_run_cap` (x1.10) over the longest run of the previous 30 days
  (Frandsen 2025). Every week, the first included, is no bigger than its runs can be within that
  cap as it stands when the week starts (`within_run_cap`): the runs then never need trimming
  inside the week, and the week is the base of the next. Were the cap applied run by run instead,
  a week held down by it would grow 10% a run (33% a week with three runs) once the runs were done,
  and a runner who ran shorter than planned would see the next weeks jump back to the plan.

The walk/run programme is session-based, as published (each phase at least twice, a rest day
between runs, level ground, stopped by symptoms): its sessions (1.6 to 3.2 km) grow phase by phase,
and no whole number of phases could grow a week by 10% (each phase is up to 50% longer than the
last). The weekly rules take over when it ends: the first continuous week holds the last walk/run
week's volume (the phase 6 distance on each of the same run days, or the last 7 days' sessions if
they added up to less) and grows from there; the 30%-over-two-weeks rule measures from that first
continuous week on, never against a walk/run week.

Under `shortest_run_km` a week the runner counts as not running yet (10% of it would round to
nothing) and starts the walk/run programme; a runner whose volume cannot give every run day that
much runs on fewer days (`run_days_for`), kept as the volume grows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runrehab.domain.knowledge import Dosage, RunPolicy
from runrehab.domain.plan import RunDose
from runrehab.domain.units import minutes_from_s

WINDOW = timedelta(days=30)
WEEK = timedelta(days=7)
EASY_PACE = "easy: conversational, RPE 3-4/10"


@dataclass(frozen=True, slots=True)
class WeeklyVolume:
    """One week's prescribed running volume (km), with what the weekly rules need to know about
    the weeks before it. `last_build_km` is the latest week that was not a recovery week (this one,
    unless it is a recovery week); `prior_build_km` the one before that."""

    km: float
    last_build_km: float
    prior_build_km: float
    builds: int = 0  # weeks that grew since the start or the last recovery week (holds keep it)
    recovery: bool = False


def starting_volume(
    weekly_km: float, longest_30d_km: float | None, runs_per_week: int, dosage: Dosage
) -> WeeklyVolume:
    """The first week: the runner's current volume, no higher than `runs_per_week` runs at the
    single-run cap (so the cap never trims a week and the next week cannot jump over it)."""
    tenths = _tenths(weekly_km)
    if longest_30d_km:
        tenths = min(
            tenths, max(1, runs_per_week) * _tenths(longest_30d_km * dosage.single_run_cap)
        )
    km = tenths / 10
    return WeeklyVolume(km, km, km)


def after_walk_run(
    dosage: Dosage, runs_per_week: int, last_week_km: float | None = None
) -> WeeklyVolume:
    """The first continuous week: the last walk/run phase's distance on each run day, no more
    than the walk/run sessions of the last 7 days added up (`last_week_km`, when known: less when
    sessions were shortened by the single-run cap or skipped)."""
    km = _tenths(dosage.walk_run[-1].total_km * max(1, runs_per_week)) / 10
    if last_week_km:
        km = min(km, _tenths(last_week_km) / 10)
    return WeeklyVolume(km, km, km)


def next_week(
    week: WeeklyVolume,
    dosage: Dosage,
    target_km: float | None,
    *,
    earned: bool,
    run_cap_km: float | None = None,
    runs_per_week: int = 1,
) -> WeeklyVolume:
    """The week after `week`: a hold unless `week` earned a build; else a build within the 10% and
    two-week rules and the target, a recovery week after `recovery_after_weeks` builds, or (after
    a recovery week) a return to the build weeks' level and growth measured against them. Then no
    more than `runs_per_week` runs of `run_cap_km` (the single-run cap when the week starts)."""
    following = _following(week, dosage, target_km, earned=earned)
    return within_run_cap(following, run_cap_km, runs_per_week)


def within_run_cap(week: WeeklyVolume, run_cap_km: float | None, runs: int) -> WeeklyVolume:
    """The week, no bigger than `runs` runs at `run_cap_km`; a week the cap holds down is the new
    base for the weekly rules (what the runner can be given is what the next week grows from)."""
    if run_cap_km is None:
        return week
    return _no_more_than(week, max(1, runs) * _tenths(run_cap_km))


def as_prescribed(
    week: WeeklyVolume,
    first_day: date,
    run_days: frozenset[int],
    runs: Sequence[tuple[date, float]],
    dosage: Dosage,
) -> WeeklyVolume:
    """The week starting `first_day` as its runs were prescribed: each run day's share, none over
    the single-run cap on its day (from `runs`, done or planned, in date order). Less than the
    week's volume when the cap cut runs short inside the week (a first run shorter than planned
    sets a lower cap for the rest of it); the next week then grows from what was prescribed, not
    from a volume the cap did not allow."""
    days = [first_day + timedelta(days=i) for i in range(7)]
    days = [d for d in days if d.weekday() in run_days]
    if not days:
        return week
    total = 0
    for day, share in zip(days, split(week.km, len(days)), strict=True):
        longest = longest_before(runs, day)
        cap = None if longest is None else _tenths(longest * dosage.single_run_cap)
        total += _tenths(share) if cap is None else min(_tenths(share), cap)
    return _no_more_than(week, total)


def _no_more_than(week: WeeklyVolume, tenths: int) -> WeeklyVolume:
    if _tenths(week.km) <= tenths:
        return week
    km = tenths / 10
    if week.recovery:
        return replace(week, km=km)
    return replace(week, km=km, last_build_km=km)


def _following(
    week: WeeklyVolume, dosage: Dosage, target_km: float | None, *, earned: bool
) -> WeeklyVolume:
    if not earned:
        return week if week.recovery else replace(week, prior_build_km=week.km)
    if week.recovery:
        return _grown(week.last_build_km, week.prior_build_km, week.builds, dosage, target_km)
    if week.builds >= dosage.recovery_after_weeks:
        lighter = _tenths(week.km * dosage.recovery_share) / 10
        return replace(week, km=lighter, builds=0, recovery=True)
    return _grown(week.km, week.prior_build_km, week.builds, dosage, target_km)


def _grown(
    base_km: float, prior_km: float, builds: int, dosage: Dosage, target_km: float | None
) -> WeeklyVolume:
    tenths = min(
        _tenths(base_km * (1 + dosage.weekly_increase)),
        _tenths(prior_km * dosage.two_week_cap),
    )
    if target_km is not None:
        tenths = min(tenths, max(_tenths(target_km), _tenths(base_km)))
    km = max(tenths, _tenths(base_km)) / 10
    return WeeklyVolume(km, km, base_km, builds + 1 if km > base_km else builds)


def advance(
    week: WeeklyVolume,
    weeks: int,
    dosage: Dosage,
    target_km: float | None,
    *,
    earned: bool,
    run_cap_km: float | None,
    runs_per_week: int,
) -> WeeklyVolume:
    """`weeks` weeks on from `week`: the first builds if `week` was earned, the others hold (no
    run was logged in them), all within the single-run cap of the last week's start. Holds repeat
    themselves, so at most two steps are ever computed."""
    for n in range(min(weeks, 2)):
        week = next_week(
            week,
            dosage,
            target_km,
            earned=earned and n == 0,
            run_cap_km=run_cap_km,
            runs_per_week=runs_per_week,
        )
    return week


def km_between(runs: Sequence[tuple[date, float]], after: date, upto: date) -> float:
    """The km of `runs` (in date order) in (`after`, `upto`], reading back only that far."""
    total = 0.0
    for on, km in reversed(runs):
        if on <= after:
            break
        if on <= upto:
            total += km
    return total


def longest_before(runs: Sequence[tuple[date, float]], day: date) -> float | None:
    """The longest of `runs` (in date order) in the 30 days before `day`, reading back only as
    far as the window."""
    longest: float | None = None
    for on, km in reversed(runs):
        if on < day - WINDOW:
            break
        if on < day:
            longest = km if longest is None else max(longest, km)
    return longest


def cut(week: WeeklyVolume, share: float) -> WeeklyVolume:
    """A flare-up's cut: `share` less from now on, and the cut volume is the new base for both
    weekly rules and for the build count (a week after a flare does not rebound to the old
    level)."""
    km = _tenths(week.km * (1 - share)) / 10
    return WeeklyVolume(km, km, km)


def split(week_km: float, runs: int) -> tuple[float, ...]:
    """The week's `runs` runs, shortest first, adding up to `week_km` exactly."""
    count = max(1, runs)
    base, extra = divmod(_tenths(week_km), count)
    return tuple((base + (1 if i >= count - extra else 0)) / 10 for i in range(count))


def run_days_for(weekly_km: float, days: frozenset[int], shortest_km: float) -> frozenset[int]:
    """The runner's run days, or, when `weekly_km` cannot give each of them `shortest_km`, as
    many as it can, spread through the week. Chosen once, when running starts: a week whose
    number of runs changed as its volume did could lose runs mid-week (and the week after would
    jump over it)."""
    ordered = sorted(days)
    count = max(1, min(len(ordered), math.floor(weekly_km / shortest_km + 1e-9)))
    if not ordered or count == len(ordered):
        return days
    return frozenset(ordered[i * len(ordered) // count] for i in range(count))


def _tenths(km: float) -> int:
    return max(0, math.floor(km * 10 + 1e-6))


# -- the plan's runs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunningStart:
    """Where running stands when a plan is built: from the engine's state, or the intake's."""

    anchor: date  # the episode's first day: week n starts on anchor + 7n
    run_days: frozenset[int]  # weekdays with a run
    volume: WeeklyVolume  # continuous running in week `week` (the start volume before that)
    week: int
    earned: bool  # week `week` has earned a build
    continuous: bool  # False: the walk/run programme first
    walk_run_done: int = 0  # walk/run sessions already completed
    target_km: float | None = None  # the pre-injury weekly volume
    history: tuple[tuple[date, float], ...] = ()  # dated runs (date, km) for the 30-day rule

    def week_of(self, day: date) -> int:
        return (day - self.anchor).days // 7


def plan_runs(
    run_dates: Sequence[date],
    begin: RunningStart,
    dosage: Dosage,
    policy_on: Callable[[date], RunPolicy],
) -> dict[date, RunDose]:
    """The run dose for each of `run_dates` (in order, on `begin.run_days`)."""
    longest = _LongestRuns(begin.history)
    walk_run_left = [] if begin.continuous else _walk_run_sessions(dosage)[begin.walk_run_done :]
    volumes = _Volumes(begin, dosage, run_dates[0] if run_dates else begin.anchor, longest)
    doses: dict[date, RunDose] = {}
    for on in run_dates:
        if walk_run_left:
            dose = walk_run_left.pop(0)
            volumes.walk_run_until(on)
        else:
            dose = _easy_run(on, volumes.of(begin.week_of(on)), begin, dosage, policy_on(on))
        dose = _capped(dose, longest.cap_km(on, dosage.single_run_cap), dosage)
        longest.add(on, dose.distance_km or 0.0)
        doses[on] = dose
    return doses


class _Volumes:
    """Each week's volume, from the start's week on. Weeks before the plan's first week are
    facts: the start's week builds only if the engine saw it earned, and a week that passed with
    no entry at all holds. The plan's own weeks are projected as earned ("if it goes well")."""

    def __init__(
        self, begin: RunningStart, dosage: Dosage, first_day: date, longest: _LongestRuns
    ) -> None:
        self._begin, self._dosage, self._longest = begin, dosage, longest
        self._first = begin.week_of(first_day)
        self._week = begin.week
        self._volume: WeeklyVolume | None = begin.volume if begin.continuous else None
        self._last_session: date | None = None

    def walk_run_until(self, on: date) -> None:
        """A walk/run session on `on`: continuous running starts from the last walk/run week's
        volume (`after_walk_run`), and builds from the week after."""
        self._week = max(self._week, self._begin.week_of(on))
        self._last_session = on

    def of(self, week: int) -> WeeklyVolume:
        if self._volume is None:
            last = self._last_session
            done = self._longest.total_km(last - WEEK, last) if last else None
            self._volume = after_walk_run(self._dosage, len(self._begin.run_days), done)
        while self._week < week:
            begins = self._begin.anchor + WEEK * self._week
            self._volume = as_prescribed(
                self._volume, begins, self._begin.run_days, self._longest.runs, self._dosage
            )
            past = self._week < self._first  # a fact, not a projection
            earned = not past or (self._begin.earned and self._week == self._begin.week)
            self._week += 1
            starts = self._begin.anchor + WEEK * self._week
            self._volume = next_week(
                self._volume,
                self._dosage,
                self._begin.target_km,
                earned=earned,
                run_cap_km=self._longest.cap_km(starts, self._dosage.single_run_cap),
                runs_per_week=len(self._begin.run_days),
            )
        return self._volume


def _walk_run_sessions(dosage: Dosage) -> list[RunDose]:
    sessions = []
    for phase in dosage.walk_run:
        interval = (
            f"{phase.walk_min} min walk / {phase.run_min} min run, repeat"
            if phase.walk_min
            else "continuous easy running"
        )
        minutes = minutes_from_s(phase.total_km * dosage.assumed_walk_run_pace_s_per_km)
        why = (
            f"Walk/run phase {phase.phase}: complete each phase {dosage.walk_run_repeats} times "
            "without more pain, swelling or stiffness before moving on; level ground only."
        )
        dose = RunDose(
            minutes,
            phase.total_km,
            f"RPE {phase.rpe}/10",
            "flat, level surface",
            hills=False,
            speedwork=False,
            walk_run=interval,
            why=why,
        )
        sessions.extend([dose] * dosage.walk_run_repeats)
    return sessions


def _easy_run(
    on: date, week: WeeklyVolume, begin: RunningStart, dosage: Dosage, policy: RunPolicy
) -> RunDose:
    """This run's share of the week: the week's run days in order, shortest runs first."""
    days = _week_run_days(on, begin)
    km = split(week.km, len(days))[days.index(on)]
    hills = policy.hills and on == days[0]
    speed = policy.speedwork and on == days[-1] and len(days) > 1
    pace = EASY_PACE + (", then 4-6 relaxed 20 s strides" if speed else "")
    return RunDose(
        minutes=minutes_at(km, dosage.assumed_easy_pace_s_per_km),
        distance_km=km,
        pace=pace,
        terrain="gentle hills, add gradually" if hills else "flat",
        hills=hills,
        speedwork=speed,
        walk_run=None,
        why=_week_why(week, dosage),
    )


def _week_run_days(on: date, begin: RunningStart) -> list[date]:
    first = begin.anchor + WEEK * begin.week_of(on)
    days = (first + timedelta(days=i) for i in range(7))
    return [d for d in days if d.weekday() in begin.run_days] or [on]


def _week_why(week: WeeklyVolume, dosage: Dosage) -> str:
    if week.recovery:
        return (
            f"Recovery week: about {week.km:g} km, {dosage.recovery_share:.0%} of last week, "
            f"as training plans do after {dosage.recovery_after_weeks} weeks of building; next "
            "week picks up again from last week's volume."
        )
    return (
        f"Easy run: this week's running adds up to {week.km:g} km, growing at most "
        f"{dosage.weekly_increase:.0%} a week whatever the number of runs, with a lighter week "
        f"after every {dosage.recovery_after_weeks} weeks of building."
    )


class _LongestRuns:
    """The longest run of the 30 days before a date: the dated runs known (logged, imported from
    a watch, or the intake's longest run, dated the day before the episode) and the runs planned
    so far."""

    def __init__(self, history: Sequence[tuple[date, float]]) -> None:
        self.runs: list[tuple[date, float]] = list(history)

    def cap_km(self, on: date, ratio: float) -> float | None:
        longest = longest_before(self.runs, on)
        return None if longest is None else _tenths(longest * ratio) / 10

    def add(self, on: date, km: float) -> None:
        self.runs.append((on, km))

    def total_km(self, after: date, upto: date) -> float:
        """The km run (or planned) in (`after`, `upto`]."""
        return km_between(self.runs, after, upto)


def _capped(dose: RunDose, cap_km: float | None, dosage: Dosage) -> RunDose:
    if cap_km is None or dose.distance_km is None or dose.distance_km <= cap_km:
        return dose
    pace = (
        dosage.assumed_walk_run_pace_s_per_km
        if dose.walk_run
        else dosage.assumed_easy_pace_s_per_km
    )
    why = f"{dose.why} Capped at {cap_km} km: no run more than 10% over the longest of the last 30 days."
    return replace(dose, minutes=minutes_at(cap_km, pace), distance_km=cap_km, why=why)


def minutes_at(km: float, pace_s_per_km: int) -> int:
    """Whole minutes (at least one) for `km` at `pace_s_per_km`, as the plan prints a run."""
    return max(1, minutes_from_s(km * pace_s_per_km))
