"""Questionnaires a coach assigns on a schedule: when the next one is due, and whether it is late.

A schedule runs every `every_days` from `starts_on`. The current slot is the latest scheduled day
on or before today; it is answered by any response from two days before it on (runners fill a
form in a little early), otherwise it is due, and late by the days since the slot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

EARLY = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Assignment:
    questionnaire: str
    every_days: int
    starts_on: date


@dataclass(frozen=True, slots=True)
class Schedule:
    questionnaire: str
    every_days: int
    due_on: date | None  # the slot waiting for an answer, or None when none is waiting
    days_late: int  # 0 on the day it falls due
    next_on: date  # the next day a response is asked for


def schedule(assignment: Assignment, answered_on: Iterable[date], today: date) -> Schedule:
    every = timedelta(days=assignment.every_days)
    if today < assignment.starts_on:
        return Schedule(
            assignment.questionnaire, assignment.every_days, None, 0, assignment.starts_on
        )
    slot = assignment.starts_on + every * ((today - assignment.starts_on) // every)
    early = min(EARLY, every - timedelta(days=1))
    answered = any(slot - early <= day <= today for day in answered_on)
    if answered:
        return Schedule(assignment.questionnaire, assignment.every_days, None, 0, slot + every)
    return Schedule(
        assignment.questionnaire, assignment.every_days, slot, (today - slot).days, slot
    )
