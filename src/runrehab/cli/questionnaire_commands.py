"""`runrehab questionnaire ID`: answer and score LEFS or VISA-H; scores are kept as a trend."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.prompt import Prompt

from runrehab.adapters.json_files import read_json
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
from runrehab.domain.questionnaires import QuestionItem, Questionnaire
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.numbers import decimal
from runrehab.services.episodes import current_episode
from runrehab.services.questionnaires import record_response, scores


def register(app: typer.Typer) -> None:
    app.command("questionnaire")(questionnaire_command)


def questionnaire_command(
    name: Annotated[
        str,
        typer.Argument(help="lefs, visa_h, visa_a or visa_p; `trend` shows your scores over time."),
    ],
    answers: Annotated[
        Path | None, typer.Option("--answers", help="Item answers as a JSON object.")
    ] = None,
    on: DateOption = None,
    response_id: Annotated[
        str | None, typer.Option("--id", help="Client id (stored once).")
    ] = None,
    runner: RunnerOption = DEFAULT_RUNNER,
    as_json: JsonOption = False,
) -> None:
    """Answer an outcome questionnaire (interactively, or from --answers) and store its score."""
    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        store = open_store()
        episode_id = current_episode(runner, store)
        if name == "trend":
            _trend(
                out,
                [asdict(s) | {"on": s.on.isoformat()} for s in scores(episode_id, store)],
                as_json,
            )
            return
        if name not in kb.questionnaires:
            raise bad_option(
                err, "NAME", f"unknown questionnaire {name!r} (use {', '.join(kb.questionnaires)})"
            )
        q = kb.questionnaires[name]
        raw = read_json(answers) if answers else _ask(q, out)
        assert isinstance(raw, dict)
        result = record_response(
            episode_id,
            response_id or uuid.uuid4().hex,
            name,
            raw,
            parse_date(on, "--date", err),
            kb,
            store,
            utc_now,
        )
        if as_json:
            print(
                json.dumps(
                    {
                        "questionnaire": name,
                        "score": result.score,
                        "max": q.max_total,
                        "provisional": result.provisional,
                    }
                )
            )
        else:
            note = f"\n[yellow]{q.provisional_note}[/yellow]" if q.provisional else ""
            out.print(
                f"[bold]{q.name}: {result.score:g} / {q.max_total:g}[/bold] (higher is better){note}"
            )


def _trend(out: Console, rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    for row in rows:
        bar = "█" * round(row["score"] / 5)
        flag = " (provisional)" if row["provisional"] else ""
        out.print(f"{row['on']}  {row['questionnaire']:<7} {bar} {row['score']:g}{flag}")


def _ask(q: Questionnaire, out: Console) -> dict[str, Any]:
    out.print(f"[bold]{q.name}[/bold]\n{q.stem}")
    if q.provisional_note:
        out.print(f"[yellow]{q.provisional_note}[/yellow]")
    return {item.key: _ask_item(item, out) for item in q.items}


def _ask_item(item: QuestionItem, out: Console) -> object:
    if item.labels:
        out.print("  ".join(f"{k} = {v}" for k, v in item.labels.items()), style="dim")
    if item.branches:
        branch = Prompt.ask(f"{item.text}\nBranch", choices=sorted(item.branches), console=out)
        points = Prompt.ask("Points", choices=[str(p) for p in item.branches[branch]], console=out)
        return {"branch": branch, "points": int(points)}
    if item.range:
        while True:
            answer = Prompt.ask(f"{item.text} ({item.range[0]:g}-{item.range[1]:g})", console=out)
            try:
                value = decimal(answer)
            except ValueError:
                continue
            if item.range[0] <= value <= item.range[1]:
                return value
    return int(Prompt.ask(item.text, choices=[str(p) for p in item.points], console=out))
