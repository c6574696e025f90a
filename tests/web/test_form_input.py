"""Forms and JSON take numbers as numbers: a form's ASCII digits only, JSON's own numbers only
(not `NaN` or `Infinity`); and the calendar page shows only an address this server made."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import assessed

HTMX = {"HX-Request": "true"}
RUN = {"minutes": "20", "distance_km": "3", "pain_during": "1", "pain_after": "1"}


def test_a_log_form_refuses_numbers_that_are_not_plain_digits_naming_the_field(
    client: TestClient,
) -> None:
    assessed(client)
    for field, text in [
        ("minutes", "١٢"),
        ("minutes", "1_000"),
        ("minutes", " 12 "),
        ("distance_km", "nan"),
        ("distance_km", "inf"),
        ("distance_km", "1e3"),
    ]:
        response = client.post("/log/run", data=RUN | {field: text}, headers=HTMX)
        assert response.status_code == 422, (field, text, response.text)
        assert f"{field}: " in response.text
        assert "digits 0-9" in response.text
    assert client.post("/log/run", data=RUN, headers=HTMX).status_code == 200
    assert len(client.get("/api/v1/history").json()["entries"]) == 1


def test_a_pain_score_form_field_takes_digits_only(client: TestClient) -> None:
    assessed(client)
    response = client.post("/log/activity/none", data={"pain_during": "1_0", "pain_after": "1"})
    assert response.status_code == 422
    assert "pain_during" in response.text


def test_json_refuses_nan_and_infinity_naming_the_field(client: TestClient) -> None:
    assessed(client)
    body = (
        '{"type": "run", "date": "2026-12-02", "minutes": 20, "distance_km": NaN, '
        '"pain_during": 1, "pain_after": 1}'
    )
    response = client.post(
        "/api/v1/entries", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert {"loc": "distance_km", "msg": "NaN is not a number in JSON"} in response.json()["detail"]
    race = '{"distance_m": Infinity, "duration_s": 1200}'
    refused = client.put(
        "/api/v1/race-result", content=race, headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 422
    assert client.get("/api/v1/history").json()["entries"] == []


def test_the_calendar_page_never_shows_text_from_the_link_as_your_address(
    client: TestClient,
) -> None:
    assessed(client)
    page = client.get("/calendar?url=https://evil.example/pay-here")
    assert page.status_code == 200
    assert "evil.example" not in page.text
    made = client.post("/calendar/new")
    assert 'id="feed-url" type="text" readonly value="http://testserver/calendar/' in made.text


def test_a_questionnaire_form_names_an_answer_that_is_not_a_number(client: TestClient) -> None:
    assessed(client)
    answers = {f"q{i}": "3" for i in range(1, 21)}
    for text in ("nan", "inf", "١", "1e0"):
        refused = client.post("/questionnaires/lefs", data=answers | {"q5": text})
        assert refused.status_code == 422
        assert "q5: a number in digits 0-9" in refused.text.replace("&#39;", "'")
    assert client.post("/questionnaires/lefs", data=answers).status_code == 200
    assert len(client.get("/api/v1/questionnaires").json()) == 1
