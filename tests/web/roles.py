"""The cast of the authorization matrix: one client per role, all on one app, built once.

- `anonymous`: no session.
- `runner`: assessed; granted `coach` access with an invite code; has a message thread with the
  coach, a clinical note about them and a questionnaire (LEFS) the coach assigned.
- `other_runner`: assessed; grants nobody access.
- `coach`: a plain coach in the organisation "Clinic A"; has access to `runner`; has saved an
  assessment template.
- `stranger_coach`: a coach on their own, with no runners.
- `admin_a`: the admin of "Clinic A" (the coach's organisation); coaches no runners, so an admin
  who manages a coach must still not reach that coach's runners.
- `other_admin`: the admin of the organisation "Clinic B".

Every account is also assessed as a runner, so the routes that act on the signed-in account's own
data have something to act on whoever calls them. `ids` fills the matrix's concrete paths:
`runner_id` (the runner's), `coach_id` (the coach's user id), `template_id` (the coach's
template), `calendar_token` (the runner's private feed), `invitation_id` (Clinic A's pending
invitation to an address with no account) and `today`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import raw_answers
from tests.web.conftest import PASSWORD, sign_up

ANONYMOUS = "anonymous"
ROLES = (
    ANONYMOUS,
    "runner",
    "other_runner",
    "coach",
    "stranger_coach",
    "admin_a",
    "other_admin",
)
SIGNED_IN = ROLES[1:]
COACHES = ("coach", "stranger_coach", "admin_a", "other_admin")
ANSWERS = {
    "weekly_km_now": 20,
    "longest_run_30d_km": 8,
    "pain_rest": 1,
    "pain_during_run": 2,
    "baseline_morning_pain": 2,
}


def email(role: str) -> str:
    return f"{role.replace('_', '-')}@authz.example.com"


@dataclass
class Cast:
    app: FastAPI
    clients: dict[str, TestClient]
    ids: dict[str, str]

    def sign_in(self, role: str) -> None:
        """Back in after a sign-out (the matrix signs every role out once)."""
        if role != ANONYMOUS:
            response = self.clients[role].post(
                "/api/v1/session", json={"email": email(role), "password": PASSWORD}
            )
            assert response.status_code == 200, response.text

    def grant(self) -> None:
        """The runner accepts an invite from the coach: access (again, after a revoke)."""
        code = self.clients["coach"].post("/api/v1/coach/invites").json()["code"]
        accepted = self.clients["runner"].post("/api/v1/coaching/accept", json={"code": code})
        assert accepted.status_code == 201, accepted.text

    def join_clinic(self) -> None:
        """Clinic A's admin invites the coach, who accepts (again, after being removed)."""
        invited = self.clients["admin_a"].post(
            "/api/v1/organisation/invitations",
            json={"email": email("coach"), "name": "Cole Coach"},
        )
        assert invited.status_code == 202, invited.text
        [invitation] = self.clients["coach"].get("/api/v1/me/invitations").json()
        path = f"/api/v1/me/invitations/{invitation['invitation_id']}/accept"
        assert self.clients["coach"].post(path).status_code == 204

    def invite_stranger(self) -> None:
        """Clinic A's admin invites an address with no account (again, after withdrawing it)."""
        invited = self.clients["admin_a"].post(
            "/api/v1/organisation/invitations", json={"email": "nobody@authz.example.com"}
        )
        assert invited.status_code == 202, invited.text
        pending = self.clients["admin_a"].get("/api/v1/organisation/invitations").json()
        self.ids["invitation_id"] = pending[-1]["invitation_id"]

    def new_template(self) -> None:
        """The coach's own assessment template (again, after deleting it)."""
        saved = self.clients["coach"].post(
            "/api/v1/coach/templates",
            json={"name": "Desk worker", "answers": {"weekly_km_now": 20}},
        )
        assert saved.status_code == 201, saved.text
        self.ids["template_id"] = saved.json()["id"]

    def assign_questionnaire(self) -> None:
        """The coach asks the runner for the LEFS every two weeks (again, after stopping it)."""
        path = f"/api/v1/coach/runners/{self.ids['runner_id']}/questionnaires/lefs"
        assigned = self.clients["coach"].put(path, json={"every_days": 14})
        assert assigned.status_code == 200, assigned.text

    def new_calendar_token(self) -> None:
        url = self.clients["runner"].post("/api/v1/calendar-token").json()["url"]
        self.ids["calendar_token"] = url.rsplit("/", 1)[1].removesuffix(".ics")


def assessed_today(client: TestClient, address: str) -> None:
    """Signed up and assessed as of today, so the pages' "today" falls inside the episode."""
    sign_up(client, address)
    response = client.post("/api/v1/assessments", json={"answers": raw_answers(**ANSWERS)})
    assert response.status_code == 201, response.text


def _become_coach(client: TestClient, name: str, organisation: str | None) -> None:
    response = client.post("/api/v1/coach", json={"name": name, "organisation": organisation})
    assert response.status_code == 201, response.text


def build_cast(app: FastAPI) -> Cast:
    clients = {role: TestClient(app) for role in ROLES}
    for role in SIGNED_IN:
        assessed_today(clients[role], email(role))
    _become_coach(clients["admin_a"], "Ada Admin", "Clinic A")
    _become_coach(clients["other_admin"], "Bea Admin", "Clinic B")
    _become_coach(clients["stranger_coach"], "Stan Stranger", None)
    cast = Cast(app, clients, {"today": date.today().isoformat()})
    cast.join_clinic()
    cast.invite_stranger()
    cast.grant()
    cast.ids["runner_id"] = clients["coach"].get("/api/v1/coach/roster").json()[0]["runner_id"]
    cast.ids["coach_id"] = clients["runner"].get("/api/v1/coaching").json()[0]["coach_id"]
    cast.new_calendar_token()
    cast.new_template()
    cast.assign_questionnaire()
    runner_id, coach_id = cast.ids["runner_id"], cast.ids["coach_id"]
    for client, path, body in (
        (clients["runner"], f"/api/v1/coaching/{coach_id}/messages", "Sore after the bridges?"),
        (clients["coach"], f"/api/v1/coach/runners/{runner_id}/messages", "Normal: it is DOMS."),
        (clients["coach"], f"/api/v1/coach/runners/{runner_id}/notes", "query lumbar referral"),
    ):
        assert client.post(path, json={"body": body}).status_code == 201
    return cast
