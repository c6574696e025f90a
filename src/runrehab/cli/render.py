"""Rich rendering of assessments and plans: verdict and what to do first, details after."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from runrehab.domain.adaptation.engine import Change, Decision
from runrehab.domain.assessment import Assessment, Reason
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.plan import Item, Plan, Session
from runrehab.domain.records import PlanVersion
from runrehab.domain.verdicts import Verdict
from runrehab.render.describe import describe_next
from runrehab.render.evidence_labels import LABELS, evidence_fields, label_of
from runrehab.render.serialize import plan_to_json, reason_to_json, text_parts

STYLE = {
    Verdict.REFER_URGENT: "bold white on red",
    Verdict.SEE_CLINICIAN: "bold black on yellow",
    Verdict.PAUSE_RUNNING: "bold black on bright_yellow",
    Verdict.RUN_MODIFIED: "bold black on cyan",
    Verdict.RUN_OK: "bold black on green",
}


def render_assessment(console: Console, a: Assessment, kb: KnowledgeBase) -> None:
    text = kb.verdicts[a.verdict]
    headline = Text(f" {text.label.upper()} ", style=STYLE[a.verdict])
    body = [headline, Text(""), with_rules(a.today, kb, a.condition)]
    body[-1].stylize("bold", 0, len(a.today))
    if a.red_flags:
        body += [Text(""), Text("What to do now:", style="bold red")]
        body += [Text(f"• {action}") for action in a.actions]
    border = "red" if a.red_flags else "cyan"
    console.print(Panel(Group(*body), title="Is it OK to run?", border_style=border))
    if a.advisories:
        console.print(_reason_list("Also see a clinician about", a.advisories, kb))
    if a.modifications:
        console.print(_reason_list("How to run for now", a.modifications, kb))
    if a.likely_conditions:
        console.print(_likely_table(a, kb))
    shown = set(a.modifications) | set(a.advisories)
    console.print(_reason_list("Why", tuple(r for r in a.reasons if r not in shown), kb))
    console.print(legend())
    if a.education:
        titles = "; ".join(f"{kb.education[e].title} ({e})" for e in a.education)
        console.print(f"Read next with [bold]runrehab learn ID[/bold]: {titles}")
    console.print(Text(a.disclaimer, style="dim italic"))


def _likely_table(a: Assessment, kb: KnowledgeBase) -> Table:
    table = Table(title="What it is likely to be (not a diagnosis)", show_lines=True)
    table.add_column("Condition", style="bold")
    table.add_column("How likely")
    table.add_column("Because")
    for lc in a.likely_conditions:
        name = lc.name + (" [dim](low evidence)[/dim]" if lc.low_evidence else "")
        because = Text("\n").join(Text("• ") + with_rules(r, kb, lc.id) for r in lc.reasons)
        table.add_row(name, lc.likelihood, because)
    return table


def _reason_list(title: str, reasons: tuple[Reason, ...], kb: KnowledgeBase) -> Panel:
    lines = []
    for r in reasons:
        cite = _short(kb.citations[r.citation].text)
        lines.append(Text("• ") + labelled_rule(reason_to_json(r, kb)))
        lines.append(Text(f"  {cite}", style="dim"))
    return Panel(Group(*lines), title=title, border_style="dim")


TAG_STYLE = {
    "verified": "bold green",
    "partial": "bold blue",
    "unverified": "bold yellow",
    "project": "bold magenta",
}


def evidence_tag(rule: dict[str, Any]) -> Text:
    """`[Research-backed: Goom 2016]`, `[Our rule]`: words in brackets, so no colour is needed."""
    label = label_of(rule["evidence"]).label
    source = evidence_fields(rule["evidence"], (rule.get("citation") or {}).get("text"))
    named = f": {source['evidence_source']}" if source["evidence_source"] else ""
    return Text(f"[{label}{named}]", style=TAG_STYLE[rule["evidence"]])


def labelled_rule(rule: dict[str, Any]) -> Text:
    """A rule's words followed by its evidence tag (a rule's JSON: `says`, `evidence`, citation)."""
    return Text(rule["says"]) + Text(" ") + evidence_tag(rule)


def with_rules(text: str, kb: KnowledgeBase, condition: str | None) -> Text:
    """A free text with each rule sentence it quotes followed by that rule's evidence tag."""
    out = Text()
    for part in text_parts(text, kb, condition):
        out += labelled_rule(part) if "rule" in part else Text(part["text"])
    return out


