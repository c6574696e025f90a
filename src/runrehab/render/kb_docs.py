"""The knowledge base as one Markdown document, rendered from the loaded data (no I/O here).

`render_knowledge_base(kb)` is deterministic, so the committed `docs/knowledge-base.md` can be
compared byte for byte with a fresh render: conditions are ordered by pathway then id; regions,
sources and red flags by id; evidence tags in the order of `Evidence`; rules, stages, education
cards and questionnaires keep the order the data gives them (a verdict rule's place matters: the
first match wins). No condition, pathway or citation is named in this module: whatever the data
holds is documented, and a part a condition lacks (no protocol, no rules) is shown as none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby

from runrehab.domain.knowledge import (
    Citation,
    Condition,
    Evidence,
    KnowledgeBase,
    Protocol,
    RedFlag,
    Rule,
)
from runrehab.domain.stressors import new_stressors
from runrehab.render.evidence_labels import label_of
from runrehab.render.kb_docs_path import DOCS_PATH

__all__ = ["DOCS_PATH", "LOW_EVIDENCE", "regenerate_command", "render_knowledge_base"]

LOW_EVIDENCE = "low evidence"
NONE = "—"

EVIDENCE_MEANINGS = {
    Evidence.VERIFIED: "read in a retrieved source (abstract, table, full-text excerpt or a "
    "faithful secondary summary)",
    Evidence.PARTIAL: "the source confirms the study or rule and part of the detail; some numbers "
    "or wording come from a secondary source",
    Evidence.UNVERIFIED: "from background knowledge, not seen in a retrieved source; not to be "
    "shipped as a hard rule until checked against the primary paper",
    Evidence.PROJECT: "our own operationalisation of a cited anchor, not a published rule",
}
LOW_EVIDENCE_MEANING = (
    "a condition whose whole pathway rests on thin evidence (clinic sources or expert opinion, "
    "no guideline or trial); an assessment shows it with this label"
)


def regenerate_command(path: str = DOCS_PATH, data: str | None = None) -> str:
    """The command that writes the document to `path` (from the knowledge base in `data`)."""
    source = f" --data {data}" if data else ""
    return f"runrehab knowledge docs{source} --output {path}"


def render_knowledge_base(kb: KnowledgeBase) -> str:
    """Markdown, ending in one newline: header, legend, conditions, red flags, pause rules,
    advisories, sources."""
    conditions = _ordered(kb.conditions.values())
    blocks = [
        _header(kb),
        _legend(),
        _condition_table(conditions),
        *_pathway_sections(conditions, kb),
        _gates_section(kb),
        _dosing_section(kb),
        _red_flag_section(kb),
        _pause_section(kb),
        _advisory_section(kb),
        _sources_section(conditions, kb),
    ]
    return "\n\n".join(blocks) + "\n"


# -- Markdown pieces ---------------------------------------------------------------------------


def _code(text: str) -> str:
    return f"`{text}`"


def _code_or_none(text: str | None) -> str:
    return _code(text) if text else NONE


def _codes(items: Iterable[str]) -> str:
    return ", ".join(_code(item) for item in sorted(items)) or NONE


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_one_line(c).replace("|", "\\|") or NONE for c in cells) + " |"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    return "\n".join([_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows)])


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {_one_line(item)}" for item in items) or "None."


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _verdict(rule: Rule) -> str:
    return rule.verdict.name if rule.verdict is not None else NONE


def _citation(citation_id: str, kb: KnowledgeBase) -> str:
    citation: Citation | None = kb.citations.get(citation_id)
    if citation is None:
        return f"{_code(citation_id)}: (not in the citations)"
    url = f" <{citation.url}>" if citation.url else ""
    return f"{_code(citation.id)}: {_one_line(citation.text)}{url}"


# -- header and legend -------------------------------------------------------------------------


def _header(kb: KnowledgeBase) -> str:
    return "\n".join(
        [
            "# The runrehab knowledge base",
            "",
            f"<!-- Generated file: do not edit by hand. Regenerate: {regenerate_command()} -->",
            "",
            f"> Generated from the knowledge-base data (`src/runrehab/knowledge/data/`), "
            f"version **{kb.version}**.",
            f"> Do not edit by hand: regenerate it with `{regenerate_command()}`; "
            "a test fails when it drifts from the data.",
            "",
            f"{len(kb.conditions)} conditions, {len(kb.red_flags)} red flags, "
            f"{len(kb.protocols)} protocols, {len(kb.citations)} citations.",
            "",
            _one_line(kb.disclaimer),
        ]
    )


def _legend() -> str:
    rows = [
        (
            _code(e.value),
            EVIDENCE_MEANINGS.get(e, NONE),
            f"**{label_of(e).label}**: {label_of(e).explained}",
        )
        for e in Evidence
    ]
    rows.append((LOW_EVIDENCE, LOW_EVIDENCE_MEANING, f"**{LOW_EVIDENCE.capitalize()}**"))
    intro = (
        "Every rule and protocol stage carries one evidence tag; a condition may carry the "
        f"low-evidence label. A dash ({NONE}) means none. Runners and coaches see the label of "
        "the third column next to every piece of advice, in the app, the CLI and the JSON "
        "(`evidence_label`, `evidence_source`)."
    )
    header = ("label", "meaning", "what the runner sees")
    return f"## Evidence labels\n\n{intro}\n\n{_table(header, rows)}"


def _evidence(tag: Evidence) -> str:
    """A rule's tag with the label runners see: `partial (Partly research-backed)`."""
    return f"{tag.value} ({label_of(tag).label})"


