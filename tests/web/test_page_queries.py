"""Today, Plan and Progress each read what they show in one unit of work, each table once (but
the episodes: the episode, its re-assessment chain, on Today the chain's start; and the logs, the
scores and the plan versions once per episode of the chain; Progress reads the chain's plan
versions, with the decisions that made them, in one): the number of SQL statements a page
takes is the same for a few entries and for 200, and it is written down here, so a change that
adds a read to a page fails."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.domain.adaptation.engine import replay
from runrehab.domain.adaptation.reassessment import starting_state
from runrehab.domain.log import CheckIn, Entry, ExerciseLog
from runrehab.render.serialize import decision_to_json
from runrehab.services.episodes import episode_of
from tests.conftest import raw_answers
from tests.web.conftest import counted_statements, sign_up

# statements per request: the signed-in session's two reads and the engine snapshot's (which
# one, then its state; Today and Plan also count the log, to read only its last days) included,
# and for the HTML page two more (whether the runner has been assessed, the referral notice);
# Today reads more tables than the other two (schedules, messages, coaches, the watch's runs, the
# race for the pace); a day of the plan reads what the plan does but its versions and the status
# behind the overrides' listing
TODAY = date.today().isoformat()
QUERIES = {
    "/today": 24,
    "/api/v1/today": 22,
    "/plan": 17,
    "/api/v1/plan": 15,
    f"/plan/day/{TODAY}": 15,
    f"/api/v1/plan/day/{TODAY}": 13,
    "/progress": 15,
    "/api/v1/progress": 13,
}
SHORT, LONG = 4, 200


def _daily(start: date, n: int) -> list[Entry]:
    """`n` entries, two a day: the morning check-in and a bridge (ids unique to `n`)."""
    entries: list[Entry] = []
    for i in range(n):
        on = start + timedelta(days=i // 2)
        entries.append(
            CheckIn(f"c{n}-{i}", on, 2)
            if i % 2 == 0
            else ExerciseLog(f"e{n}-{i}", on, "single_leg_bridge", 2, 8, None, 0.0, 2)
        )
    return entries


def _runner_with(app: FastAPI, n: int) -> TestClient:
    """A runner assessed long enough ago for `n` entries, each stored with the engine's decision
    (in bulk: logging 200 one by one takes long), and one more logged today as the app logs."""
    runner = TestClient(app)
    sign_up(runner, f"r{n}@example.com")
    start = date.today() - timedelta(days=LONG // 2 + 10)
    answers = raw_answers(weekly_km_now=20, longest_run_30d_km=8, pain_rest=1)
    created = runner.post(f"/api/v1/assessments?on={start}", json={"answers": answers})
    assert created.status_code == 201, created.text
    state = app.state.runrehab
    with state.uow() as uow:
        user = uow.accounts.user_by_email(f"r{n}@example.com")
        assert user is not None
        episode = uow.episodes.get(str(episode_of(user.runner_id, state.uow())))
        entries = _daily(start, n)
        decisions = replay(starting_state(episode, state.kb), entries, state.kb)
        decided = [
            (e, decision_to_json(d, state.kb)) for e, d in zip(entries, decisions, strict=True)
        ]
        uow.logs.add_batch(episode.id, decided, datetime.now(UTC))
        uow.commit()
    today = {"type": "checkin", "date": str(date.today()), "monitoring_pain": 2}
    logged = runner.post("/api/v1/entries", json=today)  # stores the engine's snapshot
    assert logged.status_code == 201, logged.text
    return runner


@pytest.mark.parametrize("path", list(QUERIES))
def test_a_page_takes_the_same_queries_for_4_entries_or_200(app: FastAPI, path: str) -> None:
    counts = []
    for n in (SHORT, LONG):
        runner = _runner_with(app, n)
        with counted_statements(app) as statements:
            response = runner.get(path)
        assert response.status_code == 200, response.text
        counts.append(len(statements))
    assert counts == [QUERIES[path]] * 2, statements
