"""The evidence-label guard itself catches a rule shown without its label, in each output."""

from __future__ import annotations

import pytest

from runrehab.domain.knowledge import KnowledgeBase
from tests.evidence_guard import (
    assert_cli_labelled,
    assert_html_labelled,
    assert_json_labelled,
    every_rule,
    probes,
)


def test_the_guard_knows_every_kind_of_rule(kb: KnowledgeBase) -> None:
    ids = {rule.id for rule in every_rule(kb)}
    assert {kb.uncovered_region.id, kb.dosage.rules[0].id, kb.red_flags[0].rule.id} <= ids
    assert len(probes(kb)) > 250


def test_a_rule_sentence_without_its_label_fails_on_a_page(kb: KnowledgeBase) -> None:
    rule = kb.dosage.rules[0]
    with pytest.raises(AssertionError, match="without a label"):
        assert_html_labelled(f"<p>{rule.says}</p>", kb, "page")
    with pytest.raises(AssertionError, match="without its evidence label"):
        assert_html_labelled(f'<span data-rule="{rule.id}">{rule.says}</span>', kb, "page")


def test_a_wrong_label_fails_on_a_page(kb: KnowledgeBase) -> None:
    rule = next(r for r in kb.dosage.rules if r.evidence.value == "project")
    wrong = '<span data-evidence="verified" title="x">Research-backed</span>'
    with pytest.raises(AssertionError, match="labelled verified"):
        assert_html_labelled(f'<span data-rule="{rule.id}">{rule.says} {wrong}</span>', kb, "p")


def test_a_labelled_rule_passes_on_a_page(kb: KnowledgeBase) -> None:
    rule = next(r for r in kb.dosage.rules if r.evidence.value == "project")
    label = '<span data-evidence="project" title="Our rule: ...">Our rule</span>'
    page = f'<span data-rule="{rule.id}">{rule.says} {label}</span>'
    assert assert_html_labelled(page, kb, "page") == 1


def test_a_rule_without_its_label_fails_in_json() -> None:
    with pytest.raises(AssertionError):
        assert_json_labelled({"a": [{"rule": "r", "says": "x", "evidence": "partial"}]}, "json")


def test_a_rule_line_without_its_tag_fails_in_the_terminal(kb: KnowledgeBase) -> None:
    rule, other = kb.dosage.rules[0], kb.dosage.rules[1]
    with pytest.raises(AssertionError, match="untagged"):
        assert_cli_labelled(f"• {rule.says}", kb, "cli")
    with pytest.raises(AssertionError, match="the tag is another's"):
        assert_cli_labelled(f"• {rule.says} {other.says} [Our rule]", kb, "cli")
    assert assert_cli_labelled(f"• {rule.says} [Our rule]", kb, "cli") == 1
