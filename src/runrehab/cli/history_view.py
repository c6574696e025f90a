"""`runrehab history`: the log with its decisions, and pain over time as a terminal chart."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from rich.console import Console
from rich.table import Table

from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.services.progress import History

LIMIT = 3  # the strict pain limit: bars above it show red


def render_history(console: Console, past: History) -> None:
    table = Table(title="Log")
    for col in ("Date", "What", "Pain", "Decision"):
        table.add_column(col)
    for entry in past.entries:
        decision = past.decisions.get(entry.id, {}).get("decision", "")
        table.add_row(entry.on.isoformat(), _what(entry), str(_pain(entry)), decision)
    console.print(table)
    console.print(pain_chart(past.entries))


def _what(entry: Entry) -> str:
    if isinstance(entry, ExerciseLog):
        amount = f"{entry.reps} reps" if entry.reps else f"{entry.hold_s} s"
        return f"{entry.exercise} {entry.sets} x {amount}"
    if isinstance(entry, RunLog):
        return f"run {entry.minutes} min" + (
            f", {entry.distance_km} km" if entry.distance_km else ""
        )
    return "morning check-in"


def _pain(entry: Entry) -> int:
    if isinstance(entry, ExerciseLog):
        return entry.pain
    if isinstance(entry, RunLog):
        return max(entry.pain_during, entry.pain_after)
    return entry.monitoring_pain


def pain_chart(entries: list[Entry]) -> Table:
    """One row a day: the morning check and the worst session pain, as bars against the limit."""
    morning: dict[date, int] = {}
    session: dict[date, int] = defaultdict(int)
    for entry in entries:
        if isinstance(entry, CheckIn):
            morning[entry.on] = entry.monitoring_pain
        else:
            session[entry.on] = max(session[entry.on], _pain(entry))
    chart = Table(title=f"Pain over time (0-10; limit {LIMIT}/10)", box=None)
    for col in ("Date", "Morning check", "Worst in a session"):
        chart.add_column(col)
    for day in sorted(set(morning) | set(session)):
        chart.add_row(day.isoformat(), _bar(morning.get(day)), _bar(session.get(day)))
    return chart


def _bar(value: int | None) -> str:
    if value is None:
        return ""
    colour = "red" if value > LIMIT else "green"
    return f"[{colour}]{'█' * value}{'·' * (10 - value)}[/{colour}] {value}"
