"""An in-memory unit of work for the engine's use cases (`start_episode`, `log_entry`): the
protocols of `services.ports` over dicts and lists, so the use-case rules are tested in
milliseconds. The SQL tests (tests/integration/db) keep testing the repositories themselves.

A transaction works on a copy of the committed tables: `commit` keeps it, leaving the `with`
block without one drops it, as a database rolls back. Stored values are immutable domain values
or JSON that nothing changes after it is stored, so copying the containers is enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from types import TracebackType
from typing import Any

from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.episode import Episode
from runrehab.domain.errors import NotFoundError
from runrehab.domain.log import Entry
from runrehab.domain.records import (
    NewEpisode,
    Notification,
    PlanVersion,
    RunnerStatus,
    Snapshot,
    SnapshotMark,
)
from runrehab.render.serialize import carried_from_json
from runrehab.schemas.answers import parse_answers
from runrehab.schemas.profile import parse_profile

JSON = dict[str, Any]


@dataclass
class Tables:
    """Everything stored, as the use cases see it through the repositories."""

    runners: dict[str, str] = field(default_factory=dict)  # id -> name
    episodes: dict[str, NewEpisode] = field(default_factory=dict)
    entries: list[tuple[str, Entry]] = field(default_factory=list)  # (episode, entry), as recorded
    decisions: dict[str, tuple[str, JSON]] = field(
        default_factory=dict
    )  # entry id -> (ep, payload)
    versions: list[tuple[str, PlanVersion, list[JSON], str | None]] = field(default_factory=list)
    statuses: dict[str, RunnerStatus] = field(default_factory=dict)
    overrides: dict[int, tuple[str, Override]] = field(default_factory=dict)  # id -> (episode, o)
    ended: dict[int, tuple[date, str]] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)  # runner id -> e-mail
    coaches: dict[str, list[str]] = field(default_factory=dict)  # runner id -> coaches' e-mails
    outbox: dict[str, Notification] = field(default_factory=dict)  # by dedupe key
    snapshots: dict[tuple[str, date], Snapshot] = field(default_factory=dict)

    def copy(self) -> Tables:
        copied: dict[str, Any] = {
            f.name: type(v)(v) for f in fields(self) if (v := getattr(self, f.name)) is not None
        }
        return Tables(**copied)


class FakeEpisodes:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def runner_named(self, name: str) -> str | None:
        return next((i for i, n in self.t.runners.items() if n == name), None)

    def add_runner(self, runner_id: str, name: str, created_at: datetime) -> None:
        self.t.runners[runner_id] = name

    def add(self, episode: NewEpisode) -> None:
        self.t.episodes[episode.id] = episode

    def lock_runner(self, runner_id: str) -> None:
        """One writer at a time is all a dict has."""

    def lock(self, episode_id: str) -> None:
        """As `lock_runner`."""

    def latest_for(self, runner_id: str) -> str | None:
        mine = [e for e in self.t.episodes.values() if e.runner_id == runner_id]
        return max(mine, key=lambda e: (e.started_on, e.created_at)).id if mine else None

    def get(self, episode_id: str) -> Episode:
        stored = self.t.episodes.get(episode_id)
        if stored is None:
            raise NotFoundError(f"no episode {episode_id!r}")
        return Episode(
            stored.id,
            stored.runner_id,
            stored.started_on,
            parse_answers(stored.answers, "stored answers"),
            parse_profile(stored.profile, "stored profile"),
            carried_from_json(stored.carried),
        )


class FakeLogs:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def add(self, episode_id: str, entry: Entry, recorded_at: datetime) -> None:
        self.t.entries.append((episode_id, entry))

    def entries(self, episode_id: str, after: date | None = None) -> list[Entry]:
        """By date, then as recorded (a stable sort keeps the recording order within a day)."""
        mine = (
            e for ep, e in self.t.entries if ep == episode_id and (after is None or e.on > after)
        )
        return sorted(mine, key=lambda e: e.on)

    def counts(self, episode_id: str, day: date) -> tuple[int, int]:
        mine = [e for ep, e in self.t.entries if ep == episode_id]
        return sum(1 for e in mine if e.on <= day), len(mine)

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for _, e in self.t.entries if e.id == entry_id), None)

    def decision(self, entry_id: str) -> tuple[str, JSON] | None:
        return self.t.decisions.get(entry_id)

    def add_decision(self, episode_id: str, entry: Entry, payload: JSON) -> None:
        self.t.decisions[entry.id] = (episode_id, payload)


class FakeSnapshots:
    """Snapshots kept as the SQL repository keeps them: the latest, and the last of each month."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def marks(self, episode_id: str, basis: str, day: date | None) -> list[SnapshotMark]:
        mine = [
            s.mark
            for (ep, _), s in self.t.snapshots.items()
            if ep == episode_id
            and s.mark.basis == basis
            and (day is None or s.mark.through_on <= day)
        ]
        return sorted(mine, key=lambda m: m.through_on, reverse=True)

    def state(self, episode_id: str, day: date) -> EngineState:
        return self.t.snapshots[(episode_id, day)].state

    def put(self, episode_id: str, snapshot: Snapshot) -> None:
        mark = snapshot.mark
        month = mark.through_on.replace(day=1)
        for key, kept in list(self.t.snapshots.items()):
            stale = kept.mark.through_on >= month or kept.mark.basis != mark.basis
            if key[0] == episode_id and stale:
                del self.t.snapshots[key]
        self.t.snapshots[(episode_id, mark.through_on)] = snapshot


