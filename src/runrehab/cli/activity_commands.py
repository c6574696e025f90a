"""`runrehab activity show FILE`: what a watch file (FIT, GPX, TCX, or a .gz of one) recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from runrehab.adapters.activities import ActivityFileError, activity_summary, read_activity_file
from runrehab.cli.common import JsonOption, consoles
from runrehab.cli.errors import EXIT_INVALID_INPUT
from runrehab.domain.activity import Activity
from runrehab.domain.pace import format_duration, format_pace

activity_app = typer.Typer(help="Read watch files (FIT, GPX, TCX).", no_args_is_help=True)

ActivityFile = Annotated[
    Path, typer.Argument(help="A .fit, .gpx or .tcx file, or a .gz of one.", show_default=False)
]


@activity_app.command("show")
def show(file: ActivityFile, as_json: JsonOption = False) -> None:
    """Summarise one activity: sport, start, distance, moving and elapsed time, heart rate."""
    out, err = consoles()
    try:
        activity = read_activity_file(file)
    except ActivityFileError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID_INPUT) from None
    if as_json:
        print(json.dumps(activity_summary(activity), indent=2))
    else:
        _render(out, file.name, activity)


def _render(out: Console, name: str, activity: Activity) -> None:
    table = Table(title=Text(name), show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for label, value in _rows(activity):
        table.add_row(label, Text(value))  # file contents are never read as Rich markup
    out.print(table)


def _rows(activity: Activity) -> list[tuple[str, str]]:
    start = activity.start_time
    when = (
        f"{start:%Y-%m-%d %H:%M:%S} UTC"
        if start
        else "unknown: the device's clock was not set"
        if activity.clock_unset
        else "unknown"
    )
    km = activity.distance_m / 1000
    pace = format_pace(activity.timer_s / km) if km > 0 and activity.timer_s > 0 else "-"
    heart = (
        f"{activity.avg_hr} average, {activity.max_hr} max bpm"
        if activity.max_hr
        else "not recorded"
    )
    return [
        ("Sport", activity.sport),
        ("Start", when),
        ("Distance", f"{km:.2f} km"),
        ("Moving time", format_duration(activity.timer_s)),
        ("Elapsed time", format_duration(activity.elapsed_s)),
        ("Average pace", f"{pace} (moving)"),
        ("Heart rate", heart),
        ("Ascent", "-" if activity.ascent_m is None else f"{activity.ascent_m:.0f} m"),
        ("Laps", str(activity.laps)),
        ("Data points", str(activity.records)),
        ("Device", activity.device or "-"),
    ]
