"""Coach invitations: an organisation's admin invites an address and the account with that
address decides. The admin learns nothing about the address from the answer, nothing changes for
the invited account until it accepts, and invitations are limited per admin and hour."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.config import Settings
from runrehab.services.invitations import PER_HOUR
from runrehab.web.app import create_app
from tests.web.conftest import OutBox, sign_up


def _coach(app: FastAPI, email: str, organisation: str | None = None) -> TestClient:
    client = TestClient(app)
    sign_up(client, email)
    made = client.post(
        "/api/v1/coach",
        json={"name": email.split("@", maxsplit=1)[0], "organisation": organisation},
    )
    assert made.status_code == 201
    return client


def _invite(admin: TestClient, email: str, name: str = "") -> Any:
    return admin.post("/api/v1/organisation/invitations", json={"email": email, "name": name})


def _mails(app: FastAPI, kind: str) -> list[str]:
    with app.state.runrehab.uow() as uow:
        return [n["to"] for n in uow.outbox.all() if n["kind"] == kind]


def _members(admin: TestClient) -> set[tuple[str, str]]:
    return {(m["email"], m["role"]) for m in admin.get("/api/v1/organisation/coaches").json()}


def test_the_admin_gets_the_same_answer_whoever_the_address_is_and_nothing_changes(
    app: FastAPI,
) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    runner = TestClient(app)
    sign_up(runner, "runner@example.com")
    solo = _coach(app, "solo@example.com")
    other = _coach(app, "other@example.com", "Other Clinic")
    addresses = [
        "nobody@example.com",
        "runner@example.com",
        "solo@example.com",
        "other@example.com",
    ]
    answers = {(r.status_code, r.text) for r in (_invite(admin, a) for a in addresses)}
    assert answers == {(202, '{"status":"invited"}')}
    assert sorted(_mails(app, "invitation")) == sorted(addresses)  # each address is told
    assert _members(admin) == {("admin@example.com", "admin")}
    assert runner.get("/api/v1/coach/roster").status_code == 404  # still not a coach
    assert solo.get("/api/v1/coach/roster").status_code == 200
    assert other.get("/api/v1/organisation/coaches").status_code == 200  # still their admin
    pending = admin.get("/api/v1/organisation/invitations").json()
    assert [p["email"] for p in pending] == addresses


def test_inviting_an_address_again_while_it_is_pending_adds_nothing(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    first, again = _invite(admin, "alex@example.com"), _invite(admin, " ALEX@example.com")
    assert (first.status_code, first.json()) == (again.status_code, again.json())
    assert len(admin.get("/api/v1/organisation/invitations").json()) == 1
    assert _mails(app, "invitation") == ["alex@example.com"]


def test_a_runner_who_accepts_becomes_a_coach_of_the_organisation(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    alex = TestClient(app)
    sign_up(alex, "alex@example.com")
    _invite(admin, "alex@example.com", "Alex")
    assert "Run Clinic" in alex.get("/data").text  # on the account page, with the buttons
    [invitation] = alex.get("/api/v1/me/invitations").json()
    assert (invitation["organisation"], invitation["invited_by"]) == ("Run Clinic", "admin")
    accepted = alex.post(
        f"/coach/invitations/{invitation['invitation_id']}/accept", follow_redirects=False
    )
    assert (accepted.status_code, accepted.headers["location"]) == (303, "/coach")
    assert _members(admin) == {("admin@example.com", "admin"), ("alex@example.com", "coach")}
    assert alex.get("/api/v1/coach/roster").json() == []  # a coach now, with no runners yet
    assert alex.get("/api/v1/me/invitations").json() == []
    assert admin.get("/api/v1/organisation/invitations").json() == []


def test_a_coach_who_works_alone_joins_and_keeps_their_name(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    solo = _coach(app, "solo@example.com")
    _invite(admin, "solo@example.com", "Renamed")
    assert "Run Clinic" in solo.get("/coach").text  # on the coach page
    [invitation] = solo.get("/api/v1/me/invitations").json()
    path = f"/api/v1/me/invitations/{invitation['invitation_id']}/accept"
    assert solo.post(path).status_code == 204
    [joined] = [m for m in admin.get("/api/v1/organisation/coaches").json() if m["role"] == "coach"]
    assert (joined["email"], joined["name"]) == ("solo@example.com", "solo")


def test_a_coach_of_another_organisation_must_leave_it_before_joining(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    other = _coach(app, "other@example.com", "Other Clinic")
    _invite(admin, "other@example.com")
    [invitation] = other.get("/api/v1/me/invitations").json()
    refused = other.post(f"/api/v1/me/invitations/{invitation['invitation_id']}/accept")
    assert refused.status_code == 409
    assert _members(admin) == {("admin@example.com", "admin")}
    assert len(other.get("/api/v1/me/invitations").json()) == 1  # still theirs to decline


def test_declining_changes_nothing_and_clears_it_on_both_sides(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    alex = TestClient(app)
    sign_up(alex, "alex@example.com")
    _invite(admin, "alex@example.com")
    [invitation] = alex.get("/api/v1/me/invitations").json()
    declined = alex.post(
        f"/coach/invitations/{invitation['invitation_id']}/decline",
        data={"back": "/data"},
        follow_redirects=False,
    )
    assert (declined.status_code, declined.headers["location"]) == (303, "/data")
    assert alex.get("/api/v1/me/invitations").json() == []
    assert admin.get("/api/v1/organisation/invitations").json() == []
    assert alex.get("/api/v1/coach/roster").status_code == 404
    again = alex.post(f"/api/v1/me/invitations/{invitation['invitation_id']}/accept")
    assert again.status_code == 404  # decided: it cannot be accepted afterwards


def test_a_withdrawn_invitation_can_no_longer_be_accepted(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    _invite(admin, "alex@example.com")
    [pending] = admin.get("/api/v1/organisation/invitations").json()
    other_admin = _coach(app, "other@example.com", "Other Clinic")
    path = f"/api/v1/organisation/invitations/{pending['invitation_id']}"
    assert other_admin.delete(path).status_code == 404  # only its own organisation's
    assert admin.delete(path).status_code == 204
    alex = TestClient(app)
    sign_up(alex, "alex@example.com")
    assert alex.get("/api/v1/me/invitations").json() == []
    accept = alex.post(f"/api/v1/me/invitations/{pending['invitation_id']}/accept")
    assert accept.status_code == 404


def test_an_address_without_an_account_sees_the_invitation_after_signing_up(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    _invite(admin, "new@example.com")
    newcomer = TestClient(app)
    sign_up(newcomer, "NEW@example.com")
    assert [i["organisation"] for i in newcomer.get("/api/v1/me/invitations").json()] == [
        "Run Clinic"
    ]
    assert "Invitations to coach" in newcomer.get("/coach").text  # above "Become a coach"


def test_only_the_invited_account_can_answer(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    _invite(admin, "alex@example.com")
    [pending] = admin.get("/api/v1/organisation/invitations").json()
    eve = TestClient(app)
    sign_up(eve, "eve@example.com")
    for answer in ("accept", "decline"):
        path = f"/api/v1/me/invitations/{pending['invitation_id']}/{answer}"
        assert eve.post(path).status_code == 404
    assert eve.get("/api/v1/coach/roster").status_code == 404
    assert len(admin.get("/api/v1/organisation/invitations").json()) == 1


def test_invitations_are_limited_per_admin_and_hour_across_processes(
    app: FastAPI, settings: Settings
) -> None:
    """Two server processes share the database, so they share the count."""
    admin = _coach(app, "admin@example.com", "Run Clinic")
    second = create_app(settings, mailer=OutBox())
    try:
        with TestClient(second) as elsewhere:
            elsewhere.cookies.update(admin.cookies)
            codes = [
                (admin if i % 2 else elsewhere)
                .post("/api/v1/organisation/invitations", json={"email": f"c{i}@example.com"})
                .status_code
                for i in range(PER_HOUR + 1)
            ]
            limited = _invite(elsewhere, "one-more@example.com")
    finally:
        second.state.runrehab.engine.dispose()
    assert codes == [202] * PER_HOUR + [429]
    assert limited.status_code == 429
    assert 3500 <= int(limited.headers["Retry-After"]) <= 3600
    assert len(admin.get("/api/v1/organisation/invitations").json()) == PER_HOUR
    page = admin.post("/organisation/invitations", data={"email": "page@example.com"})
    assert page.status_code == 429  # the same wait, give or take the second that passed
    assert 0 <= int(limited.headers["Retry-After"]) - int(page.headers["Retry-After"]) <= 1
    documented = app.openapi()["paths"]["/api/v1/organisation/invitations"]["post"]["responses"]
    assert "429" in documented


@pytest.mark.parametrize("address", ["not-an-address", "@", ""])
def test_an_address_that_is_not_one_is_refused_by_its_text_alone(
    app: FastAPI, address: str
) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    assert _invite(admin, address).status_code == 422


def test_the_admin_invites_and_withdraws_on_the_coach_page(app: FastAPI) -> None:
    admin = _coach(app, "admin@example.com", "Run Clinic")
    sent = admin.post("/organisation/invitations", data={"email": "alex@example.com"})
    assert sent.status_code == 200
    assert "Invitation sent to alex@example.com" in sent.text
    [pending] = admin.get("/api/v1/organisation/invitations").json()
    withdrawn = admin.post(
        f"/organisation/invitations/{pending['invitation_id']}/withdraw", follow_redirects=False
    )
    assert withdrawn.status_code == 303
    assert "No invitation is waiting" in admin.get("/coach").text