class FakePlans:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def latest_version(self, episode_id: str) -> int:
        return max((v.version for ep, v, _, _ in self.t.versions if ep == episode_id), default=0)

    def add_version(
        self,
        episode_id: str,
        version: PlanVersion,
        sessions: list[JSON],
        entry_id: str | None = None,
    ) -> None:
        self.t.versions.append((episode_id, version, sessions, entry_id))


class FakeStatuses:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def get(self, runner_id: str) -> RunnerStatus | None:
        return self.t.statuses.get(runner_id)

    def put(self, status: RunnerStatus) -> None:
        self.t.statuses[status.runner_id] = status


def _chain(tables: Tables, episode_id: str) -> list[str]:
    """The episode and the ones it continues, newest first."""
    chain: list[str] = []
    current: str | None = episode_id
    while current is not None and current in tables.episodes:
        chain.append(current)
        current = tables.episodes[current].previous_episode_id
    return chain


def _in_force(tables: Tables, episode_id: str) -> list[tuple[int, Override]]:
    chain = _chain(tables, episode_id)
    return [
        (i, o)
        for i, (ep, o) in sorted(tables.overrides.items())
        if ep in chain and i not in tables.ended
    ]


class FakeCoaching:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def overrides(self, episode_id: str) -> list[Override]:
        return [o for _, o in _in_force(self.t, episode_id)]

    def email_of(self, runner_id: str) -> str | None:
        return self.t.emails.get(runner_id)

    def coach_emails(self, runner_id: str) -> list[str]:
        return list(self.t.coaches.get(runner_id, []))


class FakeContinuity:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def overrides_in_force(self, episode_id: str) -> list[tuple[int, Override]]:
        return _in_force(self.t, episode_id)

    def end_override(self, override_id: int, on: date, reason: str) -> None:
        self.t.ended[override_id] = (on, reason)


class FakeOutbox:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def enqueue(self, note: Notification) -> bool:
        """One waiting notification per key, as the SQL outbox."""
        if note.dedupe_key in self.t.outbox:
            return False
        self.t.outbox[note.dedupe_key] = note
        return True


class FakeUnitOfWork:
    """`committed` is what a reader sees; `commits` counts the transactions that kept something."""

    def __init__(self, committed: Tables | None = None) -> None:
        self.committed = committed or Tables()
        self.commits = 0
        self._open(self.committed.copy())

    def _open(self, tables: Tables) -> None:
        self.tables = tables
        self.episodes = FakeEpisodes(tables)
        self.logs = FakeLogs(tables)
        self.plans = FakePlans(tables)
        self.status = FakeStatuses(tables)
        self.coaching = FakeCoaching(tables)
        self.continuity = FakeContinuity(tables)
        self.outbox = FakeOutbox(tables)
        self.snapshots = FakeSnapshots(tables)

    def __enter__(self) -> FakeUnitOfWork:
        self._open(self.committed.copy())
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._open(self.committed.copy())  # what was not committed is gone

    def commit(self) -> None:
        self.committed = self.tables.copy()
        self.commits += 1

    def add_override(self, episode_id: str, override: Override) -> int:
        """A coach's override, stored at once (the coaching use cases are not faked here)."""
        override_id = len(self.committed.overrides) + 1
        self.committed.overrides[override_id] = (episode_id, override)
        return override_id


def with_coach(uow: FakeUnitOfWork, runner_id: str, email: str, coach: str) -> None:
    """The runner's e-mail and one coach with access, stored at once."""
    uow.committed.emails[runner_id] = email
    uow.committed.coaches.setdefault(runner_id, []).append(coach)


class FakeClock:
    """A clock that moves one second per call, so records have distinct, ordered timestamps."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now
