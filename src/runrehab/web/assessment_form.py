"""The assessment's questions as an HTML form and back, for the runner's wizard and the coach's
re-assessment: form values into the answers' shape (`tests.x` keys nested under `tests`), the
answers flattened again to prefill the form, and a refusal's problems in the questions' words."""

from __future__ import annotations

from typing import Any

from runrehab.domain.errors import InvalidInputError, RunrehabError
from runrehab.domain.intake import UNSURE
from runrehab.domain.knowledge import KnowledgeBase, Question
from runrehab.schemas.numbers import decimal, whole


def flatten(raw: dict[str, Any]) -> dict[str, Any]:
    """The answers with each test under its own `tests.x` key, as the form names its fields."""
    flat = {k: v for k, v in raw.items() if k != "tests"}
    flat.update({f"tests.{k}": v for k, v in raw.get("tests", {}).items()})
    return flat


def store_answer(raw: dict[str, Any], q: Question, values: list[str], errors: list[str]) -> None:
    """`q`'s form values into `raw` (none: its answer goes); a number that does not read leaves
    `raw` as it was and adds the question's words to `errors`, so every field is checked."""
    try:
        value = _convert(q, values)
    except ValueError:
        errors.append(
            f"{q.text} Please enter a number{' from 0 to 10' if q.kind == 'scale' else ''}."
        )
        return
    target, key = (
        (raw.setdefault("tests", {}), q.key[6:]) if q.key.startswith("tests.") else (raw, q.key)
    )
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


def _convert(q: Question, values: list[str]) -> object:
    if q.kind == "multi":
        return values
    value = values[0].strip() if values else ""
    if value == "":
        return None
    if q.kind in ("bool", "yes_no_unsure"):
        return _yes_no(value, q.kind)
    if q.kind in ("int", "scale"):
        number = whole(value)
        if q.kind == "scale" and not 0 <= number <= 10:
            raise ValueError(value)
        return number
    if q.kind == "number":
        return decimal(value)
    return value


def _yes_no(value: str, kind: str) -> bool | str:
    """Radio values: `yes`, `no`, and `unsure` where the question offers it."""
    if kind == "yes_no_unsure" and value == UNSURE:
        return UNSURE
    return value == "yes"


def by_question(kb: KnowledgeBase, exc: RunrehabError) -> list[str]:
    """Each problem with the words of the question it concerns (its key when none asks it)."""
    assert isinstance(exc, InvalidInputError)
    texts = {q.key: q.text for g in kb.questions for q in g.questions}
    return [f"{texts.get(p.where, p.where)}: {p.reason}" for p in exc.problems]
