"""Runs from the watch in the web app: upload files or an export zip, duplicates and bad files
reported by name, the training load, and an imported run scored so the engine decides on it."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import assessed, words

FILES = Path(__file__).parents[1] / "data" / "activities"


def _gpx(start: datetime, points: int = 31, climb_per_point: float = 5.0) -> bytes:
    """A run heading north, 100 m and 30 s between points (3 km in 15 min), climbing."""
    rows = "".join(
        f'<trkpt lat="{55.0 + i * 0.0009:.7f}" lon="12.0"><ele>{10 + i * climb_per_point}</ele>'
        f"<time>{(start + timedelta(seconds=30 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f"{rows}</trkseg></trk></gpx>"
    ).encode()


def _export() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(FILES / "fitparse-garmin-fenix-5-run.fit", "activities/1.fit")
        z.write(FILES / "runpandas-run.fit", "activities/2.fit")
        z.write(FILES / "fitparse-activity-filecrc.fit", "activities/3.fit")
        z.write(FILES / "tcxparser-test.tcx", "activities/4.tcx")
        z.writestr("activities.csv", "id,name\n")
    return buffer.getvalue()


def _upload(client: TestClient, *files: tuple[str, bytes]) -> dict:
    response = client.post("/api/v1/activities", files=[("files", f) for f in files])
    assert response.status_code == 201, response.text
    return response.json()


def test_an_export_zip_imports_its_runs_and_names_the_broken_file(client: TestClient) -> None:
    assessed(client)
    report = _upload(client, ("export.zip", _export()))
    assert sorted(i["file"] for i in report["imported"]) == [
        "export.zip:activities/1.fit",
        "export.zip:activities/2.fit",
        "export.zip:activities/4.tcx",
    ]
    [failed] = report["failed"]
    assert failed["file"] == "export.zip:activities/3.fit"
    assert "runrehab-upload" not in failed["reason"]  # no server paths in what the runner reads
    again = _upload(client, ("export.zip", _export()))
    assert len(again["duplicates"]) == 3
    assert len(client.get("/api/v1/activities").json()) == 3


def _yesterday_morning() -> datetime:
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    return today - timedelta(days=1)


def test_a_recent_hilly_run_waits_for_pain_scores_then_the_engine_decides(
    client: TestClient,
) -> None:
    assessed(client)
    yesterday = _yesterday_morning()
    _upload(client, ("morning.gpx", _gpx(yesterday)))
    [waiting] = client.get("/api/v1/activities/awaiting-pain").json()
    assert (waiting["distance_km"], waiting["minutes"], waiting["hilly"]) == (3.0, 15, True)
    assert "Your run on" in client.get("/today").text
    scored = client.post(
        f"/api/v1/activities/{waiting['id']}/pain", json={"pain_during": 1, "pain_after": 1}
    )
    assert scored.status_code == 201, scored.text
    rules = [r["rule"] for r in scored.json()["reasons"]]
    assert "pain_check_passed" in rules
    history = client.get("/api/v1/history").json()["entries"]
    assert [(e["type"], e["distance_km"], e["hills"]) for e in history] == [("run", 3.0, True)]
    assert client.get("/api/v1/activities/awaiting-pain").json() == []
    again = client.post(
        f"/api/v1/activities/{waiting['id']}/pain", json={"pain_during": 1, "pain_after": 1}
    )
    assert (again.status_code, again.json()["duplicate"]) == (200, True)
    rescored = client.post(
        f"/api/v1/activities/{waiting['id']}/pain", json={"pain_during": 9, "pain_after": 9}
    )
    assert rescored.status_code == 409
    assert "already has its pain scores" in rescored.json()["detail"]
    assert len(client.get("/api/v1/history").json()["entries"]) == 1


def test_the_training_load_counts_imported_runs_and_sets_the_next_run_cap(
    client: TestClient,
) -> None:
    assessed(client)
    yesterday = _yesterday_morning()
    _upload(client, ("morning.gpx", _gpx(yesterday, climb_per_point=0.0)))
    load = client.get("/api/v1/load").json()
    assert sum(load["km"]) == 3.0
    assert (len(load["daily_km"]), load["daily_km"][-2], load["daily_minutes"][-2]) == (28, 3.0, 15)
    assert load["next_run_cap_km"] == 3.3
    assert load["why"]["rule"] == "load_curves_descriptive"
    page = client.get("/activities").text
    assert 'id="volume-chart"' in page
    assert "at or below 3.3 km" in words(page)


def test_another_runner_cannot_score_someone_elses_run(app: FastAPI) -> None:
    with TestClient(app) as ana, TestClient(app) as bob:
        assessed(ana, "ana@example.com")
        start = datetime.now(UTC) - timedelta(days=1)
        _upload(ana, ("run.gpx", _gpx(start)))
        activity_id = ana.get("/api/v1/activities").json()[0]["id"]
        assessed(bob, "bob@example.com")
        stolen = bob.post(
            f"/api/v1/activities/{activity_id}/pain", json={"pain_during": 0, "pain_after": 0}
        )
        assert stolen.status_code == 404
        assert bob.get("/api/v1/activities").json() == []
        assert ana.get("/api/v1/activities/awaiting-pain").json()[0]["id"] == activity_id


def test_the_upload_page_answers_htmx_with_the_report_and_refuses_an_empty_upload(
    client: TestClient,
) -> None:
    assessed(client)
    fragment = client.post(
        "/activities",
        files=[("files", ("a.tcx", (FILES / "tcxparser-test.tcx").read_bytes()))],
        headers={"HX-Request": "true"},
    )
    assert fragment.status_code == 200
    assert "Imported 1" in fragment.text
    assert "<html" not in fragment.text
    empty = client.post("/api/v1/activities", files=[("files", ("empty.fit", b""))])
    assert empty.status_code == 422
    assert "choose at least one file" in empty.text


def test_the_coach_roster_counts_a_watch_run_once_before_and_after_it_is_scored(
    app: FastAPI,
) -> None:
    from tests.web.test_coaching import _linked

    coach, runner = _linked(app)
    start = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0) - timedelta(days=1)
    _upload(runner, ("run.gpx", _gpx(start, climb_per_point=0.0)))
    [row] = coach.get("/api/v1/coach/roster").json()
    assert round(sum(row["weekly_km_4w"]), 1) == 3.0
    waiting = runner.get("/api/v1/activities/awaiting-pain").json()[0]
    runner.post(
        f"/api/v1/activities/{waiting['id']}/pain", json={"pain_during": 2, "pain_after": 1}
    )
    [row] = coach.get("/api/v1/coach/roster").json()
    assert round(sum(row["weekly_km_4w"]), 1) == 3.0
    assert row["pain_28d"][-2] == 2  # yesterday's worst pain, now that it is scored


def test_an_unscored_watch_run_over_the_cap_flags_the_runner_on_the_roster(app: FastAPI) -> None:
    from tests.web.test_coaching import _linked

    coach, runner = _linked(app)
    morning = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    _upload(runner, ("easy.gpx", _gpx(morning - timedelta(days=6), climb_per_point=0.0)))
    [row] = coach.get("/api/v1/coach/roster").json()
    assert not any("over the 30-day longest" in r for r in row["attention"]["reasons"])
    _upload(runner, ("long.gpx", _gpx(morning - timedelta(days=1), points=41, climb_per_point=0.0)))
    [row] = coach.get("/api/v1/coach/roster").json()
    assert any("over the 30-day longest" in r for r in row["attention"]["reasons"])  # 4 km > 3.3


def _timed_gpx(start: datetime, duration_s: float, points: int = 301) -> bytes:
    """A 10 km run north, its last point `duration_s` (fractions kept) after the first."""
    times = [start + timedelta(seconds=duration_s * i / (points - 1)) for i in range(points)]
    rows = "".join(
        f'<trkpt lat="{55.0 + i * 0.0003:.7f}" lon="12.0"><ele>10</ele><time>'
        f"{t.isoformat(timespec='milliseconds').replace('+00:00', 'Z')}</time></trkpt>"
        for i, t in enumerate(times)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f"{rows}</trkseg></trk></gpx>"
    ).encode()


def test_a_run_shows_the_same_minutes_in_the_runs_table_today_and_the_api(
    client: TestClient,
) -> None:
    assessed(client)
    _upload(client, ("long.gpx", _timed_gpx(_yesterday_morning(), 2914.6)))
    [row] = client.get("/api/v1/activities").json()
    assert (round(row["timer_s"], 1), row["minutes"]) == (2914.6, 49)  # 48.58 min: nearest 49
    [waiting] = client.get("/api/v1/activities/awaiting-pain").json()
    assert waiting["minutes"] == 49
    assert "49 min</td>" in client.get("/activities").text
    assert ", 49 min</h2>" in client.get("/today").text


def test_an_upload_where_every_file_failed_is_a_422_naming_each_file_as_uploaded(
    client: TestClient, app: FastAPI
) -> None:
    assessed(client)
    broken = [("my run.fit", b"not a fit file"), ("x.gpx", b"<gpx")]
    response = client.post("/api/v1/activities", files=[("files", f) for f in broken])
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert [d["loc"] for d in detail] == ["my run.fit", "x.gpx"]  # the name as uploaded
    assert not any("00000" in d["msg"] or "00001" in d["msg"] for d in detail), detail
    assert not any("runrehab-upload" in d["msg"] for d in detail)
    assert client.get("/api/v1/activities").json() == []
    page = client.post("/activities", files=[("files", broken[0])], headers={"HX-Request": "1"})
    assert page.status_code == 422
    assert "my run.fit" in page.text
    assert "00000/" not in page.text


def test_a_reason_names_the_file_as_uploaded_when_others_were_imported(
    client: TestClient,
) -> None:
    assessed(client)
    started = datetime(2026, 11, 20, 7, tzinfo=UTC)
    report = _upload(client, ("good run.gpx", _gpx(started)), ("bad run.fit", b"nope"))
    assert [i["file"] for i in report["imported"]] == ["good run.gpx"]
    [failed] = report["failed"]
    assert failed["file"] == "bad run.fit"
    assert "0000" not in failed["reason"]
