"""How strong the evidence behind a rule is, in the runner's words: one label per `Evidence` tag,
used by the CLI, the web pages, the JSON and the knowledge-base document alike.

A rule's `evidence` tag stays the machine value; `evidence_label` is what a runner reads next to
the advice, `evidence_explained` says what the label means (a tooltip, a legend), and
`evidence_source` names the study in short (`Alfredson 1998`) for the tags that rest on one
(verified, partial; None otherwise).
Stored payloads (assessments and decisions saved before labels existed) get their labels on the
way out through `labelled`, so a label never depends on when the rule fired.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from runrehab.domain.knowledge import Evidence

__all__ = ["LABELS", "EvidenceLabel", "evidence_fields", "label_of", "labelled", "short_source"]


@dataclass(frozen=True, slots=True)
class EvidenceLabel:
    label: str  # shown next to the advice
    explained: str  # one sentence: what the label means (shown after the label and a colon)
    names_source: bool  # the advice rests on a named study, so the source is shown with it


LABELS: Mapping[Evidence, EvidenceLabel] = MappingProxyType(
    {
        Evidence.VERIFIED: EvidenceLabel(
            "Research-backed",
            "Checked against the study named with it.",
            names_source=True,
        ),
        Evidence.PARTIAL: EvidenceLabel(
            "Partly research-backed",
            "A study backs the idea; some of the detail (numbers, wording) comes from other sources.",
            names_source=True,
        ),
        Evidence.UNVERIFIED: EvidenceLabel(
            "Practice-based",
            "What clinicians commonly do; not yet checked against a study.",
            names_source=False,
        ),
        Evidence.PROJECT: EvidenceLabel(
            "Our rule",
            "runrehab's own working rule, built on the cited sources but not itself tested.",
            names_source=False,
        ),
    }
)


def label_of(evidence: Evidence | str) -> EvidenceLabel:
    """The label of a tag; a tag without one raises KeyError (a test checks every tag has one)."""
    return LABELS[Evidence(evidence)]


_AUTHOR = re.compile(r"^((?:van |de |van der )?[A-Z][\w'’-]+)(?: [A-Z]{1,4}\b| et al|,)")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_LONGEST = 48


def short_source(citation_text: str) -> str:
    """`Alfredson H, ... 1998;26:360-6` -> `Alfredson 1998`; a text that does not start with an
    author (a web page, a summary) is cut at its first sentence, at most 48 characters."""
    author, year = _AUTHOR.match(citation_text), _YEAR.search(citation_text)
    if author and year:
        return f"{author.group(1)} {year.group(0)}"
    first = re.split(r"[.:(]\s", citation_text, maxsplit=1)[0].strip()
    return first if len(first) <= _LONGEST else first[: _LONGEST - 1].rstrip(" ,;") + "…"


def evidence_fields(evidence: Evidence | str, citation_text: str | None) -> dict[str, Any]:
    """The fields every JSON object carrying a rule's `says` has next to its `evidence` tag."""
    label = label_of(evidence)
    source = short_source(citation_text) if citation_text and label.names_source else None
    return {
        "evidence_label": label.label,
        "evidence_explained": label.explained,
        "evidence_source": source,
    }


def labelled(tree: Any) -> Any:
    """A copy of a JSON tree where every object with `says` and `evidence` has its label fields
    (as they read today): for payloads stored before labels existed, or with older wording."""
    if isinstance(tree, list):
        return [labelled(value) for value in tree]
    if not isinstance(tree, dict):
        return tree
    out = {key: labelled(value) for key, value in tree.items()}
    if "says" in out and "evidence" in out:
        citation = out.get("citation")
        text = citation.get("text") if isinstance(citation, dict) else None
        out |= evidence_fields(out["evidence"], text)
    return out
