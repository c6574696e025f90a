"""When a questionnaire a coach assigned is due, and how late it is."""

from __future__ import annotations

from datetime import date

import pytest

from runrehab.domain.assignments import Assignment, schedule

EVERY_14 = Assignment("visa_h", 14, date(2026, 12, 1))
D = date.fromisoformat


@pytest.mark.parametrize(
    ("answered", "today", "due_on", "days_late", "next_on"),
    [
        ([], "2026-11-30", None, 0, "2026-12-01"),  # not started yet
        ([], "2026-12-01", "2026-12-01", 0, "2026-12-01"),  # due on its first day
        ([], "2026-12-05", "2026-12-01", 4, "2026-12-01"),  # four days late
        (["2026-12-01"], "2026-12-05", None, 0, "2026-12-15"),  # answered: next slot
        (["2026-11-29"], "2026-12-02", None, 0, "2026-12-15"),  # two days early counts
        (["2026-11-28"], "2026-12-02", "2026-12-01", 1, "2026-12-01"),  # three days early: not
        (["2026-12-01"], "2026-12-16", "2026-12-15", 1, "2026-12-15"),  # the next slot is due
        (["2026-12-01", "2026-12-20"], "2026-12-28", None, 0, "2026-12-29"),  # late answer counts
    ],
)
def test_a_schedule_every_14_days(
    answered: list[str], today: str, due_on: str | None, days_late: int, next_on: str
) -> None:
    result = schedule(EVERY_14, [D(d) for d in answered], D(today))
    assert result.due_on == (D(due_on) if due_on else None)
    assert (result.days_late, result.next_on) == (days_late, D(next_on))


def test_a_weekly_schedule_accepts_answers_a_day_or_two_early_but_not_from_the_last_slot() -> None:
    weekly = Assignment("lefs", 7, date(2026, 12, 1))
    assert schedule(weekly, [D("2026-12-06")], D("2026-12-08")).due_on is None
    assert schedule(weekly, [D("2026-12-02")], D("2026-12-08")).due_on == D("2026-12-08")
