"""`runrehab pace`: what one race says about pace (VDOT, equivalent races, training paces, Riegel)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from runrehab.cli.common import JsonOption, consoles
from runrehab.cli.errors import EXIT_INVALID_INPUT
from runrehab.domain.errors import InvalidInputError
from runrehab.domain.pace import (
    MILE_M,
    STANDARD_DISTANCES_M,
    PaceRange,
    PaceReport,
    PaceZone,
    easy_zones,
    format_duration,
    format_pace,
    format_pace_per_mile,
    pace_report,
)
from runrehab.schemas.distance import DISTANCE_HELP
from runrehab.schemas.race import parse_race

DistanceOption = Annotated[str, typer.Option("--distance", help=f"Race distance. {DISTANCE_HELP}")]
TimeOption = Annotated[str, typer.Option("--time", help="Your time, as mm:ss or h:mm:ss.")]

_LABELS = {
    "1500": "1500 m",
    "mile": "Mile",
    "5k": "5 km",
    "10k": "10 km",
    "half": "Half marathon",
    "marathon": "Marathon",
}
_WHAT_FOR = {
    "Marathon (M)": "marathon race pace; steady parts of long runs",
    "Threshold (T)": "comfortably hard: tempo runs, cruise intervals",
    "Interval (I)": "hard: repeats of 3-5 minutes",
    "Repetition (R)": "fast: 200-400 m repeats, full recoveries",
}


def register(app: typer.Typer) -> None:
    app.command("pace")(pace_command)


def pace_command(distance: DistanceOption, time: TimeOption, as_json: JsonOption = False) -> None:
    """What pace should I run? VDOT, equivalent race times, training paces, and Riegel's guess."""
    out, err = consoles()
    try:
        race = parse_race(distance, time)
    except InvalidInputError as exc:
        raise _one_line_error(err, exc) from None
    report = pace_report(race)
    if as_json:
        print(json.dumps(_as_json(report), indent=2))
    else:
        _render(out, report)


def _one_line_error(err: Console, exc: InvalidInputError) -> typer.Exit:
    """Every problem on one line, each led by the option it concerns (`--distance`, `--time`)."""
    text = "; ".join(f"--{problem.where}: {problem.reason}" for problem in exc.problems)
    err.print(f"error: {text}", highlight=False, markup=False, soft_wrap=True)
    return typer.Exit(EXIT_INVALID_INPUT)


def _as_json(report: PaceReport) -> dict[str, object]:
    """Seconds to a tenth and VDOT to a hundredth: finer digits are noise, not information."""
    paces = report.paces
    return {
        "vdot": round(report.vdot, 2),
        "equivalents_s": _tenths(report.equivalents_s),
        "paces_s_per_km": {
            "easy": [round(paces.easy.fast_s_per_km, 1), round(paces.easy.slow_s_per_km, 1)],
            "marathon": round(paces.marathon_s_per_km, 1),
            "threshold": round(paces.threshold_s_per_km, 1),
            "interval": round(paces.interval_s_per_km, 1),
            "repetition": round(paces.repetition_s_per_km, 1),
        },
        "riegel_s": _tenths(report.riegel_s),
        "easy_zones": [_zone_json(zone) for zone in easy_zones(report.vdot)],
    }


def _zone_json(zone: PaceZone) -> dict[str, object]:
    """As `GET /api/v1/pace` gives each zone: whole seconds and the same label."""
    return {
        "name": zone.name,
        "fast_s_per_km": round(zone.pace_range.fast_s_per_km),
        "slow_s_per_km": round(zone.pace_range.slow_s_per_km),
        "text": zone.pace_range.label(),
        "why": zone.why,
    }


def _tenths(seconds: Mapping[str, float]) -> dict[str, float]:
    return {key: round(value, 1) for key, value in seconds.items()}


def _render(out: Console, report: PaceReport) -> None:
    race = report.race
    out.print(
        f"[bold]{_distance_label(race.distance_m)} in {format_duration(race.duration_s)}: "
        f"VDOT {report.vdot:.1f}[/bold] (Daniels & Gilbert's oxygen-cost formulas)"
    )
    out.print(_equivalents_table(report))
    out.print(_paces_table(report))
    out.print(
        "Riegel's formula (T2 = T1 x (D2/D1)^1.06) is a simpler power law; the further a distance "
        "is from your race, the more both are guesses. During rehab, run only rehab easy "
        "until your plan brings back speed work (`runrehab today`)."
    )


def _equivalents_table(report: PaceReport) -> Table:
    table = Table(title="Equivalent race times", title_justify="left")
    for column in ("Distance", "VDOT equivalent", "Pace", "Riegel (1.06)"):
        table.add_column(column, justify="left" if column == "Distance" else "right")
    for key, distance_m in STANDARD_DISTANCES_M.items():
        seconds = report.equivalents_s[key]
        table.add_row(
            _LABELS[key],
            format_duration(seconds),
            format_pace(seconds / (distance_m / 1000)),
            format_duration(report.riegel_s[key]),
        )
    return table


def _paces_table(report: PaceReport) -> Table:
    paces = report.paces
    table = Table(title="Training paces (Daniels)", title_justify="left")
    for column in ("Pace", "Per km", "Per mile", "What for"):
        table.add_column(column, justify="right" if column.startswith("Per") else "left")
    for zone in easy_zones(report.vdot):  # rehab easy first: the one to run during rehab
        table.add_row(zone.name, zone.pace_range.label(), _mile_range(zone.pace_range), zone.why)
    singles = {
        "Marathon (M)": paces.marathon_s_per_km,
        "Threshold (T)": paces.threshold_s_per_km,
        "Interval (I)": paces.interval_s_per_km,
        "Repetition (R)": paces.repetition_s_per_km,
    }
    for name, s_per_km in singles.items():
        table.add_row(name, format_pace(s_per_km), format_pace_per_mile(s_per_km), _WHAT_FOR[name])
    return table


def _mile_range(easy: PaceRange) -> str:
    fast_per_mile = format_duration(easy.fast_s_per_km * MILE_M / 1000)
    return f"{fast_per_mile}-{format_pace_per_mile(easy.slow_s_per_km)}"


def _distance_label(distance_m: float) -> str:
    names = {d: _LABELS[key] for key, d in STANDARD_DISTANCES_M.items()}
    return names.get(distance_m, f"{distance_m:g} m")
