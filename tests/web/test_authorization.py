"""Authorization as a matrix: every page and API route, called by every role of the cast
(tests/web/roles.py), gets the outcome its access category allows. A new route without a MATRIX
entry fails the suite.

The access categories (who is allowed; everyone else is denied):

| category          | allowed                                                      | in the cast           |
| ----------------- | ------------------------------------------------------------ | --------------------- |
| `PUBLIC`          | everyone, anonymous visitors too                             | all seven roles       |
| `SELF`            | any signed-in account, on its own data (no id in the path)   | all but anonymous     |
| `COACH`           | a coach, on their own roster and invites                     | the four coaches      |
| `COACH_OF_RUNNER` | on a `{runner_id}` route: a coach that runner granted access | coach                 |
| `RUNNER_OF_COACH` | on a runner's `{coach_id}` route: a runner who granted them  | runner                |
| `ADMIN`           | an organisation's admin, on their own organisation           | admin_a, other_admin  |
| `ADMIN_OF_COACH`  | on a `{coach_id}` route: the admin of that coach's clinic    | admin_a               |
| `TEMPLATE_OWNER`  | on a `{template_id}` route: the coach who saved the template | coach                 |
| `ADMIN_OF_INVITE` | on an `{invitation_id}` route: the admin who sent it         | admin_a               |
| `INVITED`         | on an `{invitation_id}` route: the invited address's account | nobody (see below)    |
| `OWN_ACTIVITY`    | on an `{activity_id}` route: the runner who imported it      | nobody (see below)    |

The cast imports no watch file, so `OWN_ACTIVITY` routes are denied to every role here;
tests/web/test_activities.py has the owner scoring their run and another runner refused. The
cast's one invitation is to an address with no account, so `INVITED` routes are denied to every
role here; tests/web/test_invitations.py has the invited account accepting and declining.

Outcomes: an allowed role gets a 2xx or 3xx (other than a redirect to /login), or exactly the
entry's `allowed` status where the body is deliberately refused because a real call would change
who the role is (sign up, log in, become a coach, accept an invite, add a coach). A denied
anonymous visitor gets 401 from the API and a 303 to /login from a page; a denied signed-in
account gets 404, never 403: the use cases answer NotFoundError, so nobody learns whether a
runner, a conversation or a colleague exists (an account that is not a coach gets 404 from the
coach routes too; GET /coach offers it to become one). A denied request changes nothing in the
database, and where a signed-in account can be denied the coach still reads the same thread,
notes and plan versions of the runner afterwards.

To add a route: one MATRIX line with its category, a concrete path ({runner_id}, {coach_id},
{calendar_token}, {invitation_id} and {today} are filled from the cast) and a body (JSON for /api/, form fields for
pages) that an allowed role may send. An allowed call that would break the cast for later routes
names an `undo`; one that cannot be undone is `irreversible` and runs after all the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from runrehab.adapters.db.tables import Base
from runrehab.config import Settings
from runrehab.web.app import create_app
from tests.conftest import raw_answers
from tests.web.conftest import OutBox
from tests.web.roles import (
    ANONYMOUS,
    COACHES,
    ROLES,
    SIGNED_IN,
    Cast,
    assessed_today,
    build_cast,
    email,
)

PUBLIC, SELF, COACH = "public", "self", "coach"
COACH_OF_RUNNER, RUNNER_OF_COACH = "coach of runner", "runner of coach"
ADMIN, ADMIN_OF_COACH = "admin", "admin of coach"
TEMPLATE_OWNER = "template owner"
ADMIN_OF_INVITE, INVITED = "admin of invitation", "invited"
OWN_ACTIVITY = "own activity"
ALLOWED: dict[str, tuple[str, ...]] = {
    PUBLIC: ROLES,
    SELF: SIGNED_IN,
    COACH: COACHES,
    COACH_OF_RUNNER: ("coach",),
    RUNNER_OF_COACH: ("runner",),
    ADMIN: ("admin_a", "other_admin"),
    ADMIN_OF_COACH: ("admin_a",),
    TEMPLATE_OWNER: ("coach",),
    ADMIN_OF_INVITE: ("admin_a",),
    INVITED: (),
    OWN_ACTIVITY: (),
}
OK, LOGIN, NOT_FOUND = "2xx/3xx", "to log in", "404"


def _signed_out_again(cast: Cast, role: str) -> None:
    cast.sign_in(role)


def _granted_again(cast: Cast, role: str) -> None:
    cast.grant()


def _rejoined(cast: Cast, role: str) -> None:
    cast.join_clinic()


def _invited_again(cast: Cast, role: str) -> None:
    cast.invite_stranger()


def _template_again(cast: Cast, role: str) -> None:
    cast.new_template()


def _assigned_again(cast: Cast, role: str) -> None:
    cast.assign_questionnaire()


def _feed_renewed(cast: Cast, role: str) -> None:
    if role == "runner":  # the feed the matrix reads is the runner's
        cast.new_calendar_token()


@dataclass(frozen=True)
class Case:
    who: str
    path: str
    body: Any = None
    allowed: int | None = None  # the exact status for a deliberately refused body
    undo: Callable[[Cast, str], None] | None = None  # puts the cast back after an allowed call
    irreversible: bool = False  # runs after every other route


ENTRY = {
    "type": "exercise",
    "date": "{today}",
    "exercise": "single_leg_bridge",
    "sets": 1,
    "reps": 6,
    "pain": 2,
}
LEFS = {f"q{i}": 3 for i in range(1, 21)}
ANSWERS = raw_answers(weekly_km_now=20)
# the assessment wizard's form for the same answers (booleans as yes/no)
REASSESS_FORM = {
    k: ("yes" if v else "no") if isinstance(v, bool) else str(v) for k, v in ANSWERS.items()
}
RUNNER, COACH_ID = "{runner_id}", "{coach_id}"
# (method, path template) -> Case
MATRIX: dict[tuple[str, str], Case] = {
    # -- public pages and accounts ---------------------------------------------------------------
    ("GET", "/"): Case(PUBLIC, "/"),
    ("GET", "/signup"): Case(PUBLIC, "/signup"),
    ("POST", "/signup"): Case(PUBLIC, "/signup", {"email": "x"}, 422),
    ("GET", "/signup/sent"): Case(PUBLIC, "/signup/sent"),
    ("GET", "/login"): Case(PUBLIC, "/login"),
    ("POST", "/login"): Case(PUBLIC, "/login", {}, 422),
    ("POST", "/logout"): Case(PUBLIC, "/logout", undo=_signed_out_again),
    ("GET", "/reset"): Case(PUBLIC, "/reset"),
    ("POST", "/reset"): Case(PUBLIC, "/reset", {"email": "nobody@example.com"}),
    ("GET", "/reset/{token}"): Case(PUBLIC, "/reset/not-a-token"),
    ("POST", "/reset/{token}"): Case(PUBLIC, "/reset/not-a-token", {"password": "p" * 12}, 422),
    ("GET", "/exercises"): Case(PUBLIC, "/exercises"),
    ("GET", "/manifest.webmanifest"): Case(PUBLIC, "/manifest.webmanifest"),
    ("GET", "/sw.js"): Case(PUBLIC, "/sw.js"),
    ("GET", "/exercises/{exercise_id}"): Case(PUBLIC, "/exercises/airplane"),
    ("GET", "/exercises/{exercise_id}.svg"): Case(PUBLIC, "/exercises/airplane.svg"),
    ("GET", "/learn/{card_id}"): Case(PUBLIC, "/learn/pain_monitoring"),
    # a capability URL: whoever holds the runner's secret token
    ("GET", "/calendar/{token}.ics"): Case(PUBLIC, "/calendar/{calendar_token}.ics"),
    ("GET", "/signup/confirm/{token}"): Case(PUBLIC, "/signup/confirm/not-a-token", None, 422),
    ("POST", "/signup/confirm/{token}"): Case(
        PUBLIC, "/signup/confirm/not-a-token", {"password": "a long enough password"}, 422
    ),
    ("POST", "/api/v1/users"): Case(PUBLIC, "/api/v1/users", {}, 422),
    ("POST", "/api/v1/users/confirmations"): Case(
        PUBLIC,
        "/api/v1/users/confirmations",
        {"token": "not-a-token", "password": "a long enough password"},
        422,
    ),
    ("POST", "/api/v1/session"): Case(PUBLIC, "/api/v1/session", {}, 422),
    ("DELETE", "/api/v1/session"): Case(PUBLIC, "/api/v1/session", undo=_signed_out_again),
    ("POST", "/api/v1/password-resets"): Case(
        PUBLIC, "/api/v1/password-resets", {"email": "nobody@example.com"}
    ),
    ("POST", "/api/v1/password-resets/{token}"): Case(
        PUBLIC, "/api/v1/password-resets/not-a-token", {"password": "p" * 12}, 422
    ),
    ("GET", "/api/v1/exercises"): Case(PUBLIC, "/api/v1/exercises"),
    ("GET", "/api/v1/health"): Case(PUBLIC, "/api/v1/health"),
    ("GET", "/api/v1/exercises/{exercise_id}"): Case(PUBLIC, "/api/v1/exercises/airplane"),
    # -- the signed-in account's own data --------------------------------------------------------
    ("GET", "/assess"): Case(SELF, "/assess"),
    ("GET", "/assess/{step}"): Case(SELF, "/assess/1"),
    ("POST", "/assess/{step}"): Case(SELF, "/assess/1", {}),
    ("GET", "/assess/result"): Case(SELF, "/assess/result"),
    ("GET", "/today"): Case(SELF, "/today"),
    ("GET", "/log"): Case(SELF, "/log"),
    ("GET", "/more"): Case(SELF, "/more"),
    ("POST", "/log/exercise"): Case(
        SELF,
        "/log/exercise",
        {"exercise": "single_leg_bridge", "sets": "1", "reps": "6", "pain": "2"},
    ),
    ("POST", "/log/run"): Case(
        SELF,
        "/log/run",
        {"minutes": "20", "distance_km": "3", "pain_during": "1", "pain_after": "1"},
    ),
    ("POST", "/log/checkin"): Case(SELF, "/log/checkin", {"monitoring_pain": "2"}),
    ("GET", "/plan"): Case(SELF, "/plan"),
    ("GET", "/plan/day/{day}"): Case(SELF, "/plan/day/{today}"),
    ("POST", "/plan/pause"): Case(SELF, "/plan/pause", {"reason": "travel"}),
    ("POST", "/plan/resume"): Case(SELF, "/plan/resume"),
    ("GET", "/progress"): Case(SELF, "/progress"),
    ("GET", "/calendar"): Case(SELF, "/calendar"),
    ("POST", "/calendar/new"): Case(SELF, "/calendar/new", undo=_feed_renewed),
    ("GET", "/pace"): Case(SELF, "/pace"),
    ("GET", "/activities"): Case(SELF, "/activities"),
    ("POST", "/activities"): Case(SELF, "/activities", {}, 422),  # no files: nothing imported
    ("POST", "/log/activity/{activity_id}"): Case(
        OWN_ACTIVITY, "/log/activity/no-such-run", {"pain_during": "1", "pain_after": "1"}
    ),
    ("POST", "/activities/{activity_id}/sport"): Case(
        OWN_ACTIVITY, "/activities/no-such-run/sport", {"run": "yes"}
    ),
    ("POST", "/api/v1/activities"): Case(SELF, "/api/v1/activities", {}, 422),
    ("POST", "/api/v1/activities/{activity_id}/sport"): Case(
        OWN_ACTIVITY, "/api/v1/activities/no-such-run/sport", {"run": True}
    ),
    ("GET", "/api/v1/activities"): Case(SELF, "/api/v1/activities"),
    ("GET", "/api/v1/activities/awaiting-pain"): Case(SELF, "/api/v1/activities/awaiting-pain"),
    ("POST", "/api/v1/activities/{activity_id}/pain"): Case(
        OWN_ACTIVITY, "/api/v1/activities/no-such-run/pain", {"pain_during": 1, "pain_after": 1}
    ),
    ("GET", "/api/v1/load"): Case(SELF, "/api/v1/load"),
    ("POST", "/pace"): Case(SELF, "/pace", {"distance_km": "5", "time": "25:00"}),
    ("GET", "/data"): Case(SELF, "/data"),
    # not confirmed, so the page goes back to /data; DELETE /api/v1/me deletes for real, last
    ("POST", "/data/delete"): Case(SELF, "/data/delete", {"confirm": "no"}),
    ("POST", "/reminders"): Case(SELF, "/reminders", {"daily": "yes"}),
    # the display name coaches see: only ever one's own
    ("POST", "/name"): Case(SELF, "/name", {"name": "Ana"}),
    ("GET", "/questionnaires/{name}"): Case(SELF, "/questionnaires/lefs"),
    ("POST", "/questionnaires/{name}"): Case(SELF, "/questionnaires/lefs", LEFS),
    ("GET", "/api/v1/me"): Case(SELF, "/api/v1/me"),
    ("POST", "/api/v1/assessments"): Case(SELF, "/api/v1/assessments", {"answers": ANSWERS}),
    ("GET", "/api/v1/today"): Case(SELF, "/api/v1/today"),
    ("POST", "/api/v1/entries"): Case(SELF, "/api/v1/entries", ENTRY),
    ("GET", "/api/v1/history"): Case(SELF, "/api/v1/history"),
    ("GET", "/api/v1/plan"): Case(SELF, "/api/v1/plan"),
    ("GET", "/api/v1/plan/day/{day}"): Case(SELF, "/api/v1/plan/day/{today}"),
    ("POST", "/api/v1/plan/pause"): Case(SELF, "/api/v1/plan/pause", {"reason": "cold"}),
    ("POST", "/api/v1/plan/resume"): Case(SELF, "/api/v1/plan/resume"),
    ("GET", "/api/v1/progress"): Case(SELF, "/api/v1/progress"),
    ("POST", "/api/v1/calendar-token"): Case(SELF, "/api/v1/calendar-token", undo=_feed_renewed),
    ("GET", "/api/v1/pace"): Case(SELF, "/api/v1/pace"),
    ("PUT", "/api/v1/race-result"): Case(
        SELF, "/api/v1/race-result", {"distance_m": 5000, "duration_s": 1500}
    ),
    ("POST", "/api/v1/questionnaires/{questionnaire}"): Case(
        SELF, "/api/v1/questionnaires/lefs", LEFS
    ),
    ("GET", "/api/v1/questionnaires"): Case(SELF, "/api/v1/questionnaires"),
    ("GET", "/api/v1/me/export"): Case(SELF, "/api/v1/me/export"),
    ("GET", "/api/v1/me/export.csv"): Case(SELF, "/api/v1/me/export.csv"),
    ("PUT", "/api/v1/me/reminders"): Case(SELF, "/api/v1/me/reminders", {"daily": True}),
    ("PUT", "/api/v1/me/name"): Case(SELF, "/api/v1/me/name", {"name": "Ana"}),
    # the account's own sessions: an id that is not one of them is 404 for everyone; a wrong
    # current password changes nothing (a right one would sign the other sessions out)
    ("GET", "/api/v1/sessions"): Case(SELF, "/api/v1/sessions"),
    ("DELETE", "/api/v1/sessions"): Case(SELF, "/api/v1/sessions"),
    ("DELETE", "/api/v1/sessions/{session_id}"): Case(
        SELF, "/api/v1/sessions/not-a-session", allowed=404
    ),
    ("POST", "/sessions/{session_id}/end"): Case(SELF, "/sessions/not-a-session/end", allowed=404),
    ("POST", "/sessions/end-others"): Case(SELF, "/sessions/end-others"),
    ("PUT", "/api/v1/me/password"): Case(
        SELF, "/api/v1/me/password", {"current_password": "wrong", "new_password": "p" * 12}, 422
    ),
    ("POST", "/password"): Case(
        SELF, "/password", {"current_password": "wrong", "new_password": "p" * 12}, 422
    ),
    ("DELETE", "/api/v1/me"): Case(SELF, "/api/v1/me", irreversible=True),
    # any account may become a coach; a blank name keeps every role what it is
    ("POST", "/coach"): Case(SELF, "/coach", {"name": " "}, 422),
    ("POST", "/api/v1/coach"): Case(SELF, "/api/v1/coach", {"name": " "}, 422),
    # a coach's roster; any other account is offered to become a coach
    ("GET", "/coach"): Case(SELF, "/coach"),
    # the runner's side of coaching: their own coaches; an unknown code changes nothing
    ("GET", "/coaching"): Case(SELF, "/coaching"),
    ("GET", "/api/v1/coaching"): Case(SELF, "/api/v1/coaching"),
    ("POST", "/coaching/accept"): Case(SELF, "/coaching/accept", {"code": "not-a-code"}, 422),
    ("POST", "/api/v1/coaching/accept"): Case(
        SELF, "/api/v1/coaching/accept", {"code": "not-a-code"}, 422
    ),
    # -- coaches ---------------------------------------------------------------------------------
    ("POST", "/coach/invites"): Case(COACH, "/coach/invites"),
    ("GET", "/api/v1/coach/roster"): Case(COACH, "/api/v1/coach/roster"),
    ("POST", "/api/v1/coach/invites"): Case(COACH, "/api/v1/coach/invites"),
    ("GET", "/coach/runners/{runner_id}"): Case(COACH_OF_RUNNER, f"/coach/runners/{RUNNER}"),
    ("POST", "/coach/runners/{runner_id}/messages"): Case(
        COACH_OF_RUNNER, f"/coach/runners/{RUNNER}/messages", {"body": "matrix message"}
    ),
    ("POST", "/coach/runners/{runner_id}/notes"): Case(
        COACH_OF_RUNNER, f"/coach/runners/{RUNNER}/notes", {"body": "matrix note"}
    ),
    ("POST", "/coach/runners/{runner_id}/overrides"): Case(
        COACH_OF_RUNNER,
        f"/coach/runners/{RUNNER}/overrides",
        {"kind": "pause_running", "reason": "matrix"},
    ),
    ("GET", "/coach/runners/{runner_id}/thread"): Case(
        COACH_OF_RUNNER, f"/coach/runners/{RUNNER}/thread"
    ),
    ("GET", "/api/v1/coach/runners/{runner_id}"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}"
    ),
    ("GET", "/api/v1/coach/runners/{runner_id}/messages"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/messages"
    ),
    ("POST", "/api/v1/coach/runners/{runner_id}/messages"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/messages", {"body": "matrix message"}
    ),
    ("POST", "/api/v1/coach/runners/{runner_id}/notes"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/notes", {"body": "matrix note"}
    ),
    ("POST", "/api/v1/coach/runners/{runner_id}/overrides"): Case(
        COACH_OF_RUNNER,
        f"/api/v1/coach/runners/{RUNNER}/overrides",
        {"kind": "pause_running", "reason": "matrix"},
    ),
    # the coach's tools: templates of their own, re-assessing a runner, questionnaire schedules
    ("GET", "/coach/templates"): Case(COACH, "/coach/templates"),
    ("GET", "/api/v1/coach/templates"): Case(COACH, "/api/v1/coach/templates"),
    ("POST", "/api/v1/coach/templates"): Case(
        COACH, "/api/v1/coach/templates", {"name": "Matrix", "answers": {"weekly_km_now": 30}}
    ),
    ("POST", "/coach/templates/{template_id}/delete"): Case(
        TEMPLATE_OWNER, "/coach/templates/{template_id}/delete", undo=_template_again
    ),
    ("DELETE", "/api/v1/coach/templates/{template_id}"): Case(
        TEMPLATE_OWNER, "/api/v1/coach/templates/{template_id}", undo=_template_again
    ),
    ("GET", "/coach/runners/{runner_id}/assess"): Case(
        COACH_OF_RUNNER, f"/coach/runners/{RUNNER}/assess?template={{template_id}}"
    ),
    ("POST", "/coach/runners/{runner_id}/assess"): Case(
        COACH_OF_RUNNER, f"/coach/runners/{RUNNER}/assess", REASSESS_FORM
    ),
    ("GET", "/api/v1/coach/runners/{runner_id}/assessment"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/assessment?template={{template_id}}"
    ),
    ("POST", "/api/v1/coach/runners/{runner_id}/assessments"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/assessments", {"answers": ANSWERS}
    ),
    ("POST", "/coach/runners/{runner_id}/questionnaires"): Case(
        COACH_OF_RUNNER,
        f"/coach/runners/{RUNNER}/questionnaires",
        {"questionnaire": "lefs", "every_days": "14"},
    ),
    ("POST", "/coach/runners/{runner_id}/questionnaires/{questionnaire}/stop"): Case(
        COACH_OF_RUNNER, f"/coach/runners/{RUNNER}/questionnaires/lefs/stop", undo=_assigned_again
    ),
    ("GET", "/api/v1/coach/runners/{runner_id}/questionnaires"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/questionnaires"
    ),
    ("PUT", "/api/v1/coach/runners/{runner_id}/questionnaires/{questionnaire}"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/questionnaires/lefs", {"every_days": 14}
    ),
    ("DELETE", "/api/v1/coach/runners/{runner_id}/questionnaires/{questionnaire}"): Case(
        COACH_OF_RUNNER, f"/api/v1/coach/runners/{RUNNER}/questionnaires/lefs", undo=_assigned_again
    ),
    # -- a runner and their coach ----------------------------------------------------------------
    ("POST", "/coaching/{coach_id}/revoke"): Case(
        RUNNER_OF_COACH, f"/coaching/{COACH_ID}/revoke", undo=_granted_again
    ),
    ("GET", "/coaching/{coach_id}/thread"): Case(RUNNER_OF_COACH, f"/coaching/{COACH_ID}/thread"),
    ("POST", "/coaching/{coach_id}/messages"): Case(
        RUNNER_OF_COACH, f"/coaching/{COACH_ID}/messages", {"body": "matrix reply"}
    ),
    ("DELETE", "/api/v1/coaching/{coach_id}"): Case(
        RUNNER_OF_COACH, f"/api/v1/coaching/{COACH_ID}", undo=_granted_again
    ),
    ("GET", "/api/v1/coaching/{coach_id}/messages"): Case(
        RUNNER_OF_COACH, f"/api/v1/coaching/{COACH_ID}/messages"
    ),
    ("POST", "/api/v1/coaching/{coach_id}/messages"): Case(
        RUNNER_OF_COACH, f"/api/v1/coaching/{COACH_ID}/messages", {"body": "matrix reply"}
    ),
    # -- organisations ---------------------------------------------------------------------------
    ("GET", "/api/v1/organisation/coaches"): Case(ADMIN, "/api/v1/organisation/coaches"),
    # inviting the cast's invited address again adds nothing (another admin's is their own)
    ("POST", "/api/v1/organisation/invitations"): Case(
        ADMIN, "/api/v1/organisation/invitations", {"email": "nobody@authz.example.com"}
    ),
    ("POST", "/organisation/invitations"): Case(
        ADMIN, "/organisation/invitations", {"email": "nobody@authz.example.com"}
    ),
    ("GET", "/api/v1/organisation/invitations"): Case(ADMIN, "/api/v1/organisation/invitations"),
    # the clinic's access log: its admin only (a plain coach, even of the clinic, gets 404)
    ("GET", "/api/v1/organisation/access-log"): Case(ADMIN, "/api/v1/organisation/access-log"),
    ("GET", "/coach/access-log"): Case(ADMIN, "/coach/access-log"),
    ("GET", "/api/v1/me/access-log"): Case(SELF, "/api/v1/me/access-log"),
    ("DELETE", "/api/v1/organisation/invitations/{invitation_id}"): Case(
        ADMIN_OF_INVITE, "/api/v1/organisation/invitations/{invitation_id}", undo=_invited_again
    ),
    ("POST", "/organisation/invitations/{invitation_id}/withdraw"): Case(
        ADMIN_OF_INVITE, "/organisation/invitations/{invitation_id}/withdraw", undo=_invited_again
    ),
    ("GET", "/api/v1/me/invitations"): Case(SELF, "/api/v1/me/invitations"),
    ("POST", "/api/v1/me/invitations/{invitation_id}/accept"): Case(
        INVITED, "/api/v1/me/invitations/{invitation_id}/accept"
    ),
    ("POST", "/api/v1/me/invitations/{invitation_id}/decline"): Case(
        INVITED, "/api/v1/me/invitations/{invitation_id}/decline"
    ),
    ("POST", "/coach/invitations/{invitation_id}/accept"): Case(
        INVITED, "/coach/invitations/{invitation_id}/accept"
    ),
    ("POST", "/coach/invitations/{invitation_id}/decline"): Case(
        INVITED, "/coach/invitations/{invitation_id}/decline"
    ),
    ("DELETE", "/api/v1/organisation/coaches/{coach_id}"): Case(
        ADMIN_OF_COACH, f"/api/v1/organisation/coaches/{COACH_ID}", undo=_rejoined
    ),
}
FRAMEWORK = {
    "/openapi.json",
    "/docs",
    "/static/vendor/htmx.min.js",
    "/static/vendor/chart.umd.min.js",
    "/static/vendor/swagger-ui-bundle.js",
    "/static/vendor/swagger-ui.css",
}
ORDER = sorted(MATRIX, key=lambda route: (MATRIX[route].irreversible, route))


@pytest.fixture(scope="module")
def authz_app(web_db: tuple[str, Engine]) -> Iterator[FastAPI]:
    """One app for the whole module, so the cast is built once. The login limit is lifted: the
    cast signs back in after each sign-out, all from one test client address."""
    url, engine = web_db
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    settings = Settings(
        database_url=url,
        environment="test",
        login_rate_limit="1000/minute",
        mail_rate_limit="1000/minute",
        base_url="http://testserver",
        run_worker=False,
    )
    app = create_app(settings, mailer=OutBox())
    yield app
    app.state.runrehab.engine.dispose()


@pytest.fixture(scope="module")
def cast(authz_app: FastAPI) -> Cast:
    """Shared by the tests below in file order: the matrix's irreversible routes (each role
    deletes its account) run last, so the tests that read the cast come before the matrix."""
    return build_cast(authz_app)


def _flatten(routes: list[Any], prefix: str = "") -> list[Any]:
    """(method, path) of every route; FastAPI keeps included routers behind a wrapper."""
    flat = []
    for route in routes:
        if hasattr(route, "original_router"):  # an included router
            flat += _flatten(route.original_router.routes, prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            flat += [(m, prefix + route.path) for m in route.methods - {"HEAD", "OPTIONS"}]
    return flat


def _routes(app: FastAPI) -> set[tuple[str, str]]:
    return {(m, p.replace(":int", "")) for m, p in _flatten(app.routes) if p not in FRAMEWORK}


def test_every_route_has_a_matrix_entry(authz_app: FastAPI) -> None:
    assert _routes(authz_app) - set(MATRIX) == set(), (
        "add the new route to MATRIX with its category"
    )
    assert set(MATRIX) - _routes(authz_app) == set(), "MATRIX names a route that no longer exists"


def test_only_the_coach_with_access_finds_the_runner_on_a_roster(cast: Cast) -> None:
    rosters = {
        role: [row["runner_id"] for row in cast.clients[role].get("/api/v1/coach/roster").json()]
        for role in COACHES
    }
    assert rosters == {
        "coach": [cast.ids["runner_id"]],
        "stranger_coach": [],
        "admin_a": [],
        "other_admin": [],
    }


def test_only_the_clinics_admin_reads_its_coachs_views_of_a_runner(cast: Cast) -> None:
    runner_id = cast.ids["runner_id"]
    assert cast.clients["coach"].get(f"/coach/runners/{runner_id}").status_code == 200
    seen = {
        role: [
            (v["runner_id"], v["what"])
            for v in cast.clients[role].get("/api/v1/organisation/access-log").json()
        ]
        for role in ("admin_a", "other_admin")
    }
    assert (runner_id, "runner file") in seen["admin_a"]
    assert seen["other_admin"] == []
    for role in ("coach", "stranger_coach", "runner"):  # a plain coach of the clinic too
        assert cast.clients[role].get("/api/v1/organisation/access-log").status_code == 404


def test_an_admin_neither_sees_nor_takes_another_organisations_coaches(cast: Cast) -> None:
    def members(role: str) -> list[str]:
        listed = cast.clients[role].get("/api/v1/organisation/coaches").json()
        return sorted(m["email"] for m in listed)

    assert members("admin_a") == sorted([email("admin_a"), email("coach")])
    assert members("other_admin") == [email("other_admin")]
    invited = cast.clients["other_admin"].post(
        "/api/v1/organisation/invitations", json={"email": email("coach")}
    )
    assert invited.status_code == 202  # the same answer as for any address; the coach decides
    [invitation] = cast.clients["coach"].get("/api/v1/me/invitations").json()
    answer = f"/api/v1/me/invitations/{invitation['invitation_id']}"
    assert cast.clients["coach"].post(f"{answer}/accept").status_code == 409  # Clinic A's
    assert members("admin_a") == sorted([email("admin_a"), email("coach")])
    assert members("other_admin") == [email("other_admin")]
    assert cast.clients["coach"].post(f"{answer}/decline").status_code == 204


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def _call(cast: Cast, role: str, method: str, case: Case) -> httpx.Response:
    path, body = case.path.format(**cast.ids), _fill(case.body, cast.ids)
    sent = {"json": body} if path.startswith("/api/") else {"data": body}
    return cast.clients[role].request(method, path, follow_redirects=False, **sent)


def _outcome(response: httpx.Response) -> str:
    status, api = response.status_code, response.request.url.path.startswith("/api/")
    if (api and status == 401) or (
        not api and status == 303 and response.headers["location"].startswith("/login")
    ):
        return LOGIN
    if status == 404:
        return NOT_FOUND
    return OK if 200 <= status < 400 else str(status)


def _expected(case: Case, role: str) -> str:
    if role in ALLOWED[case.who]:
        return OK if case.allowed is None else str(case.allowed)
    return LOGIN if role == ANONYMOUS else NOT_FOUND


def _database(cast: Cast) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what a denied request must leave as it was."""
    with cast.app.state.runrehab.engine.connect() as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def _coachs_view(cast: Cast) -> dict[str, Any]:
    """The runner's file, thread, notes and plan versions as the coach with access reads them,
    and the runner's coaches as the runner reads them."""
    coach, runner_id = cast.clients["coach"], cast.ids["runner_id"]
    file = coach.get(f"/api/v1/coach/runners/{runner_id}").json()
    return {
        "notes": file["notes"],
        "versions": file["plan"]["versions"],
        "thread": coach.get(f"/api/v1/coach/runners/{runner_id}/messages").json(),
        "coaches": cast.clients["runner"].get("/api/v1/coaching").json(),
    }


