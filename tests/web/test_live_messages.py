"""Messages refresh in place with htmx: the thread fragments, sending from Today, and reading a
thread on the coaching page clearing the unread count."""

from __future__ import annotations

from fastapi import FastAPI

from tests.web.test_coaching import _linked

HTMX = {"HX-Request": "true"}


def test_reading_the_coaching_page_clears_the_runners_unread_count(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    coach.post(f"/api/v1/coach/runners/{runner_id}/messages", json={"body": "How was the run?"})
    assert runner.get("/api/v1/today").json()["unread_messages"] == 1
    assert "How was the run?" in runner.get("/coaching").text
    assert runner.get("/api/v1/today").json()["unread_messages"] == 0


def test_a_runner_sends_from_today_and_gets_the_thread_back_in_place(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    [mine] = runner.get("/api/v1/today").json()["coaches"]
    assert mine["name"] == "Sam Coach"
    assert f'hx-post="/coaching/{mine["id"]}/messages"' in runner.get("/today").text
    sent = runner.post(
        f"/coaching/{mine['id']}/messages", data={"body": "Sore today"}, headers=HTMX
    )
    assert sent.status_code == 200
    assert sent.text.startswith('<ul class="thread">')
    assert "Sore today" in sent.text
    assert coach.get("/api/v1/coach/roster").json()[0]["unread"] == 1
    fragment = coach.get(f"/coach/runners/{runner_id}/thread")
    assert "Sore today" in fragment.text
    assert "<html" not in fragment.text
    assert coach.get("/api/v1/coach/roster").json()[0]["unread"] == 0


def test_the_thread_fragments_answer_404_to_anyone_outside_the_conversation(app: FastAPI) -> None:
    coach, runner = _linked(app)
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    coach_id = runner.get("/api/v1/coaching").json()[0]["coach_id"]
    assert runner.get(f"/coach/runners/{runner_id}/thread").status_code == 404
    assert coach.get(f"/coaching/{coach_id}/thread").status_code == 404
    assert runner.get(f"/coaching/{coach_id}/thread").status_code == 200
