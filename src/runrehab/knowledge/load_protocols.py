"""Rehab protocols and their stages, the return-to-run gates, and the maintenance stages every
protocol ends with."""

from __future__ import annotations

from dataclasses import replace

from runrehab.domain import knowledge as k
from runrehab.domain.rules import Predicate
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext, unique


def protocols(ctx: LoadContext, exercises: dict[str, k.Exercise]) -> dict[str, k.Protocol]:
    protocols: dict[str, k.Protocol] = {}
    for name in ctx.files("protocols"):
        raw = ctx.read(name, schema.ProtocolModel)
        if raw.id in protocols:
            raise ctx.fail("id", f"duplicate protocol id '{raw.id}'")
        stages = tuple(
            _stage(ctx, stage, f"stages[{i}]", exercises) for i, stage in enumerate(raw.stages)
        )
        if [s.number for s in stages] != list(range(1, len(stages) + 1)):
            raise ctx.fail("stages", "stage numbers must run 1, 2, 3... in order")
        protocols[raw.id] = k.Protocol(
            id=raw.id,
            name=raw.name,
            summary=raw.summary,
            stages=stages,
            strength_days_per_week=raw.strength_days_per_week,
            citation=ctx.cite(raw.citation, "citation") or "",
        )
    return protocols


def _stage(
    ctx: LoadContext, raw: schema.StageModel, key: str, exercises: dict[str, k.Exercise]
) -> k.Stage:
    for i, p in enumerate(raw.prescriptions):
        if p.exercise not in exercises:
            raise ctx.fail(f"{key}.prescriptions[{i}].exercise", f"unknown exercise '{p.exercise}'")
    return k.Stage(
        number=raw.number,
        id=raw.id,
        name=raw.name,
        goal=raw.goal,
        prescriptions=tuple(
            k.Prescription(p.exercise, p.session, p.why, p.from_week) for p in raw.prescriptions
        ),
        running=k.RunPolicy(**raw.running.model_dump()),
        min_weeks=raw.min_weeks,
        start_when=ctx.when(raw.start_when, f"{key}.start_when"),
        advance_when=ctx.rules(raw.advance_when, f"{key}.advance_when"),
        pain_limit=raw.pain_limit,
        run_pain_limit=raw.pain_limit if raw.run_pain_limit is None else raw.run_pain_limit,
        citation=ctx.cite(raw.citation, f"{key}.citation") or "",
        evidence=k.Evidence(raw.evidence),
    )


def gates(ctx: LoadContext, raws: list[schema.GateModel]) -> dict[str, k.ReturnToRunGate]:
    ctx.file = "return_to_run.yaml"
    unique([g.id for g in raws], "gates", ctx.fail)
    return {
        g.id: k.ReturnToRunGate(
            g.id,
            g.name,
            ctx.rules(g.criteria, f"gates[{i}].criteria"),
            tuple(k.GateTraining(t.criterion, tuple(t.exercises), t.reps) for t in g.trains),
        )
        for i, g in enumerate(raws)
    }


def with_maintenance(
    ctx: LoadContext, protocols: dict[str, k.Protocol], raw: schema.MaintenanceModel
) -> dict[str, k.Protocol]:
    """Every rehab protocol ends with the maintenance protocol's stages: they start when
    `start_when` holds at intake, or when the last rehab stage's exit criteria are met (its
    own `advance_when`, else the shared `advance_when`)."""
    ctx.file = "return_to_run.yaml"
    if raw.protocol not in protocols:
        raise ctx.fail("maintenance.protocol", f"unknown protocol '{raw.protocol}'")
    maintenance = protocols[raw.protocol].stages
    start_when = ctx.when(raw.start_when, "maintenance.start_when")
    exit_rules = ctx.rules(raw.advance_when, "maintenance.advance_when")
    return {
        pid: p if pid == raw.protocol else _ending_with(p, maintenance, start_when, exit_rules)
        for pid, p in protocols.items()
    }


def _ending_with(
    protocol: k.Protocol,
    maintenance: tuple[k.Stage, ...],
    start_when: Predicate,
    exit_rules: tuple[k.Rule, ...],
) -> k.Protocol:
    *earlier, last = protocol.stages
    last = replace(last, advance_when=last.advance_when or exit_rules)
    first_number = len(protocol.stages) + 1
    appended = tuple(
        replace(
            stage, number=first_number + i, start_when=start_when if i == 0 else stage.start_when
        )
        for i, stage in enumerate(maintenance)
    )
    return replace(protocol, stages=(*earlier, last, *appended))
