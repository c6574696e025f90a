"""The outcome questionnaires: items, scoring and flags."""

from __future__ import annotations

from runrehab.domain.questionnaires import Flag, QuestionItem, Questionnaire, Scoring
from runrehab.knowledge import schema
from runrehab.knowledge.load_context import LoadContext


def questionnaires(ctx: LoadContext) -> dict[str, Questionnaire]:
    found = {}
    for name in ctx.files("questionnaires"):
        raw = ctx.read(name, schema.QuestionnaireModel)
        items = tuple(
            _question_item(ctx, item, raw, f"items[{i}]") for i, item in enumerate(raw.items)
        )
        _check_scoring(ctx, raw, items)
        found[raw.id] = Questionnaire(
            id=raw.id,
            name=raw.name,
            stem=raw.stem,
            items=items,
            max_total=raw.max_total,
            higher_is_better=raw.higher_is_better,
            provisional=raw.provisional,
            provisional_note=raw.provisional_note,
            mcid=raw.mcid,
            citation=ctx.cite(raw.citation, "citation") or "",
            scoring=Scoring(raw.scoring),
            min_total=raw.min_total,
            min_answered=raw.min_answered,
            every_days=raw.every_days,
            recall=raw.recall,
            mcid_citation=ctx.cite(raw.mcid_citation or raw.citation, "mcid_citation"),
            flags=tuple(_flag(ctx, f, items, f"flags[{i}]") for i, f in enumerate(raw.flags)),
        )
    return found


def _question_item(
    ctx: LoadContext, item: schema.QuestionItemModel, q: schema.QuestionnaireModel, key: str
) -> QuestionItem:
    labels = item.labels or q.labels
    points = tuple(item.points) or (tuple(sorted(labels)) if labels else ())
    branches = {b: tuple(p) for b, p in item.branches.items()} if item.branches else None
    if sum(bool(x) for x in (points, item.range, branches)) != 1:
        raise ctx.fail(key, "an item takes exactly one of points, range or branches")
    if item.labels and set(item.labels) != set(points):
        raise ctx.fail(key, "labels must name exactly the item's points")
    return QuestionItem(
        item.key,
        item.text,
        points,
        item.range,
        branches,
        labels,
        optional=item.optional,
        not_applicable=item.not_applicable,
        named=item.named,
    )


def _check_scoring(
    ctx: LoadContext, raw: schema.QuestionnaireModel, items: tuple[QuestionItem, ...]
) -> None:
    """A sum must be able to reach its stated range; a mean or a percent of items that
    may be left out needs a minimum number of answers."""
    if raw.scoring == "sum":
        low = sum(i.range[0] if i.range else min(i.points or (0,)) for i in items)
        high = sum(i.highest for i in items)
        if (low, high) != (raw.min_total, raw.max_total):
            raise ctx.fail(
                "max_total",
                f"items add up to {low:g}-{high:g}, not {raw.min_total:g}-{raw.max_total:g}",
            )
    elif any(i.optional or i.not_applicable for i in items) and raw.min_answered is None:
        raise ctx.fail("min_answered", "needed when items may be left out")


def _flag(
    ctx: LoadContext, raw: schema.FlagModel, items: tuple[QuestionItem, ...], key: str
) -> Flag:
    by_key = {i.key: i for i in items}
    for item_key, points in raw.any_of.items():
        if item_key not in by_key or not set(points) <= set(by_key[item_key].points):
            raise ctx.fail(key, f"{item_key} {points} is not an item and its points")
    return Flag(raw.id, raw.text, {k: tuple(v) for k, v in raw.any_of.items()})
