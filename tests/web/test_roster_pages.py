"""The roster a page at a time: keyset pages by (score, email) that hold every runner once in
attention order, scores ordered in SQL equal to the domain's, a next link that keeps the filter,
and the same number of queries for 5 runners as for 60."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.domain.log import CheckIn, ExerciseLog
from runrehab.domain.records import RosterSearch, UserRecord
from runrehab.schemas.answers import parse_answers
from runrehab.services import coaching
from runrehab.services.accounts import Account
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.progress import log_entry
from tests.conftest import raw_answers
from tests.web.conftest import counted_statements, sign_up
from tests.web.test_coaching import _linked

DAY = date.today()  # the page and the API compute the roster for the server's date
COACH = "coach@example.com"


def _coach(app: FastAPI) -> tuple[TestClient, Account]:
    client = TestClient(app)
    sign_up(client, COACH)
    assert client.post("/api/v1/coach", json={"name": "Sam Coach"}).status_code == 201
    with app.state.runrehab.uow() as uow:
        user = uow.accounts.user_by_email(COACH)
    assert user is not None
    return client, Account(user.id, user.runner_id, user.email)


def _runners(app: FastAPI, coach: Account, count: int, seed: int = 7, first: int = 0) -> None:
    """`count` runners who granted the coach access, each with a few sessions and a check-in
    on varied days (so scores differ, tie and include adherence, quiet days, failed checks),
    some with an unread message."""
    state, rng = app.state.runrehab, random.Random(seed)
    answers = parse_answers(raw_answers(), "test")
    start = DAY - timedelta(days=20)
    for n in range(first, first + count):
        runner_id, now = uuid.uuid4().hex, datetime.now(UTC)
        with state.uow() as uow:
            uow.episodes.add_runner(runner_id, runner_id, now)
            uow.accounts.add_user(
                UserRecord(uuid.uuid4().hex, f"r{n:03}@example.com", "x", runner_id), now
            )
            uow.coaching.grant(runner_id, coach.user_id, now)
            if n % 4 == 0:
                uow.coaching.add_message(runner_id, coach.user_id, False, "Hello", now)
            uow.commit()
        episode = start_episode(
            RunnerId(runner_id), answers, None, start, state.kb, state.uow(), state.clock
        )
        for k in range(rng.randint(0, 6)):
            day = DAY - timedelta(days=rng.randint(0, 16))
            entry = ExerciseLog(
                f"{runner_id}-{k}", day, "single_leg_bridge", 1, 6, None, 0.0, rng.choice((1, 1, 7))
            )
            log_entry(episode.episode_id, entry, state.kb, state.uow(), state.clock)
        if rng.random() < 0.8:
            checkin = CheckIn(f"{runner_id}-c", DAY - timedelta(days=rng.randint(0, 9)), 2)
            log_entry(episode.episode_id, checkin, state.kb, state.uow(), state.clock)


def _pages(
    app: FastAPI, coach: Account, limit: int, needs_attention: bool = False
) -> Iterator[coaching.RosterPage]:
    state, after = app.state.runrehab, None
    while True:
        page = coaching.roster(
            coach,
            DAY,
            state.kb,
            state.uow(),
            RosterSearch(None, (), needs_attention, after),
            limit,
        )
        yield page
        if page.next is None:
            return
        after = coaching.cursor(page.next)


def _order(rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(-r["attention"]["score"], r["email"]) for r in rows]


def test_pages_hold_every_runner_once_most_in_need_first(app: FastAPI) -> None:
    _, coach = _coach(app)
    _runners(app, coach, 13)
    pages = list(_pages(app, coach, limit=4))
    rows = [r for page in pages for r in page.rows]
    assert [len(page.rows) for page in pages] == [4, 4, 4, 1]
    assert sorted(r["email"] for r in rows) == [f"r{n:03}@example.com" for n in range(13)]
    assert _order(rows) == sorted(_order(rows))
    assert len({r["attention"]["score"] for r in rows}) < len(rows)  # ties, broken by email
    whole = coaching.roster(coach, DAY, app.state.runrehab.kb, app.state.runrehab.uow()).rows
    assert [r["email"] for r in whole] == [r["email"] for r in rows]


def test_the_score_sql_orders_by_is_the_one_the_row_shows(app: FastAPI) -> None:
    _, coach = _coach(app)
    _runners(app, coach, 12, seed=3)
    reasons = set()
    for page in _pages(app, coach, limit=1):  # every row is a cursor
        [row] = page.rows
        reasons.update(reason.split(" ")[0] for reason in row["attention"]["reasons"])
        if page.next is not None:
            assert coaching.cursor(page.next) == (row["attention"]["score"], row["email"])
    assert {"No", "Pain"} <= reasons  # quiet days, failed checks


def test_a_status_that_changes_between_pages_breaks_nothing(app: FastAPI) -> None:
    _, coach = _coach(app)
    _runners(app, coach, 9)
    state = app.state.runrehab
    pages = _pages(app, coach, limit=3)
    first = next(pages)
    with state.uow() as uow:  # the top runner writes in: their score rises
        uow.coaching.add_message(
            first.rows[0]["runner_id"], coach.user_id, False, "Hi", datetime.now(UTC)
        )
        uow.commit()
    last = first.rows[-1]
    episode = last["episode_id"]  # the last of the page checks in today: their score falls
    log_entry(episode, CheckIn("late", DAY, 1), state.kb, state.uow(), state.clock)
    rest = [r for page in pages for r in page.rows]
    emails = [r["email"] for r in first.rows + rest]
    assert set(emails) >= {f"r{n:03}@example.com" for n in range(9)} - {last["email"]}
    assert _order(rest) == sorted(_order(rest))


def test_the_needs_attention_filter_pages_in_sql_too(app: FastAPI) -> None:
    _, coach = _coach(app)
    _runners(app, coach, 10)
    rows = [r for page in _pages(app, coach, 3, needs_attention=True) for r in page.rows]
    everyone = [r for page in _pages(app, coach, 50) for r in page.rows]
    assert rows == [r for r in everyone if r["attention"]["score"] > 0]


def test_the_api_pages_with_a_link_to_the_next_and_refuses_a_malformed_cursor(app: FastAPI) -> None:
    client, coach = _coach(app)
    _runners(app, coach, 52)
    first = client.get("/api/v1/coach/roster")
    link = first.headers["Link"]
    assert link.endswith('>; rel="next"')
    after = parse_qs(urlparse(link[1 : link.index(">")]).query)["after"][0]
    second = client.get("/api/v1/coach/roster", params={"after": after})
    assert (len(first.json()), len(second.json())) == (50, 2)
    assert "Link" not in second.headers
    emails = [r["email"] for r in first.json() + second.json()]
    assert sorted(emails) == [f"r{n:03}@example.com" for n in range(52)]
    assert client.get("/api/v1/coach/roster", params={"after": "high:x"}).status_code == 422


def test_the_next_page_link_keeps_the_filter(app: FastAPI) -> None:
    client, coach = _coach(app)
    _runners(app, coach, 55)
    page = client.get("/coach", params={"q": "example.com"}).text
    assert "50 runners on this page" in page
    link = page[page.index('rel="next"') - 200 : page.index('rel="next"')]
    target = link[link.rindex('href="') + 6 : link.rindex('"')].replace("&amp;", "&")
    assert parse_qs(urlparse(target).query)["q"] == ["example.com"]
    second = client.get(target).text
    assert "5 runners on this page" in second
    assert 'rel="next"' not in second
    assert "First page" in second


def test_the_page_and_its_twin_take_the_same_queries_for_5_runners_as_for_60(app: FastAPI) -> None:
    client, coach = _coach(app)
    counts: dict[int, list[int]] = {}
    for size, more in ((5, 5), (60, 55)):
        _runners(app, coach, more, seed=size, first=size - more)
        counts[size] = []
        for path in ("/coach", "/api/v1/coach/roster"):
            with counted_statements(app) as statements:
                assert client.get(path).status_code == 200
            counts[size].append(len(statements))
    assert counts[5] == counts[60]


def test_a_questionnaire_score_that_worsens_is_on_the_roster_from_the_response(
    app: FastAPI,
) -> None:
    coach, runner = _linked(app)
    for pain, days_ago in ((6, 9), (2, 2)):
        on = (DAY - timedelta(days=days_ago)).isoformat()
        assert (
            runner.post(f"/api/v1/questionnaires/nprs?on={on}", json={"pain": pain}).status_code
            == 201
        )
    [row] = coach.get("/api/v1/coach/roster").json()
    assert row["attention"]["reasons"] == []  # pain fell from 6 to 2: better, not worse
    on = DAY.isoformat()
    assert runner.post(f"/api/v1/questionnaires/nprs?on={on}", json={"pain": 9}).status_code == 201
    [row] = coach.get("/api/v1/coach/roster").json()
    assert row["attention"]["why"][0] == {
        "reason": "worsening_questionnaire",
        "says": "Questionnaire score 7 points worse",
        "threshold": "at least 1 point worse, past the questionnaire's minimal important change",
        "action": "Review the questionnaire with them",
    }
