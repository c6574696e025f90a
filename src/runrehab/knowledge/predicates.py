"""Parse the `when:` mini-language of the data files into domain predicates.

Forms (all keys exact; anything else is an error naming where it was found):
    always                                  # the catch-all of a rule list
    {all: [P, ...]}  {any: [P, ...]}  {not: P}
    {fact: NAME, OP: VALUE}                 # OP in is, eq, ne, gt, gte, lt, lte, in, contains
    {fact: NAME, known: true|false}
    {count_true: [NAME, ...], at_least: N}
"""

from __future__ import annotations

from collections.abc import Collection

from runrehab.domain.rules import (
    OPERATORS,
    All,
    Always,
    AnyOf,
    Compare,
    CountTrue,
    Known,
    Not,
    Predicate,
)


class PredicateError(ValueError):
    """Raised with a path-like `where` so the loader can name the key."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


def parse_predicate(raw: object, where: str, known_facts: Collection[str]) -> Predicate:
    if raw == "always":
        return Always()
    if not isinstance(raw, dict):
        raise PredicateError(where, f"expected a mapping or 'always', got {raw!r}")
    if "fact" in raw:
        return _parse_fact(raw, where, known_facts)
    if set(raw) == {"count_true", "at_least"}:
        names = raw["count_true"]
        if not isinstance(names, list) or not isinstance(raw["at_least"], int):
            raise PredicateError(where, "count_true takes a list of facts and an integer at_least")
        for name in names:
            _check_fact(name, where, known_facts)
        return CountTrue(tuple(names), raw["at_least"])
    if len(raw) != 1:
        raise PredicateError(
            where, f"expected one of all/any/not/fact/count_true, got {sorted(raw)}"
        )
    ((key, value),) = raw.items()
    if key == "not":
        return Not(parse_predicate(value, f"{where}.not", known_facts))
    if key in ("all", "any") and isinstance(value, list) and value:
        parts = tuple(
            parse_predicate(part, f"{where}.{key}[{i}]", known_facts)
            for i, part in enumerate(value)
        )
        return All(parts) if key == "all" else AnyOf(parts)
    raise PredicateError(where, f"'{key}' is not a predicate (or its list is empty)")


def _parse_fact(raw: dict[str, object], where: str, known_facts: Collection[str]) -> Predicate:
    fact = raw["fact"]
    _check_fact(fact, where, known_facts)
    assert isinstance(fact, str)
    rest = {k: v for k, v in raw.items() if k != "fact"}
    if len(rest) != 1:
        raise PredicateError(where, f"a fact test needs exactly one operator, got {sorted(rest)}")
    ((op, value),) = rest.items()
    if op == "known" and isinstance(value, bool):
        return Known(fact, value)
    if op not in OPERATORS:
        raise PredicateError(where, f"unknown operator '{op}' (use one of {sorted(OPERATORS)})")
    if op == "in":
        if not isinstance(value, list):
            raise PredicateError(where, "'in' takes a list")
        value = tuple(value)
    return Compare(fact, op, value)


def _check_fact(name: object, where: str, known_facts: Collection[str]) -> None:
    if not isinstance(name, str) or name not in known_facts:
        raise PredicateError(where, f"unknown fact {name!r}")
