"""Who has seen a runner's record: every view by a coach is recorded with the read (a refused or
failed read records nothing, the runner's own reads are not listed); the runner sees the log and
their consents on My data and in the API, their export has them and deleting the account removes
them; an organisation's admin reads the clinic's log and nobody else does."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from runrehab.adapters.db.tables import AccessLogRow, ConsentRow, UserRow
from runrehab.services.coaching import TERMS_VERSION
from tests.web.conftest import assessed, sign_up


def _coach(client: TestClient, email: str, organisation: str | None = "Run Clinic") -> None:
    sign_up(client, email)
    body = {"name": "Sam Coach", "organisation": organisation}
    assert client.post("/api/v1/coach", json=body).status_code == 201


def _linked(app: FastAPI) -> tuple[TestClient, TestClient, str]:
    """The admin of Run Clinic coaching Ana, and Ana's runner id."""
    coach, runner = TestClient(app), TestClient(app)
    _coach(coach, "coach@example.com")
    assessed(runner, "ana@example.com")
    code = coach.post("/api/v1/coach/invites").json()["code"]
    assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    with app.state.runrehab.engine.connect() as connection:
        runner_id = connection.scalar(
            select(UserRow.runner_id).where(UserRow.email == "ana@example.com")
        )
    return coach, runner, str(runner_id)


def _views(runner: TestClient) -> list[tuple[str, str]]:
    return [(v["viewer"], v["what"]) for v in runner.get("/api/v1/me/access-log").json()["views"]]


def _rows(app: FastAPI, table: type[AccessLogRow] | type[ConsentRow]) -> int:
    with app.state.runrehab.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)))


def test_a_coach_opening_a_runner_file_records_exactly_one_view(app: FastAPI) -> None:
    coach, runner, runner_id = _linked(app)
    assert coach.get(f"/coach/runners/{runner_id}").status_code == 200
    assert _views(runner) == [("Sam Coach", "runner file")]
    assert coach.get(f"/api/v1/coach/runners/{runner_id}").status_code == 200
    assert _views(runner) == [("Sam Coach", "runner file")] * 2


def test_a_coach_reading_the_thread_is_recorded_and_the_runner_reading_it_is_not(
    app: FastAPI,
) -> None:
    coach, runner, runner_id = _linked(app)
    coach_id = runner.get("/api/v1/coaching").json()[0]["coach_id"]
    assert runner.get(f"/api/v1/coaching/{coach_id}/messages").status_code == 200
    assert runner.get("/coaching").status_code == 200
    assert _views(runner) == []
    assert coach.get(f"/api/v1/coach/runners/{runner_id}/messages").status_code == 200
    assert coach.get(f"/coach/runners/{runner_id}/thread").status_code == 200
    assert _views(runner) == [("Sam Coach", "messages")] * 2


def test_a_refused_or_failed_view_records_nothing(app: FastAPI) -> None:
    _, runner, runner_id = _linked(app)
    stranger = TestClient(app)
    _coach(stranger, "stranger@example.com", None)
    assert stranger.get(f"/coach/runners/{runner_id}").status_code == 404
    assert stranger.get(f"/api/v1/coach/runners/{runner_id}").status_code == 404
    assert stranger.get(f"/api/v1/coach/runners/{runner_id}/messages").status_code == 404
    assert _views(runner) == []
    assert _rows(app, AccessLogRow) == 0
    other = TestClient(app)
    sign_up(other, "cy@example.com")
    code = stranger.post("/api/v1/coach/invites").json()["code"]
    assert other.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    with app.state.runrehab.engine.connect() as connection:
        unassessed = connection.scalar(
            select(UserRow.runner_id).where(UserRow.email == "cy@example.com")
        )
    assert stranger.get(f"/api/v1/coach/runners/{unassessed}").status_code == 404  # no plan yet
    assert _rows(app, AccessLogRow) == 0


def test_the_runner_sees_who_looked_newest_first_on_my_data(app: FastAPI) -> None:
    coach, runner, runner_id = _linked(app)
    coach.get(f"/coach/runners/{runner_id}")
    coach.get(f"/api/v1/coach/runners/{runner_id}/messages")
    log = runner.get("/api/v1/me/access-log").json()["views"]
    assert [v["what"] for v in log] == ["messages", "runner file"]
    assert log[0]["at"] >= log[1]["at"]
    page = runner.get("/data").text
    assert "Who has seen your record" in page
    assert page.index("saw your messages") < page.index("saw your runner file")
    assert "<strong>Sam Coach</strong> saw your runner file" in page


def test_an_organisation_admin_reads_the_clinics_log_and_no_one_else_does(app: FastAPI) -> None:
    coach, _, runner_id = _linked(app)
    coach.get(f"/coach/runners/{runner_id}")
    [view] = coach.get("/api/v1/organisation/access-log").json()
    assert (view["viewer"], view["runner"], view["what"]) == (
        "Sam Coach",
        "ana@example.com",
        "runner file",
    )
    page = coach.get("/coach/access-log")
    assert page.status_code == 200
    assert "saw the runner file of ana@example.com" in page.text
    assert 'href="/coach/access-log"' in coach.get("/coach").text
    solo, other_admin = TestClient(app), TestClient(app)
    _coach(solo, "solo@example.com", None)
    _coach(other_admin, "other@example.com", "Other Clinic")
    assert solo.get("/api/v1/organisation/access-log").status_code == 404
    assert solo.get("/coach/access-log").status_code == 404
    assert other_admin.get("/api/v1/organisation/access-log").json() == []


def test_joining_a_coach_records_consent_with_the_terms_version(app: FastAPI) -> None:
    runner = TestClient(app)
    sign_up(runner, "bea@example.com")
    assert f"(terms version {TERMS_VERSION})" in runner.get("/coaching").text
    _, runner, _ = _linked(app)
    [consent] = runner.get("/api/v1/me/access-log").json()["consents"]
    assert (consent["coach"], consent["terms_version"]) == ("Sam Coach", TERMS_VERSION)
    page = runner.get("/data").text
    assert "You let <strong>Sam Coach</strong> see your log, plan and messages" in page
    assert f"(terms version {TERMS_VERSION})" in page


def test_the_export_has_the_access_log_and_consents_and_deleting_removes_them(
    app: FastAPI,
) -> None:
    coach, runner, runner_id = _linked(app)
    coach.get(f"/api/v1/coach/runners/{runner_id}")
    data = runner.get("/api/v1/me/export").json()
    assert [(v["viewer"], v["what"]) for v in data["access_log"]] == [("Sam Coach", "runner file")]
    assert [c["terms_version"] for c in data["consents"]] == [TERMS_VERSION]
    assert (_rows(app, AccessLogRow), _rows(app, ConsentRow)) == (1, 1)
    assert runner.delete("/api/v1/me").status_code == 204
    assert (_rows(app, AccessLogRow), _rows(app, ConsentRow)) == (0, 0)
