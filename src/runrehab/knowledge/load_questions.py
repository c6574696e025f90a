"""The intake interview: groups of questions, each naming an answer key."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from runrehab.domain import knowledge as k
from runrehab.domain.errors import KnowledgeBaseError
from runrehab.domain.intake import FACT_NAMES, REGIONS
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext


def questions(ctx: LoadContext) -> tuple[k.QuestionGroup, ...]:
    raw = ctx.read("questions.yaml", schema.QuestionsFile)
    groups = []
    for i, group in enumerate(raw.groups):
        questions = []
        _known_regions(group.only_for_regions, f"groups[{i}].only_for_regions", ctx.fail)
        for j, q in enumerate(group.questions):
            key = f"groups[{i}].questions[{j}]"
            if q.key not in FACT_NAMES or q.key.startswith("aggravates."):
                raise ctx.fail(f"{key}.key", f"unknown answer key '{q.key}'")
            _known_regions(q.only_for_regions, f"{key}.only_for_regions", ctx.fail)
            if q.required and q.only_for_regions:
                raise ctx.fail(key, "a required question is asked in every region")
            questions.append(
                k.Question(
                    q.key,
                    q.text,
                    q.help,
                    q.kind,
                    tuple(q.choices),
                    q.required,
                    frozenset(q.only_for_regions),
                )
            )
        groups.append(
            k.QuestionGroup(
                group.id,
                group.title,
                group.intro,
                tuple(questions),
                frozenset(group.only_for_regions),
            )
        )
    return tuple(groups)


def _known_regions(
    regions: Iterable[str], key: str, fail: Callable[[str, str], KnowledgeBaseError]
) -> None:
    unknown = sorted(set(regions) - set(REGIONS))
    if unknown:
        raise fail(key, f"unknown region(s) {unknown}")