# -- conditions --------------------------------------------------------------------------------


def _ordered(conditions: Iterable[Condition]) -> list[Condition]:
    return sorted(conditions, key=lambda c: (c.pathway, c.id))


def _rules(condition: Condition) -> tuple[Rule, ...]:
    return condition.verdict_rules + condition.modifications


def _evidence_tags(rules: Iterable[Rule]) -> str:
    present = {rule.evidence for rule in rules}
    return ", ".join(e.value for e in Evidence if e in present) or NONE


def _condition_table(conditions: Sequence[Condition]) -> str:
    header = ("id", "name", "pathway", "body regions", "protocol", "label", "rules", "evidence")
    return f"## Conditions\n\n{_table(header, map(_summary_row, conditions))}"


def _summary_row(condition: Condition) -> tuple[str, ...]:
    rules = _rules(condition)
    return (
        _code(condition.id),
        condition.name,
        condition.pathway,
        _codes(condition.regions),
        _code_or_none(condition.protocol),
        LOW_EVIDENCE if condition.low_evidence else "",
        str(len(rules)),
        _evidence_tags(rules),
    )


def _pathway_sections(conditions: Sequence[Condition], kb: KnowledgeBase) -> list[str]:
    sections = []
    for pathway, members in groupby(conditions, key=lambda c: c.pathway):
        sections.append(f"## Pathway {_code(pathway)}")
        sections.extend(_condition_section(c, kb) for c in members)
    return sections


def _condition_section(condition: Condition, kb: KnowledgeBase) -> str:
    protocol = kb.protocols.get(condition.protocol) if condition.protocol else None
    parts = [
        f"### {condition.name} ({_code(condition.id)})",
        _condition_facts(condition, protocol),
        _one_line(condition.summary),
        *([_protocol_block(protocol)] if protocol else []),
        f"#### Verdict rules (first match wins)\n\n{_rule_table(condition.verdict_rules)}",
        f"#### Running modifications\n\n{_rule_table(condition.modifications)}",
        f"#### Education cards\n\n{_education(condition, kb)}",
        f"#### Questionnaires\n\n{_questionnaires(condition, kb)}",
        f"#### Sources\n\n{_sources(condition, kb)}",
    ]
    return "\n\n".join(parts)


def _condition_facts(condition: Condition, protocol: Protocol | None) -> str:
    facts = [
        f"Pathway: {_code(condition.pathway)}",
        f"Body regions: {_codes(condition.regions)}",
        f"Protocol: {f'{protocol.name} ({_code(protocol.id)})' if protocol else NONE}",
        f"Main source: {_code_or_none(condition.citation)}",
    ]
    if condition.return_to_run_gate:
        facts.append(f"Return to running: gate {_code(condition.return_to_run_gate)}")
    if condition.monitoring_task:
        facts.append(f"Morning check: {condition.monitoring_task}")
    if condition.low_evidence:
        facts.insert(0, f"**{LOW_EVIDENCE.capitalize()}**: {LOW_EVIDENCE_MEANING}")
    return _bullets(facts)


