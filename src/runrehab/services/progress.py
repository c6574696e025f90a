"""Log an entry and let the engine decide; read where the runner has got to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from runrehab.domain.adaptation.engine import Decision, replay_with_state, step
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.assessment import assess
from runrehab.domain.episode import Episode
from runrehab.domain.errors import (
    ConcurrentWriteError,
    ConflictError,
    InvalidInputError,
    Problem,
)
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.load import SPIKE_WINDOW, Run
from runrehab.domain.log import Entry, ExerciseLog
from runrehab.domain.plan import Plan
from runrehab.domain.planning import build_plan, without_paused_days
from runrehab.domain.records import PlanVersion
from runrehab.render.serialize import change_to_json, decision_to_json, plan_to_json
from runrehab.services.notifications import alert_coaches
from runrehab.services.ports import JSON, Clock, EngineUnitOfWork, UnitOfWork
from runrehab.services.snapshots import Point, engine_state, remember, replayed, resume
from runrehab.services.status import after_entry

REPLAN_WEEKS = 2
RETRIES = 3
DIFFERENT_CONTENT = (
    "Not saved: an entry with this id was already saved with different values, and nothing was "
    "changed. A new entry needs a new id (on the web: reload the page and log it again)."
)


@dataclass(frozen=True, slots=True)
class Logged:
    """An entry stored now, or found stored before (`duplicate`: then nothing was decided again,
    and `decision` is None)."""

    entry_id: str
    decision: Decision | None  # the engine's decision, numbered with the plan version it made
    stored: JSON  # the decision as stored and shown: the same answer every time the entry is sent
    duplicate: bool


def log_entry(
    episode_id: str, entry: Entry, kb: KnowledgeBase, uow: EngineUnitOfWork, clock: Clock
) -> Logged:
    """Store the entry and the engine's decision atomically. Sending the same entry again (same
    client id, same content: a retry or a double click) stores nothing and returns the first
    decision; the same id with different content is refused (ConflictError), never dropped."""
    for attempt in range(RETRIES):
        try:
            return _log_once(episode_id, entry, kb, uow, clock)
        except ConcurrentWriteError:
            if attempt == RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def _log_once(
    episode_id: str, entry: Entry, kb: KnowledgeBase, uow: EngineUnitOfWork, clock: Clock
) -> Logged:
    with uow:
        uow.episodes.lock(episode_id)
        stored = uow.logs.decision(entry.id)
        if stored is not None:
            if stored[0] != episode_id:  # never reveal or touch another episode's entry
                raise ConflictError(f"entry id {entry.id!r} is already in use; send a new id")
            if uow.logs.entry(entry.id) != entry:
                raise ConflictError(DIFFERENT_CONTENT)
            return Logged(entry.id, None, stored[1], duplicate=True)
        episode = uow.episodes.get(episode_id)
        overrides = uow.coaching.overrides(episode_id)
        start = resume(uow, episode, overrides, kb, upto=entry.on)
        tail = [] if start.last else uow.logs.entries(episode_id, after=start.through_on)
        earlier = [e for e in tail if e.on <= entry.on]
        point = replayed(uow, episode, overrides, kb, start, earlier)
        due = [o for o in point.overrides_after(overrides) if o.on <= entry.on]
        state = replay_with_state(point.state, [], kb, due)[0]
        _check_in_plan(entry, state, kb)
        state, decision = step(state, entry, point.entries, kb)
        version = uow.plans.latest_version(episode_id) + (1 if decision.changes else 0)
        decision = replace(decision, plan_version=version)
        payload = decision_to_json(decision, kb)
        uow.logs.add(episode_id, entry, clock())
        uow.logs.add_decision(episode_id, entry, payload)
        if decision.changes:
            _add_version(uow, episode, state, decision, entry, kb, clock)
        logged = Point(state, point.entries + 1, entry.on)
        later = tail[len(earlier) :]
        last = replayed(uow, episode, overrides, kb, logged, later) if later else logged
        remember(uow, episode, overrides, kb, last)
        if later:  # the state now, with the coach changes dated after the last entry
            due = last.overrides_after(overrides)
            state = replay_with_state(last.state, [], kb, due)[0]
        _update_status(uow, episode, state, entry, decision, clock)
        alert_coaches(uow, episode.runner_id, entry.id, payload, clock())
        uow.commit()
    return Logged(entry.id, decision, payload, duplicate=False)


def stored_decision(episode_id: str, entry_id: str, uow: UnitOfWork) -> dict[str, Any] | None:
    """The decision stored for an entry of this episode, read back (never taken from a request);
    None for an unknown id or another episode's entry."""
    with uow:
        stored = uow.logs.decision(entry_id)
    return stored[1] if stored is not None and stored[0] == episode_id else None


