"""Notifications go through the outbox: written with the event, sent by the worker through a real
SMTP server, retried after a failed send, never lost, messages batched."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runrehab.adapters.mail import SmtpMailer
from runrehab.services.notifications import send_due
from tests.web.conftest import OutBox
from tests.web.test_coaching import _linked


class _Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.received: list[tuple[str, str]] = []

    def handle_message(self, message) -> None:  # type: ignore[no-untyped-def]
        self.received.append((message["To"], message["Subject"]))


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[int, _Inbox]]:
    inbox, port = _Inbox(), _port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def _outbox(app: FastAPI) -> list[dict[str, object]]:
    """The notifications, without the sign-up links that created the accounts."""
    with app.state.runrehab.uow() as uow:
        return [n for n in uow.outbox.all() if n["kind"] != "signup"]


def _linked_and_confirmed(app: FastAPI) -> tuple[TestClient, TestClient]:
    """A coach and their runner, whose sign-up links are already sent."""
    linked = _linked(app)
    send_due(OutBox(), app.state.runrehab.uow(), lambda: datetime.now(UTC))
    return linked


def _refer(runner: TestClient) -> None:
    response = runner.post(
        "/api/v1/entries",
        json={
            "type": "checkin",
            "date": "2026-12-02",
            "monitoring_pain": 1,
            "red_flags": ["saddle_numbness"],
        },
    )
    assert response.json()["decision"] == "refer"


def test_a_referral_alerts_the_coach_at_once_through_smtp(
    app: FastAPI, smtp: tuple[int, _Inbox]
) -> None:
    _, runner = _linked_and_confirmed(app)
    _refer(runner)
    assert [(n["kind"], n["to"]) for n in _outbox(app)] == [("alert", "coach@example.com")]
    port, inbox = smtp
    assert send_due(
        SmtpMailer("127.0.0.1", port, "runrehab <no-reply@test>"),
        app.state.runrehab.uow(),
        lambda: datetime.now(UTC),
    ) == (1, 0)
    for _ in range(50):
        if inbox.received:
            break
        time.sleep(0.1)
    assert inbox.received == [("coach@example.com", "runrehab: ana@example.com needs a clinician")]
    assert _outbox(app)[0]["sent"] is True


def test_a_failed_send_is_kept_and_retried(app: FastAPI, smtp: tuple[int, _Inbox]) -> None:
    _, runner = _linked_and_confirmed(app)
    _refer(runner)
    down = SmtpMailer("127.0.0.1", _port(), "runrehab <no-reply@test>")  # nothing listens there
    assert send_due(down, app.state.runrehab.uow(), lambda: datetime.now(UTC)) == (0, 1)
    note = _outbox(app)[0]
    assert (note["sent"], note["attempts"]) == (False, 1)
    later = datetime.now(UTC) + timedelta(minutes=5)
    port, _ = smtp
    assert send_due(
        SmtpMailer("127.0.0.1", port, "x <x@test>"), app.state.runrehab.uow(), lambda: later
    ) == (1, 0)


def test_messages_are_batched_per_recipient_and_hour(app: FastAPI) -> None:
    _coach, runner = _linked_and_confirmed(app)
    coach_id = runner.get("/api/v1/coaching").json()[0]["coach_id"]
    for text in ("one", "two", "three"):
        runner.post(f"/api/v1/coaching/{coach_id}/messages", json={"body": text})
    notes = [n for n in _outbox(app) if n["kind"] == "message"]
    assert [n["to"] for n in notes] == ["coach@example.com"]
    now = datetime.now(UTC)
    assert send_due(_Failing(), app.state.runrehab.uow(), lambda: now) == (
        0,
        0,
    )  # not due before the hour ends


class _Failing:
    def send(self, to: str, subject: str, body: str) -> None:
        raise OSError("should not be called")


def test_runners_who_opt_in_get_one_reminder_a_day(app: FastAPI) -> None:
    from datetime import date

    from runrehab.services.reminders import queue_reminders

    _, runner = _linked(app)
    state = app.state.runrehab
    assert (
        queue_reminders(date(2026, 12, 2), state.kb, state.uow(), state.clock) == 0
    )  # not opted in
    assert runner.put("/api/v1/me/reminders", json={"daily": True}).json() == {"daily": True}
    assert queue_reminders(date(2026, 12, 2), state.kb, state.uow(), state.clock) == 1
    assert queue_reminders(date(2026, 12, 2), state.kb, state.uow(), state.clock) == 0  # once a day
    reminder = next(n for n in _outbox(app) if n["kind"] == "reminder")
    assert reminder["to"] == "ana@example.com"
    assert "Today's plan" in str(reminder["body"])
