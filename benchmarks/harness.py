"""What the benchmarks share: a fresh database, a follower's history stored through the real
repositories, interleaved timing, and the ratio rows `bench_all.py` gathers into one table.

Ratios, not absolute times: two measures taken side by side in one run see the same machine
load, so the ratio holds on a busy 2-core machine where the absolute figures do not.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from followers import History
from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import downgrade, upgrade
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import Entry
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.status import after_entry


@dataclass(frozen=True, slots=True)
class Ratio:
    """One row of the summary table: `value` against the issue's `target` ("<= 2", ">= 0.5")."""

    measure: str
    value: float
    target: str

    @property
    def shown(self) -> str:
        """Two decimals, or three significant digits below 0.1 (0.0048 is not 0.00)."""
        return f"{self.value:.2f}" if abs(self.value) >= 0.1 else f"{self.value:.2g}"

    @property
    def met(self) -> bool:
        sign, bound = self.target.split()
        limit = float(bound)
        return {
            "<=": self.value <= limit,
            "<": self.value < limit,
            ">=": self.value >= limit,
        }[sign]


def report(rows: Sequence[Ratio], results: Path | None) -> None:
    """Print the rows; with `results`, append them (JSON lines) for `bench_all.py`'s table."""
    for row in rows:
        print(f"  {row.measure}: {row.shown} (target {row.target}, {_met(row)})")
    if results is not None:
        with results.open("a") as out:
            out.writelines(json.dumps(asdict(row)) + "\n" for row in rows)


def _met(row: Ratio) -> str:
    return "met" if row.met else "NOT met"


def fresh_database(url: str) -> Engine:
    """The schema from scratch (a scratch database: everything in it is dropped)."""
    engine = make_engine(url)
    downgrade(engine)
    upgrade(engine)
    return engine


def store(
    engine: Engine, kb: KnowledgeBase, runner_id: str, history: History, entries: list[Entry]
) -> str:
    """The runner's episode from the follower's answers, then `entries` (the history's first
    ones, under ids of their own) with the engine's decisions in one batch, and the roster's
    read model as the last of them left it. Returns the episode id."""
    stored_at = now()
    episode = start_episode(
        RunnerId(runner_id), history.answers, None, history.start, kb, SqlUnitOfWork(engine), now
    ).episode_id
    decisions = history.decisions[: len(entries)]
    payloads = history.payloads[: len(entries)]
    with SqlUnitOfWork(engine) as uow:
        uow.logs.add_batch(episode, list(zip(entries, payloads, strict=True)), stored_at)
        status = uow.status.get(runner_id)
        assert status is not None
        if len(entries) == len(history.entries):  # else `log_entry` brings it up to date
            uow.status.put(
                after_entry(status, history.state, entries[-1], decisions[-1], stored_at)
            )
        uow.commit()
    return episode


def add_runner(engine: Engine, runner_id: str) -> None:
    with SqlUnitOfWork(engine) as uow:
        uow.episodes.add_runner(runner_id, runner_id, now())
        uow.commit()


def now() -> datetime:
    """The clock the use cases are given."""
    return datetime.now(UTC)


def interleaved(
    calls: Mapping[str, Callable[[int], object]],
    rounds: int,
    warm_up: int = 1,
    before: Mapping[str, Callable[[int], object]] | None = None,
) -> dict[str, float]:
    """Median seconds of each call over `rounds` rounds, one call of each per round in a
    rotating order (so drifts in load hit all alike), after `warm_up` untimed rounds. Each call
    gets its round number (to log a fresh entry, say); `before[name]`, untimed, runs first."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    for number in range(warm_up + rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            if before is not None:
                before[name](number)
            began = time.perf_counter()
            calls[name](number)
            if number >= warm_up:
                samples[name].append(time.perf_counter() - began)
    return {name: statistics.median(times) for name, times in samples.items()}
