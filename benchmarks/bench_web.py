"""Requests per second and p50/p99 latency of the web app under 32 concurrent users (locust,
127.0.0.1 only): the Today page, logging an exercise, and a trivial endpoint of the same app as
the framework's ceiling on this machine; on SQLite, and on PostgreSQL when --postgres is given.

    uv run python benchmarks/bench_web.py [--seconds 20] [--users 32] [--postgres URL]
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import httpx

from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.intake import SCREENING_KEYS

HERE = Path(__file__).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "RUNREHAB_DATABASE_URL": database_url,
        "RUNREHAB_LOGIN_RATE_LIMIT": "100000/minute",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "runrehab", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/v1/health", timeout=2)
            return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("server did not start")


ANSWERS = {
    "region": "buttock_sit_bone",
    "onset": "gradual",
    "days_since_onset": 60,
    **{k: k == "can_walk_normally" for k in SCREENING_KEYS},
    "weekly_km_now": 20,
    "longest_run_30d_km": 8,
    "pain_rest": 1,
    "pain_during_run": 2,
    "baseline_morning_pain": 2,
}


def prepare_sessions(url: str, database_url: str, users: int, path: Path) -> None:
    """Sign up (by the e-mailed link, read from the outbox) and assess one runner per simulated
    user, before any timing starts."""
    cookies = []
    engine = make_engine(database_url)
    for _ in range(users):
        with httpx.Client(base_url=url, timeout=30) as client:
            email = f"bench-{uuid.uuid4().hex}@example.com"
            client.post("/api/v1/users", json={"email": email}).raise_for_status()
            with SqlUnitOfWork(engine) as uow:
                [link] = [n["body"] for n in uow.outbox.all() if n["to"] == email]
            token = str(link).split("/signup/confirm/")[1].split()[0]
            client.post(
                "/api/v1/users/confirmations",
                json={"token": token, "password": "benchmark-password"},
            ).raise_for_status()
            client.post("/api/v1/assessments", json={"answers": ANSWERS}).raise_for_status()
            cookies.append(client.cookies["runrehab_session"])
    path.write_text("\n".join(cookies))


def run_locust(url: str, target: str, users: int, seconds: int, sessions: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "stats"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{seconds}s",
                "--host",
                url,
                "--csv",
                str(prefix),
                "--only-summary",
            ],
            env={**os.environ, "BENCH_TARGET": target, "BENCH_SESSIONS": str(sessions)},
            check=True,
            capture_output=True,
        )
        with open(f"{prefix}_stats.csv") as f:
            return next(row for row in csv.DictReader(f) if row["Name"] == target)


def bench(name: str, database_url: str, users: int, seconds: int) -> None:
    server, url = start_server(database_url)
    try:
        sessions = Path(tempfile.mkdtemp()) / "sessions.txt"
        prepare_sessions(url, database_url, users, sessions)
        for target in ("health", "today", "log"):
            row = run_locust(url, target, users, seconds, sessions)
            print(
                f"{name:<11} {target:<7} {float(row['Requests/s']):8.1f} req/s   p50 {row['50%']:>5} ms   "
                f"p99 {row['99%']:>6} ms   failures {row['Failure Count']}"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument(
        "--postgres", default="", help="postgresql+psycopg://... (a scratch database)"
    )
    args = parser.parse_args()
    print(f"{args.users} concurrent users, {args.seconds} s each, one uvicorn worker on 127.0.0.1")
    with tempfile.TemporaryDirectory() as folder:
        bench("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", args.users, args.seconds)
    if args.postgres:
        bench("postgresql", args.postgres, args.users, args.seconds)


if __name__ == "__main__":
    main()
