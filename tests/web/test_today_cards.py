"""Today is the session: a card per planned exercise and run, each logged as prescribed with one
tap; a rest day says so and points to the next session; what was logged shows on its card."""

from __future__ import annotations

from typing import Any

import lxml.html
from fastapi.testclient import TestClient

from tests.web.conftest import assessed

HTMX = {"HX-Request": "true"}


def _sessions(client: TestClient) -> list[dict[str, Any]]:
    sessions: list[dict[str, Any]] = client.get("/api/v1/plan?weeks=2").json()["sessions"]
    return sessions


def _first(client: TestClient, kind: str) -> dict[str, Any]:
    return next(s for s in _sessions(client) if s["kind"] == kind)


def _cards(html: str, kind: str = "exercise-card") -> list[Any]:
    return lxml.html.fromstring(html).find_class(kind)


def _as_prescribed(card: Any) -> tuple[str, dict[str, str]]:
    """What one tap on the card's button sends: the form's fields as the page filled them."""
    form = card.find(".//form")
    return form.get("action"), dict(form.form_values())


def test_each_planned_exercise_is_a_card_with_its_dose_pain_limit_and_how_to(
    client: TestClient,
) -> None:
    assessed(client)
    day = _first(client, "strength")
    cards = _cards(client.get(f"/today?on={day['date']}").text)
    assert len(cards) == len(day["items"])
    for card, item in zip(cards, day["items"], strict=True):
        text = card.text_content()
        assert item["name"] in text
        amount = (
            f"{item['reps']} reps" if item["reps"] else f"{item['hold_s'] or item['duration_s']} s"
        )
        assert f"{item['sets']} × {amount}" in text
        assert f"{item['pain_limit']}/10" in text
        assert card.xpath(f".//a[@href='/exercises/{item['exercise']}']"), "a how-to link"
        assert card.xpath(f".//img[@src='/exercises/{item['exercise']}.svg']"), "a thumbnail"


def test_one_tap_logs_the_exercise_exactly_as_prescribed(client: TestClient) -> None:
    assessed(client)
    day = _first(client, "strength")
    card = _cards(client.get(f"/today?on={day['date']}").text)[0]
    item = day["items"][0]
    action, fields = _as_prescribed(card)
    saved = client.post(action, data=fields | {"pain": "2"}, headers=HTMX)
    assert saved.status_code == 200, saved.text
    [stored] = client.get("/api/v1/history").json()["entries"]
    assert (stored["exercise"], stored["sets"], stored["pain"]) == (
        item["exercise"],
        item["sets"],
        2,
    )
    assert stored["reps"] == item["reps"]
    assert stored["hold_s"] == (None if item["reps"] else item["hold_s"] or item["duration_s"])
    assert stored["load_kg"] == item["load_kg"]
    assert f'id="{fields["form"]}-decision"' in saved.text  # the decision, for its own card


def test_a_run_card_logs_the_planned_minutes_and_distance(client: TestClient) -> None:
    assessed(client)
    day = _first(client, "run")
    html = client.get(f"/today?on={day['date']}").text
    [card] = _cards(html, "run-card")
    text = " ".join(card.text_content().split())
    assert f"about {day['run']['minutes']} min" in text
    assert "No speed work" in text
    action, fields = _as_prescribed(card)
    assert action == "/log/run"
    assert client.post(action, data=fields, headers=HTMX).status_code == 200
    [stored] = client.get("/api/v1/history").json()["entries"]
    assert stored["minutes"] == day["run"]["minutes"]
    assert stored["distance_km"] == day["run"]["distance_km"]


def test_a_rest_day_says_so_and_shows_the_next_session_not_a_list_of_exercises(
    client: TestClient,
) -> None:
    assessed(client)
    sessions = _sessions(client)
    rest = next(s for s in sessions if s["kind"] == "rest")
    following = next(s for s in sessions if s["date"] > rest["date"] and s["kind"] != "rest")
    html = client.get(f"/today?on={rest['date']}").text
    assert _cards(html) == []
    assert 'action="/log/exercise"' not in html.replace(
        'action="/log/checkin"', ""
    )  # only the morning check, no exercise forms
    [card] = _cards(html, "rest-card")
    assert "Rest day" in card.text_content()
    assert following["title"] in card.text_content()
    assert card.xpath(f".//a[@href='/plan/day/{following['date']}']")
    view = client.get(f"/api/v1/today?on={rest['date']}").json()
    assert view["next_session"]["date"] == following["date"]


def test_what_was_logged_shows_on_its_card_after_a_reload(client: TestClient) -> None:
    assessed(client)
    day = _first(client, "strength")
    page = f"/today?on={day['date']}"
    action, fields = _as_prescribed(_cards(client.get(page).text)[0])
    client.post(action, data=fields | {"pain": "1", "date": day["date"]}, headers=HTMX)
    card = _cards(client.get(page).text)[0]
    text = " ".join(card.text_content().split())
    assert "Done today" in text
    assert "pain 1/10" in text
    assert card.find_class("decision-box"), "the decision on the card it was logged from"
    assert "done" in card.get("class").split()
    assert "Next time:" in text, "the dose shown is the next one, not what was just done"
    assert card.xpath(".//button[@type='submit']")[0].text_content() == "Log another"
    others = _cards(client.get(page).text)[1:]
    assert all("Done today" not in c.text_content() for c in others)


def test_the_morning_check_card_is_there_until_the_check_in_is_logged(client: TestClient) -> None:
    assessed(client)
    [card] = _cards(client.get("/today").text, "checkin-card")
    assert card.get("data-morning") is not None
    action, fields = _as_prescribed(card)
    assert client.post(action, data=fields, headers=HTMX).status_code == 200
    [done] = _cards(client.get("/today").text, "checkin-card")
    assert done.get("data-morning") is None, "a done check no longer asks for the morning"
    assert "Done today" in done.text_content()


def test_the_verdict_says_what_it_means_and_a_referral_never_folds_away(
    client: TestClient,
) -> None:
    assessed(client)
    verdict = lxml.html.fromstring(client.get("/today").text).find_class("verdict")[0]
    assert verdict.tag == "details"
    assert verdict.get("data-remember")
    assert "keep running" in verdict.text_content().lower()
    client.cookies.clear()
    assessed(client, "referred@example.com", saddle_numbness=True)
    referred = lxml.html.fromstring(client.get("/today").text).find_class("verdict")[0]
    assert referred.tag == "div", "a referral is never behind a disclosure"
