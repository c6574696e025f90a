"""`runrehab`: assess, plan and explore the knowledge base from the command line."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from runrehab.adapters.ical import plan_to_ical
from runrehab.adapters.json_files import read_json, read_text
from runrehab.adapters.serialize import assessment_to_json, decision_to_json, plan_to_json
from runrehab.cli.demo import run_demo
from runrehab.cli.errors import bad_option, user_errors
from runrehab.cli.interview import interview
from runrehab.cli.library import (
    render_card,
    render_card_list,
    render_exercise,
    render_exercise_list,
)
from runrehab.cli.render import render_assessment, render_decisions, render_plan
from runrehab.domain.adaptation.engine import replay
from runrehab.domain.adaptation.state import initial_state
from runrehab.domain.assessment import assess
from runrehab.domain.intake import IntakeAnswers
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers
from runrehab.schemas.log import parse_jsonl
from runrehab.schemas.profile import parse_profile

app = typer.Typer(
    help="Evidence-informed triage, rehab and return-to-run plans for injured runners.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
knowledge_app = typer.Typer(help="Inspect and validate the clinical knowledge base.")
app.add_typer(knowledge_app, name="knowledge")

AnswersOption = Annotated[
    Path | None, typer.Option("--answers", help="Intake answers as a JSON file (see README).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Assess as of this date (YYYY-MM-DD); default today.")
]


def _consoles() -> tuple[Console, Console]:
    return Console(), Console(stderr=True)


def _date(text: str | None, option: str, stderr: Console) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise bad_option(stderr, option, f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _answers(path: Path | None, force: bool, out: Console, stderr: Console) -> IntakeAnswers:
    if path is not None:
        return parse_answers(read_json(path), str(path))
    if not (force or sys.stdin.isatty()):
        raise bad_option(
            stderr, "--answers", "no terminal to ask questions on; pass an answers file"
        )
    return parse_answers(interview(load_knowledge_base(), out), "your answers")


@app.command("assess")
def assess_command(
    answers: AnswersOption = None,
    as_json: JsonOption = False,
    on: OnOption = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Ask the questions even without a terminal.")
    ] = False,
) -> None:
    """Is it OK to run? Asks the intake questions (or reads --answers) and explains the verdict."""
    out, err = _consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        intake = _answers(answers, interactive, out, err)
        result = assess(intake, kb, _date(on, "--on", err))
        if as_json:
            print(json.dumps(assessment_to_json(result, kb), indent=2))
        else:
            render_assessment(out, result, kb)


@app.command("plan")
def plan_command(
    start: Annotated[str, typer.Option("--start", help="First day of the plan, YYYY-MM-DD.")],
    answers: Annotated[Path, typer.Option("--answers", help="Intake answers as a JSON file.")],
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=52, help="Length in weeks.")] = 6,
    profile: Annotated[Path | None, typer.Option("--profile", help="Runner profile JSON.")] = None,
    as_json: JsonOption = False,
    ics: Annotated[Path | None, typer.Option("--ics", help="Also write an iCalendar file.")] = None,
) -> None:
    """A dated, staged rehab and return-to-run plan, optionally as an .ics calendar."""
    out, err = _consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        begin = _date(start, "--start", err)
        intake = parse_answers(read_json(answers), str(answers))
        runner = parse_profile(read_json(profile), str(profile)) if profile else RunnerProfile()
        result = assess(intake, kb, begin)
        plan = build_plan(result, intake, runner, kb, begin, weeks)
        if ics is not None:
            key = f"{plan.condition or 'no-condition'}/{plan.start.isoformat()}"
            _write_atomically(ics, plan_to_ical(plan, key, datetime.now(UTC)), err)
        if as_json:
            print(json.dumps(plan_to_json(plan, kb), indent=2))
        else:
            render_plan(out, plan, kb)


def _write_atomically(path: Path, data: bytes, stderr: Console) -> None:
    """Write next to the target and rename, so a crash never leaves half a calendar."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise bad_option(stderr, "--ics", f"cannot write {path}: {exc.strerror}") from None


@app.command("replay")
def replay_command(
    answers: Annotated[Path, typer.Option("--answers", help="Intake answers as a JSON file.")],
    log: Annotated[Path, typer.Option("--log", help="Log entries, one JSON object per line.")],
    start: Annotated[
        str | None, typer.Option("--start", help="Episode start (default: the first entry's date).")
    ] = None,
    profile: Annotated[Path | None, typer.Option("--profile", help="Runner profile JSON.")] = None,
    as_json: JsonOption = False,
) -> None:
    """What-if: run the adaptation engine over a log without touching any database."""
    out, err = _consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        intake = parse_answers(read_json(answers), str(answers))
        runner = parse_profile(read_json(profile), str(profile)) if profile else RunnerProfile()
        entries = parse_jsonl(read_text(log), str(log), kb.exercises)
        begin = _date(start, "--start", err) if start else entries[0].on
        state = initial_state(assess(intake, kb, begin), intake, runner, kb)
        decisions = replay(state, entries, kb)
        if as_json:
            print(json.dumps([decision_to_json(d, kb) for d in decisions], indent=2))
        else:
            render_decisions(out, decisions, kb)


@app.command("exercises")
def exercises_command(
    exercise: Annotated[
        str | None, typer.Argument(help="An exercise id; omit to list all.")
    ] = None,
) -> None:
    """The exercise library: instructions, cues, common mistakes, easier and harder variations."""
    out, err = _consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        if exercise is None:
            render_exercise_list(out, kb)
        elif exercise in kb.exercises:
            render_exercise(out, kb.exercises[exercise], kb)
        else:
            raise bad_option(
                err, "EXERCISE", f"unknown exercise {exercise!r} (runrehab exercises lists them)"
            )


@app.command("learn")
def learn_command(
    card: Annotated[
        str | None, typer.Argument(help="An education card id; omit to list all.")
    ] = None,
) -> None:
    """Education cards: why the plan is what it is, in plain language, with sources."""
    out, err = _consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        if card is None:
            render_card_list(out, kb)
        elif card in kb.education:
            render_card(out, kb.education[card], kb)
        else:
            raise bad_option(err, "CARD", f"unknown card {card!r} (runrehab learn lists them)")


@app.command("demo")
def demo_command() -> None:
    """A short tour: a sample runner's assessment and the first two weeks of their plan."""
    out, err = _consoles()
    with user_errors(err):
        run_demo(out, load_knowledge_base())


@knowledge_app.command("check")
def knowledge_check(
    data: Annotated[Path | None, typer.Option("--data", help="A knowledge-base folder.")] = None,
) -> None:
    """Validate the knowledge base (every file, key and cross-reference) and summarise it."""
    out, err = _consoles()
    with user_errors(err):
        kb = load_knowledge_base(data)
        out.print(f"knowledge base {kb.version}: OK")
        out.print(
            f"{len(kb.conditions)} conditions, {len(kb.red_flags)} red flags, "
            f"{len(kb.protocols)} protocols, {len(kb.exercises)} exercises, "
            f"{len(kb.education)} education cards, {len(kb.citations)} citations"
        )


def main() -> None:
    app()
