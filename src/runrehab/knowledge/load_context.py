"""What every topic loader shares: the data folder, the file being read (every error names it),
the citations read so far, and the rules and predicates that every file writes the same way."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from runrehab.domain import knowledge as k
from runrehab.domain.errors import KnowledgeBaseError
from runrehab.domain.intake import FACT_NAMES
from runrehab.domain.rules import Predicate
from runrehab.domain.text import placeholders
from runrehab.domain.verdicts import Verdict
from runrehab.knowledge import schema
from runrehab.knowledge.predicates import PredicateError, parse_predicate
from runrehab.knowledge.reading import read_model

M = TypeVar("M", bound=schema.Strict)
V = TypeVar("V")


class LoadContext:
    """One load of one data folder. `file` is the file the next error names: `read` sets it, and a
    check that spans files sets it to the folder or file it is about."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.citations: dict[str, k.Citation] = {}
        self.file = "-"

    def read(self, name: str, model: type[M]) -> M:
        self.file = name
        return read_model(self.root / name, self.root, model)

    def files(self, folder: str) -> Sequence[str]:
        names = sorted(p.name for p in (self.root / folder).glob("*.yaml"))
        if not names:
            raise KnowledgeBaseError(folder, "-", "folder has no .yaml files")
        return [f"{folder}/{name}" for name in names]

    def fail(self, key: str, reason: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(self.file, key, reason)

    def cite(self, citation: str | None, key: str) -> str | None:
        if citation is not None and citation not in self.citations:
            raise self.fail(key, f"unknown citation '{citation}' (not in citations/)")
        return citation

    def when(self, raw: object, key: str) -> Predicate:
        try:
            return parse_predicate(raw, key, FACT_NAMES)
        except PredicateError as exc:
            raise self.fail(exc.where, exc.reason) from None

    def rule(
        self, raw: schema.RuleModel, key: str, allowed: Collection[str] = FACT_NAMES
    ) -> k.Rule:
        for name in placeholders(raw.says):
            if name not in allowed:
                raise self.fail(f"{key}.says", f"unknown placeholder {{{name}}}")
        return k.Rule(
            id=raw.id,
            when=self.when(raw.when, f"{key}.when"),
            says=raw.says,
            citation=self.cite(raw.citation, f"{key}.citation") or "",
            evidence=k.Evidence(raw.evidence),
            verdict=Verdict[raw.verdict] if raw.verdict else None,
            max_stage=raw.max_stage,
        )

    def rules(self, raws: Iterable[schema.RuleModel], key: str) -> tuple[k.Rule, ...]:
        rules = tuple(self.rule(raw, f"{key}[{i}]") for i, raw in enumerate(raws))
        unique([r.id for r in rules], key, self.fail)
        return rules

    def merged(
        self, folder: str, model: type[M], noun: str, build: Callable[[Any, str], V]
    ) -> dict[str, V]:
        """The entries of every file of `folder` (the one list each file holds), by id; an id
        used twice, in one file or two, is an error."""
        merged: dict[str, V] = {}
        for name in self.files(folder):
            raw = self.read(name, model)
            field = next(iter(type(raw).model_fields))
            for i, entry in enumerate(getattr(raw, field)):
                key = f"{field}[{i}]"
                if entry.id in merged:
                    raise self.fail(f"{key}.id", f"duplicate {noun} id {entry.id!r}")
                merged[entry.id] = build(entry, key)
        return merged


def unique(ids: Sequence[str], key: str, fail: Callable[[str, str], KnowledgeBaseError]) -> None:
    """An id given twice is an error at the second one."""
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            raise fail(f"{key}[{i}].id", f"duplicate id '{item}'")
        seen.add(item)
