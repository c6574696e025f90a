"""Stop asking once an urgent red flag is certain: the red-flag screen on answers still coming in.

A rule is evaluated in three-valued (Kleene) logic: a fact whose question is still to come is
*open* (None), and a rule counts only when it is already true whatever the open answers turn out to
be, including staying unanswered. So `not: {fact: fever_or_unwell, is: true}` is not settled while
the fever question is to come, and a Wells-style score counts only when its points are reached
without the open items' (and would still be with every open negative item against it).
"""

from __future__ import annotations

from collections.abc import Iterable

from runrehab.domain.intake import DERIVED_FROM
from runrehab.domain.knowledge import KnowledgeBase, RedFlag
from runrehab.domain.rules import (
    All,
    AnyOf,
    Compare,
    CountTrue,
    Known,
    Not,
    Predicate,
    Score,
)
from runrehab.domain.rules import Facts as FactMap
from runrehab.domain.verdicts import Verdict


def open_facts(unasked: Iterable[str]) -> frozenset[str]:
    """The facts still open while these answer keys are unasked: the keys themselves and every
    derived fact computed from one of them."""
    keys = frozenset(unasked)
    derived = {fact for fact, sources in DERIVED_FROM.items() if keys & set(sources)}
    return keys | derived


def settled(when: Predicate, facts: FactMap, open_: frozenset[str]) -> bool | None:
    """True or False when the known facts decide `when` whatever the open ones are; else None."""
    if isinstance(when, Compare | Known):
        return None if when.fact in open_ else when.holds(facts)
    if isinstance(when, CountTrue):
        known = sum(facts.get(n) is True for n in when.names if n not in open_)
        pending = sum(n in open_ for n in when.names)
        return _threshold(known, known + pending, when.at_least)
    if isinstance(when, Score):
        return _score(when, facts, open_)
    if isinstance(when, Not | All | AnyOf):
        return _combined(when, facts, open_)
    return True  # Always


def _combined(when: Not | All | AnyOf, facts: FactMap, open_: frozenset[str]) -> bool | None:
    if isinstance(when, Not):
        inner = settled(when.part, facts, open_)
        return None if inner is None else not inner
    parts = [settled(p, facts, open_) for p in when.parts]
    decisive = isinstance(when, AnyOf)  # one True decides an AnyOf, one False an All
    if decisive in parts:
        return decisive
    return None if None in parts else not decisive


def _score(when: Score, facts: FactMap, open_: frozenset[str]) -> bool | None:
    low = high = 0
    for term, points in when.terms:
        held = settled(term, facts, open_)
        if held is None:
            low, high = low + min(points, 0), high + max(points, 0)
        elif held:
            low, high = low + points, high + points
    return _threshold(low, high, when.at_least)


def _threshold(low: int, high: int, at_least: int) -> bool | None:
    if low >= at_least:
        return True
    return False if high < at_least else None


def certain_urgent_flags(
    facts: FactMap, open_: frozenset[str], kb: KnowledgeBase
) -> tuple[RedFlag, ...]:
    """The same-day (REFER_URGENT) red flags already certain from the answers so far."""
    return tuple(
        flag
        for flag in kb.red_flags
        if flag.verdict == Verdict.REFER_URGENT and settled(flag.rule.when, facts, open_) is True
    )


def flags_from_symptoms(reported: Iterable[str], kb: KnowledgeBase) -> tuple[RedFlag, ...]:
    """The red flags that symptoms reported later (at a check-in) make certain on their own:
    every other fact is open, so a rule that also needs an age, a region or a score does not fire
    from the symptom alone (the check-in still refers the runner; this says how urgently)."""
    facts: FactMap = dict.fromkeys(reported, True)
    return tuple(
        flag
        for flag in kb.red_flags
        if settled(flag.rule.when, facts, flag.rule.when.facts_used() - facts.keys()) is True
    )
