"""The morning check-in on Today records the return-to-run tests, and names the condition's own
morning test movement."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import assessed


def test_todays_check_in_records_the_walk_the_calf_raises_and_the_hops(client: TestClient) -> None:
    assessed(client, weekly_km_now=0)
    form = {
        "monitoring_pain": "2",
        "brisk_walk_30min_pain_free": "yes",
        "single_leg_squats_10_pain_free": "yes",
        "single_leg_calf_raises": "24",
        "hop_pain": "1",
        "date": "2026-12-02",
    }
    response = client.post("/log/checkin", data=form)
    assert response.status_code == 200, response.text
    entries = client.get("/api/v1/me/export").json()["episodes"][0]["entries"]
    checkin = entries[-1]
    assert (checkin["hop_pain"], checkin["single_leg_calf_raises"]) == (1, 24)
    assert checkin["tests"]["brisk_walk_30min_pain_free"] is True
    assert checkin["tests"]["single_leg_squats_10_pain_free"] is True


def test_the_check_in_names_the_morning_test_of_the_runners_condition(client: TestClient) -> None:
    assessed(client)
    page = client.get("/today?on=2026-12-01").text
    assert "3 short single-leg bridges on the painful leg: pain" in page


def test_a_paused_runner_sees_on_today_what_restarts_running(client: TestClient) -> None:
    assessed(client, region="calf", onset="sudden", days_since_onset=5, weekly_km_now=0)
    page = client.get("/today?on=2026-12-01").text
    box = page.split('id="return-to-run"')[1].split("</ul>")[0]
    assert "30 single-leg calf raises" in box
    assert "30-minute brisk walk" in box


def test_a_runner_who_may_run_sees_no_restart_box(client: TestClient) -> None:
    assessed(client)
    assert 'id="return-to-run"' not in client.get("/today?on=2026-12-01").text


def test_a_bad_number_changes_nothing(client: TestClient) -> None:
    assessed(client)
    response = client.post("/log/checkin", data={"monitoring_pain": "2", "hop_pain": "11"})
    assert response.status_code == 422
    assert client.get("/api/v1/me/export").json()["episodes"][0]["entries"] == []
