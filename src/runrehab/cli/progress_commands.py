"""`runrehab plan` (make, show, why), `today` and `history`: the plan as it stands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from runrehab.cli.common import (
    DEFAULT_RUNNER,
    DateOption,
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

plan_app = typer.Typer(
    help="Make a plan from an answers file, or show and explain the saved one (`plan show`, `plan why`).",
    invoke_without_command=True,
)
Weeks = Annotated[int, typer.Option("--weeks", min=1, max=52, help="Length in weeks.")]


def register(app: typer.Typer) -> None:
    app.command("today")(today_command)
    app.command("history")(history_command)


@plan_app.callback()
def plan_command(
    ctx: typer.Context,
    start: Annotated[
        str | None, typer.Option("--start", help="First day of the plan, YYYY-MM-DD.")
    ] = None,
    answers: Annotated[
        Path | None, typer.Option("--answers", help="Intake answers as a JSON file.")
    ] = None,
    weeks: Weeks = 6,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
    ics: Annotated[Path | None, typer.Option("--ics", help="Also write an iCalendar file.")] = None,
) -> None:
    """A dated, staged rehab and return-to-run plan from an answers file (no database needed)."""
    if ctx.invoked_subcommand is not None:
        return
    from runrehab.adapters.ical import plan_to_ical
    from runrehab.adapters.json_files import read_json
    from runrehab.cli.files import write_atomically
    from runrehab.cli.render import render_plan
    from runrehab.domain.assessment import assess
    from runrehab.domain.planning import build_plan
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.render.serialize import plan_to_json
    from runrehab.schemas.answers import parse_answers

    out, err = consoles()
    with user_errors(err):
        if answers is None or start is None:
            raise bad_option(
                err, "--answers/--start", "both are needed to make a plan (or use `plan show`)"
            )
        kb = load_knowledge_base()
        begin = parse_date(start, "--start", err)
        intake = parse_answers(read_json(answers), str(answers))
        _, runner = read_profile(profile)
        plan = build_plan(assess(intake, kb, begin), intake, runner, kb, begin, weeks)
        if ics is not None:
            key = f"{plan.condition or 'no-condition'}/{plan.start.isoformat()}"
            write_atomically(ics, plan_to_ical(plan, key, utc_now()), err, "--ics")
        if as_json:
            print(json.dumps(plan_to_json(plan, kb), indent=2))
        else:
            render_plan(out, plan, kb)


@plan_app.command("show")
def plan_show(
    weeks: Weeks = 2,
    on: DateOption = None,
    runner: RunnerOption = DEFAULT_RUNNER,
    as_json: JsonOption = False,
) -> None:
    """The saved plan from today, as everything logged so far has shaped it."""
    from runrehab.cli.render import render_plan
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.render.serialize import plan_to_json
    from runrehab.services.episodes import current_episode
    from runrehab.services.progress import current_plan

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        store = open_store()
        plan = current_plan(
            current_episode(runner, store), parse_date(on, "--date", err), weeks, kb, store
        )
        if as_json:
            print(json.dumps(plan_to_json(plan, kb), indent=2))
        else:
            render_plan(out, plan, kb)


@plan_app.command("why")
def plan_why(runner: RunnerOption = DEFAULT_RUNNER, as_json: JsonOption = False) -> None:
    """The timeline of plan changes: when, why and by whom."""
    from runrehab.cli.render import render_versions
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.render.serialize import rules_in
    from runrehab.services.episodes import current_episode
    from runrehab.services.progress import history

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        store = open_store()
        episode = current_episode(runner, store)
        versions = history(episode, store).versions
        with store:
            condition = store.episodes.assessment(episode)["condition"]
        if as_json:
            print(
                json.dumps(
                    [
                        {
                            "version": v.version,
                            "created_at": v.created_at.isoformat(),
                            "effective_on": v.effective_on.isoformat(),
                            "author": v.author,
                            "reason": v.reason,
                            "reason_rules": rules_in(v.reason, kb, condition),
                            "stage": v.stage,
                            "changes": v.changes,
                        }
                        for v in versions
                    ],
                    indent=2,
                )
            )
        else:
            render_versions(out, versions, kb, condition)


def today_command(
    on: DateOption = None, runner: RunnerOption = DEFAULT_RUNNER, as_json: JsonOption = False
) -> None:
    """What to do today: each session with doses and pain limits."""
    from runrehab.cli.render import render_today
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.render.serialize import plan_to_json
    from runrehab.services.episodes import current_episode
    from runrehab.services.progress import current_plan

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        store = open_store()
        day = parse_date(on, "--date", err)
        plan = current_plan(current_episode(runner, store), day, 1, kb, store)
        sessions = [s for s in plan.sessions if s.date == day]
        if as_json:
            print(
                json.dumps(
                    [s for s in plan_to_json(plan, kb)["sessions"] if s["date"] == day.isoformat()],
                    indent=2,
                )
            )
        else:
            render_today(out, plan, sessions, kb)


def history_command(runner: RunnerOption = DEFAULT_RUNNER) -> None:
    """Everything logged, the decisions it led to, and a chart of pain over time."""
    from runrehab.cli.history_view import render_history
    from runrehab.services.episodes import current_episode
    from runrehab.services.progress import history

    out, err = consoles()
    with user_errors(err):
        store = open_store()
        render_history(out, history(current_episode(runner, store), store))
