"""`runrehab log exercise|run|checkin`: record what happened; the engine answers at once."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console

from runrehab.cli.common import (
    DEFAULT_RUNNER,
    DateOption,
    JsonOption,
    RunnerOption,
    consoles,
    open_store,
    parse_date,
    utc_now,
)
from runrehab.cli.errors import bad_option, user_errors
from runrehab.domain.errors import Problem
from runrehab.schemas.distance import DISTANCE_HELP, distance_m_or_problem

log_app = typer.Typer(help="Log an exercise, a run or the morning check-in.", no_args_is_help=True)

Pain = Annotated[int, typer.Option("--pain", min=0, max=10, help="Worst pain during it, 0-10.")]
Note = Annotated[str | None, typer.Option("--note", help="Anything worth remembering.")]
EntryId = Annotated[
    str | None,
    typer.Option("--id", help="Client id: sending the same id twice stores the entry once."),
]


def _record(
    raw: dict[str, Any], entry_id: str | None, on: str | None, runner: str, as_json: bool
) -> None:
    from runrehab.cli.render import render_logged
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.schemas.log import parse_entry
    from runrehab.services.episodes import current_episode
    from runrehab.services.progress import log_entry

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        day: date = parse_date(on, "--date", err)
        raw |= {"id": entry_id or uuid.uuid4().hex, "date": day.isoformat()}
        entry = parse_entry(
            {k: v for k, v in raw.items() if v is not None}, "entry", kb.exercises, raw["id"]
        )
        store = open_store()
        logged = log_entry(current_episode(runner, store), entry, kb, store, utc_now)
        if as_json:
            print(json.dumps(logged.stored | {"duplicate": logged.duplicate}, indent=2))
        else:
            render_logged(out, logged.stored, logged.duplicate, kb)


@log_app.command("exercise")
def log_exercise(
    exercise: Annotated[str, typer.Argument(help="Exercise id (see `runrehab exercises`).")],
    sets: Annotated[int, typer.Option("--sets", min=1, help="Sets done.")],
    pain: Pain,
    reps: Annotated[int | None, typer.Option("--reps", min=1, help="Reps per set.")] = None,
    hold: Annotated[int | None, typer.Option("--hold", min=1, help="Seconds per hold.")] = None,
    load: Annotated[float, typer.Option("--load", min=0, help="Added load in kg.")] = 0.0,
    on: DateOption = None,
    note: Note = None,
    entry_id: EntryId = None,
    runner: RunnerOption = DEFAULT_RUNNER,
    as_json: JsonOption = False,
) -> None:
    """An exercise you did: sets, reps (or hold seconds), load and the worst pain during it."""
    raw = {
        "type": "exercise",
        "exercise": exercise,
        "sets": sets,
        "reps": reps,
        "hold_s": hold,
        "load_kg": load,
        "pain": pain,
        "note": note,
    }
    _record(raw, entry_id, on, runner, as_json)


@log_app.command("run")
def log_run(
    minutes: Annotated[int, typer.Option("--minutes", min=1, help="Duration in minutes.")],
    pain_during: Annotated[
        int, typer.Option("--pain-during", min=0, max=10, help="Worst pain while running.")
    ],
    pain_after: Annotated[
        int, typer.Option("--pain-after", min=0, max=10, help="Pain afterwards.")
    ],
    distance: Annotated[
        str | None, typer.Option("--distance", help=f"Distance run. {DISTANCE_HELP}")
    ] = None,
    hills: Annotated[bool, typer.Option("--hills", help="The route had hills.")] = False,
    speedwork: Annotated[bool, typer.Option("--speedwork", help="Intervals or strides.")] = False,
    on: DateOption = None,
    note: Note = None,
    entry_id: EntryId = None,
    runner: RunnerOption = DEFAULT_RUNNER,
    as_json: JsonOption = False,
) -> None:
    """A run: time, distance, pain during and after, hills or speed work."""
    raw = {
        "type": "run",
        "minutes": minutes,
        "distance_km": _distance_km(distance),
        "pain_during": pain_during,
        "pain_after": pain_after,
        "hills": hills,
        "speedwork": speedwork,
        "note": note,
    }
    _record(raw, entry_id, on, runner, as_json)


def _distance_km(text: str | None) -> float | None:
    """Kilometres by the one distance rule of `schemas.distance` (a bare number is km)."""
    if text is None:
        return None
    found = distance_m_or_problem(text)
    if isinstance(found, Problem):
        raise bad_option(consoles()[1], "--distance", found.reason)
    return found / 1000


@log_app.command("checkin")
def log_checkin(
    monitoring_pain: Annotated[
        int,
        typer.Option(
            "--monitoring-pain",
            min=0,
            max=10,
            help="Pain on your morning test movement (the plan names it), 0-10.",
        ),
    ],
    stiffness: Annotated[
        int | None, typer.Option("--stiffness", min=0, help="Morning stiffness, minutes.")
    ] = None,
    sitting: Annotated[
        int | None, typer.Option("--sitting", min=0, help="Minutes you can sit comfortably.")
    ] = None,
    soreness: Annotated[
        int | None,
        typer.Option("--soreness", min=0, max=10, help="Muscle soreness (not the tendon), 0-10."),
    ] = None,
    pain_rest: Annotated[
        int | None, typer.Option("--pain-rest", min=0, max=10, help="Pain at rest, 0-10.")
    ] = None,
    hop_pain: Annotated[
        int | None,
        typer.Option("--hop-pain", min=0, max=10, help="Pain on 10 hops on the painful leg, 0-10."),
    ] = None,
    calf_raises: Annotated[
        int | None,
        typer.Option(
            "--calf-raises", min=0, max=500, help="Single-leg calf raises in a row, painful side."
        ),
    ] = None,
    test: Annotated[
        list[str] | None,
        typer.Option(
            "--test", help="A self-test result, e.g. drop_lunge_pain_free=yes (repeatable)."
        ),
    ] = None,
    red_flag: Annotated[
        list[str] | None,
        typer.Option("--red-flag", help="A warning sign now present, e.g. saddle_numbness."),
    ] = None,
    on: DateOption = None,
    note: Note = None,
    entry_id: EntryId = None,
    runner: RunnerOption = DEFAULT_RUNNER,
    as_json: JsonOption = False,
) -> None:
    """The morning check-in: pain on the monitoring task, return-to-run tests, what else you notice."""
    _, err = consoles()
    raw = {
        "type": "checkin",
        "monitoring_pain": monitoring_pain,
        "stiffness_min": stiffness,
        "sitting_tolerance_min": sitting,
        "muscle_soreness": soreness,
        "pain_rest": pain_rest,
        "hop_pain": hop_pain,
        "single_leg_calf_raises": calf_raises,
        "tests": _tests(test or [], err),
        "red_flags": red_flag or [],
        "note": note,
    }
    _record(raw, entry_id, on, runner, as_json)


def _tests(pairs: list[str], err: Console) -> dict[str, bool]:
    tests = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if value.lower() not in ("yes", "no", "true", "false"):
            raise bad_option(err, "--test", f"expected NAME=yes or NAME=no, got {pair!r}")
        tests[name] = value.lower() in ("yes", "true")
    return tests
