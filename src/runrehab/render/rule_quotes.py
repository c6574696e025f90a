"""Rule sentences quoted inside free text, found so each can be shown with its evidence label.

A plan's notes ("No running in this plan yet: ..."), a plan version's reason (the adaptation
engine's reasons, joined) and a timeline line carry a rule's words as plain text. `split_quotes`
cuts such a text into plain words (a string) and quotes (the rule and its words as quoted);
`serialize.text_parts` makes them JSON with the rules' evidence labels.

The same words can belong to rules of different strength ("No pain at rest." is verified for
one condition and practice-based for another), so the rules are looked up in the scope of one
condition first (its return-to-run gate, its own rules, its protocol's stages), then the rules
that apply to every condition; another condition's rules are never used for it. A rule's
`{placeholder}` matches any words, so a filled-in sentence is found too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from runrehab.domain.knowledge import KnowledgeBase, Rule

__all__ = ["Quote", "split_quotes"]


@dataclass(frozen=True, slots=True)
class Quote:
    rule: Rule
    words: str  # as quoted: placeholders filled in


_SHORTEST = 12  # a sentence shorter than this is too common to be read as a rule's quote
_Finder = tuple[re.Pattern[str], dict[str, Rule]]
_FINDERS: dict[tuple[int, str | None], tuple[KnowledgeBase, _Finder]] = {}


def split_quotes(text: str, kb: KnowledgeBase, condition: str | None) -> list[str | Quote]:
    """`text` in order as plain words and the rule sentences it quotes; joined, the parts'
    words are `text` again."""
    _finder(kb, condition)  # keeps the knowledge base, so its id below is never reused
    return list(_split(text, id(kb), condition))


@lru_cache(maxsize=4096)
def _split(text: str, kb_id: int, condition: str | None) -> tuple[str | Quote, ...]:
    """Remembered per text: every page shows the same few notes and reasons, and the pattern
    of a condition's rules is long (a quarter of the Today page's time before)."""
    _, (pattern, rules) = _FINDERS[(kb_id, condition)]
    parts: list[str | Quote] = []
    at = 0
    for found in pattern.finditer(text):
        if found.start() > at:
            parts.append(text[at : found.start()])
        parts.append(Quote(rules[found.lastgroup or ""], found.group(0)))
        at = found.end()
    if at < len(text):
        parts.append(text[at:])
    return tuple(parts)


def _finder(kb: KnowledgeBase, condition: str | None) -> _Finder:
    key = (id(kb), condition)
    if key not in _FINDERS:  # the knowledge base is kept with it, so its id is never reused
        _FINDERS[key] = (kb, _build(kb, condition))
    return _FINDERS[key][1]


def _build(kb: KnowledgeBase, condition: str | None) -> _Finder:
    chosen: dict[str, Rule] = {}
    for rule in _in_scope(kb, condition):  # the first rule with these words wins
        if len(rule.says) >= _SHORTEST:
            chosen.setdefault(rule.says, rule)
    ordered = sorted(chosen.values(), key=lambda r: len(r.says), reverse=True)
    groups = {f"r{i}": rule for i, rule in enumerate(ordered)}
    pattern = "|".join(f"(?P<{name}>{_words(rule.says)})" for name, rule in groups.items())
    return re.compile(pattern or "(?!)"), groups


def _words(says: str) -> str:
    """A rule's text as a pattern: its words exactly, each `{placeholder}` any words."""
    pieces = re.split(r"\{[^{}]*\}", says)
    return r".+?".join(re.escape(piece) for piece in pieces)


def _in_scope(kb: KnowledgeBase, condition: str | None) -> Iterator[Rule]:
    own = kb.conditions.get(condition) if condition else None
    if own is not None:
        if gate := kb.gate_for(own.id):
            yield from gate.criteria
        yield from (*own.verdict_rules, *own.modifications)
        if own.protocol in kb.protocols:
            for stage in kb.protocols[own.protocol].stages:
                yield from stage.advance_when
    yield from (*kb.dosage.rules, *kb.dosage.modifications, *kb.adaptation.rules.values())
    yield from (flag.rule for flag in kb.red_flags)
    yield from (advisory.rule for advisory in kb.advisories)
    yield from (*kb.pause_rules, kb.uncovered_region)
