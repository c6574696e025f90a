"""The account: addresses, messages, signed-in devices, reminders and the data export."""

from __future__ import annotations

from pydantic import BaseModel, Field

from runrehab.domain.records import LoginSession
from runrehab.render.user_agents import describe_device
from runrehab.render.view_models.common import Object, ViewModel


class Email(ViewModel):
    email: str
    name: str | None = None  # the optional display name


class Message(ViewModel):
    detail: str


class Device(BaseModel):  # open, as declared first: no docstring, /openapi.json unchanged
    id: str
    device: str = Field(description='the browser and system in words, e.g. "Chrome on Android"')
    signed_in_at: str = Field(description="ISO 8601, UTC")
    last_active_at: str = Field(description="ISO 8601, UTC; updated every few minutes of use")
    this_device: bool = Field(description="the session making this request")


class Reminders(ViewModel):
    daily: bool


class RaceResult(ViewModel):
    distance_m: float
    duration_s: float
    raced_on: str | None


class AccessView(ViewModel):
    """One view of a runner's record by someone else."""

    viewer: str = Field(description="the coach's name, else their e-mail")
    runner_id: str
    runner: str | None = Field(description="the runner's e-mail")
    what: str = Field(description='what was seen, e.g. "runner file" or "messages"')
    at: str = Field(description="ISO 8601, UTC")


class ConsentGiven(ViewModel):
    """The runner let a coach see their log, plan and messages, under a version of the terms."""

    coach: str
    terms_version: int
    at: str = Field(description="ISO 8601, UTC")


class AccessLog(ViewModel):
    """Who has seen the runner's record (the last 50 views, newest first) and their consents."""

    views: list[AccessView]
    consents: list[ConsentGiven]


class Export(ViewModel):
    """Everything stored about the account, as JSON (the CSV export has the log only)."""

    email: str
    episodes: list[Object]
    activities: list[Object]
    race_result: RaceResult | None
    access_log: list[AccessView]
    consents: list[ConsentGiven]


def device_view(login: LoginSession, this_session: str | None) -> Device:
    """A signed-in device in words, its times in UTC (ISO 8601)."""
    return Device(
        id=login.id,
        device=describe_device(login.user_agent),
        signed_in_at=login.created_at.isoformat(),
        last_active_at=login.last_seen_at.isoformat(),
        this_device=login.id == this_session,
    )
