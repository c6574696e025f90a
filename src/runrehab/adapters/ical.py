"""A plan as an RFC 5545 calendar, with event UIDs that never change for the same session.

A UID is derived from a caller-chosen `calendar_key` (the runner's episode), the date and the
session kind, never from content or the clock: regenerating or updating a plan replaces events in
a subscribed calendar instead of duplicating them (the failure noted in wger's iCal export).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from runrehab.domain.plan import Item, Plan, Session

UID_NAMESPACE = uuid.UUID("6f1f6a52-51b4-4c39-9a41-6a1c5d0f3b7e")
UID_DOMAIN = "runrehab"


def session_uid(calendar_key: str, session: Session) -> str:
    name = f"{calendar_key}/{session.date.isoformat()}/{session.kind}"
    return f"{uuid.uuid5(UID_NAMESPACE, name)}@{UID_DOMAIN}"


def plan_to_ical(plan: Plan, calendar_key: str, stamp: datetime) -> bytes:
    """`stamp` (timezone-aware) becomes every event's DTSTAMP; pass the generation time."""
    cal = Calendar()
    cal.add("prodid", "-//runrehab//rehab plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "runrehab plan")
    for session in plan.sessions:
        if session.kind != "rest":
            cal.add_component(_event(session, calendar_key, stamp))
    data: bytes = cal.to_ical()
    return data


def _event(session: Session, calendar_key: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", session_uid(calendar_key, session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.date)
    event.add("dtend", session.date + timedelta(days=1))
    event.add("summary", session.title)
    event.add("description", describe(session))
    event.add("categories", [session.kind])
    event.add("transp", "TRANSPARENT")
    return event


def describe(session: Session) -> str:
    lines = [session.why]
    if session.run:
        run = session.run
        distance = f"{run.distance_km} km, " if run.distance_km is not None else ""
        lines.append(f"Run: {distance}about {run.minutes} min, {run.pace}, {run.terrain}.")
        if run.walk_run:
            lines.append(f"Intervals: {run.walk_run}.")
        lines.extend(f"Form: {cue}" for cue in session.cues)
    lines.extend(f"- {_dose(item)}" for item in session.items)
    return "\n".join(lines)


def _dose(item: Item) -> str:
    amount = (
        f"{item.reps} reps"
        if item.reps is not None
        else f"{item.hold_s} s hold"
        if item.hold_s is not None
        else f"{item.duration_s} s"
    )
    side = " per side" if item.per_side else ""
    heavy = f", heavy ({item.reps}RM)" if item.repetition_maximum else ""
    optional = " (optional)" if item.optional else ""
    how = f" {item.load_note}" if item.load_note else ""
    return (
        f"{item.name}: {item.sets} x {amount}{side}{heavy}, pain at most {item.pain_limit}/10"
        f"{optional}{how}"
    )