def _protocol_block(protocol: Protocol) -> str:
    header = ("stage", "name", "min weeks", "running", "hills", "speed work", "evidence", "source")
    rows = [
        (
            str(s.number),
            s.name,
            str(s.min_weeks),
            _yes(s.running.allowed),
            _yes(s.running.hills),
            _yes(s.running.speedwork),
            _evidence(s.evidence),
            _code_or_none(s.citation),
        )
        for s in sorted(protocol.stages, key=lambda s: s.number)
    ]
    title = f"#### Protocol: {protocol.name} ({_code(protocol.id)})"
    return f"{title}\n\n{_one_line(protocol.summary)}\n\n{_table(header, rows)}"


def _rule_table(rules: Sequence[Rule]) -> str:
    if not rules:
        return "None."
    header = ("id", "verdict", "says", "evidence", "citation")
    rows = [
        (
            _code(r.id),
            _verdict(r),
            r.says,
            _evidence(r.evidence),
            _code_or_none(r.citation),
        )
        for r in rules
    ]
    return _table(header, rows)


def _education(condition: Condition, kb: KnowledgeBase) -> str:
    cards = (kb.education.get(card) for card in condition.education)
    titles = {card.id: card.title for card in cards if card is not None}
    return _bullets(f"{titles.get(c, c)} ({_code(c)})" for c in condition.education)


def _questionnaires(condition: Condition, kb: KnowledgeBase) -> str:
    names = {
        q: kb.questionnaires[q].name for q in condition.questionnaires if q in kb.questionnaires
    }
    return _bullets(f"{names.get(q, q)} ({_code(q)})" for q in condition.questionnaires)


def _sources(condition: Condition, kb: KnowledgeBase) -> str:
    return _bullets(_citation(c, kb) for c in _condition_citations(condition, kb))


def _condition_citations(condition: Condition, kb: KnowledgeBase) -> list[str]:
    """Every citation the condition names: its own, its rules', its protocol's (the protocol,
    each stage and each stage's advance criteria), its education cards' and its questionnaires'."""
    ids = {condition.citation, *(r.citation for r in _rules(condition))}
    protocol = kb.protocols.get(condition.protocol) if condition.protocol else None
    if protocol is not None:
        ids |= _protocol_citations(protocol)
    ids |= _gate_citations(condition, kb)
    for card in (kb.education.get(c) for c in condition.education):
        ids.update(card.citations if card else ())
    ids.update(
        kb.questionnaires[q].citation for q in condition.questionnaires if q in kb.questionnaires
    )
    return sorted(i for i in ids if i)


def _gate_citations(condition: Condition, kb: KnowledgeBase) -> set[str]:
    gate = kb.gate_for(condition.id)
    return {rule.citation for rule in gate.criteria} if gate else set()


def _protocol_citations(protocol: Protocol) -> set[str]:
    ids = {protocol.citation}
    for stage in protocol.stages:
        ids |= {stage.citation, *(rule.citation for rule in stage.advance_when)}
    return ids


# -- return to running --------------------------------------------------------------------------


def _gates_section(kb: KnowledgeBase) -> str:
    intro = (
        "The entry criteria to walk/run phase 1 (`return_to_run.yaml`): all must hold before a "
        "condition whose running is paused restarts with walk/run."
    )
    blocks = [
        f"### {gate.name} ({_code(gate.id)})\n\n{_rule_table(gate.criteria)}"
        for gate in sorted(kb.return_to_run.values(), key=lambda g: g.id)
    ]
    return "\n\n".join(["## Return-to-run gates", intro, *blocks])


# -- dosing: progressions, gate training, staggered stages ---------------------------------------


def _dosing_section(kb: KnowledgeBase) -> str:
    rules = {r.id: r for r in kb.dosage.rules}
    ladders = [
        (
            progression.value,
            " → ".join(
                f"{sets} x {reps}{'RM' if ladder.repetition_maximum else ''}"
                for sets, reps in ladder.steps
            ),
            ", ".join(sorted(e.id for e in kb.exercises.values() if e.progression is progression)),
            rules[ladder.rule].evidence.value,
            _code(rules[ladder.rule].citation),
        )
        for progression, ladder in sorted(kb.dosage.ladders.items())
    ]
    trained = [
        (_code(gate.id), _code(t.criterion), str(t.reps), _codes(t.exercises))
        for gate in sorted(kb.return_to_run.values(), key=lambda g: g.id)
        for t in gate.trains
    ]
    intro = (
        "How each exercise's dose climbs, one step a week of doing it (`dosage.yaml`, `ladders`; "
        "an exercise's `progression` picks its ladder). Warm-up, soft-tissue and stretching drills "
        "keep a fixed dose; other exercises ramp through their own range."
    )
    return "\n\n".join(
        [
            "## Dosing",
            intro,
            _table(("progression", "weekly steps", "exercises", "evidence", "citation"), ladders),
            "### Trained to the gate\n\nWhile running waits for its check, the plan trains what "
            "the check counts up to its number.",
            _table(("gate", "criterion", "reps", "exercises"), trained),
            "### New stressors, one a week\n\nWhat a stage adds that stresses the injured tissue, "
            "by the week of the stage it comes in (a stage moves on only once the last has had a "
            "week).",
            _table(("protocol", "stage", "week by week"), _staggered(kb)),
        ]
    )


