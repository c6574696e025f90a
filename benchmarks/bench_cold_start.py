"""Wall time of `runrehab --help` (the target is under 0.3 s), the median of `--runs` runs, next
to a bare `python -c pass` run in turn with it: the one absolute target of the table, so the
interpreter's own start on this machine at this moment is printed beside it.

    uv run python benchmarks/bench_cold_start.py [--runs 5] [--results FILE]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from harness import Ratio, interleaved, report

COMMAND = [str(Path(sys.executable).parent / "runrehab"), "--help"]


def _run(command: list[str]) -> Callable[[int], object]:
    """As a user runs it: with bytecode caches (the warm-up round writes any that are missing)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return lambda _: subprocess.run(command, check=True, capture_output=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--results", type=Path, default=None, help="append the ratios (JSON)")
    args = parser.parse_args()
    medians = interleaved(
        {"help": _run(COMMAND), "python": _run([sys.executable, "-c", "pass"])}, args.runs
    )
    print(
        f"cold start: `runrehab --help` {medians['help'] * 1000:.0f} ms, "
        f"bare `python -c pass` {medians['python'] * 1000:.0f} ms (median of {args.runs})"
    )
    report([Ratio("`runrehab --help` wall time (s)", medians["help"], "< 0.3")], args.results)


if __name__ == "__main__":
    main()
