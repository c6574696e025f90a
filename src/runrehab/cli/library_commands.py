"""`runrehab exercises`, `learn`, `demo`, `knowledge check` and `knowledge docs`: the knowledge
base, readable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runrehab.cli.common import consoles
from runrehab.cli.errors import bad_option, user_errors
from runrehab.cli.knowledge_docs import knowledge_docs

knowledge_app = typer.Typer(help="Inspect and validate the clinical knowledge base.")


def register(app: typer.Typer) -> None:
    app.command("exercises")(exercises_command)
    app.command("learn")(learn_command)
    app.command("demo")(demo_command)
    app.add_typer(knowledge_app, name="knowledge")


def exercises_command(
    exercise: Annotated[
        str | None, typer.Argument(help="An exercise id; omit to list all.")
    ] = None,
) -> None:
    """The exercise library: instructions, cues, common mistakes, easier and harder variations."""
    from runrehab.cli.library import render_exercise, render_exercise_list
    from runrehab.knowledge.loader import load_knowledge_base

    out, err = consoles()
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


def learn_command(
    card: Annotated[
        str | None, typer.Argument(help="An education card id; omit to list all.")
    ] = None,
) -> None:
    """Education cards: why the plan is what it is, in plain language, with sources."""
    from runrehab.cli.library import render_card, render_card_list
    from runrehab.knowledge.loader import load_knowledge_base

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base()
        if card is None:
            render_card_list(out, kb)
        elif card in kb.education:
            render_card(out, kb.education[card], kb)
        else:
            raise bad_option(err, "CARD", f"unknown card {card!r} (runrehab learn lists them)")


def demo_command() -> None:
    """A short tour: a sample runner's assessment and the first two weeks of their plan."""
    from runrehab.cli.demo import run_demo
    from runrehab.knowledge.loader import load_knowledge_base

    out, err = consoles()
    with user_errors(err):
        run_demo(out, load_knowledge_base())


@knowledge_app.command("check")
def knowledge_check(
    data: Annotated[Path | None, typer.Option("--data", help="A knowledge-base folder.")] = None,
) -> None:
    """Validate the knowledge base (every file, key and cross-reference) and summarise it."""
    from runrehab.knowledge.loader import load_knowledge_base

    out, err = consoles()
    with user_errors(err):
        kb = load_knowledge_base(data)
        out.print(f"knowledge base {kb.version}: OK")
        out.print(
            f"{len(kb.conditions)} conditions, {len(kb.red_flags)} red flags, "
            f"{len(kb.protocols)} protocols, {len(kb.exercises)} exercises, "
            f"{len(kb.education)} education cards, {len(kb.citations)} citations"
        )


knowledge_app.command("docs")(knowledge_docs)
