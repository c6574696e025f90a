"""The evidence labels a runner reads next to each piece of advice."""

from __future__ import annotations

import pytest

from runrehab.domain.knowledge import Evidence, KnowledgeBase
from runrehab.render.evidence_labels import (
    LABELS,
    evidence_fields,
    label_of,
    labelled,
    short_source,
)


@pytest.mark.parametrize("tag", list(Evidence))
def test_every_evidence_tag_has_a_label_and_an_explanation(tag: Evidence) -> None:
    label = label_of(tag)
    assert label.label
    assert label.explained.endswith(".")


def test_a_new_evidence_tag_without_a_label_fails() -> None:
    assert set(LABELS) == set(Evidence)


def test_the_labels_tell_the_strengths_apart() -> None:
    assert len({label.label for label in LABELS.values()}) == len(Evidence)
    assert label_of("verified").label == "Research-backed"
    assert label_of("partial").label == "Partly research-backed"
    assert label_of("unverified").label == "Practice-based"
    assert label_of("project").label == "Our rule"


def test_only_research_backed_rules_name_a_source() -> None:
    text = "Alfredson H, Pietila T, Jonsson P, Lorentzon R. Heavy-load eccentric. AJSM 1998;26:360"
    assert evidence_fields("verified", text)["evidence_source"] == "Alfredson 1998"
    assert evidence_fields("partial", text)["evidence_source"] == "Alfredson 1998"
    assert evidence_fields("unverified", text)["evidence_source"] is None
    assert evidence_fields("project", text)["evidence_source"] is None


def test_an_unknown_tag_is_refused() -> None:
    with pytest.raises(ValueError, match="maybe"):
        label_of("maybe")


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Goom TSH, Malliaras P. Proximal Hamstring Tendinopathy. JOSPT 2016;46(6)", "Goom 2016"),
        ("Nasser AM et al. Proximal hamstring tendinopathy. Phys Ther Sport 2021", "Nasser 2021"),
        ("van Dyk N, Behan FP, Whiteley R. Including the Nordic. BJSM 2019", "van Dyk 2019"),
        ("Pogo Physio. Proximal hamstring tendinopathy exercise", "Pogo Physio"),
    ],
)
def test_a_source_is_named_by_its_first_author_and_year(text: str, short: str) -> None:
    assert short_source(text) == short


def test_every_cited_source_has_a_short_name_that_fits_a_badge(kb: KnowledgeBase) -> None:
    for citation in kb.citations.values():
        assert 0 < len(short_source(citation.text)) <= 48, citation.id


def test_stored_rules_get_their_labels_on_the_way_out() -> None:
    stored = {"reasons": [{"rule": "r", "says": "Rest.", "evidence": "project", "citation": None}]}
    (reason,) = labelled(stored)["reasons"]
    assert reason["evidence_label"] == "Our rule"
    assert "evidence_label" not in stored["reasons"][0]  # a copy: the stored payload is untouched
