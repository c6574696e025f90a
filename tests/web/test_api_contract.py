"""/openapi.json keeps up with the routes: every /api/ operation states its answer's body and the
errors the central handlers give it, including operations added after these tests were written.
(tests/web/test_schemathesis.py checks that the answers keep to what is stated.)"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from runrehab.web.api.contract import ContractRoute
from runrehab.web.app import ROUTED
from tests.web.conftest import sign_up

API = [m for m in ROUTED if m.__name__.startswith("runrehab.web.api.")]
NO_BODY = {"204"}


def _operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    paths = app.openapi()["paths"]
    return [(method.upper(), path, op) for path, ops in paths.items() for method, op in ops.items()]


def test_every_api_route_documents_its_errors_by_itself(app: FastAPI) -> None:
    routes = [r for m in API for r in m.router.routes if isinstance(r, APIRoute)]
    assert [r.path for r in routes if not isinstance(r, ContractRoute)] == [], (
        "give the router route_class=ContractRoute"
    )
    assert set(app.openapi()["paths"]) == {r.path for r in routes}, "a router missing from API"


def test_every_operation_states_the_body_of_its_success(app: FastAPI) -> None:
    vague = []
    for method, path, op in _operations(app):
        for status, response in op["responses"].items():
            if not status.startswith("2") or status in NO_BODY:
                continue
            content = response.get("content", {})
            schema = content.get("application/json", {}).get("schema")
            stated = schema and (schema.get("$ref") or schema.get("items", {}).get("$ref"))
            if not stated and "text/csv" not in content and content:
                vague.append(f"{method} {path} {status}")
    assert vague == []


def test_errors_are_documented_with_the_bodies_the_handlers_send(app: FastAPI) -> None:
    ops = {(method, path): op["responses"] for method, path, op in _operations(app)}
    me = ops[("GET", "/api/v1/me")]
    assert set(me) == {"200", "401", "404", "422"}
    entries = ops[("POST", "/api/v1/entries")]
    assert {"200", "201", "400", "401", "403", "404", "409", "422"} <= set(entries)
    assert set(ops[("GET", "/api/v1/health")]) == {"200", "422"}
    assert "429" in ops[("POST", "/api/v1/session")]
    error = {"$ref": "#/components/schemas/ErrorBody"}
    invalid = {"$ref": "#/components/schemas/ValidationErrorBody"}
    assert me["401"]["content"]["application/json"]["schema"] == error
    assert entries["422"]["content"]["application/json"]["schema"] == invalid


def test_an_operation_without_inputs_documents_the_refusal_it_gives(
    app: FastAPI, client: TestClient
) -> None:
    """Input no field may hold is refused on every route (`refused_input.py`), so even an
    operation that reads nothing can answer 422, and says so."""
    sign_up(client)
    ops = {(method, path): op["responses"] for method, path, op in _operations(app)}
    answers = {
        ("GET", "/api/v1/me"): client.get("/api/v1/me?x=%00"),
        ("GET", "/api/v1/health"): client.get("/api/v1/health?x=%00"),
        ("DELETE", "/api/v1/session"): client.request(
            "DELETE",
            "/api/v1/session",
            content='{"a": NaN}',
            headers={"content-type": "application/json"},
        ),
    }
    for operation, answer in answers.items():
        assert answer.status_code == 422, operation
        assert "422" in ops[operation], operation


def test_the_error_bodies_are_the_ones_documented(client: TestClient) -> None:
    assert client.get("/api/v1/me").json() == {"detail": "log in first"}
    sign_up(client)
    refused = client.post("/api/v1/entries", json={"type": "checkin"}).json()
    assert refused["detail"]
    assert all(set(p) == {"loc", "msg"} for p in refused["detail"])
    assert all(isinstance(p["loc"], str) for p in refused["detail"])
    cross_site = client.post("/api/v1/plan/resume", headers={"Sec-Fetch-Site": "cross-site"})
    assert (cross_site.status_code, cross_site.json()) == (
        403,
        {"detail": "Cross-site request refused."},
    )


def test_a_wrong_method_is_told_every_method_the_path_takes(client: TestClient) -> None:
    refused = client.put("/api/v1/me")
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, DELETE"
    accept = client.put("/api/v1/coaching/accept")  # not the DELETE of /coaching/{coach_id}
    assert accept.headers["allow"] == "POST"
