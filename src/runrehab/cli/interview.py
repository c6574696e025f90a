"""The interactive intake: the knowledge base's question groups, one group at a time.

Answers are collected into the same raw shape as an answers file and validated by the same
schema, so the interactive and file paths can never disagree.
"""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.prompt import Confirm, Prompt

from runrehab.domain.intake import UNSURE
from runrehab.domain.knowledge import KnowledgeBase, Question
from runrehab.schemas.numbers import decimal, whole

SKIP = ""


def interview(kb: KnowledgeBase, console: Console) -> dict[str, object]:
    raw: dict[str, object] = {}
    total = len(kb.questions)
    for number, group in enumerate(kb.questions, start=1):
        if not group.asked_for(raw.get("region")):
            continue
        console.print(
            Panel(group.intro, title=f"{number}/{total} {group.title}", border_style="cyan")
        )
        for question in group.questions_for(raw.get("region")):
            if question.help:
                console.print(f"[dim]{question.help}[/dim]")
            value = _ask(question, console)
            if value is not None:
                _put(raw, question.key, value)
    return raw


def _ask(q: Question, console: Console) -> object:
    suffix = "" if q.required else " [dim](Enter to skip)[/dim]"
    if q.kind == "bool" and q.required:
        return Confirm.ask(q.text, console=console)
    if q.kind == "bool":
        answer = Prompt.ask(
            q.text + suffix,
            choices=["y", "n", SKIP],
            default=SKIP,
            show_choices=False,
            show_default=False,
            console=console,
        )
        return None if answer == SKIP else answer == "y"
    if q.kind == "yes_no_unsure":
        answer = Prompt.ask(q.text, choices=["y", "n", "unsure"], console=console)
        return {"y": True, "n": False}.get(answer, UNSURE)
    if q.kind == "choice":
        return _choose(q, console, suffix)
    if q.kind == "multi":
        return _ask_many(q, console)
    return _ask_number(q, console, suffix)


def _choose(q: Question, console: Console, suffix: str) -> str | None:
    """Numbered options; the runner may type the number or the option itself."""
    console.print(
        "  ".join(f"[bold]{n}[/bold] {c.replace('_', ' ')}" for n, c in enumerate(q.choices, 1))
    )
    while True:
        answer = _prompt(f"{q.text} (1-{len(q.choices)}){suffix}", console, q.required).strip()
        if answer == SKIP and not q.required:
            return None
        numbers = [str(n) for n in range(1, len(q.choices) + 1)]  # ASCII: isdigit() takes "²"
        if answer in numbers:
            return q.choices[numbers.index(answer)]
        if answer.replace(" ", "_") in q.choices:
            return answer.replace(" ", "_")
        console.print(f"[red]Type a number from 1 to {len(q.choices)}.[/red]")


def _ask_many(q: Question, console: Console) -> list[str] | None:
    while True:
        answer = Prompt.ask(
            f"{q.text} ({', '.join(q.choices)}; comma-separated, Enter for none)",
            default=SKIP,
            show_default=False,
            console=console,
        )
        picked = [part.strip() for part in answer.split(",") if part.strip()]
        unknown = [p for p in picked if p not in q.choices]
        if not unknown:
            return picked or None
        console.print(f"[red]Not an option: {', '.join(unknown)}[/red]")


def _ask_number(q: Question, console: Console, suffix: str) -> int | float | None:
    limits = " (0-10)" if q.kind == "scale" else ""
    while True:
        answer = _prompt(q.text + limits + suffix, console, q.required).strip()
        if answer == SKIP and not q.required:
            return None
        try:
            value: int | float = decimal(answer) if q.kind == "number" else whole(answer)
        except ValueError:
            console.print("[red]Please type a number.[/red]")
            continue
        if q.kind == "scale" and not 0 <= value <= 10:
            console.print("[red]Use a whole number from 0 to 10.[/red]")
            continue
        return value


def _prompt(text: str, console: Console, required: bool, choices: list[str] | None = None) -> str:
    if required:
        return Prompt.ask(text, choices=choices, console=console)
    return Prompt.ask(text, choices=choices, default=SKIP, show_default=False, console=console)


def _put(raw: dict[str, object], key: str, value: object) -> None:
    if "." not in key:
        raw[key] = value
        return
    group, name = key.split(".", 1)
    nested = raw.setdefault(group, {})
    assert isinstance(nested, dict)
    nested[name] = value