def _staggered(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    rows = []
    for protocol in sorted(kb.protocols.values(), key=lambda p: p.id):
        for previous, stage in zip(protocol.stages, protocol.stages[1:], strict=False):
            added = new_stressors(previous, stage, kb.exercises)
            if len(added) > 1:
                weeks = "; ".join(f"week {s.week}: {s.name}" for s in added)
                rows.append((_code(protocol.id), stage.name, weeks))
    return rows


# -- red flags and sources ---------------------------------------------------------------------


def _red_flag_section(kb: KnowledgeBase) -> str:
    header = ("id", "verdict", "pathway", "says", "action", "evidence", "citation")
    rows = [_red_flag_row(flag) for flag in sorted(kb.red_flags, key=lambda f: f.rule.id)]
    intro = (
        "The screen runs first, for every region; any flag that fires decides the verdict (the "
        "most restrictive wins) and no running verdict is possible."
    )
    uncovered = kb.uncovered_region
    outside = (
        f"Outside the covered regions, rule {_code(uncovered.id)} ({_verdict(uncovered)}, "
        f"{_evidence(uncovered.evidence)}, {_code(uncovered.citation)}): "
        f"{_one_line(uncovered.says)}"
    )
    notes = _bullets(
        f"{_code(f.rule.id)}: {f.clinician_note}"
        for f in sorted(kb.red_flags, key=lambda f: f.rule.id)
        if f.clinician_note
    )
    return (
        f"## Red-flag screen\n\n{intro}\n\n{_table(header, rows)}\n\n{outside}\n\n"
        f"### For the examining clinician\n\n{notes}"
    )


def _pause_section(kb: KnowledgeBase) -> str:
    intro = (
        "After the screen and before a condition's own verdict rules, for every region: when one "
        "of these holds the verdict is at least its own (never a running verdict), and its "
        "`max_stage` holds the plan back."
    )
    return f"## Pause rules (every condition)\n\n{intro}\n\n{_rule_table(kb.pause_rules)}"


def _red_flag_row(flag: RedFlag) -> tuple[str, ...]:
    rule = flag.rule
    return (
        _code(rule.id),
        flag.verdict.name,
        _code_or_none(flag.pathway),
        rule.says,
        flag.action,
        _evidence(rule.evidence),
        _code(rule.citation),
    )


def _advisory_section(kb: KnowledgeBase) -> str:
    header = ("id", "when it holds, it says", "action", "cards", "evidence", "citation")
    rows = [
        (
            _code(a.rule.id),
            a.rule.says,
            a.action,
            ", ".join(_code(card) for card in a.education) or "-",
            _evidence(a.rule.evidence),
            _code(a.rule.citation),
        )
        for a in sorted(kb.advisories, key=lambda a: a.rule.id)
    ]
    intro = (
        "Advice that joins any verdict without changing it: a risk a clinician should look at "
        "that does not by itself stop running. Its action follows the verdict's own."
    )
    return f"## Advisories\n\n{intro}\n\n{_table(header, rows)}"


def _sources_section(conditions: Sequence[Condition], kb: KnowledgeBase) -> str:
    users: dict[str, list[str]] = {}
    for condition in sorted(conditions, key=lambda c: c.id):
        for citation in _condition_citations(condition, kb):
            users.setdefault(citation, []).append(_code(condition.id))
    screen = {flag.rule.citation for flag in kb.red_flags} | {kb.uncovered_region.citation}
    screen |= {a.rule.citation for a in kb.advisories}
    screen |= {rule.citation for rule in kb.pause_rules}
    for citation in screen:
        users.setdefault(citation, []).append("the red-flag screen")
    lines = [
        f"{_citation(c, kb)} — used by {', '.join(users.get(c, [])) or 'no condition'}"
        for c in sorted(kb.citations)
    ]
    intro = "Every citation in the knowledge base, and the conditions that name it."
    return f"## Sources\n\n{intro}\n\n{_bullets(lines)}"
