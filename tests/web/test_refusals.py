"""One refusal, three answers from the one mapping in `web/errors.py`: the refused page for a
browser, the error fragment for htmx, the JSON body under /api/, with the same status and the
same words; and a page that declared its own way (`refuse_as`) keeps it."""

from __future__ import annotations

from datetime import date
from html import escape

from fastapi.testclient import TestClient

from tests.web.conftest import assessed

HTMX = {"HX-Request": "true"}
RUN = {"minutes": "20", "distance_km": "3", "pain_during": "1", "pain_after": "1"}
RUN_JSON = {"type": "run", "minutes": 20, "distance_km": 3.0, "pain_during": 1, "pain_after": 1}
UNKNOWN = {"exercise": "no-such-exercise", "sets": "3", "reps": "10", "pain": "1"}


def test_input_refused_is_a_page_a_fragment_and_json_with_the_same_words(
    client: TestClient,
) -> None:
    assessed(client)
    body = {"type": "exercise", "date": date.today().isoformat()} | UNKNOWN | {"sets": 3}
    body |= {"reps": 10, "pain": 1}
    api = client.post("/api/v1/entries", json=body)
    assert api.status_code == 422
    [problem] = api.json()["detail"]
    reason = f"{problem['loc']}: {problem['msg']}"
    fragment = client.post("/log/exercise", data=UNKNOWN, headers=HTMX)
    assert fragment.status_code == 422
    assert fragment.text == f"<div class='errors' role='alert'>{escape(reason)}</div>"
    page = client.post("/log/exercise", data=UNKNOWN)
    assert page.status_code == 422
    assert "<h1>Not saved</h1>" in page.text
    assert reason in page.text.replace("&#39;", "'")
    assert '<a href="/today"' in page.text  # the way back the log forms declared
    assert page.headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/history").json()["entries"] == []


def test_a_clash_with_what_is_stored_is_409_in_every_format(client: TestClient) -> None:
    assessed(client)
    assert client.post("/log/run", data=RUN | {"id": "run-1"}, headers=HTMX).status_code == 200
    changed = RUN | {"id": "run-1", "minutes": "30"}
    today = date.today().isoformat()
    api = client.post(
        "/api/v1/entries", json=RUN_JSON | {"id": "run-1", "date": today, "minutes": 30}
    )
    assert api.status_code == 409
    message = api.json()["detail"]
    fragment = client.post("/log/run", data=changed, headers=HTMX)
    assert (fragment.status_code, fragment.text) == (
        409,
        f"<div class='errors' role='alert'>{message}</div>",
    )
    page = client.post("/log/run", data=changed)
    assert page.status_code == 409
    assert message in page.text
    assert '<a href="/today"' in page.text


def test_a_form_that_declared_its_own_refusal_comes_back_with_what_was_typed(
    client: TestClient,
) -> None:
    """`refuse_as(..., Refusal(form=...))`: the form again with the input and why, whatever the
    request; the JSON twin still answers with the body."""
    for headers in ({}, HTMX):
        form = client.post("/signup", data={"email": "not-an-address"}, headers=headers)
        assert form.status_code == 422
        assert 'value="not-an-address"' in form.text
        assert "<form" in form.text
    api = client.post("/api/v1/users", json={"email": "not-an-address"})
    assert api.status_code == 422
    assert api.json()["detail"][0]["loc"] == "email"


def test_a_page_without_a_declared_refusal_gets_the_general_one(client: TestClient) -> None:
    assessed(client)
    page = client.get("/questionnaires/no-such")
    assert page.status_code == 404
    assert "no questionnaire 'no-such'" in page.text.replace("&#39;", "'")
    assert '<a href="/"' in page.text
    fragment = client.get("/questionnaires/no-such", headers=HTMX)
    assert fragment.status_code == 404
    assert fragment.text.startswith("<div class='errors' role='alert'>")
