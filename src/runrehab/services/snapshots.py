"""The engine's state for an episode: its newest valid stored snapshot, then the entries after it.

The log is the record; a snapshot is derived and disposable. One is used only when it was
computed by this engine code and knowledge base for this episode (`basis`), with the coach
changes dated up to its day that exist now (`overrides`), and when the log still has exactly the
entries it covers up to its day (so an entry stored behind its back, by an import or a backfill,
makes it stale). Otherwise an older one is tried, then the episode's start: a backdated entry or a
coach's change replays from the month it falls in, a new knowledge base from the start.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from runrehab.domain.adaptation.engine import advance, replay_with_state
from runrehab.domain.adaptation.overrides import Override
from runrehab.domain.adaptation.reassessment import starting_state
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.episode import Episode
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import Entry
from runrehab.domain.records import Snapshot, SnapshotMark
from runrehab.services.ports import EngineUnitOfWork


@dataclass(frozen=True, slots=True)
class Point:
    """The engine's state after the first `entries` entries of the log, which are every entry
    dated up to `through_on` (None: the episode's start, before any entry); `last` when the log
    has no entry after them."""

    state: EngineState
    entries: int
    through_on: date | None
    last: bool = False

    def overrides_after(self, overrides: Sequence[Override]) -> list[Override]:
        """The coach changes the state has not had yet."""
        return [o for o in overrides if self.through_on is None or o.on > self.through_on]


Counts = Callable[[date], tuple[int, int]]  # (entries dated up to a day, all entries)


def resume(
    uow: EngineUnitOfWork,
    episode: Episode,
    overrides: Sequence[Override],
    kb: KnowledgeBase,
    upto: date | None = None,
    counts: Counts | None = None,
) -> Point:
    """The newest valid snapshot through `upto` (any day when None), else the episode's start.
    `counts(day)` counts the log's entries (a query when not given)."""
    count = counts or (lambda day: uow.logs.counts(episode.id, day))
    for mark in uow.snapshots.marks(episode.id, basis(kb), upto):
        day = mark.through_on
        if mark.overrides != applied(overrides, day):
            continue
        through, every = count(day)
        if through == mark.entries:
            state = uow.snapshots.state(episode.id, day)
            return Point(state, mark.entries, day, last=every == through)
    return Point(starting_state(episode, kb), 0, None)


def engine_state(
    uow: EngineUnitOfWork,
    episode: Episode,
    entries: Sequence[Entry],
    overrides: Sequence[Override],
    kb: KnowledgeBase,
) -> EngineState:
    """The engine's state after the episode's entries (read already, in replay order) and its
    coach changes: from the newest valid stored snapshot, replaying only the entries after it."""
    days = [e.on for e in entries]
    point = resume(
        uow, episode, overrides, kb, counts=lambda day: (bisect_right(days, day), len(days))
    )
    tail = entries[point.entries :]
    return replay_with_state(
        point.state, tail, kb, point.overrides_after(overrides), point.entries
    )[0]


def recent_and_state(
    uow: EngineUnitOfWork,
    episode: Episode,
    overrides: Sequence[Override],
    kb: KnowledgeBase,
    since: date,
) -> tuple[list[Entry], EngineState]:
    """The log's entries from `since` on (from the newest valid snapshot's day, when that is
    earlier; every entry when there is none) and the state after the whole log: a page that
    shows the last days reads only those, however long the log. The last entry of the log is
    always among them."""
    point = resume(uow, episode, overrides, kb)
    if point.through_on is None:
        recent = uow.logs.entries(episode.id)
        tail = recent
    else:
        first = min(since, point.through_on)
        recent = uow.logs.entries(episode.id, after=first - timedelta(days=1))
        tail = [e for e in recent if e.on > point.through_on]
    due = point.overrides_after(overrides)
    return recent, replay_with_state(point.state, tail, kb, due, point.entries)[0]


def replayed(
    uow: EngineUnitOfWork,
    episode: Episode,
    overrides: Sequence[Override],
    kb: KnowledgeBase,
    start: Point,
    entries: Sequence[Entry],
) -> Point:
    """`entries` (all dated after `start`) stepped from `start`, with the coach changes dated up
    to each; a snapshot stored at the end of each month before the last one they reach, so the
    next backdated entry or coach change replays from there (the caller stores the last)."""
    point = start
    months = list(_by_month(entries))
    for number, month in enumerate(months, 1):
        last = month[-1].on
        due = [o for o in point.overrides_after(overrides) if o.on <= last]
        state = advance(point.state, month, kb, due, point.entries)[0]
        point = Point(state, point.entries + len(month), last)
        if number < len(months):
            remember(uow, episode, overrides, kb, point)
    return point


def remember(
    uow: EngineUnitOfWork,
    episode: Episode,
    overrides: Sequence[Override],
    kb: KnowledgeBase,
    point: Point,
) -> None:
    """Store `point` as the episode's newest snapshot (see `adapters.db.snapshots`)."""
    if point.through_on is None:
        return
    day = point.through_on
    mark = SnapshotMark(day, basis(kb), applied(overrides, day), point.entries)
    uow.snapshots.put(episode.id, Snapshot(mark, point.state))


def basis(kb: KnowledgeBase) -> str:
    """What a snapshot was computed with: the engine's code and the knowledge base (an
    episode's answers and profile never change once stored: a re-assessment is a new episode)."""
    return _digest(f"{_engine_code()}|{kb.version}")


def applied(overrides: Sequence[Override], through: date) -> str:
    """The coach changes a state through `through` has had, as a digest."""
    due = sorted(repr(o) for o in overrides if o.on <= through)
    return _digest("\n".join(due))


def _by_month(entries: Sequence[Entry]) -> Iterator[Sequence[Entry]]:
    """`entries` cut where the month changes."""
    first = 0
    for index in range(1, len(entries) + 1):
        if index == len(entries) or _month(entries[index]) != _month(entries[first]):
            yield entries[first:index]
            first = index


def _month(entry: Entry) -> tuple[int, int]:
    return entry.on.year, entry.on.month


@cache
def _engine_code() -> str:
    """A digest of the domain package's source: a snapshot from other engine code is stale."""
    sources = sorted(_sources(files("runrehab.domain")), key=lambda item: item[0])
    return _digest("\n".join(f"{name}:{_digest(text)}" for name, text in sources))


def _sources(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, str]]:
    for item in folder.iterdir():
        if item.is_dir():
            yield from _sources(item, f"{prefix}{item.name}/")
        elif item.name.endswith(".py"):
            yield f"{prefix}{item.name}", item.read_text(encoding="utf-8")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
