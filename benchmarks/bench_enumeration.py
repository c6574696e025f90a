"""Whether an answer's time tells if an address has an account: sign-up, login, password reset
and coach invitations, each timed for an address with an account and one without, side by side
in one run (alternating, so both see the same machine load), through the real app in process.
Prints the median time of each and their ratio (existing / unknown; 1.00 tells nothing).

    uv run python benchmarks/bench_enumeration.py [--pairs 40] [--postgres URL]

Sign-up always hashes the password and queues one e-mail; login always verifies a hash (a dummy
one for an unknown address); reset and invitations queue one e-mail either way and never send
it inside the request.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.adapters.db.tables import Base
from runrehab.config import Settings
from runrehab.services import accounts, coaching
from runrehab.web.app import create_app

PASSWORD = "benchmark-password"
Request = Callable[[str], object]


def _fresh() -> str:
    return f"bench-{uuid.uuid4().hex[:12]}@example.com"


def _account(app: FastAPI, email: str) -> accounts.Account:
    state = app.state.runrehab
    return accounts.create_account(email, PASSWORD, state.hasher, state.uow(), state.clock)


def _timed_ms(request: Request, addresses: list[str]) -> list[float]:
    samples = []
    for address in addresses:
        began = time.perf_counter()
        request(address)
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def _side_by_side(request: Request, existing: list[str], unknown: list[str]) -> tuple[float, float]:
    """Median ms for each kind, alternating one of each (and which goes first) so drifts in
    load, caches and connection pools hit both alike."""
    known_ms: list[float] = []
    unknown_ms: list[float] = []
    request(_fresh())  # warm-up: the first request of a kind pays for compiling its queries
    for i, (known_address, unknown_address) in enumerate(zip(existing, unknown, strict=True)):
        if i % 2:
            unknown_ms += _timed_ms(request, [unknown_address])
            known_ms += _timed_ms(request, [known_address])
        else:
            known_ms += _timed_ms(request, [known_address])
            unknown_ms += _timed_ms(request, [unknown_address])
    return statistics.median(known_ms), statistics.median(unknown_ms)


def _expect(client: TestClient, path: str, body: dict[str, str], status: int) -> None:
    response = client.post(path, json=body)
    assert response.status_code == status, response.text


def _invitations(app: FastAPI, pairs: int) -> tuple[float, float]:
    """Each admin sends at most 20 an hour: a new admin (and organisation) every 9 pairs (and
    its warm-up)."""
    state, client = app.state.runrehab, TestClient(app)
    existing = [_account(app, _fresh()).email for _ in range(pairs)]
    unknown = [_fresh() for _ in range(pairs)]
    known_ms: list[float] = []
    unknown_ms: list[float] = []
    for start in range(0, pairs, 9):
        admin = _account(app, _fresh())
        coaching.become_coach(admin, "Bench Admin", "Bench Clinic", state.uow(), state.clock)
        _expect(client, "/api/v1/session", {"email": admin.email, "password": PASSWORD}, 200)
        invite = lambda address: _expect(  # noqa: E731
            client, "/api/v1/organisation/invitations", {"email": address}, 202
        )
        k, u = _side_by_side(invite, existing[start : start + 9], unknown[start : start + 9])
        known_ms.append(k)
        unknown_ms.append(u)
    return statistics.median(known_ms), statistics.median(unknown_ms)


def bench(name: str, url: str, pairs: int) -> None:
    app = create_app(
        Settings(
            database_url=url,
            run_worker=False,
            login_rate_limit="100000/minute",
            mail_rate_limit="100000/minute",
        )
    )
    with app.state.runrehab.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    client = TestClient(app)
    existing = _account(app, _fresh()).email
    rows = {
        "sign-up": _side_by_side(
            lambda a: _expect(client, "/api/v1/users", {"email": a}, 202),
            [existing] * pairs,
            [_fresh() for _ in range(pairs)],
        ),
        "login": _side_by_side(
            lambda a: _expect(
                client, "/api/v1/session", {"email": a, "password": "wrong-one!"}, 401
            ),
            [existing] * pairs,
            [_fresh() for _ in range(pairs)],
        ),
        "reset": _side_by_side(
            lambda a: _expect(client, "/api/v1/password-resets", {"email": a}, 202),
            [existing] * pairs,
            [_fresh() for _ in range(pairs)],
        ),
        "invitation": _invitations(app, pairs),
    }
    for what, (known, unknown) in rows.items():
        print(
            f"{name:<11} {what:<11} existing {known:7.1f} ms   unknown {unknown:7.1f} ms   "
            f"ratio {known / unknown:5.2f}"
        )
    app.state.runrehab.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=40, help="requests of each kind timed")
    parser.add_argument(
        "--postgres", default="", help="postgresql+psycopg://... (a scratch database)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", args.pairs)
    if args.postgres:
        bench("postgresql", args.postgres, args.pairs)


if __name__ == "__main__":
    main()