def loggable_exercises(episode_id: str, kb: KnowledgeBase, uow: UnitOfWork) -> set[str]:
    """The library's exercises that have a dose and every one the runner's coach wrote for them
    (whether it was in the plan on the entry's day is the engine state's question, in
    `log_entry`)."""
    with uow:
        overrides = uow.coaching.overrides(episode_id)
    doable = {e.id for e in kb.exercises.values() if e.has_dose}  # not the information cards
    return doable | {str(o.values["id"]) for o in overrides if o.kind == "add_exercise"}


def _check_in_plan(entry: Entry, state: EngineState, kb: KnowledgeBase) -> None:
    """A coach's own exercise can only be logged on days it was in the plan."""
    if (
        isinstance(entry, ExerciseLog)
        and entry.exercise not in kb.exercises
        and entry.exercise not in state.custom
    ):
        problem = Problem("exercise", "your coach had not added this exercise on that day")
        raise InvalidInputError("entry", [problem])


def _add_version(
    uow: EngineUnitOfWork,
    episode: Episode,
    state: EngineState,
    decision: Decision,
    entry: Entry,
    kb: KnowledgeBase,
    clock: Clock,
) -> None:
    plan = _plan(episode, state, kb, entry.on, REPLAN_WEEKS)
    version = PlanVersion(
        decision.plan_version,
        clock(),
        entry.on,
        "engine",
        " ".join(r.says for r in decision.reasons),
        state.stage,
        [change_to_json(c) for c in decision.changes],
    )
    uow.plans.add_version(episode.id, version, plan_to_json(plan, kb)["sessions"], entry.id)


def _update_status(
    uow: EngineUnitOfWork,
    episode: Episode,
    state: EngineState,
    entry: Entry,
    decision: Decision,
    clock: Clock,
) -> None:
    current = uow.status.get(episode.runner_id)
    if current is not None and current.episode_id == episode.id:
        uow.status.put(after_entry(current, state, entry, decision, clock()))


def _plan(episode: Episode, state: EngineState, kb: KnowledgeBase, start: date, weeks: int) -> Plan:
    assessment = assess(episode.answers, kb, episode.started_on)
    return build_plan(
        assessment, episode.answers, episode.profile, kb, start, weeks, progress=state
    )


def current_plan(episode_id: str, on: date, weeks: int, kb: KnowledgeBase, uow: UnitOfWork) -> Plan:
    """The plan from `on`, built from everything logged so far, with paused days left empty."""
    with uow:
        episode = uow.episodes.get(episode_id)
        entries = uow.logs.entries(episode_id)
        pauses = uow.accounts.pauses(episode_id)
        overrides = uow.coaching.overrides(episode_id)
        imported = uow.activities.runs(episode.runner_id, since=on - SPIKE_WINDOW)
        state = engine_state(uow, episode, entries, overrides, kb)
    return plan_from(episode, state, imported, pauses, on, weeks, kb)


def plan_from(
    episode: Episode,
    state: EngineState,
    imported: Sequence[Run],
    pauses: Sequence[tuple[date, date | None, str]],
    on: date,
    weeks: int,
    kb: KnowledgeBase,
) -> Plan:
    """The plan from `on` for the engine's `state`, the watch runs of the spike window before
    `on` counted as unlogged load (`imported` may hold more: only those are taken), with paused
    days (`pauses`: start, end or None, reason) left empty."""
    unlogged = [(r.on, r.distance_km) for r in imported if on - SPIKE_WINDOW <= r.on < on]
    plan = _plan(episode, state.with_unlogged_runs(unlogged), kb, on, weeks)
    return without_paused_days(plan, [(start, end) for start, end, _ in pauses])


@dataclass(frozen=True, slots=True)
class History:
    entries: list[Entry]
    decisions: dict[str, dict[str, Any]]  # by entry id
    versions: list[PlanVersion]


def history(episode_id: str, uow: UnitOfWork) -> History:
    with uow:
        return History(
            uow.logs.entries(episode_id),
            uow.logs.decisions(episode_id),
            uow.plans.versions(episode_id),
        )
