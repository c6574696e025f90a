"""The intake answers are declared once, by `IntakeAnswers` in the domain; the answers schema, the
interview's questions and the README's table of the answers file are checked against it here, so
adding, renaming or removing an answer without updating all of them fails.

The schema stays a class written out (mypy and FastAPI need a static type, and its ranges, choices
and "unsure" answers are its own knowledge); its choice vocabularies that the domain also uses,
regions and aggravators, are the domain's Literals.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

from pydantic import BaseModel

from runrehab.domain.intake import AGGRAVATORS, REGIONS, IntakeAnswers, ReadinessTests
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.schemas import answers as schema

README = Path(__file__).parents[2] / "README.md"
# Answers the interview does not ask: the score of the VISA-H questionnaire (asked as the
# questionnaire, by its own items), and the wizard's own note that it stopped the screen early.
NOT_ASKED = {"visa_h", "screen_stopped_early"}


def _fields(cls: type) -> dict[str, bool]:
    """Each field, in order, with whether it must be given."""
    return {
        f.name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        for f in dataclasses.fields(cls)
    }


def _model_fields(model: type[BaseModel]) -> dict[str, bool]:
    return {name: info.is_required() for name, info in model.model_fields.items()}


def _answer_keys() -> set[str]:
    """The keys a question may name: every answer, and each self-test as `tests.NAME`."""
    tests = {f"tests.{name}" for name in _fields(ReadinessTests)}
    return (set(_fields(IntakeAnswers)) - {"tests"}) | tests


def _choices(annotation: object) -> set[str]:
    """The string values a (possibly optional or list) Literal annotation allows."""
    if typing.get_origin(annotation) is typing.Literal:
        return {v for v in typing.get_args(annotation) if isinstance(v, str)}
    return set().union(*(_choices(arg) for arg in typing.get_args(annotation)))


def _readme_rows() -> list[tuple[list[str], str, str]]:
    """The table under "The answers file is a JSON object with exactly these keys": each row's
    backquoted keys, its required column and its values column."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | required | values |") :].split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines()[2:]:
        key, required, values = line.strip().strip("|").split(" | ")
        rows.append((re.findall(r"`([a-z0-9_]+)`", key), required.strip(), values))
    return rows


def test_the_schema_has_exactly_the_domain_answers_in_order_and_required_alike() -> None:
    assert _model_fields(schema.AnswersModel) == _fields(IntakeAnswers)
    assert list(schema.AnswersModel.model_fields) == list(_fields(IntakeAnswers))


def test_the_schema_of_the_self_tests_matches_the_domain() -> None:
    assert _model_fields(schema.TestsModel) == _fields(ReadinessTests)
    assert list(schema.TestsModel.model_fields) == list(_fields(ReadinessTests))


def test_every_question_names_an_answer_and_every_answer_has_a_question(kb: KnowledgeBase) -> None:
    asked = [q.key for group in kb.questions for q in group.questions]
    assert len(asked) == len(set(asked)), "a key is asked twice"
    assert set(asked) - _answer_keys() == set(), "questions for answers the domain lacks"
    assert _answer_keys() - set(asked) == NOT_ASKED, "answers without a question"


def test_the_choices_of_each_question_are_the_schemas(kb: KnowledgeBase) -> None:
    offered = {q.key: set(q.choices) for g in kb.questions for q in g.questions if q.choices}
    assert offered, "no choice questions found"
    allowed = {key: _choices(schema.AnswersModel.model_fields[key].annotation) for key in offered}
    assert offered == allowed


def test_the_readme_table_lists_every_answer_once() -> None:
    listed = [key for keys, _, _ in _readme_rows() for key in keys]
    assert len(listed) == len(set(listed)), "a key is listed twice"
    assert set(listed) == set(_fields(IntakeAnswers))


def test_the_readme_table_says_which_answers_are_required() -> None:
    required = _fields(IntakeAnswers)
    for keys, column, _ in _readme_rows():
        if column in ("yes", "yes, all"):
            assert all(required[key] for key in keys), keys
        elif column == "no":
            assert not any(required[key] for key in keys), keys


def _readme_values(key: str) -> list[str]:
    (values,) = [values for keys, _, values in _readme_rows() if keys == [key]]
    return re.findall(r"`([a-z0-9_]+)`", values)


def test_the_readme_lists_the_self_tests_regions_and_aggravators_of_the_domain() -> None:
    assert _readme_values("tests") == list(_fields(ReadinessTests))
    assert _readme_values("region") == list(REGIONS)
    assert _readme_values("aggravators") == list(AGGRAVATORS)
