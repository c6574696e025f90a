"""Engine snapshots in a real database: stored with every entry, one a month kept, read back
exactly, and never used once the log or the coach's changes no longer match them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import timedelta

from sqlalchemy import Engine, select

from runrehab.adapters.db.snapshots import state_from_json, state_to_json
from runrehab.adapters.db.tables import EngineSnapshotRow
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.adaptation.engine import advance, replay_with_state
from runrehab.domain.adaptation.overrides import Override, apply
from runrehab.domain.adaptation.reassessment import starting_state
from runrehab.domain.profile import RunnerProfile
from runrehab.services.episodes import start_episode
from runrehab.services.progress import engine_state, log_entry
from tests.integration.db.conftest import FakeClock
from tests.unit.domain.test_replay_from_a_snapshot import KB, LOGS, RUNNERS, START

ADD = Override(
    START,
    "add_exercise",
    {"id": "custom-1", "name": "Wall sit", "session": "strength", "sets": 2, "hold_s": 30},
    "quadriceps endurance",
    "Sam",
)


def test_every_field_of_the_state_survives_the_round_trip() -> None:
    """Along a follower's log with a flare-up, a coach's own exercise, a held dose and a swap:
    whatever the engine remembers is read back equal, of the same types."""
    first, entries = LOGS[("hamstring", 0.01)]
    state = apply(
        apply(first, ADD, KB), replace(ADD, kind="swap", values={"from": "a", "to": "b"}), KB
    )
    seen_set = set()
    for index, entry in enumerate(entries):
        state = advance(state, [entry], KB, first_index=index)[0]
        back = state_from_json(state_to_json(state))
        assert back == state
        assert _types(back) == _types(state)  # tuples, frozensets, read-only maps, dates...
        seen_set |= {
            f.name for f in fields(state) if getattr(state, f.name) != getattr(first, f.name)
        }
    assert {"flare", "custom", "swaps", "mornings", "checks", "changed_on"} <= seen_set


def _types(value: object) -> object:
    """The type of every value inside `value`, in a comparable shape."""
    if hasattr(type(value), "__dataclass_fields__"):
        return {f.name: _types(getattr(value, f.name)) for f in fields(value)}  # type: ignore[arg-type]
    if isinstance(value, Mapping):
        return type(value), {key: _types(item) for key, item in value.items()}
    if isinstance(value, tuple | frozenset):
        return type(value), sorted(repr(_types(item)) for item in value)
    return type(value)


def test_logging_keeps_the_latest_snapshot_and_one_a_month(
    uow: SqlUnitOfWork, engine: Engine, clock: FakeClock
) -> None:
    _, entries = LOGS[("knee", 0.0)]
    episode_id = start_episode(
        "ana", RUNNERS["knee"], RunnerProfile(), START, KB, uow, clock
    ).episode_id
    for entry in entries[:120]:
        log_entry(episode_id, entry, KB, uow, clock)
    with engine.connect() as connection:
        days = connection.scalars(select(EngineSnapshotRow.through_on)).all()
    assert max(days) == entries[119].on
    assert len({(d.year, d.month) for d in days}) == len(days) >= 2

    with uow:
        episode = uow.episodes.get(episode_id)
        logged = uow.logs.entries(episode_id)
        from_snapshot = engine_state(uow, episode, logged, [], KB)
    assert from_snapshot == replay_with_state(starting_state(episode, KB), logged, KB)[0]


def test_a_backdated_entry_replays_from_the_month_before_it(
    uow: SqlUnitOfWork, engine: Engine, clock: FakeClock
) -> None:
    _, entries = LOGS[("achilles", 0.0)]
    episode_id = start_episode(
        "ana", RUNNERS["achilles"], RunnerProfile(), START, KB, uow, clock
    ).episode_id
    held_back = entries[40]
    for entry in entries[:100]:
        if entry is not held_back:
            log_entry(episode_id, entry, KB, uow, clock)
    late = log_entry(episode_id, held_back, KB, uow, clock)

    with uow:
        episode = uow.episodes.get(episode_id)
        logged = uow.logs.entries(episode_id)
        state = engine_state(uow, episode, logged, [], KB)
    replayed, decisions = replay_with_state(starting_state(episode, KB), logged, KB)
    assert state == replayed
    assert late.decision is not None
    assert late.decision.kind == decisions[logged.index(held_back)].kind
    assert late.decision.entry == logged.index(held_back)
    assert held_back.on < entries[99].on - timedelta(days=7)
