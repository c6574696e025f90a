"""Input no route can use is refused at the edge, and never crashes the server: JSON nested
deeper than the parser goes, text that is not Unicode (a lone surrogate), and the error answer
that quotes such input."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.domain.errors import InvalidInputError, Problem
from tests.web.conftest import assessed, sign_up

TOO_DEEP = "[" * 5000
JSON = {"content-type": "application/json"}
NOT_TEXT = "must be valid Unicode text (it holds a lone surrogate)"


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", "/logout"), ("get", "/api/v1/health"), ("delete", "/api/v1/session")],
)
def test_json_too_deep_to_read_is_ignored_by_a_route_that_takes_no_body(
    client: TestClient, method: str, url: str
) -> None:
    response = client.request(method, url, content=TOO_DEEP, headers=JSON, follow_redirects=False)
    assert response.status_code < 400, response.text


def test_json_too_deep_to_read_is_refused_where_a_body_is_expected(client: TestClient) -> None:
    sign_up(client)
    response = client.post("/api/v1/entries", content=TOO_DEEP, headers=JSON)
    assert response.status_code in (400, 422), response.text


def test_json_deep_but_readable_is_checked_without_crashing(client: TestClient) -> None:
    """As deep as the parser reads: the check walks it without recursion."""
    deep = "[" * 900 + '"a\\u0000"' + "]" * 900
    response = client.request("delete", "/api/v1/session", content=deep, headers=JSON)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ".".join(["0"] * 900)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"\\ud800": 1}', "\\ud800"),
        ('{"q1": "\\udfff"}', "q1"),
        ('{"q1": {"branch": ["ok", "\\ud83d"]}}', "q1.branch.1"),
    ],
)
def test_a_lone_surrogate_in_json_is_a_422_naming_the_field(
    client: TestClient, body: str, field: str
) -> None:
    assessed(client)
    response = client.post("/api/v1/questionnaires/visa_a", content=body, headers=JSON)
    assert response.status_code == 422, response.text
    assert {"loc": field, "msg": NOT_TEXT} in response.json()["detail"]


def test_a_lone_surrogate_is_refused_on_a_page_too(client: TestClient) -> None:
    response = client.post("/logout", content='{"\\ud800": "x"}', headers=JSON)
    assert response.status_code == 422
    assert "\\ud800: must be valid Unicode text" in response.text


def test_a_pair_of_surrogates_is_a_character_and_is_accepted(client: TestClient) -> None:
    """`\\ud83d\\ude00` is one emoji in JSON: valid text, refused by nothing here."""
    response = client.request(
        "delete", "/api/v1/session", content='{"a": "\\ud83d\\ude00"}', headers=JSON
    )
    assert response.status_code == 204, response.text


@pytest.mark.parametrize("path", ["/api/v1/quoting", "/quoting"])
def test_an_error_that_quotes_a_lone_surrogate_is_still_answered(
    app: FastAPI, client: TestClient, path: str
) -> None:
    """Whatever slips past the edge, the answer that quotes it can be encoded."""

    def quoting() -> None:
        raise InvalidInputError("request", [Problem("\ud800", "got '\udfff'")])

    app.add_api_route(path, quoting)
    response = client.get(path)
    assert response.status_code == 422
    if path.startswith("/api/"):
        assert response.json()["detail"] == [{"loc": "\\ud800", "msg": "got '\\udfff'"}]
    else:
        assert "\\ud800: got &#39;\\udfff&#39;" in response.text
