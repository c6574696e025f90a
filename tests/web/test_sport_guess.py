"""A watch file that does not say its sport is never dropped without a word: a likely run is
imported, counted in the training load (flagged on screen) until the runner answers "was it a
run?" with one tap; anything else is listed with why it is not counted. Answering twice, or
importing the same file again, changes nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import assessed, words

FILES = Path(__file__).parents[1] / "data" / "activities"


def _gpx(start: datetime, metres_per_point: float = 100.0, points: int = 31) -> bytes:
    """A track heading north with no <type>, 30 s between points: 100 m a point is 3 km in 15
    min (5:00/km, a run); 250 m a point is 30 km/h (a ride)."""
    step = metres_per_point / 111_195  # degrees of latitude
    rows = "".join(
        f'<trkpt lat="{55.0 + i * step:.7f}" lon="12.0">'
        f"<time>{(start + timedelta(seconds=30 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(points)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="RunApp" '
        f'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{rows}</trkseg></trk></gpx>'
    ).encode()


def _yesterday() -> datetime:
    return datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0) - timedelta(days=1)


def _upload(client: TestClient, *files: tuple[str, bytes]) -> dict[str, Any]:
    response = client.post("/api/v1/activities", files=[("files", f) for f in files])
    assert response.status_code == 201, response.text
    return response.json()


def _load(client: TestClient) -> dict[str, Any]:
    return client.get("/api/v1/load").json()


def _answer(client: TestClient, activity_id: str, run: str) -> None:
    """The no-JavaScript form post: back to Runs."""
    response = client.post(
        f"/activities/{activity_id}/sport", data={"run": run}, follow_redirects=False
    )
    assert (response.status_code, response.headers["location"]) == (303, "/activities#guesses")


def test_a_run_whose_file_names_no_sport_counts_flagged_until_the_runner_answers(
    client: TestClient,
) -> None:
    assessed(client)
    report = _upload(client, ("morning.gpx", _gpx(_yesterday())))
    [guessed] = report["guessed"]
    assert (guessed["file"], guessed["guess"], guessed["counted_as_run"]) == (
        "morning.gpx",
        "likely_run",
        True,
    )
    assert "at running pace" in guessed["reason"]
    load = _load(client)
    assert sum(load["km"]) == 3.0  # counted before confirming: under-counting is the unsafe way
    assert load["unconfirmed"] == {"runs": 1, "km": 3.0, "ids": [guessed["id"]]}
    page = client.get("/activities").text
    assert "Was it a run? 1 file did not say the sport" in page
    assert "These numbers include 3.0 km from 1 likely run you have not confirmed" in words(page)
    assert f'action="/activities/{guessed["id"]}/sport"' in page
    assert "Yes, it was a run" in page
    assert "Not a run" in page
    [waiting] = client.get("/api/v1/activities/awaiting-pain").json()
    assert waiting["sport_confirmed"] is False


def test_not_a_run_leaves_the_load_and_yes_puts_it_back_once_however_often_it_is_sent(
    client: TestClient,
) -> None:
    assessed(client)
    activity_id = _upload(client, ("morning.gpx", _gpx(_yesterday())))["guessed"][0]["id"]
    _answer(client, activity_id, "no")
    _answer(client, activity_id, "no")  # a double tap, or a retried request
    assert (sum(_load(client)["km"]), _load(client)["unconfirmed"]["runs"]) == (0.0, 0)
    assert client.get("/api/v1/activities/awaiting-pain").json() == []
    for _ in range(2):
        answered = client.post(f"/api/v1/activities/{activity_id}/sport", json={"run": True})
        assert answered.status_code == 200, answered.text
        assert (answered.json()["sport"], answered.json()["sport_confirmed"]) == ("running", True)
    assert sum(_load(client)["km"]) == 3.0
    assert len(client.get("/api/v1/activities").json()) == 1
    assert "Was it a run?" not in client.get("/activities").text


def test_importing_the_same_sportless_file_again_adds_nothing_and_asks_nothing(
    client: TestClient,
) -> None:
    assessed(client)
    gpx = _gpx(_yesterday())
    _upload(client, ("morning.gpx", gpx))
    again = _upload(client, ("morning.gpx", gpx))
    assert (again["imported"], again["guessed"], len(again["duplicates"])) == ([], [], 1)
    assert sum(_load(client)["km"]) == 3.0


def test_a_one_tap_answer_over_htmx_swaps_in_the_answer_and_refreshes_the_load_note(
    client: TestClient,
) -> None:
    assessed(client)
    activity_id = _upload(client, ("morning.gpx", _gpx(_yesterday())))["guessed"][0]["id"]
    response = client.post(
        f"/activities/{activity_id}/sport", data={"run": "yes"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "sport-answered"
    assert "you said so: counted in your training load" in response.text
    assert "Undo: not a run" in response.text
    assert 'id="load-note"' in client.get("/activities").text


def test_a_ride_without_a_sport_is_listed_with_why_it_is_not_counted_and_can_be_claimed(
    client: TestClient,
) -> None:
    assessed(client)
    report = _upload(client, ("ride.gpx", _gpx(_yesterday(), metres_per_point=250.0)))
    [guessed] = report["guessed"]
    assert (guessed["guess"], guessed["counted_as_run"]) == ("unknown", False)
    assert "30 km/h while moving: faster than running" in guessed["reason"]
    assert sum(_load(client)["km"]) == 0.0
    page = client.get("/activities").text
    assert "sport unknown</strong>, not counted as running" in page
    assert "faster than running" in page
    _answer(client, guessed["id"], "yes")
    assert sum(_load(client)["km"]) == 7.5


def test_real_runs_stripped_of_their_sport_are_reported_as_likely_runs_by_their_names(
    client: TestClient,
) -> None:
    assessed(client)
    gpx = re.sub(
        rb"<type>[^<]*</type>", b"", (FILES / "runpandas-stopped_example.gpx").read_bytes()
    )
    tcx = (
        (FILES / "runpandas-run_garmin.tcx")
        .read_bytes()
        .replace(b'Sport="Running"', b'Sport="Other"')
    )
    report = _upload(client, ("strava.gpx", gpx), ("garmin.tcx", tcx))
    assert sorted((g["file"], g["guess"]) for g in report["guessed"]) == [
        ("garmin.tcx", "likely_run"),
        ("strava.gpx", "likely_run"),
    ]
    assert len(report["imported"]) == 2


def test_the_htmx_import_report_asks_about_each_sportless_file(client: TestClient) -> None:
    assessed(client)
    response = client.post(
        "/activities",
        files=[("files", ("morning.gpx", _gpx(_yesterday())))],
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "1 file did not say the sport" in response.text
    assert "morning.gpx</strong>, 3.00 km:" in response.text
    assert "<strong>likely a run</strong>, counted in your training load" in response.text
    assert 'hx-target="closest .sport-question"' in response.text


def test_a_sport_the_file_named_is_not_the_runners_to_flip_and_another_runner_gets_404(
    app: FastAPI,
) -> None:
    with TestClient(app) as ana, TestClient(app) as bob:
        assessed(ana, "ana@example.com")
        named = _gpx(_yesterday()).replace(b"<trk>", b"<trk><type>running</type>")
        _upload(ana, ("named.gpx", named))
        _upload(ana, ("guessed.gpx", _gpx(_yesterday() - timedelta(days=2))))
        rows = {
            "guessed.gpx" if r["sport_guess"] else "named.gpx": r["id"]
            for r in ana.get("/api/v1/activities").json()
        }
        flip = ana.post(f"/api/v1/activities/{rows['named.gpx']}/sport", json={"run": False})
        assert flip.status_code == 422
        assessed(bob, "bob@example.com")
        stolen = bob.post(f"/api/v1/activities/{rows['guessed.gpx']}/sport", json={"run": False})
        assert stolen.status_code == 404
        assert sum(_load(ana)["km"]) == 6.0


def test_scoring_a_likely_run_confirms_it_and_then_it_cannot_be_called_not_a_run(
    client: TestClient,
) -> None:
    assessed(client)
    [guessed] = _upload(client, ("morning.gpx", _gpx(_yesterday())))["guessed"]
    scored = client.post(
        f"/api/v1/activities/{guessed['id']}/pain", json={"pain_during": 1, "pain_after": 1}
    )
    assert scored.status_code == 201, scored.text
    assert _load(client)["unconfirmed"]["runs"] == 0
    refused = client.post(f"/api/v1/activities/{guessed['id']}/sport", json={"run": False})
    assert refused.status_code == 409
    assert "logged as a run" in refused.json()["detail"]
    assert sum(_load(client)["km"]) == 3.0
