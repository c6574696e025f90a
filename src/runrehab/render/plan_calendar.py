"""The plan as a calendar: this week's strip, a month's grid, and the horizon the day pages
cover. Pure dates in, dates out; the view models in `view_models/plan.py` fill the days in.

The horizon runs from today for `HORIZON_WEEKS`, the weeks the calendar feed carries too: past
days belong to the log (the plan is rebuilt from today, so it has nothing true to say about
them), and the plan further ahead is a projection too far out to show day by day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

HORIZON_WEEKS = 12
_WEEKS = calendar.Calendar(firstweekday=calendar.MONDAY)


@dataclass(frozen=True, slots=True)
class Horizon:
    """The days a runner can open in their plan: `first` (today) to `last`, both included."""

    first: date
    last: date

    @classmethod
    def from_day(cls, today: date) -> Horizon:
        return cls(today, today + timedelta(weeks=HORIZON_WEEKS, days=-1))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def weeks_to(self, day: date) -> int:
        """Whole weeks of plan from `first` that reach `day` (kept inside the horizon), at least 1."""
        return (min(max(day, self.first), self.last) - self.first).days // 7 + 1

    def months(self) -> list[date]:
        """The first day of every month with a day in the horizon."""
        months, month = [], self.first.replace(day=1)
        while month <= self.last:
            months.append(month)
            month = next_month(month)
        return months


def week_of(day: date) -> list[date]:
    """Monday to Sunday of the week `day` is in."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def month_grid(month: date) -> list[list[date | None]]:
    """The month's weeks, Monday first; None for the days of the months before and after it."""
    return [
        [day if day.month == month.month else None for day in week]
        for week in _WEEKS.monthdatescalendar(month.year, month.month)
    ]


def last_day(month: date) -> date:
    return next_month(month) - timedelta(days=1)


def next_month(month: date) -> date:
    """The first day of the month after `month`'s."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)
