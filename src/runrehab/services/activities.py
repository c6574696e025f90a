"""Import runs from watch files: store each new activity's summary, skip duplicates and say so,
report every file that could not be read, and never stop at one bad file.

Decoding happens before this (the readers, in a process pool); this use case only decides and
stores, committing in batches: a crash keeps every batch already committed, and importing the
same files again skips them by their hash. Duplicates are found in one query of the runner's
file hashes and start times, then by set and by start-time slot, so an import costs the same per
file whatever the length of the runner's history.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from runrehab.domain.activity import (
    RUN_SPORTS,
    SAME_START,
    Activity,
    Character,
    Decoded,
    character,
    same_run,
)
from runrehab.domain.adaptation.reasons import reason
from runrehab.domain.errors import (
    ConcurrentWriteError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Problem,
)
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.load import SPIKE_WINDOW, Run, spike
from runrehab.domain.log import RunLog
from runrehab.domain.plan import Plan
from runrehab.domain.records import StoredActivity
from runrehab.domain.sport_guess import SportGuess, guess_sport, states_its_sport
from runrehab.domain.units import minutes_from_s
from runrehab.render.serialize import reason_to_json
from runrehab.services.ports import Clock, UnitOfWork
from runrehab.services.progress import Logged, current_plan, log_entry
from runrehab.services.status import after_import

BATCH = 200


class _Starts:
    """Activities by start time in `SAME_START`-wide slots: a twin (`same_run`) starts within
    `SAME_START` seconds, so it is in the activity's slot or a neighbour, and finding it looks at
    three slots instead of the whole history. The first twin added wins, as a scan would find."""

    def __init__(self, activities: Iterable[Activity]) -> None:
        self._slots: defaultdict[int, list[tuple[int, Activity]]] = defaultdict(list)
        self._added = 0
        for activity in activities:
            self.add(activity)

    def add(self, activity: Activity) -> None:
        if activity.start_time is not None:
            self._slots[_slot(activity)].append((self._added, activity))
            self._added += 1

    def twin(self, activity: Activity) -> Activity | None:
        if activity.start_time is None:
            return None
        slot = _slot(activity)
        twins = [
            found
            for near in (slot - 1, slot, slot + 1)
            for found in self._slots.get(near, ())
            if same_run(found[1], activity)
        ]
        return min(twins, key=lambda found: found[0])[1] if twins else None


_SLOT = timedelta(seconds=SAME_START)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _slot(activity: Activity) -> int:
    """Whole slots since 1970 (timedelta division is exact: no start is pushed a slot too far)."""
    assert activity.start_time is not None
    return (activity.start_time - _EPOCH) // _SLOT


@dataclass(frozen=True, slots=True)
class Guessed:
    """An imported file that named no sport: what it was stored as, and why."""

    file: str
    activity_id: str
    distance_m: float
    guess: SportGuess

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "id": self.activity_id,
            "guess": self.guess.guess,
            "sport": self.guess.sport,
            "counted_as_run": self.guess.counted_as_run,
            "reason": self.guess.reason,
            "distance_m": self.distance_m,
        }


NO_ACTIVITY_FILES = "no FIT, GPX or TCX file (or .gz, or .zip of them) among the files"


@dataclass
class ImportReport:
    """Every file lands in exactly one of imported, duplicates and failed; an imported file that
    named no sport is in `guessed` as well, so its guess is always said."""

    imported: list[tuple[str, Activity]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    guessed: list[Guessed] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": [
                {"file": n, "sport": a.sport, "distance_m": a.distance_m} for n, a in self.imported
            ],
            "duplicates": [{"file": n, "why": w} for n, w in self.duplicates],
            "failed": [{"file": n, "reason": r} for n, r in self.failed],
            "guessed": [g.as_json() for g in self.guessed],
        }

    def or_refused(self) -> ImportReport:
        """The report, or InvalidInputError with each file's reason when nothing was imported or
        already there (every file failed, or none was an activity file)."""
        if self.imported or self.duplicates:
            return self
        problems = [Problem(name, why.removeprefix(f"{name}: ")) for name, why in self.failed]
        raise InvalidInputError("import", problems or [Problem("files", NO_ACTIVITY_FILES)])


def import_decoded(
    runner_id: str,
    decoded: Iterable[Decoded],
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
    on_each: Callable[[Decoded], None] | None = None,
) -> ImportReport:
    """Store the activities among `decoded` that the runner does not have yet."""
    report = ImportReport()
    with uow:
        hashes, timed = uow.activities.known(runner_id)
    starts = _Starts(timed)
    pending: list[StoredActivity] = []
    for item in decoded:
        if on_each is not None:
            on_each(item)
        stored = _decide(item, hashes, starts, report, clock().date())
        if stored is not None:
            pending.append(stored)
        if len(pending) >= BATCH:
            _store(runner_id, pending, kb, uow, clock)
    _store(runner_id, pending, kb, uow, clock)
    return report


def _decide(
    item: Decoded,
    hashes: set[str],
    starts: _Starts,
    report: ImportReport,
    today: date,
) -> StoredActivity | None:
    if item.activity is None:
        report.failed.append((item.name, item.error or "could not be read"))
        return None
    if item.sha256 in hashes:
        report.duplicates.append((item.name, "this file was imported before"))
        return None
    twin = starts.twin(item.activity)
    if twin is not None:
        report.duplicates.append((item.name, _twin_reason(twin)))
        return None
    hashes.add(item.sha256)
    starts.add(item.activity)
    report.imported.append((item.name, item.activity))
    on = item.activity.start_time.date() if item.activity.start_time else today
    activity_id, guess = uuid.uuid4().hex, _guess(item.activity)
    if guess is not None:
        report.guessed.append(Guessed(item.name, activity_id, item.activity.distance_m, guess))
    return activity_id, item.sha256, item.name, item.activity, on, guess


def _guess(activity: Activity) -> SportGuess | None:
    """The likely sport of a file that names none; None when the file says."""
    if states_its_sport(activity.sport):
        return None
    return guess_sport(activity.distance_m, activity.timer_s, activity.pace_histogram)


def _twin_reason(twin: Activity) -> str:
    assert twin.start_time is not None
    started = twin.start_time.strftime("%Y-%m-%d %H:%M UTC")
    return f"the same run as the one started {started} (another device or export)"


def _store(
    runner_id: str,
    pending: list[StoredActivity],
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
) -> None:
    if not pending:
        return
    with uow:
        uow.episodes.lock_runner(runner_id)
        uow.activities.add_many(runner_id, pending, clock())
        _flag_spikes(runner_id, pending, kb, uow, clock)
        uow.commit()
    pending.clear()


def _flag_spikes(
    runner_id: str, pending: list[StoredActivity], kb: KnowledgeBase, uow: UnitOfWork, clock: Clock
) -> None:
    """The roster's watch spike, in the batch's own transaction: each imported run against the
    runner's runs (imported and logged) of the 30 days before it."""
    status = uow.status.get(runner_id)
    runs = [
        (on, a.distance_m / 1000)
        for _, _, _, a, on, guess in pending
        if (a.sport if guess is None else guess.sport) in RUN_SPORTS
    ]
    if status is None or not runs:
        return
    first, last = min(d for d, _ in runs) - SPIKE_WINDOW, max(d for d, _ in runs)
    logged = uow.coaching.session_days([status.episode_id], first, last)
    history = uow.activities.runs(runner_id, since=first) + [
        Run(day, km, 0.0) for _, day, _, km in logged if km
    ]
    ratio = kb.dosage.single_run_cap
    uow.status.put(after_import(status, history, runs, ratio, clock()))


