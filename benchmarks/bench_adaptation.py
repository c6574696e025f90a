"""CPU seconds the pure engine takes to replay a year of daily entries for 1,000 runners who
follow their plan and are not referred (`followers.py`), the target being under 5 s.

    uv run python benchmarks/bench_adaptation.py [--runners 1000] [--budget 10] [--rounds 3]
        [--results FILE]

A few followers' years (different seeds and weekly distances) are generated first and checked
to be the real case; the runners then replay them in turn through `replay_with_state`, timed
with the process's CPU clock, in `--rounds` rounds (the median counts). When one round of all
the runners would take more than `--budget` CPU seconds (the engine is slow), each round replays
fewer and the time is scaled to 1,000: the runners are independent, so the scaling is exact up
to noise, and the output says so.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from harness import Ratio, report

from followers import History, years
from runrehab.domain.adaptation.engine import replay_with_state
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.profile import RunnerProfile
from runrehab.knowledge.loader import load_knowledge_base


def replay_cpu(kb: KnowledgeBase, logs: list[History], runners: int) -> float:
    """CPU seconds for `runners` runners, each replaying one of `logs` from the start."""
    began = time.process_time()
    for n in range(runners):
        history = logs[n % len(logs)]
        start = initial_state(history.assessment, history.answers, RunnerProfile(), kb)
        state, _ = replay_with_state(start, history.entries, kb)
        assert not state.referred
    return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runners", type=int, default=1000)
    parser.add_argument("--budget", type=float, default=10.0, help="CPU seconds a round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", type=Path, default=None, help="append the ratios (JSON)")
    args = parser.parse_args()
    kb = load_knowledge_base()
    logs = years(kb)
    entries = statistics.mean(len(h.entries) for h in logs)
    one = replay_cpu(kb, logs, len(logs)) / len(logs)
    batch = max(1, min(args.runners, int(args.budget / one)))
    rounds = [replay_cpu(kb, logs, batch) for _ in range(args.rounds)]
    seconds = statistics.median(rounds) * args.runners / batch
    scaled = "" if batch == args.runners else f" (timed on {batch} runners a round, scaled)"
    print(
        f"engine: a year of daily entries ({entries:,.0f} a runner) for {args.runners:,} runners "
        f"who follow their plan: {seconds:.1f} CPU s{scaled}, {one * 1000:.0f} ms a runner-year"
    )
    measure = f"Replaying a year for {args.runners:,} runners not referred (CPU s)"
    report([Ratio(measure, seconds, "< 5")], args.results)


if __name__ == "__main__":
    main()
