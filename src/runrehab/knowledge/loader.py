"""Load the knowledge base from its data files into domain values, or stop with a clear error.

Every file is schema-validated (`reading.py`), then cross-referenced: every citation, exercise,
education card, condition and fact that a file names must exist, and the dosage and safety
invariants of `invariants.py` must hold. The first problem raises `KnowledgeBaseError(file, key,
reason)`; nothing half-loaded is ever returned. Each topic has its module (`load_*.py`); this one
reads them in the order their cross-references need.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from runrehab.domain import knowledge as k
from runrehab.domain.errors import KnowledgeBaseError
from runrehab.knowledge import (
    invariants,
    load_conditions,
    load_dosage,
    load_exercises,
    load_library,
    load_protocols,
    load_questionnaires,
    load_questions,
    load_safety,
    schema,
)
from runrehab.knowledge.load_context import LoadContext


def default_data_dir() -> Path:
    return Path(str(resources.files("runrehab.knowledge") / "data"))


def load_knowledge_base(root: Path | None = None) -> k.KnowledgeBase:
    """The knowledge base in `root`; the shipped one (no `root`) is read once per process: it
    cannot change while the process runs, and the web app, every CLI command and every test
    would otherwise parse the same YAML again."""
    if root is None:
        return _shipped()
    return _load(LoadContext(root))


@functools.cache
def _shipped() -> k.KnowledgeBase:
    return _load(LoadContext(default_data_dir()))


def _load(ctx: LoadContext) -> k.KnowledgeBase:
    manifest = ctx.read("manifest.yaml", schema.Manifest)
    ctx.citations = load_library.citations(ctx)
    education = load_library.education(ctx)
    exercises = load_exercises.exercises(ctx)
    dosage = load_dosage.dosage(ctx)
    rtr = ctx.read("return_to_run.yaml", schema.ReturnToRunFile)
    gates = load_protocols.gates(ctx, rtr.gates)
    protocols = load_protocols.with_maintenance(
        ctx, load_protocols.protocols(ctx, exercises), rtr.maintenance
    )
    questionnaires = load_questionnaires.questionnaires(ctx)
    conditions = load_conditions.conditions(ctx, protocols, education, questionnaires, gates)
    red_flags, uncovered = load_safety.red_flags(ctx, conditions)
    advisories = load_safety.advisories(ctx, education)
    kb = k.KnowledgeBase(
        version=manifest.version,
        citations=ctx.citations,
        conditions=conditions,
        red_flags=red_flags,
        uncovered_region=uncovered,
        advisories=advisories,
        exercises=exercises,
        protocols=protocols,
        education=education,
        dosage=dosage,
        adaptation=load_dosage.adaptation(ctx),
        verdicts=load_conditions.verdicts(ctx),
        questions=load_questions.questions(ctx),
        running_form_cues=tuple(manifest.running_form_cues),
        disclaimer=manifest.disclaimer,
        equipment_levels=load_library.equipment(ctx),
        questionnaires=questionnaires,
        return_to_run=gates,
        default_monitoring_task=rtr.default_monitoring_task,
        pause_rules=load_safety.pause_rules(ctx),
        triage=load_safety.triage(ctx),
    )
    for problem in invariants.check(kb):
        raise KnowledgeBaseError(problem.file, problem.key, problem.reason)
    return kb
