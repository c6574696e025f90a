"""Checks that no rule reaches a runner or a coach without its evidence label, in any output.

A rule is any `Rule` anywhere in the knowledge base, found by walking it (a new kind of rule is
covered without listing it here). A rule is recognised in an output by the longest fixed part of
its words (placeholders filled in differ per runner):

- HTML: every `[data-rule]` element holds a `[data-evidence]` label with the words of its tag,
  and with the `[data-rule]` elements taken out, no rule's words are left on the page;
- JSON: every object with `says` has `evidence`, the label of that tag and `evidence_source`;
- CLI: every rule's words are followed, on the same line, by its bracketed tag.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

from runrehab.domain.knowledge import KnowledgeBase, Rule
from runrehab.render.evidence_labels import LABELS, label_of

SHORTEST_PROBE = 20  # fixed words shorter than this are too common to be a rule's


def every_rule(kb: KnowledgeBase) -> list[Rule]:
    """Walked once per knowledge base: every page check asks, and the walk visits ~1.4 million
    values (the knowledge base is frozen, so the answer cannot change)."""
    walked = _WALKED.get(id(kb))
    if walked is None or walked[0] is not kb:
        walked = _WALKED[id(kb)] = (kb, list(_rules_in(kb)))
    return walked[1]


_WALKED: dict[int, tuple[KnowledgeBase, list[Rule]]] = {}


def _rules_in(value: object) -> Iterator[Rule]:
    if isinstance(value, Rule):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _rules_in(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _rules_in(item)
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _rules_in(item)


def probes(kb: KnowledgeBase) -> dict[str, str]:
    """Each rule's longest fixed words (whitespace as one space) -> the rule id, for rules whose
    fixed words are long enough to recognise."""
    found: dict[str, str] = {}
    for rule in every_rule(kb):
        pieces = [_squash(p) for p in re.split(r"\{[^{}]*\}", rule.says)]
        longest = max(pieces, key=len)
        if len(longest) >= SHORTEST_PROBE:
            found.setdefault(longest, rule.id)
    return found


def tags_by_rule(kb: KnowledgeBase) -> dict[str, set[str]]:
    tags: dict[str, set[str]] = defaultdict(set)
    for rule in every_rule(kb):
        tags[rule.id].add(rule.evidence.value)
    return tags


def _squash(text: str) -> str:
    return " ".join(text.split())


def assert_html_labelled(page: str, kb: KnowledgeBase, where: str) -> int:
    """The rules shown on `page` each with its label; returns how many were shown."""
    tree = lxml_html.document_fromstring(page)
    tags = tags_by_rule(kb)
    shown = tree.xpath("//*[@data-rule]")
    for element in shown:
        rule = element.get("data-rule")
        labels = element.xpath(".//*[@data-evidence]")
        assert labels, f"{where}: rule {rule} shown without its evidence label"
        tag = labels[0].get("data-evidence")
        assert tag in tags[rule], f"{where}: rule {rule} labelled {tag}, is {tags[rule]}"
        assert _squash(labels[0].text_content()) == label_of(tag).label, where
        assert labels[0].get("title"), f"{where}: label of {rule} does not explain itself"
    for element in [*shown, *tree.xpath("//script|//style|//template")]:
        element.drop_tree()
    rest = _squash(tree.text_content())
    for words, rule in probes(kb).items():
        assert words not in rest, f"{where}: words of rule {rule} shown without a label: {words}"
    return len(shown)


def assert_json_labelled(tree: Any, where: str) -> int:
    """Every object with `says` in a JSON tree carries its evidence label; returns how many."""
    found = 0
    for node in _objects(tree):
        if "says" not in node:
            continue
        found += 1
        assert "evidence" in node, f"{where}: {node.get('rule')} has `says` but no evidence"
        label = label_of(node["evidence"])
        assert node.get("evidence_label") == label.label, f"{where}: {node}"
        assert node.get("evidence_explained") == label.explained, f"{where}: {node}"
        assert "evidence_source" in node, f"{where}: {node}"
        if label.names_source and node.get("citation"):
            assert node["evidence_source"], f"{where}: {node.get('rule')} names no source"
    return found


def _objects(tree: Any) -> Iterator[dict[str, Any]]:
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from _objects(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _objects(value)


_TAG = re.compile(r"\[(" + "|".join(re.escape(v.label) for v in LABELS.values()) + r")[]:]")


def assert_cli_labelled(output: str, kb: KnowledgeBase, where: str) -> int:
    """Each rule's words in a terminal output are followed on their line by an evidence tag
    (the console is wide enough not to wrap); returns how many rule lines were checked."""
    checked, table = 0, probes(kb)
    for line in output.splitlines():
        flat = _squash(line)
        for words, rule in table.items():
            at = flat.find(words)
            if at < 0:
                continue
            checked += 1
            tag = _TAG.search(flat, at + len(words))
            assert tag, f"{where}: rule {rule} untagged: {line}"
            between = flat[at + len(words) : tag.start()]
            other = [w for w in table if w in between]
            assert not other, f"{where}: rule {rule} untagged (the tag is another's): {line}"
    return checked
