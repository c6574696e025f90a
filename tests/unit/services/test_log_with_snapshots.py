"""Logging goes on from the newest valid stored snapshot instead of replaying the log; whatever
order entries arrive in (backdated ones too) and whatever a coach changes in between, every
decision, plan version and roster status is the one a replay from the start would give."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.records import Snapshot, SnapshotMark
from runrehab.services.episodes import start_episode
from runrehab.services.progress import log_entry
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.followers import both_ways, log_all
from tests.unit.domain.test_replay_from_a_snapshot import CHANGES, KB, LOGS, RUNNERS, START

SENT = 90  # entries of each follower log sent


class NoSnapshots:
    """The repository of an engine without snapshots: it never has one, and stores nothing."""

    def marks(self, episode_id: str, basis: str, day: date | None) -> list[SnapshotMark]:
        return []

    def state(self, episode_id: str, day: date) -> EngineState:
        raise AssertionError("there is no snapshot to read")

    def put(self, episode_id: str, snapshot: Snapshot) -> None:
        return None


class ReplayingUnitOfWork(FakeUnitOfWork):
    def _open(self, tables):  # type: ignore[no-untyped-def]
        super()._open(tables)
        self.snapshots = NoSnapshots()  # type: ignore[assignment]


@st.composite
def arrivals(draw: st.DrawFn) -> tuple[tuple[str, float], list[int], dict[int, Override]]:
    """A follower log, the order its entries are sent in (some held back and sent later, so
    they arrive backdated), and coach changes made before some of the sends."""
    log = draw(st.sampled_from(sorted(LOGS)))
    order = list(range(SENT))
    for _ in range(draw(st.integers(0, 4))):
        held = order.pop(draw(st.integers(0, len(order) - 1)))
        order.insert(draw(st.integers(0, len(order))), held)
    changes = draw(
        st.dictionaries(
            st.integers(0, SENT - 1), st.tuples(st.integers(0, 40), CHANGES), max_size=3
        )
    )
    made = {
        before: Override(START + timedelta(days=day), kind, values, "why", "Coach")
        for before, (day, (kind, values)) in changes.items()
    }
    return log, order, made


@settings(max_examples=25, deadline=None)
@given(arrivals())
def test_logging_from_snapshots_decides_as_replaying_from_the_start(
    arrival: tuple[tuple[str, float], list[int], dict[int, Override]],
) -> None:
    log, order, made = arrival
    entries = LOGS[log][1]
    stored = []
    for uow in (FakeUnitOfWork(), ReplayingUnitOfWork()):
        episode = start_episode(
            "ana", RUNNERS[log[0]], RunnerProfile(), START, KB, uow, FakeClock()
        ).episode_id
        clock = FakeClock()
        for sent, index in enumerate(order):
            if sent in made:
                uow.add_override(episode, made[sent])
            log_entry(episode, entries[index], KB, uow, clock)
        stored.append(_without_ids(uow))
    assert stored[0] == stored[1]


def _without_ids(uow: FakeUnitOfWork) -> tuple[object, ...]:
    """What was stored, without the runner's and the episode's random ids."""
    tables = uow.committed
    decisions = {entry_id: payload for entry_id, (_, payload) in tables.decisions.items()}
    versions = [(version, sessions, entry) for _, version, sessions, entry in tables.versions]
    statuses = [replace(s, runner_id="", episode_id="") for s in tables.statuses.values()]
    return decisions, versions, statuses


def test_the_state_read_from_a_snapshot_is_the_replayed_one() -> None:
    uow = FakeUnitOfWork()
    _, entries = LOGS[("hamstring", 0.0)]
    episode_id = log_all(uow, FakeClock(), RUNNERS["hamstring"], entries[:SENT], KB)
    late = Override(START + timedelta(days=3), "stage", {"stage": 2}, "why", "Coach")
    uow.add_override(episode_id, late)  # before the snapshots' days: they no longer hold
    stored, replayed = both_ways(uow, episode_id, KB, [late])
    assert stored == replayed
    snapshots = sorted(day for _, day in uow.committed.snapshots)
    assert snapshots[-1] == entries[SENT - 1].on  # the newest, then one a month before it
    assert len({(d.year, d.month) for d in snapshots}) == len(snapshots) > 1


def test_an_entry_stored_behind_the_engines_back_makes_the_snapshot_stale() -> None:
    """An import or a backfill adds entries without the engine: the count of entries up to a
    snapshot's day no longer matches, so it is not used."""
    uow = FakeUnitOfWork()
    _, entries = LOGS[("knee", 0.0)]
    episode_id = log_all(uow, FakeClock(), RUNNERS["knee"], entries[:20], KB)
    uow.committed.entries.append((episode_id, replace(entries[5], id="imported")))
    stored, replayed = both_ways(uow, episode_id, KB)
    assert stored == replayed