def activities(runner_id: str, uow: UnitOfWork, limit: int = 200) -> list[dict[str, Any]]:
    """The runner's activities, newest first, each with its `minutes` as every screen shows them."""
    with uow:
        rows = uow.activities.listed(runner_id, limit)
    return [{**row, "minutes": minutes_from_s(row["timer_s"])} for row in rows]


def unconfirmed(runner_id: str, uow: UnitOfWork, limit: int = 50) -> list[dict[str, Any]]:
    """The runner's activities whose sport is still runrehab's guess, newest first."""
    with uow:
        return uow.activities.listed(runner_id, limit, unconfirmed=True)


def confirm_sport(
    runner_id: str, activity_id: str, was_run: bool, uow: UnitOfWork
) -> dict[str, Any]:
    """The runner's answer to a guessed sport: a run counts in the load, anything else does not
    ("walking" stays walking, the rest becomes "other"). Answering again sets the same state, so
    a repeat (a double tap, a retried request) changes nothing; a later different answer wins.
    Only a guess can be answered: a sport the file named is not runrehab's to change."""
    with uow:
        uow.episodes.lock_runner(runner_id)
        found = uow.activities.listed(runner_id, 1, activity_id=activity_id)
        if not found:
            raise NotFoundError("no such activity")
        if found[0]["sport_guess"] is None:
            raise InvalidInputError(
                "sport", [Problem("sport", "the file named its sport; only a guess is confirmed")]
            )
        if not was_run and uow.logs.entry(ENTRY_PREFIX + activity_id) is not None:
            raise ConflictError(SCORED_AS_RUN)
        sport = "running" if was_run else _not_a_run(found[0]["sport"])
        uow.activities.set_sport(runner_id, activity_id, sport)
        uow.commit()
        return uow.activities.listed(runner_id, 1, activity_id=activity_id)[0]


def _not_a_run(sport: str) -> str:
    return "walking" if sport == "walking" else "other"


SCORED_AS_RUN = (
    "Not changed: you gave this activity pain scores, so it is logged as a run and the plan has "
    "already adapted to it."
)
RESCORED = (
    "Not saved: this run already has its pain scores, and nothing was changed. If they were wrong, "
    "log how you feel in tomorrow's check-in."
)
ENTRY_PREFIX = "activity-"  # a run logged from an activity has this id, so it is logged once
AWAITING_DAYS = 7
AWAITING_LISTED = 50  # activities read for the last week: more than anyone records
AWAITING_PLAN_WEEKS = 2  # the plan from a week ago, reaching today


