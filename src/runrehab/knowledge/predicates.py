"""Parse the `when:` mini-language of the data files into domain predicates.

Forms (all keys exact; anything else is an error naming where it was found):
    always                                  # the catch-all of a rule list
    {all: [P, ...]}  {any: [P, ...]}  {not: P}
    {fact: NAME, OP: VALUE}                 # OP in is, eq, ne, gt, gte, lt, lte, in, contains
    {fact: NAME, known: true|false}
    {count_true: [NAME, ...], at_least: N}
    {score: [{when: P, points: N}, ...], at_least: K}
                                            # a clinical score (e.g. Wells): the points of the
                                            # terms whose P holds (N may be negative) reach K
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
    Score,
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
        return _parse_count_true(raw["count_true"], raw["at_least"], where, known_facts)
    if set(raw) == {"score", "at_least"}:
        return _parse_score(raw["score"], raw["at_least"], where, known_facts)
    if len(raw) != 1:
        raise PredicateError(
            where, f"expected one of all/any/not/fact/count_true/score, got {sorted(raw)}"
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


def _parse_count_true(
    names: object, at_least: object, where: str, known_facts: Collection[str]
) -> CountTrue:
    if not isinstance(names, list) or not isinstance(at_least, int):
        raise PredicateError(where, "count_true takes a list of facts and an integer at_least")
    for name in names:
        _check_fact(name, where, known_facts)
    return CountTrue(tuple(names), at_least)


def _parse_score(
    terms: object, at_least: object, where: str, known_facts: Collection[str]
) -> Score:
    if not isinstance(terms, list) or not terms or not _is_int(at_least):
        raise PredicateError(where, "score takes a non-empty list of terms and an integer at_least")
    parsed = []
    for i, term in enumerate(terms):
        here = f"{where}.score[{i}]"
        if not isinstance(term, dict) or set(term) != {"when", "points"}:
            raise PredicateError(here, "a score term is {when: P, points: N}")
        if not _is_int(term["points"]) or term["points"] == 0:
            raise PredicateError(here, "points must be a non-zero integer")
        parsed.append((parse_predicate(term["when"], f"{here}.when", known_facts), term["points"]))
    assert isinstance(at_least, int)
    return Score(tuple(parsed), at_least)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


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
