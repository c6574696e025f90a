"""A tiny predicate language so clinical rules can live in data files.

A rule's `when` is a tree of `All`, `AnyOf`, `Not`, `Compare`, `CountTrue` and `Score` nodes evaluated against
a flat mapping of facts (answer keys such as `felt_pop`, nested ones as `tests.slow_jog_pain_free`,
plus derived facts). A comparison against an unknown (missing or None) fact is False: a rule never
fires on an answer the runner did not give, so safety rules must be written to fire on what *was*
answered (e.g. `can_walk_normally is false`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Facts = Mapping[str, object]

_OPERATORS: dict[str, Callable[[object, object], bool]] = {
    "is": lambda a, b: a is b or (a == b and type(a) is type(b)),
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,  # type: ignore[dict-item]
    "gte": operator.ge,  # type: ignore[dict-item]
    "lt": operator.lt,  # type: ignore[dict-item]
    "lte": operator.le,  # type: ignore[dict-item]
    "in": lambda a, b: a in b,  # type: ignore[operator]
    "contains": lambda a, b: b in a,  # type: ignore[operator]
}
OPERATORS = frozenset(_OPERATORS)


@dataclass(frozen=True, slots=True)
class Compare:
    """`fact <op> value`; False when the fact is unknown."""

    fact: str
    op: str
    value: object

    def holds(self, facts: Facts) -> bool:
        actual = facts.get(self.fact)
        if actual is None:
            return False
        try:
            return _OPERATORS[self.op](actual, self.value)
        except TypeError:
            return False

    def facts_used(self) -> frozenset[str]:
        return frozenset({self.fact})


@dataclass(frozen=True, slots=True)
class Known:
    """True when the fact was answered (is not None); `known: false` asks the opposite."""

    fact: str
    expected: bool = True

    def holds(self, facts: Facts) -> bool:
        return (facts.get(self.fact) is not None) is self.expected

    def facts_used(self) -> frozenset[str]:
        return frozenset({self.fact})


@dataclass(frozen=True, slots=True)
class CountTrue:
    """True when at least `at_least` of the named boolean facts are True (e.g. a Wells-style score)."""

    names: tuple[str, ...]
    at_least: int

    def holds(self, facts: Facts) -> bool:
        return sum(facts.get(name) is True for name in self.names) >= self.at_least

    def facts_used(self) -> frozenset[str]:
        return frozenset(self.names)


@dataclass(frozen=True, slots=True)
class Score:
    """True when the points of the terms whose predicate holds add up to at least `at_least`.

    A clinical score written as data (e.g. the Wells DVT score): each term is `(predicate,
    points)`, points may be negative (Wells: -2 when another diagnosis is as likely). A term on an
    unanswered fact scores nothing, like every other predicate, so an unasked item never adds.
    """

    terms: tuple[tuple[Predicate, int], ...]
    at_least: int

    def total(self, facts: Facts) -> int:
        return sum(points for when, points in self.terms if when.holds(facts))

    def holds(self, facts: Facts) -> bool:
        return self.total(facts) >= self.at_least

    def facts_used(self) -> frozenset[str]:
        return frozenset().union(*(when.facts_used() for when, _ in self.terms))


@dataclass(frozen=True, slots=True)
class All:
    parts: tuple[Predicate, ...]

    def holds(self, facts: Facts) -> bool:
        return all(part.holds(facts) for part in self.parts)

    def facts_used(self) -> frozenset[str]:
        return frozenset().union(*(part.facts_used() for part in self.parts))


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Predicate, ...]

    def holds(self, facts: Facts) -> bool:
        return any(part.holds(facts) for part in self.parts)

    def facts_used(self) -> frozenset[str]:
        return frozenset().union(*(part.facts_used() for part in self.parts))


@dataclass(frozen=True, slots=True)
class Not:
    part: Predicate

    def holds(self, facts: Facts) -> bool:
        return not self.part.holds(facts)

    def facts_used(self) -> frozenset[str]:
        return self.part.facts_used()


@dataclass(frozen=True, slots=True)
class Always:
    """The catch-all `when: always` of a rule list's last entry."""

    def holds(self, facts: Facts) -> bool:
        return True

    def facts_used(self) -> frozenset[str]:
        return frozenset()


Predicate = Compare | Known | CountTrue | Score | All | AnyOf | Not | Always
