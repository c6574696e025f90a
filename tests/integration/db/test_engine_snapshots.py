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
from runrehab.domain.adaptation.engine import advance
from runrehab.domain.adaptation.overrides import apply
from runrehab.services.progress import log_entry
from tests.followers import both_ways, log_all
from tests.integration.db.conftest import FakeClock
from tests.unit.domain.test_overrides import ADD as COACHS_OWN
from tests.unit.domain.test_replay_from_a_snapshot import KB, LOGS, RUNNERS, START

ADD = replace(COACHS_OWN, on=START)  # a coach's own exercise, from the episode's first day


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
    episode_id = log_all(uow, clock, RUNNERS["knee"], entries[:120], KB)
    with engine.connect() as connection:
        days = connection.scalars(select(EngineSnapshotRow.through_on)).all()
    assert max(days) == entries[119].on
    assert len({(d.year, d.month) for d in days}) == len(days) >= 2
    stored, replayed = both_ways(uow, episode_id, KB)
    assert stored == replayed


def test_a_backdated_entry_replays_from_the_month_before_it(
    uow: SqlUnitOfWork, clock: FakeClock
) -> None:
    _, entries = LOGS[("achilles", 0.0)]
    held_back = entries[40]
    episode_id = log_all(uow, clock, RUNNERS["achilles"], entries[:100], KB, but=held_back)
    late = log_entry(episode_id, held_back, KB, uow, clock)

    stored, replayed = both_ways(uow, episode_id, KB)
    assert stored == replayed
    with uow:
        logged = uow.logs.entries(episode_id)
        decided = uow.logs.decisions(episode_id)
    assert late.decision is not None
    assert late.decision.entry == logged.index(held_back)
    assert late.stored == decided[held_back.id]
    assert held_back.on < entries[99].on - timedelta(days=7)
