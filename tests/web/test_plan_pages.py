"""The plan as a runner reads it: this week as a strip with today marked, a month calendar that
moves between the months of the plan's horizon without JavaScript, each day opening its session
(doses, illustrations, the run), stages as a track with the criteria the engine finds met, and
the calendar address in a field with a Copy button. A referred runner sees no session on any
day."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import assessed, sign_up, words

SADDLE = {"saddle_numbness": True}  # cauda equina: REFER_URGENT
TODAY = date.today()
ISO_IN_TEXT = re.compile(
    r">[^<]*\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\b[^<]*<"
)  # an ISO date a runner reads


def _plan(client: TestClient) -> dict[str, Any]:
    plan: dict[str, Any] = client.get("/api/v1/plan").json()
    return plan


def _first_day(plan: dict[str, Any], kind: str) -> str:
    return next(s["date"] for s in plan["sessions"] if s["kind"] == kind)


def test_the_week_strip_has_seven_days_today_marked_and_each_day_from_today_opens(
    client: TestClient,
) -> None:
    page = assessed(client).get("/plan").text
    strip = page[page.index('class="week-strip"') : page.index("</ol>", page.index("week-strip"))]
    assert strip.count('<li class="wday') == 7
    assert f'href="/plan/day/{TODAY}" aria-current="date"' in strip
    monday = TODAY - timedelta(days=TODAY.weekday())
    for day in (monday + timedelta(days=i) for i in range(7)):
        assert (f'href="/plan/day/{day}"' in strip) is (day >= TODAY), day
    assert page.index('id="week-h"') < page.index("<h2>Stages</h2>")  # the week comes first


def test_session_kinds_are_short_on_a_phone_and_whole_words_on_a_laptop_never_cut(
    client: TestClient,
) -> None:
    page = assessed(client).get("/plan").text
    assert '<span class="kind-short">Str</span><span class="kind-long">Strength</span>' in page
    assert "strengt<" not in page
    week = _plan(client)["week"]
    assert [d["today"] for d in week].count(True) == 1
    assert all(d["kinds"] for d in week if d["opens"])  # every day ahead says what it holds


def test_no_date_on_the_plan_pages_is_shown_as_iso(client: TestClient) -> None:
    assessed(client)
    rest = _first_day(_plan(client), "rest")
    for path in ("/plan", f"/plan/day/{TODAY}", f"/plan/day/{rest}"):
        page = client.get(path).text
        main = page[page.index("<main") : page.index("</main>")]
        assert not ISO_IN_TEXT.search(main.replace("\n", " ")), (path, ISO_IN_TEXT.search(main))
        assert "data-day>" in main


def test_the_month_calendar_moves_between_the_months_of_the_horizon_without_javascript(
    client: TestClient,
) -> None:
    assessed(client)
    month = _plan(client)["month"]
    assert month["month"] == f"{TODAY:%Y-%m}"
    assert month["previous"] is None  # the months before this one are in the log
    days = [d for week in month["weeks"] for d in week if d is not None]
    assert len(days) == calendar.monthrange(TODAY.year, TODAY.month)[1]
    assert all(len(week) == 7 for week in month["weeks"])  # Monday first, blanks around the month
    following = client.get(f"/plan?month={month['next']}")
    assert following.status_code == 200
    assert f'href="/plan?month={month["month"]}#month"' in following.text  # the way back
    assert 'hx-select="#month"' in following.text  # htmx swaps only the calendar, when present
    shown = client.get(f"/api/v1/plan?month={month['next']}").json()
    assert shown["month"]["previous"] == month["month"]
    days = [d for week in shown["month"]["weeks"] for d in week if d is not None]
    assert all(d["opens"] and d["kinds"] for d in days if d["date"] <= shown["horizon_end"])


def test_a_month_outside_the_horizon_is_a_404_and_a_malformed_one_a_422(
    client: TestClient,
) -> None:
    assessed(client)
    assert client.get("/plan?month=2020-01").status_code == 404
    assert client.get(f"/plan?month={TODAY.year + 1}-{TODAY.month:02}").status_code == 404
    for bad in ("2026-13", "0000-01", "26-12", "december"):
        assert client.get(f"/plan?month={bad}").status_code == 422, bad
        assert client.get(f"/api/v1/plan?month={bad}").status_code == 422, bad


def test_a_strength_day_shows_each_exercise_with_its_dose_illustration_and_how_to(
    client: TestClient,
) -> None:
    assessed(client)
    day = _first_day(_plan(client), "strength")
    page = client.get(f"/plan/day/{day}").text
    shown = client.get(f"/api/v1/plan/day/{day}").json()
    items = [i for s in shown["sessions"] for i in s["items"]]
    assert items
    for item in items:
        assert item["name"] in page
        assert (
            f'src="/exercises/{item["exercise"]}.svg" alt="" width="64" height="64" loading="lazy"'
            in page
        )
        assert f'href="/exercises/{item["exercise"]}">How to do it' in page
    first = items[0]
    assert f"Pain at most <b>{first['pain_limit']}/10</b>" in page
    assert f'<p class="dose">{first["sets"]} × ' in page
    assert "each side" in page  # the per-side exercises say so


def test_a_run_day_shows_the_time_distance_pace_and_terrain(client: TestClient) -> None:
    assessed(client)
    day = _first_day(_plan(client), "run")
    run = client.get(f"/api/v1/plan/day/{day}").json()["sessions"][0]["run"]
    page = client.get(f"/plan/day/{day}").text
    assert f"<dd>about {run['minutes']} min</dd>" in page
    assert f"{run['distance_km']} km" in words(page)
    assert run["pace"] in page
    assert f"<dd>{run['terrain']}" in page
    assert "no speed work" in page  # the route rules, in words


def test_a_rest_day_says_so_and_links_to_the_next_sessions_day(client: TestClient) -> None:
    assessed(client)
    plan = _plan(client)
    rest = _first_day(plan, "rest")
    following = next(
        s["date"] for s in plan["sessions"] if s["date"] > rest and s["kind"] != "rest"
    )
    shown = client.get(f"/api/v1/plan/day/{rest}").json()
    assert shown["next_session"] == following
    page = client.get(f"/plan/day/{rest}").text
    assert "Rest day" in page
    assert f'href="/plan/day/{following}"><span>Next session:' in page
    assert "Log it on Today" not in page  # nothing to log


def test_a_paused_day_says_so_and_leads_to_resuming_the_plan(client: TestClient) -> None:
    assessed(client)
    assert client.post("/api/v1/plan/pause", json={"reason": "a cold"}).status_code == 200
    tomorrow = TODAY + timedelta(days=1)
    shown = client.get(f"/api/v1/plan/day/{tomorrow}").json()
    assert [s["kind"] for s in shown["sessions"]] == ["rest"]
    assert shown["next_session"] is None  # nothing is planned until the plan resumes
    page = client.get(f"/plan/day/{tomorrow}").text
    assert "Plan paused" in page
    assert 'href="/plan#pause">Resume the plan</a>' in page
    assert "The plan is paused." in client.get("/plan").text


def test_only_todays_page_links_to_today_to_log_it(client: TestClient) -> None:
    assessed(client)
    plan = _plan(client)
    assert "Log it on Today" in client.get(f"/plan/day/{TODAY}").text
    later = _first_day({"sessions": [s for s in plan["sessions"] if s["date"] > str(TODAY)]}, "run")
    assert "Log it on Today" not in client.get(f"/plan/day/{later}").text


def test_a_days_json_twin_is_the_day_of_the_plan(client: TestClient) -> None:
    assessed(client)
    plan = _plan(client)
    for session in plan["sessions"][:7]:
        shown = client.get(f"/api/v1/plan/day/{session['date']}").json()
        assert shown["date"] == session["date"]
        assert shown["today"] is (session["date"] == str(TODAY))
        assert session in shown["sessions"]
        assert shown["referred"] is False
    first = client.get(f"/api/v1/plan/day/{TODAY}").json()
    assert first["previous_day"] is None  # yesterday is not in the plan
    assert first["next_day"] == str(TODAY + timedelta(days=1))
    last = client.get(f"/api/v1/plan/day/{plan['horizon_end']}").json()
    assert last["next_day"] is None


def test_a_day_outside_the_horizon_is_a_clear_404_and_a_date_that_is_none_a_422(
    client: TestClient,
) -> None:
    assessed(client)
    horizon_end = date.fromisoformat(_plan(client)["horizon_end"])
    yesterday = client.get(f"/plan/day/{TODAY - timedelta(days=1)}")
    assert yesterday.status_code == 404
    assert "has passed" in yesterday.text
    assert "in your log" in yesterday.text
    beyond = client.get(f"/plan/day/{horizon_end + timedelta(days=1)}")
    assert beyond.status_code == 404
    assert "fills in as you get closer" in beyond.text
    for bad in ("tomorrow", "2026-02-30", "20261207", "2026-12-7"):
        refused = client.get(f"/plan/day/{bad}")
        assert refused.status_code == 422, bad
        assert "No such day" in refused.text
        assert "expected a date as YYYY-MM-DD" in refused.text
        assert client.get(f"/api/v1/plan/day/{bad}").status_code == 422, bad
    assert client.get(f"/api/v1/plan/day/{TODAY - timedelta(days=1)}").status_code == 404
    assert client.get(f"/api/v1/plan/day/{TODAY + timedelta(days=400)}").status_code == 422


def test_a_referred_runner_sees_no_session_on_any_day_and_the_referral_first(
    client: TestClient,
) -> None:
    assessed(client, **SADDLE)
    for day in (TODAY, TODAY + timedelta(days=1)):
        shown = client.get(f"/api/v1/plan/day/{day}").json()
        assert shown["referred"] is True
        assert shown["sessions"] == []
        assert shown["next_session"] is None
        page = client.get(f"/plan/day/{day}").text
        assert page.index("referral-notice") < page.index("<h1")
        assert "No session while a clinician needs to see you" in page
        for word in ("Log it on Today", "How to do it", "Pain at most", "Next session"):
            assert word not in page


def test_the_stage_track_marks_done_current_and_next_and_ticks_only_criteria_met(
    client: TestClient,
) -> None:
    assessed(client)  # pain at rest 1/10: stage 2 moves on at no pain at rest
    plan = _plan(client)
    current = next(s for s in plan["stages"] if s["status"] == "current")
    assert plan["criteria_met"] == []
    page = client.get("/plan").text
    assert 'class="stage stage-passed"' in page
    assert ">Done<" in page
    assert 'aria-current="step"' in page
    assert ">You are here<" in page
    assert ">Next<" in page
    assert page.count('<li class="met">') == 0
    assert page.count('<li class="open">') == len(current["advance_rules"])
    checkin = {"type": "checkin", "date": str(TODAY), "monitoring_pain": 1, "pain_rest": 0}
    assert client.post("/api/v1/entries", json=checkin).status_code == 201
    plan = _plan(client)
    assert plan["criteria_met"] == ["pht_s2_no_rest_pain"]  # what the engine itself checks
    page = client.get("/plan").text
    assert page.count('<li class="met">') == 1
    assert "(1 of 2 met" in page


def test_a_stage_the_coach_holds_says_so_above_its_criteria(app: FastAPI) -> None:
    coach, runner = TestClient(app), TestClient(app)
    sign_up(coach, "coach@example.com")
    assert coach.post("/api/v1/coach", json={"name": "Sam Coach"}).status_code == 201
    assessed(runner)
    code = coach.post("/api/v1/coach/invites").json()["code"]
    assert runner.post("/api/v1/coaching/accept", json={"code": code}).status_code == 201
    assert _plan(runner)["stage_held"] is False
    runner_id = coach.get("/api/v1/coach/roster").json()[0]["runner_id"]
    hold = {"kind": "stage", "values": {"stage": 2, "hold": True}, "reason": "one more week"}
    assert coach.post(f"/api/v1/coach/runners/{runner_id}/overrides", json=hold).status_code == 201
    assert _plan(runner)["stage_held"] is True
    page = runner.get("/plan").text
    assert "Your coach is keeping you at this stage" in page
    assert ": one more week</li>" in page  # the coach's change, with why


def test_the_versions_history_is_collapsed_below_the_week(client: TestClient) -> None:
    page = assessed(client).get("/plan").text
    history = page.index('<details class="panel plan-history">')
    assert page.index('class="week-strip"') < history
    assert "<summary>What changed and why (1)</summary>" in page
    assert 'action="/plan/pause"' in page


def test_the_calendar_address_sits_in_a_read_only_field_with_a_copy_button(
    client: TestClient,
) -> None:
    assessed(client)
    before = client.get("/calendar").text
    assert "copy.js" not in before  # nothing to copy, no script
    made = client.post("/calendar/new").text
    field = re.search(r'<input id="feed-url" type="text" readonly value="([^"]+)"', made)
    assert field is not None
    assert field.group(1).endswith(".ics")
    assert (
        '<button type="button" class="secondary" data-copy="feed-url" hidden>Copy</button>' in made
    )
    assert '<script src="/static/copy.js" defer></script>' in made
    assert "You have a calendar address" in client.get("/calendar").text  # shown once only