def legend() -> Text:
    """What the evidence tags mean, once under a list of advice."""
    return Text(
        "  ".join(f"[{v.label}] {v.explained}" for v in LABELS.values()), style="dim italic"
    )


def _short(citation: str, limit: int = 90) -> str:
    return citation if len(citation) <= limit else citation[: limit - 1].rstrip() + "…"


def render_plan(console: Console, plan: Plan, kb: KnowledgeBase) -> None:
    name = kb.conditions[plan.condition].name if plan.condition else "No condition plan"
    console.print(
        Panel(
            Text(
                f"{name}: {kb.verdicts[plan.verdict].label}\n{plan.weeks} weeks from {plan.start}"
            ),
            title="Your plan",
            border_style="cyan",
        )
    )
    for note in plan.notes:
        console.print(Text("• ") + with_rules(note, kb, plan.condition))
    if plan.stages:
        console.print(_stages_table(plan, kb))
    console.print(legend())
    if plan.sessions:
        console.print(_sessions_table(plan))
        for line in _how_heavy(plan):
            console.print(line)
        console.print("Exercise instructions: [bold]runrehab exercises ID[/bold]")
    if plan.education:
        console.print("Read next ([bold]runrehab learn ID[/bold]): " + ", ".join(plan.education))


def _stages_table(plan: Plan, kb: KnowledgeBase) -> Table:
    table = Table(title="Stages (advance on criteria, not dates)")
    for col in ("Stage", "Goal", "Projected start", "Move on when"):
        table.add_column(col)
    stages = {s["id"]: s for s in plan_to_json(plan, kb)["stages"]}
    for s in plan.stages:
        start = s.projected_start.isoformat() if s.projected_start else s.status
        rules = [Text("• ") + labelled_rule(r) for r in stages[s.id]["advance_rules"]]
        table.add_row(s.name, s.goal, start, Text("\n").join(rules))
    return table


def _sessions_table(plan: Plan) -> Table:
    table = Table(title="Sessions (full detail: --json or --ics)")
    for col in ("Date", "Stage", "Session", "What"):
        table.add_column(col)
    for s in plan.sessions:
        table.add_row(s.date.strftime("%a %d %b"), str(s.stage or ""), s.kind, _summary(s))
    return table


def _summary(s: Session) -> str:
    parts = []
    if s.run:
        distance = f"{s.run.distance_km} km" if s.run.distance_km is not None else ""
        parts.append(
            f"[bold]{distance} ~{s.run.minutes} min, {s.run.terrain}[/bold]"
            + (f" ({s.run.walk_run})" if s.run.walk_run else "")
        )
        parts.append(f"dynamic warm-up first ({len(s.items)} drills)")
    else:
        parts.extend(f"{i.name} {_amount(i)}" for i in s.items if not i.optional)
    return "; ".join(parts) or s.why


def _amount(i: Item) -> str:
    measure = i.reps if i.reps is not None else f"{i.hold_s or i.duration_s}s"
    heavy = "RM" if i.repetition_maximum else ""
    return f"{i.sets}x{measure}{heavy}" + ("/side" if i.per_side else "")


def _how_heavy(plan: Plan) -> list[Text]:
    """Once per exercise: what "RM" means for it and how to load it, and its tempo."""
    seen: dict[str, Item] = {}
    for s in plan.sessions:
        for i in s.items:
            if (i.load_note or i.tempo) and i.exercise not in seen:
                seen[i.exercise] = i
    lines = []
    for i in seen.values():
        how = " ".join(
            part for part in (i.load_note, f"Tempo: {i.tempo}." if i.tempo else None) if part
        )
        lines.append(Text(f"{i.name}: {how}"))
    if any(i.repetition_maximum for i in seen.values()):
        lines.insert(
            0,
            Text("RM = repetition maximum: 3x12RM is 3 sets of a load you can lift only 12 times."),
        )
    return lines


