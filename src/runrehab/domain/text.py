"""`{fact}` placeholders in rule texts: listed when the knowledge base loads, filled when a rule fires."""

from __future__ import annotations

import string
from collections.abc import Mapping


def placeholders(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def fill(text: str, facts: Mapping[str, object]) -> str:
    """Replace each `{name}` with its fact; numbers lose a trailing `.0`, unknowns read `?`."""
    values = {name: _show(facts.get(name)) for name in placeholders(text)}
    return text.format_map(values)


def _show(value: object) -> str:
    if value is None:
        return "?"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