@pytest.mark.parametrize("route", ORDER, ids=[f"{m} {p}" for m, p in ORDER])
def test_every_role_gets_the_outcome_its_access_allows(cast: Cast, route: tuple[str, str]) -> None:
    method, case = route[0], MATRIX[route]
    denied = [role for role in ROLES if role not in ALLOWED[case.who]]
    watched = case.who not in (PUBLIC, SELF)  # where a signed-in account can be turned away
    view, rows = (_coachs_view(cast) if watched else None), _database(cast)
    outcomes = {role: _outcome(_call(cast, role, method, case)) for role in denied}
    assert _database(cast) == rows, "a denied request changed the database"
    assert (_coachs_view(cast) if watched else None) == view, "the coach reads something else"
    for role in ALLOWED[case.who]:
        outcomes[role] = _outcome(_call(cast, role, method, case))
        if case.undo is not None and outcomes[role] == OK:
            case.undo(cast, role)
        if case.irreversible and role != ANONYMOUS:
            assert cast.clients[role].get("/api/v1/me").status_code == 401
    assert outcomes == {role: _expected(case, role) for role in ROLES}


def test_one_runner_cannot_read_or_change_anothers_records(authz_app: FastAPI) -> None:
    entry = ENTRY | {"date": date.today().isoformat()}
    with TestClient(authz_app) as ana, TestClient(authz_app) as bob:
        assessed_today(ana, "ana@example.com")
        ana.post("/api/v1/entries", json=entry | {"id": "ana-entry", "note": "private"})
        ana.post("/api/v1/questionnaires/lefs", json=LEFS | {"id": "ana-lefs"})
        feed = ana.post("/api/v1/calendar-token").json()["url"].removeprefix("http://testserver")
        assessed_today(bob, "bob@example.com")
        hijack = bob.post("/api/v1/entries", json=entry | {"id": "ana-entry", "pain": 9})
        assert hijack.status_code == 409
        assert "private" not in hijack.text
        assert "progress" not in hijack.text
        stolen = bob.post(
            "/api/v1/questionnaires/lefs",
            json={f"q{i}": 0 for i in range(1, 21)} | {"id": "ana-lefs"},
        )
        assert stolen.status_code == 409
        assert "ana-entry" not in bob.get("/api/v1/history").text
        assert "ana@example.com" not in bob.get("/api/v1/me/export").text
        assert bob.get("/api/v1/questionnaires").json() == []
        bob.delete("/api/v1/me")
        ana_view = ana.get("/api/v1/history").json()["entries"]
        assert [(e["id"], e["pain"], e["note"]) for e in ana_view] == [("ana-entry", 2, "private")]
        assert ana.get(feed).status_code == 200
