"""Days in words a runner reads at a glance ("Mon 7 Dec"), never ISO.

The server writes English words as the fallback; the browser rewrites each `<time data-day>`
in its own locale (app.js), so a runner in Lyon reads "lun. 7 déc.".
"""

from __future__ import annotations

from datetime import date


def day_words(day: date | str, this_year: int | None = None) -> str:
    """'Mon 7 Dec', with the year only when it is not `this_year` ('Tue 3 Mar 2025').

    `day` is a date or an ISO `YYYY-MM-DD` string (view models carry ISO strings)."""
    when = day if isinstance(day, date) else date.fromisoformat(day[:10])
    words = f"{when:%a} {when.day} {when:%b}"
    return words if when.year == (this_year or date.today().year) else f"{words} {when.year}"
