"""`runrehab questionnaire ID`: answer and score an outcome questionnaire; scores are kept as a
trend, each last change read against the questionnaire's minimal important change."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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

if TYPE_CHECKING:
    from runrehab.domain.knowledge import KnowledgeBase
    from runrehab.domain.questionnaires import QuestionItem, Questionnaire
    from runrehab.domain.records import StoredScore


def register(app: typer.Typer) -> None:
    app.command("questionnaire")(questionnaire_command)


def questionnaire_command(
    name: Annotated[
        str,
        typer.Argument(
            help="nprs, psfs, ostrc_o2, faam_adl, faam_sports, kujala, tsk11, lefs, visa_a, visa_h "
            "or visa_p; `trend` shows your scores over time."
        ),
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
    from runrehab.adapters.json_files import read_json
    from runrehab.knowledge.loader import load_knowledge_base
    from runrehab.services.charts import questionnaire_trends
    from runrehab.services.episodes import current_episode
    from runrehab.services.questionnaires import last_answers, record_response, scores

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        store = open_store()
        episode_id = current_episode(runner, store)
        if name == "trend":
            _trend(out, scores(episode_id, store), kb, as_json)
            return
        if name not in kb.questionnaires:
            raise bad_option(
                err, "NAME", f"unknown questionnaire {name!r} (use {', '.join(kb.questionnaires)})"
            )
        q = kb.questionnaires[name]
        before = last_answers(episode_id, name, store)
        raw = read_json(answers) if answers else _ask(q, out, before)
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
        [trend] = questionnaire_trends(
            [s for s in scores(episode_id, store) if s.questionnaire == name], kb
        )
        if as_json:
            print(json.dumps({"score": result.score, "max": q.max_total} | trend))
        else:
            note = f"\n[yellow]{q.provisional_note}[/yellow]" if q.provisional else ""
            out.print(f"[bold]{result.score:g}[/bold] of {q.min_total:g}-{q.max_total:g}{note}")
            out.print(trend["words"])


def _trend(out: Console, stored: list[StoredScore], kb: KnowledgeBase, as_json: bool) -> None:
    from runrehab.services.charts import questionnaire_trends

    if as_json:
        print(json.dumps([asdict(s) | {"on": s.on.isoformat()} for s in stored], indent=2))
        return
    for row in stored:
        q = kb.questionnaires[row.questionnaire]
        bar = "█" * round(20 * (row.score - q.min_total) / (q.max_total - q.min_total))
        flag = " (provisional)" if row.provisional else ""
        out.print(f"{row.on.isoformat()}  {row.questionnaire:<11} {bar} {row.score:g}{flag}")
    for trend in questionnaire_trends(stored, kb):
        out.print(trend["words"])


def _ask(q: Questionnaire, out: Console, before: dict[str, Any] | None) -> dict[str, Any]:
    out.print(f"[bold]{q.name}[/bold]\n{q.stem}")
    if q.provisional_note:
        out.print(f"[yellow]{q.provisional_note}[/yellow]")
    asked = {item.key: _ask_item(item, out, (before or {}).get(item.key)) for item in q.items}
    return {k: v for k, v in asked.items() if v is not None}


def _ask_item(item: QuestionItem, out: Console, before: object) -> object:
    from rich.prompt import Prompt

    from runrehab.domain.questionnaires import NOT_APPLICABLE
    from runrehab.schemas.numbers import decimal

    if item.labels:
        out.print("  ".join(f"{k} = {v}" for k, v in item.labels.items()), style="dim")
    if item.named:
        return _ask_named(item, out, before)
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
    choices = [str(p) for p in item.points] + ([NOT_APPLICABLE] if item.not_applicable else [])
    answer = Prompt.ask(item.text, choices=choices, console=out)
    return answer if answer == NOT_APPLICABLE else int(answer)


def _ask_named(item: QuestionItem, out: Console, before: object) -> object:
    """A PSFS activity: last time's name offered again (Enter keeps it); blank skips an optional
    one."""
    from rich.prompt import Prompt

    named = before.get("activity", "") if isinstance(before, dict) else ""
    activity = Prompt.ask(f"{item.text}: activity", default=named or "", console=out).strip()
    if not activity and item.optional:
        return None
    rating = Prompt.ask(f"Rate {activity!r}", choices=[str(p) for p in item.points], console=out)
    return {"activity": activity, "rating": int(rating)}
