"""`runrehab assess` and `runrehab replay`: the decision engines on answers and logs in files."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from runrehab.cli.common import (
    DEFAULT_RUNNER,
    JsonOption,
    ProfileOption,
    RunnerOption,
    consoles,
    open_store,
    parse_date,
    read_profile,
    utc_now,
)
from runrehab.cli.errors import bad_option, user_errors

AnswersOption = Annotated[
    Path | None, typer.Option("--answers", help="Intake answers as a JSON file (see README).")
]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Assess as of this date (YYYY-MM-DD); default today.")
]


def register(app: typer.Typer) -> None:
    app.command("assess")(assess_command)
    app.command("replay")(replay_command)


def _raw_answers(
    path: Path | None, force: bool, out: Console, stderr: Console
) -> dict[str, object]:
    from runrehab.adapters.json_files import read_json
    from runrehab.cli.interview import interview
    from runrehab.knowledge.loader import load_knowledge_base

    if path is not None:
        raw = read_json(path)
        assert isinstance(raw, dict)
        return raw
    if not (force or sys.stdin.isatty()):
        raise bad_option(
            stderr, "--answers", "no terminal to ask questions on; pass an answers file"
        )
    return interview(load_knowledge_base(), out)


def assess_command(
    answers: AnswersOption = None,
    as_json: JsonOption = False,
    on: OnOption = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Ask the questions even without a terminal.")
    ] = False,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            help="Save the episode and its plan (default: when asked interactively).",
        ),
    ] = None,
    profile: ProfileOption = None,
    runner: RunnerOption = DEFAULT_RUNNER,
) -> None:
    """Is it OK to run? Asks the intake questions (or reads --answers) and explains the verdict."""
    from runrehab.cli.render import render_assessment
    from runrehab.domain.assessment import assess
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.render.serialize import assessment_to_json
    from runrehab.schemas.answers import parse_answers
    from runrehab.services.episodes import start_episode

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        raw = _raw_answers(answers, interactive, out, err)
        intake = parse_answers(raw, str(answers) if answers else "your answers")
        day = parse_date(on, "--on", err)
        raw_profile, runner_profile = read_profile(profile)
        result = assess(intake, kb, day)
        if save if save is not None else answers is None:
            kept = runner_profile if raw_profile else None  # none given: keep the last one
            start_episode(runner, intake, kept, day, kb, open_store(), utc_now)
            err.print(f"Saved for {runner!r}: see today's session with `runrehab today`.")
        elif answers is not None and save is None:
            again = _save_command(answers, on, profile, runner)
            err.print(
                f"Not saved: to follow this plan with `runrehab today` and `runrehab log`, run "
                f"`{again}`.",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
        if as_json:
            print(json.dumps(assessment_to_json(result, kb), indent=2))
        else:
            render_assessment(out, result, kb)


def _save_command(answers: Path, on: str | None, profile: Path | None, runner: str) -> str:
    """The exact `assess` command that saves these answers, as the runner can paste it."""
    words = ["runrehab", "assess", "--answers", str(answers), "--save"]
    words += ["--on", on] if on else []
    words += ["--profile", str(profile)] if profile else []
    words += ["--runner", runner] if runner != DEFAULT_RUNNER else []
    return shlex.join(words)


def replay_command(
    answers: Annotated[Path, typer.Option("--answers", help="Intake answers as a JSON file.")],
    log: Annotated[Path, typer.Option("--log", help="Log entries, one JSON object per line.")],
    start: Annotated[
        str | None, typer.Option("--start", help="Episode start (default: the first entry's date).")
    ] = None,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """What-if: run the adaptation engine over a log without touching any database."""
    from runrehab.adapters.json_files import read_json, read_text
    from runrehab.cli.render import render_decisions
    from runrehab.domain.adaptation.engine import replay
    from runrehab.domain.adaptation.state import initial_state
    from runrehab.domain.assessment import assess
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.render.serialize import decision_to_json
    from runrehab.schemas.answers import parse_answers
    from runrehab.schemas.log import parse_jsonl

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        intake = parse_answers(read_json(answers), str(answers))
        _, runner = read_profile(profile)
        entries = parse_jsonl(read_text(log), str(log), kb.exercises)
        begin = parse_date(start, "--start", err) if start else entries[0].on
        state = initial_state(assess(intake, kb, begin), intake, runner, kb)
        decisions = replay(state, entries, kb)
        if as_json:
            print(json.dumps([decision_to_json(d, kb) for d in decisions], indent=2))
        else:
            render_decisions(out, decisions, kb)
