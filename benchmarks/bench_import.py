"""Print the import throughput for a generated account export of one-hour FIT runs, next to the
time fitdecode alone takes to decode the same files.

    uv run python benchmarks/bench_import.py [--activities 500] [--workers 2] [--rounds 3]
                                             [--postgres URL]

The export (a zip of N one-hour FIT activities with 1 s records, a third of them gzipped, as the
big platforms export them) is written once with Garmin's FIT SDK encoder and reused. "Bare" is
fitdecode reading every frame of every file in one process with its default options, checking
CRCs; "import" is the whole pipeline: walk the zip, decode and summarise with `--workers`
processes, deduplicate and store into a fresh database. The two are timed in turns (bare, then
each database, `--rounds` times) and the ratio is of the medians, so a busy machine slows both
alike. The target is import wall time <= 0.7 x bare with 2 workers. The CPU ratio (this process
and its workers, user + system; not a PostgreSQL server's) says what the import costs whatever
share of the cores it got. Figures, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import random
import resource
import statistics
import tempfile
import time
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fitdecode
from garmin_fit_sdk import Encoder, Profile  # type: ignore[import-untyped]

from runrehab.adapters.activities.archive import Walk, sources
from runrehab.adapters.activities.decode import decode_all
from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import downgrade, upgrade
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.services.activities import import_decoded

MESG = Profile["mesg_num"]
HOUR = 3600


def one_hour_run(start: datetime, rng: random.Random) -> bytes:
    """A one-hour run with 1 s records: distance, speed, heart rate, altitude, position."""
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "development",
            "product": 1,
            "serial_number": rng.randrange(1, 2**31),
            "time_created": start,
        }
    )
    distance, altitude = 0.0, 50.0
    for second in range(HOUR):
        speed = 2.6 + 0.4 * rng.random()
        distance += speed
        altitude += rng.uniform(-0.3, 0.3)
        encoder.write_mesg(
            {
                "mesg_num": MESG["RECORD"],
                "timestamp": start + timedelta(seconds=second),
                "distance": distance,
                "speed": speed,
                "heart_rate": 135 + rng.randrange(25),
                "altitude": altitude,
                "position_lat": 655_000_000 + second * 11,
                "position_long": 143_000_000,
            }
        )
    end = start + timedelta(seconds=HOUR)
    totals = {"start_time": start, "total_elapsed_time": HOUR, "total_timer_time": HOUR}
    encoder.write_mesg(
        {"mesg_num": MESG["LAP"], "timestamp": end, "total_distance": distance} | totals
    )
    encoder.write_mesg(
        {
            "mesg_num": MESG["SESSION"],
            "timestamp": end,
            "sport": "running",
            "total_distance": distance,
            "num_laps": 1,
        }
        | totals
    )
    encoder.write_mesg(
        {
            "mesg_num": MESG["ACTIVITY"],
            "timestamp": end,
            "num_sessions": 1,
            "total_timer_time": HOUR,
        }
    )
    return bytes(encoder.close())


def export(count: int, folder: Path) -> Path:
    path = folder / f"export-{count}.zip"
    if path.exists():
        return path
    rng = random.Random(count)
    first = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
        for n in range(count):
            data = one_hour_run(first + timedelta(days=n, minutes=rng.randrange(600)), rng)
            if n % 3 == 0:
                archive.writestr(f"activities/{n}.fit.gz", gzip.compress(data))
            else:
                archive.writestr(f"activities/{n}.fit", data)
            print(f"\rwriting the export: {n + 1}/{count}", end="", flush=True)
    partial.rename(path)
    print()
    return path


def cpu_s() -> float:
    """CPU seconds so far of this process and of its children that have ended (the workers)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare(files: list[bytes]) -> tuple[float, float, int]:
    """fitdecode alone: every frame of every file, CRCs checked, one process."""
    frames = 0
    began, cpu = time.perf_counter(), cpu_s()
    for data in files:
        for _ in fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE):
            frames += 1
    return time.perf_counter() - began, cpu_s() - cpu, frames


def pipeline(path: Path, url: str, workers: int | None) -> tuple[float, float, int, int]:
    engine = make_engine(url)
    downgrade(engine, "base")
    upgrade(engine)
    uow = SqlUnitOfWork(engine)
    runner = uuid.uuid4().hex
    with uow:
        uow.episodes.add_runner(runner, "bench", datetime.now(UTC))
        uow.commit()
    began, cpu = time.perf_counter(), cpu_s()
    report = import_decoded(
        runner,
        decode_all(sources([path], Walk()), workers),
        load_knowledge_base(),
        uow,
        lambda: datetime.now(UTC),
    )
    elapsed, cpu = time.perf_counter() - began, cpu_s() - cpu
    engine.dispose()
    records = sum(a.records for _, a in report.imported)
    return elapsed, cpu, len(report.imported), records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="decoding processes")
    parser.add_argument("--rounds", type=int, default=3, help="timed turns; medians are kept")
    parser.add_argument("--postgres", help="a scratch PostgreSQL database URL")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "runrehab-bench"
    )
    args = parser.parse_args()
    args.cache.mkdir(exist_ok=True)
    path = export(args.activities, args.cache)
    print(f"export: {path} ({path.stat().st_size / 2**20:.0f} MB), {os.cpu_count()} cores")
    files = [s.data for s in sources([path], Walk())]
    with tempfile.TemporaryDirectory() as scratch:
        targets = [("SQLite", f"sqlite:///{scratch}/bench.sqlite3")]
        targets += [("PostgreSQL", args.postgres)] if args.postgres else []
        bare_runs: list[tuple[float, float, int]] = []
        runs: dict[str, list[tuple[float, float, int, int]]] = {name: [] for name, _ in targets}
        for _ in range(args.rounds):
            bare_runs.append(bare(files))
            for name, url in targets:
                runs[name].append(pipeline(path, url, args.workers))
    report(args, bare_runs, runs)


def report(
    args: argparse.Namespace,
    bare_runs: list[tuple[float, float, int]],
    runs: dict[str, list[tuple[float, float, int, int]]],
) -> None:
    bare_s = statistics.median(r[0] for r in bare_runs)
    bare_cpu = statistics.median(r[1] for r in bare_runs)
    print(
        f"fitdecode alone, one core: {bare_s:.1f} s median of {_seconds(bare_runs)} "
        f"({args.activities / bare_s:.1f} activities/s, {bare_runs[0][2]:,} frames), "
        f"CPU {bare_cpu:.1f} s"
    )
    for name, timed in runs.items():
        took = statistics.median(r[0] for r in timed)
        cpu = statistics.median(r[1] for r in timed)
        _, _, imported, records = timed[0]
        print(
            f"import into {name}, {args.workers} workers: {took:.1f} s median of "
            f"{_seconds(timed)} for {imported} activities "
            f"({imported / took:.1f} activities/s, {records / took:,.0f} records/s), "
            f"CPU {cpu:.1f} s; import / bare decode = {took / bare_s:.2f} (target <= 0.7), "
            f"CPU {cpu / bare_cpu:.2f}"
        )


def _seconds(runs: list[Any]) -> str:
    """The wall times of every round, as measured."""
    return "[" + ", ".join(f"{run[0]:.1f}" for run in runs) + "]"


if __name__ == "__main__":
    main()
