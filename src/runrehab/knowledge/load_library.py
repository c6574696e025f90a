"""The reference lists other files point into: citations, education cards, equipment levels."""

from __future__ import annotations

from runrehab.domain import knowledge as k
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext


def citations(ctx: LoadContext) -> dict[str, k.Citation]:
    return ctx.merged(
        "citations",
        schema.CitationsFile,
        "citation",
        lambda c, _: k.Citation(c.id, c.text, c.url),
    )


def education(ctx: LoadContext) -> dict[str, k.EducationCard]:
    return ctx.merged(
        "education", schema.EducationFile, "card", lambda raw, key: _card(ctx, raw, key)
    )


def _card(ctx: LoadContext, card: schema.EducationModel, key: str) -> k.EducationCard:
    for j, cite in enumerate(card.citations):
        ctx.cite(cite, f"{key}.citations[{j}]")
    return k.EducationCard(card.id, card.title, tuple(card.body), tuple(card.citations))


def equipment(ctx: LoadContext) -> dict[str, frozenset[str]]:
    raw = ctx.read("equipment.yaml", schema.EquipmentFile)
    missing = {"none", "bands", "dumbbells", "gym"} - set(raw.levels)
    if missing:
        raise ctx.fail("levels", f"missing levels {sorted(missing)}")
    return {level: frozenset(items) for level, items in raw.levels.items()}
