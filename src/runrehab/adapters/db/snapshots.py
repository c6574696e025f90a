"""Stored engine snapshots: the engine's state through a day of an episode, as JSON.

A snapshot is derived and disposable (the log is the record): a row that does not match the
engine code, the knowledge base or the episode (`basis`) is never used and is deleted when a new
one is stored. An episode keeps its latest snapshot and the last one of each earlier month, so a
backdated entry or a coach's change replays from the month it falls in, not from the start.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from runrehab.adapters.db.tables import EngineSnapshotRow
from runrehab.domain.adaptation.state import EngineState
from runrehab.domain.records import Snapshot, SnapshotMark

KEPT = 5  # snapshots read back at most: the latest valid one is almost always the first


class SnapshotRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def marks(self, episode_id: str, basis: str, day: date | None) -> list[SnapshotMark]:
        """What the episode's snapshots on this basis through `day` (any day when None) cover,
        newest first; their states are read only for the one used (`state`)."""
        row = EngineSnapshotRow
        query = select(row.through_on, row.basis, row.overrides, row.entries).where(
            row.episode_id == episode_id, row.basis == basis
        )
        if day is not None:
            query = query.where(row.through_on <= day)
        query = query.order_by(row.through_on.desc()).limit(KEPT)
        return [SnapshotMark(*found) for found in self.session.execute(query)]

    def state(self, episode_id: str, day: date) -> EngineState:
        raw = self.session.scalar(
            select(EngineSnapshotRow.state).where(
                EngineSnapshotRow.episode_id == episode_id, EngineSnapshotRow.through_on == day
            )
        )
        return state_from_json(raw)

    def put(self, episode_id: str, snapshot: Snapshot) -> None:
        """Store `snapshot` as the episode's latest: those after its day no longer hold (an entry
        or a change was made before them), those on another basis never will, and of its month
        only it is kept."""
        mark = snapshot.mark
        self.session.execute(
            delete(EngineSnapshotRow).where(
                EngineSnapshotRow.episode_id == episode_id,
                or_(
                    EngineSnapshotRow.through_on >= mark.through_on.replace(day=1),
                    EngineSnapshotRow.basis != mark.basis,
                ),
            )
        )
        self.session.add(
            EngineSnapshotRow(
                episode_id=episode_id,
                through_on=mark.through_on,
                basis=mark.basis,
                overrides=mark.overrides,
                entries=mark.entries,
                state=state_to_json(snapshot.state),
            )
        )


def state_to_json(state: EngineState) -> Any:
    """The state as plain JSON. The engine's read-only mappings (`MappingProxyType`, which
    pydantic does not know) are written as the dicts they wrap."""
    return _adapter().dump_python(state, mode="json", warnings=False, fallback=dict)


def state_from_json(raw: Any) -> EngineState:
    """The state back, every value of its declared type (a test round-trips every field)."""
    state: EngineState = _frozen_mappings(_adapter().validate_python(raw))
    return state


@cache
def _adapter() -> TypeAdapter[EngineState]:
    return TypeAdapter(EngineState)


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _frozen_mappings(value: Any) -> Any:
    """Mappings read back as dicts are made read-only again, as the engine builds them."""
    kind: type = type(value)
    if not hasattr(kind, "__dataclass_fields__"):
        return value
    changes = {}
    for name in _field_names(kind):
        item = getattr(value, name)
        if type(item) is dict:
            changes[name] = MappingProxyType({k: _frozen_mappings(v) for k, v in item.items()})
        elif hasattr(type(item), "__dataclass_fields__"):
            changes[name] = _frozen_mappings(item)
    return replace(value, **changes) if changes else value
