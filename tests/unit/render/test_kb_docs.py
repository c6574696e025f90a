"""The knowledge base's generated documentation: complete, labelled, deterministic, never stale."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from runrehab.domain.knowledge import Condition, KnowledgeBase
from runrehab.render.kb_docs import (
    DOCS_PATH,
    LOW_EVIDENCE,
    regenerate_command,
    render_knowledge_base,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
LOW_EVIDENCE_MARK = f"**{LOW_EVIDENCE.capitalize()}**"


def _summary_row(document: str, condition_id: str) -> str:
    return next(line for line in document.splitlines() if line.startswith(f"| `{condition_id}` |"))


def _section(document: str, condition: Condition) -> str:
    start = document.index(f"### {condition.name} (`{condition.id}`)")
    end = document.find("\n### ", start + 1)
    return document[start : end if end != -1 else None]


def _with_low_evidence(kb: KnowledgeBase, condition: Condition, flag: bool) -> KnowledgeBase:
    changed = replace(condition, low_evidence=flag)
    return replace(kb, conditions={**kb.conditions, condition.id: changed})


def test_the_committed_document_matches_the_knowledge_base(kb: KnowledgeBase) -> None:
    committed = (REPO_ROOT / DOCS_PATH).read_bytes()
    fresh = render_knowledge_base(kb).encode("utf-8")
    assert committed == fresh, (
        f"{DOCS_PATH} is out of date with the knowledge-base data: "
        f"run `{regenerate_command()}` and commit the result"
    )


def test_every_condition_and_citation_appears_in_the_document(kb: KnowledgeBase) -> None:
    document = render_knowledge_base(kb)
    missing = [f"`{i}`" for i in [*kb.conditions, *kb.citations] if f"`{i}`" not in document]
    assert missing == []


def test_every_condition_has_a_summary_row_and_its_own_section(kb: KnowledgeBase) -> None:
    document = render_knowledge_base(kb)
    for condition in kb.conditions.values():
        assert condition.name in _summary_row(document, condition.id)
        assert " ".join(condition.summary.split()) in _section(document, condition)


def test_every_red_flag_is_in_the_screen_table(kb: KnowledgeBase) -> None:
    screen = render_knowledge_base(kb).split("## Red-flag screen", 1)[1]
    assert all(f"| `{flag.rule.id}` | {flag.verdict.name} |" in screen for flag in kb.red_flags)


def test_a_low_evidence_condition_carries_the_label_in_its_row_and_section(
    kb: KnowledgeBase,
) -> None:
    condition = next(iter(kb.conditions.values()))
    document = render_knowledge_base(_with_low_evidence(kb, condition, flag=True))
    assert LOW_EVIDENCE in _summary_row(document, condition.id)
    assert LOW_EVIDENCE_MARK in _section(document, condition)


def test_a_condition_without_low_evidence_carries_no_label(kb: KnowledgeBase) -> None:
    condition = next(iter(kb.conditions.values()))
    document = render_knowledge_base(_with_low_evidence(kb, condition, flag=False))
    assert LOW_EVIDENCE not in _summary_row(document, condition.id)
    assert LOW_EVIDENCE_MARK not in _section(document, condition)


def test_the_shipped_labels_follow_the_data(kb: KnowledgeBase) -> None:
    document = render_knowledge_base(kb)
    for condition in kb.conditions.values():
        assert (LOW_EVIDENCE in _summary_row(document, condition.id)) == condition.low_evidence


def test_a_condition_without_a_protocol_has_no_stage_table(kb: KnowledgeBase) -> None:
    condition = next(c for c in kb.conditions.values() if c.protocol is not None)
    without = replace(
        kb, conditions={**kb.conditions, condition.id: replace(condition, protocol=None)}
    )
    section = _section(render_knowledge_base(without), condition)
    assert "#### Protocol" not in section
    assert "- Protocol: —" in section


def test_two_renders_are_identical(kb: KnowledgeBase) -> None:
    assert render_knowledge_base(kb) == render_knowledge_base(kb)


def test_the_header_names_the_version_and_the_command_that_regenerates_it(
    kb: KnowledgeBase,
) -> None:
    header = render_knowledge_base(kb).split("## ", 1)[0]
    assert kb.version in header
    assert regenerate_command() in header
    assert "do not edit by hand" in header.lower()


def test_the_pause_rules_and_the_notes_for_clinicians_are_documented(kb: KnowledgeBase) -> None:
    document = render_knowledge_base(kb)
    pauses = document.split("## Pause rules (every condition)", 1)[1]
    assert kb.pause_rules
    assert all(f"| `{rule.id}` | PAUSE_RUNNING |" in pauses for rule in kb.pause_rules)
    notes = document.split("### For the examining clinician", 1)[1].split("\n## ", 1)[0]
    noted = [flag for flag in kb.red_flags if flag.clinician_note]
    assert noted
    assert all(f"- `{flag.rule.id}`: " in notes for flag in noted)
    assert "Thompson" in notes
