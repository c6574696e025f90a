"""Load for `bench_web.py`: each simulated runner takes one of the signed-in, assessed sessions
that `bench_web.py` prepared (BENCH_SESSIONS, one cookie a line: argon2 sign-ups stay out of the
measurement), then hammers one target (BENCH_TARGET: the `today` page, `log` an exercise, or the
trivial `health` endpoint)."""

from __future__ import annotations

import itertools
import os
import uuid
from pathlib import Path

from locust import HttpUser, constant, task

TARGET = os.environ.get("BENCH_TARGET", "today")
SESSIONS = (
    Path(os.environ["BENCH_SESSIONS"]).read_text().split() if "BENCH_SESSIONS" in os.environ else []
)
_next = itertools.count()


class Runner(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        if SESSIONS:
            self.client.headers["Cookie"] = (
                f"runrehab_session={SESSIONS[next(_next) % len(SESSIONS)]}"
            )

    @task
    def hit(self) -> None:
        if TARGET == "today":
            self.client.get("/today", name="today")
        elif TARGET == "log":
            entry = {
                "type": "exercise",
                "date": "2026-12-01",
                "exercise": "single_leg_bridge",
                "sets": 1,
                "reps": 6,
                "pain": 2,
                "id": uuid.uuid4().hex,
            }
            self.client.post("/api/v1/entries", json=entry, name="log")
        else:
            self.client.get("/api/v1/health", name="health")
