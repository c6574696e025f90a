"""Rich views of the exercise library and the education cards."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from runrehab.domain.knowledge import EducationCard, Exercise, KnowledgeBase
from runrehab.render.describe import dose_range


def render_exercise_list(console: Console, kb: KnowledgeBase) -> None:
    table = Table(title="Exercise library (runrehab exercises ID for the details)")
    table.add_column("id", no_wrap=True, style="bold")
    for col in ("Exercise", "Kind", "Stages", "Equipment"):
        table.add_column(col)
    for ex in sorted(kb.exercises.values(), key=lambda e: (e.category, e.id)):
        table.add_row(
            ex.id,
            ex.name,
            ex.category,
            ", ".join(sorted(ex.stages)),
            ", ".join(sorted(ex.equipment)),
        )
    console.print(table)


def render_exercise(console: Console, ex: Exercise, kb: KnowledgeBase) -> None:
    parts: list[Text | str] = [Text(f"Loads: {', '.join(ex.loads)}", style="dim")]
    if ex.schedulable:
        parts.append(Text(f"Dose: {dose_range(ex.dose)}", style="bold"))
    parts += _section("How to do it", [f"{n}. {step}" for n, step in enumerate(ex.instructions, 1)])
    parts += _section("Cues", [f"• {c}" for c in ex.cues])
    parts += _section("Common mistakes", [f"• {m}" for m in ex.mistakes])
    for label, variation in (("Easier", ex.easier), ("Harder", ex.harder)):
        if variation:
            parts += _section(label, [f"{variation.name}: {variation.description}"])
    if ex.citation:
        parts.append(Text(f"Source: {kb.citations[ex.citation].text}", style="dim"))
    console.print(Panel(Group(*parts), title=ex.name, border_style="cyan"))


def render_card(console: Console, card: EducationCard, kb: KnowledgeBase) -> None:
    body: list[Text | str] = [Text(paragraph + "\n") for paragraph in card.body]
    body += [Text(f"Source: {kb.citations[c].text}", style="dim") for c in card.citations]
    console.print(Panel(Group(*body), title=card.title, border_style="cyan"))


def render_card_list(console: Console, kb: KnowledgeBase) -> None:
    for card in kb.education.values():
        console.print(f"[bold]{card.id}[/bold]  {card.title}")


def _section(title: str, lines: list[str]) -> list[Text | str]:
    return [Text(""), Text(title, style="bold"), *lines]
