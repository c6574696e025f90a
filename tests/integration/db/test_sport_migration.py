"""Migration 0013 changes no one's load: activities stored before it without a sport ("unknown")
were counted as runs and stay counted, now flagged for the runner to confirm; TCX's "Other" was
left out and stays out, now flagged so the runner can say it was a run; a named sport is untouched.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import downgrade, upgrade

_ROW = (
    "INSERT INTO activities (id, runner_id, content_sha256, source_name, sport, start_time,"
    " local_date, clock_unset, distance_m, timer_s, elapsed_s, records, laps, pace_histogram,"
    " imported_at) VALUES (:id, 'r', :id, :id, :sport, NULL, '2026-11-30', false, 5000, 1800,"
    " 1800, 10, 0, '{}', '2026-12-01 07:00:00')"
)


def test_activities_without_a_sport_keep_their_place_in_the_load_and_are_flagged(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0012")
    with engine.begin() as db:
        db.execute(text("INSERT INTO runners VALUES ('r', 'me', '2026-11-01 07:00:00')"))
        for activity_id, sport in (("a", "unknown"), ("b", "other"), ("c", "running")):
            db.execute(text(_ROW), {"id": activity_id, "sport": sport})
    upgrade(engine)
    query = "SELECT id, sport, sport_confirmed, sport_guess IS NULL FROM activities ORDER BY id"
    with engine.connect() as db:
        rows = [tuple(r) for r in db.execute(text(query))]
    assert rows == [
        ("a", "running", False, False),
        ("b", "other", False, False),
        ("c", "running", True, True),
    ]
    downgrade(engine, "0012")
    with engine.connect() as db:
        back = [tuple(r) for r in db.execute(text("SELECT id, sport FROM activities ORDER BY id"))]
    assert back == [("a", "unknown"), ("b", "other"), ("c", "running")]
