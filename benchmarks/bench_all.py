"""`make bench`: every benchmark in turn, each in its own process (its output as it goes), then
one table of the figures issues 19 and 20 set targets for: measure | value | target | met?

    uv run python benchmarks/bench_all.py [--quick] [--postgres URL]

`--quick` runs smaller sizes (a roster of 200 runners with 60 days each, shorter web rounds, one
load of each page, 100 activities to import) for a look in a few minutes; its figures are not the
issue's. Each piece also runs alone: `uv run python benchmarks/bench_<name>.py --help`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from harness import Ratio

HERE = Path(__file__).parent
# bench_import.py's line: "import into sqlite ... import / bare decode = 0.80"
IMPORT_RATIO = re.compile(r"import into (\w+)\b.*?import / bare decode = ([\d.]+)")


@dataclass(frozen=True, slots=True)
class Piece:
    script: str
    options: list[str]
    on_postgres: bool = True  # takes --postgres
    ratios: bool = True  # takes --results (bench_import.py's ratio is read from its output)


def pieces(quick: bool) -> list[Piece]:
    """The benchmarks in the order they run: the quick ones first."""
    return [
        Piece("bench_cold_start.py", ["--runs", "3" if quick else "5"], on_postgres=False),
        *([] if quick else [Piece("bench_engine.py", [], on_postgres=False, ratios=False)]),
        Piece("bench_decision.py", []),
        Piece("bench_adaptation.py", ["--budget", "3" if quick else "10"], on_postgres=False),
        Piece("bench_web.py", ["--seconds", "2" if quick else "5"]),
        Piece("bench_pages.py", ["--rounds", "1" if quick else "3"], on_postgres=False),
        Piece("bench_roster.py", ["--sizes", "50,200", "--days", "60"] if quick else []),
        Piece(
            "bench_import.py",
            ["--workers", "2", "--activities", "100" if quick else "500"],
            ratios=False,
        ),
        Piece("bench_enumeration.py", ["--pairs", "10" if quick else "40"], ratios=False),
    ]


def run(piece: Piece, postgres: str, results: Path) -> str:
    """Run one benchmark, echoing its output; returns the output (for bench_import's ratio)."""
    command = [sys.executable, str(HERE / piece.script), *piece.options]
    command += ["--postgres", postgres] if postgres and piece.on_postgres else []
    command += ["--results", str(results)] if piece.ratios else []
    print(f"\n== {piece.script} {' '.join(piece.options)}", flush=True)
    began, lines = time.perf_counter(), []
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # its lines as they come
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    if process.returncode:
        print(f"!! {piece.script} failed (exit {process.returncode})")
    print(f"   ({time.perf_counter() - began:.0f} s)", flush=True)
    return "".join(lines)


def import_ratios(output: str) -> list[Ratio]:
    """bench_import.py prints its ratio on a line of its own: read from there."""
    return [
        Ratio(f"Bulk FIT import / bare fitdecode decode, 2 workers, {name}", float(ratio), "<= 0.7")
        for name, ratio in IMPORT_RATIO.findall(output)
    ]


def table(rows: list[Ratio]) -> str:
    width = max(len(r.measure) for r in rows)
    lines = [f"{'measure':<{width}} | {'value':>8} | target | met?", "-" * (width + 29)]
    lines += [
        f"{r.measure:<{width}} | {r.shown:>8} | {r.target:<6} | {'yes' if r.met else 'NO'}"
        for r in rows
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a few minutes")
    parser.add_argument("--postgres", default="", help="postgresql+psycopg://... (scratch)")
    args = parser.parse_args()
    began = time.perf_counter()
    rows: list[Ratio] = []
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "ratios.jsonl"
        results.touch()
        for piece in pieces(args.quick):
            output = run(piece, args.postgres, results)
            if piece.script == "bench_import.py":
                found = import_ratios(output)
                rows += found
                if not found:
                    print("!! no ratio found in bench_import.py's output (its format changed?)")
        rows = [Ratio(**json.loads(line)) for line in results.read_text().splitlines()] + rows
    minutes = (time.perf_counter() - began) / 60
    print(f"\n== Issues 19 and 20's figures, measured side by side in one run ({minutes:.1f} min)")
    print(table(rows))


if __name__ == "__main__":
    main()
