"""`runrehab activity show FILE`: what a watch file (FIT, GPX, TCX, or a .gz of one) recorded;
`runrehab activity confirm ID [--not-run]`: the runner's answer for an imported file that did not
say its sport (the import's summary prints this command for each one)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from runrehab.cli.common import DEFAULT_RUNNER, JsonOption, RunnerOption, consoles, open_store
from runrehab.cli.errors import EXIT_INVALID_INPUT, user_errors

if TYPE_CHECKING:
    from runrehab.domain.activity import Activity

activity_app = typer.Typer(help="Read watch files (FIT, GPX, TCX).", no_args_is_help=True)

ActivityFile = Annotated[
    Path, typer.Argument(help="A .fit, .gpx or .tcx file, or a .gz of one.", show_default=False)
]
ActivityId = Annotated[
    str, typer.Argument(help="The id `runrehab import` printed for it.", show_default=False)
]
NotRun = Annotated[
    bool, typer.Option("--not-run", help="It was not a run: leave it out of the training load.")
]


@activity_app.command("show")
def show(file: ActivityFile, as_json: JsonOption = False) -> None:
    """Summarise one activity: sport, start, distance, moving and elapsed time, heart rate."""
    from runrehab.adapters.activities import (
        ActivityFileError,
        activity_summary,
        read_activity_file,
    )

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


@activity_app.command("confirm")
def confirm(
    activity_id: ActivityId,
    not_run: NotRun = False,
    runner: RunnerOption = DEFAULT_RUNNER,
    as_json: JsonOption = False,
) -> None:
    """Say whether an imported file that did not name its sport was a run (then it counts)."""
    from runrehab.services.activities import confirm_sport
    from runrehab.services.episodes import runner_named

    out, err = consoles()
    with user_errors(err):
        store = open_store()
        row = confirm_sport(runner_named(runner, store), activity_id, not not_run, store)
    if as_json:
        print(json.dumps({k: v for k, v in row.items() if k != "pace_histogram"}, indent=2))
        return
    counted = (
        "a run: counted in the training load"
        if row["sport"] == "running"
        else ("not a run: left out of the training load")
    )
    out.print(f"{row['on']}, {row['distance_m'] / 1000:.2f} km: {counted}.", highlight=False)


def _render(out: Console, name: str, activity: Activity) -> None:
    table = Table(title=Text(name), show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for label, value in _rows(activity):
        table.add_row(label, Text(value))  # file contents are never read as Rich markup
    out.print(table)


def _rows(activity: Activity) -> list[tuple[str, str]]:
    from runrehab.domain.pace import format_duration, format_pace

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
        ("Sport", _sport(activity)),
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


def _sport(activity: Activity) -> str:
    """The file's sport, or for a file that names none, the guess `runrehab import` would make."""
    from runrehab.domain.sport_guess import guess_sport, states_its_sport

    if states_its_sport(activity.sport):
        return activity.sport
    guess = guess_sport(activity.distance_m, activity.timer_s, activity.pace_histogram)
    return f"{activity.sport} (not in the file): {guess.guess.replace('_', ' ')}, {guess.reason}"