def awaiting_pain(
    runner_id: str, episode_id: str, today: date, kb: KnowledgeBase, uow: UnitOfWork
) -> list[dict[str, Any]]:
    """Runs from the watch in the last week that the runner has not scored yet, each with the
    run planned that day and what the plan says about it (hills, speed work, the spike rule)."""
    since = today - timedelta(days=AWAITING_DAYS)
    with uow:
        recent = uow.activities.listed(runner_id, AWAITING_LISTED, since=since)
        logged = {e.id for e in uow.logs.entries(episode_id)}
        history = uow.activities.runs(runner_id, since=since - SPIKE_WINDOW)
    waiting = unscored(recent, logged, today)
    if not waiting:
        return []
    return checked(
        waiting, current_plan(episode_id, since, AWAITING_PLAN_WEEKS, kb, uow), history, kb
    )


def unscored(recent: list[dict[str, Any]], logged: set[str], today: date) -> list[dict[str, Any]]:
    """The runs among `recent` activities (newest first, as `listed` reads them) that no entry
    id in `logged` scores yet and that are not after `today`, oldest first."""
    return [
        a
        for a in reversed(recent)
        if a["sport"] in RUN_SPORTS
        and ENTRY_PREFIX + a["id"] not in logged
        and a["on"] <= str(today)
    ]


def checked(
    waiting: list[dict[str, Any]], plan: Plan, history: list[Run], kb: KnowledgeBase
) -> list[dict[str, Any]]:
    """Each unscored run with the run `plan` (from a week ago) had that day and what it says
    about it; `history` the watch runs from the spike window before the week on."""
    return [_checked(a, plan, history, kb) for a in waiting]


def _checked(
    a: dict[str, Any], plan: Plan, history: list[Run], kb: KnowledgeBase
) -> dict[str, Any]:
    day = date.fromisoformat(a["on"])
    km = round(a["distance_m"] / 1000, 2)
    found = _character(a, kb)
    planned = next((s for s in plan.sessions if s.date == day and s.run is not None), None)
    stage = next((s for s in plan.stages if s.status == "current"), None)
    flags = []
    if stage is not None and (
        (found.hilly and not stage.hills) or (found.speedwork and not stage.speedwork)
    ):
        flags.append(reason(kb, "hills_or_speed_too_early"))
    if spike(history, day, km, kb.dosage.single_run_cap).over:
        flags.append(reason(kb, "run_longer_than_cap", distance_km=km))
    return {
        "id": a["id"],
        "on": a["on"],
        "distance_km": km,
        "minutes": minutes_from_s(a["timer_s"]),
        "avg_hr": a["avg_hr"],
        "sport_confirmed": a["sport_confirmed"],
        "hilly": found.hilly,
        "speedwork": found.speedwork,
        "planned": None if planned is None else planned.title,
        "flags": [reason_to_json(f, kb) for f in flags],
    }


def score_run(
    runner_id: str,
    episode_id: str,
    activity_id: str,
    pain: tuple[int, int],
    kb: KnowledgeBase,
    uow: UnitOfWork,
    clock: Clock,
) -> Logged:
    """The runner's pain scores (during, after) turn a run from the watch into a logged run: the
    engine decides on it like any run, with its hills and speed work read from the file."""
    if not all(0 <= p <= 10 for p in pain):
        raise InvalidInputError("run", [Problem("pain", "scores from 0 to 10")])
    with uow:
        found = uow.activities.listed(runner_id, 1, activity_id=activity_id)
    if not found:
        raise NotFoundError("no such activity")
    a = found[0]
    shape = _character(a, kb)
    entry = RunLog(
        id=ENTRY_PREFIX + activity_id,
        on=date.fromisoformat(a["on"]),
        minutes=max(1, minutes_from_s(a["timer_s"])),
        distance_km=round(a["distance_m"] / 1000, 2),
        pain_during=pain[0],
        pain_after=pain[1],
        hills=shape.hilly,
        speedwork=shape.speedwork,
        note=f"from {a['source_name'][-80:]}",
    )
    try:
        logged = log_entry(episode_id, entry, kb, uow, clock)
    except ConcurrentWriteError:
        raise
    except ConflictError as exc:  # scored before with other numbers: say so, change nothing
        raise ConflictError(RESCORED) from exc
    if not a["sport_confirmed"]:  # scoring a likely run as a run answers the guess
        with uow:
            uow.activities.set_sport(runner_id, activity_id, "running")
            uow.commit()
    return logged


def _character(stored: dict[str, Any], kb: KnowledgeBase) -> Character:
    return character(
        stored["distance_m"], stored["ascent_m"], stored["pace_histogram"], kb.dosage.imported_runs
    )
