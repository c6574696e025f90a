"""What every topic's view models share: the closed base, a rule with its evidence label, a
citation, an education page."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from runrehab.domain.knowledge import Evidence

Object = dict[str, Any]

NOTE_RULES = "for each of `notes`, the rules it quotes, in order, each with its evidence label"


class ViewModel(BaseModel):
    """Closed (`extra="forbid"`): a field the code adds without declaring it fails the tests
    instead of reaching clients undocumented."""

    model_config = ConfigDict(extra="forbid")


class Citation(ViewModel):
    id: str
    text: str
    url: str | None = None


class Reason(ViewModel):
    """A rule that fired: what it says, how strong the evidence is, and where it comes from."""

    rule: str
    says: str
    evidence: Evidence
    evidence_label: str = Field(
        description="what the runner reads next to the advice: Research-backed, Partly "
        "research-backed, Practice-based or Our rule"
    )
    evidence_explained: str = Field(description="what the label means, in one sentence")
    evidence_source: str | None = Field(
        description="the study in short (`Alfredson 1998`) for research-backed rules, else null"
    )
    citation: Citation | None


class Education(ViewModel):
    id: str
    title: str