DECISION_STYLE = {"progress": "green", "hold": "cyan", "regress": "yellow", "refer": "bold red"}


def render_decisions(console: Console, decisions: Sequence[Decision], kb: KnowledgeBase) -> None:
    table = Table(title="Decisions", show_lines=True)
    for col in ("Date", "#", "Decision", "Why", "Next", "Plan v"):
        table.add_column(col)
    for d in decisions:
        style = DECISION_STYLE[d.kind.value]
        why = Text("\n").join(Text("• ") + labelled_rule(reason_to_json(r, kb)) for r in d.reasons)
        table.add_row(
            d.on.isoformat(),
            str(d.entry),
            f"[{style}]{d.kind.value}[/{style}]",
            why,
            "\n".join(describe_change(c, kb) for c in d.next),
            str(d.plan_version),
        )
    console.print(table)
    console.print(legend())


def describe_change(c: Change, kb: KnowledgeBase) -> str:
    return describe_next({"target": c.target, "id": c.id, **c.next})


def render_logged(
    console: Console, decision: dict[str, Any], duplicate: bool, kb: KnowledgeBase
) -> None:
    kind = decision["decision"]
    style = DECISION_STYLE[kind]
    lines: list[Text] = [
        Text(f" {kind.upper()} ", style=f"bold black on {style}" if kind != "refer" else style)
    ]
    if duplicate:
        lines.append(
            Text(
                "Already logged: this is the decision it got then; nothing was stored twice.",
                style="dim",
            )
        )
    lines += [Text("• ") + labelled_rule(r) for r in decision["reasons"]]
    for change in decision["next"]:
        lines.append(Text("Next time: " + describe_change(_as_change(change), kb), style="bold"))
    console.print(Panel(Group(*lines), title=f"Logged {decision['date']}", border_style=style))


def _as_change(data: dict[str, Any]) -> Change:
    rest = {k: v for k, v in data.items() if k not in ("target", "id")}
    return Change(data["target"], data["id"], rest)


def render_today(console: Console, plan: Plan, sessions: list[Session], kb: KnowledgeBase) -> None:
    label = kb.verdicts[plan.verdict].label
    console.print(
        Panel(
            Text(f"{label}. ")
            + (
                with_rules(plan.notes[0], kb, plan.condition)
                if not plan.verdict.allows_running
                else Text()
            ),
            title=f"Today, {sessions[0].date:%A %d %B}" if sessions else "Today",
            border_style="cyan",
        )
    )
    for session in sessions:
        table = Table(title=session.title, caption=session.why, show_lines=True)
        for col in ("Exercise", "Dose", "Pain limit", "Why"):
            table.add_column(col)
        if session.run:
            run = session.run
            distance = f"{run.distance_km} km, " if run.distance_km is not None else ""
            table.add_row(
                "[bold]Run[/bold]",
                f"{distance}~{run.minutes} min, {run.pace}, {run.terrain}",
                "",
                run.walk_run or "",
            )
        for item in session.items:
            table.add_row(
                item.name + (" (optional)" if item.optional else ""),
                _amount(item),
                f"{item.pain_limit}/10",
                item.why,
            )
        console.print(table)
        for cue in session.cues:
            console.print(f"  [dim]Form:[/dim] {cue}")
    console.print(
        "Log it: [bold]runrehab log exercise ID --sets N --reps N --pain N[/bold], "
        "[bold]runrehab log run ...[/bold], [bold]runrehab log checkin --monitoring-pain N[/bold]"
    )


def render_versions(
    console: Console, versions: Sequence[PlanVersion], kb: KnowledgeBase, condition: str | None
) -> None:
    table = Table(title="How the plan changed", show_lines=True)
    for col in ("Version", "From", "By", "Why"):
        table.add_column(col)
    for v in versions:
        why = with_rules(v.reason, kb, condition)
        table.add_row(str(v.version), v.effective_on.isoformat(), v.author, why)
    console.print(table)
    console.print(legend())
