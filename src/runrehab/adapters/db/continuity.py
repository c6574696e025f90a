"""Episodes linked by re-assessment: the chain an episode continues, the progress it carried
over (stored as JSON), and the coach's overrides still in force across it or ended by it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from runrehab.adapters.db.tables import CoachRow, EpisodeRow, PlanOverrideRow
from runrehab.domain.adaptation.overrides import Override


def chain(session: Session, episode_id: str) -> list[str]:
    """The episode and every one it continues, oldest first (one query)."""
    runner = select(EpisodeRow.runner_id).where(EpisodeRow.id == episode_id).scalar_subquery()
    query = select(EpisodeRow.id, EpisodeRow.previous_episode_id).where(
        EpisodeRow.runner_id == runner
    )
    links = {episode: previous for episode, previous in session.execute(query)}
    found: list[str] = []
    current: str | None = episode_id
    while current is not None and current in links and current not in found:
        found.append(current)
        current = links[current]
    return found[::-1] or [episode_id]


def continued_by(session: Session, episodes: list[str]) -> dict[str, str]:
    """Each earlier episode that one of `episodes` continues (at any distance), mapped to the one
    in `episodes` that continues it: one query for a whole roster."""
    if not episodes:
        return {}
    runners = select(EpisodeRow.runner_id).where(EpisodeRow.id.in_(episodes))
    query = select(EpisodeRow.id, EpisodeRow.previous_episode_id).where(
        EpisodeRow.runner_id.in_(runners)
    )
    links = {episode: previous for episode, previous in session.execute(query)}
    earlier: dict[str, str] = {}
    for latest in episodes:
        current = links.get(latest)
        while current is not None and current not in earlier and current != latest:
            earlier[current] = latest
            current = links.get(current)
    return earlier


def _overrides(
    session: Session, episodes: list[str], in_force_only: bool
) -> list[tuple[PlanOverrideRow, str]]:
    """The overrides of `episodes` in the order they were made: only those no re-assessment
    ended, or all of them."""
    query = (
        select(PlanOverrideRow, CoachRow.display_name)
        .join(CoachRow, CoachRow.user_id == PlanOverrideRow.coach_user_id, isouter=True)
        .where(PlanOverrideRow.episode_id.in_(episodes))
        .order_by(PlanOverrideRow.id)
    )
    if in_force_only:
        query = query.where(PlanOverrideRow.ended_on.is_(None))
    return [(o, name or "your coach") for o, name in session.execute(query).all()]


def _override(row: PlanOverrideRow, name: str) -> Override:
    return Override(row.on, row.kind, row.values, row.reason, name)


def overrides_in_force(session: Session, episode_id: str) -> list[tuple[int, Override]]:
    """(id, override) of every override of the episode's chain that no re-assessment ended, in
    the order they were made."""
    in_force = _overrides(session, chain(session, episode_id), in_force_only=True)
    return [(o.id, _override(o, name)) for o, name in in_force]


class ContinuityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def chain(self, episode_id: str) -> list[str]:
        return chain(self.session, episode_id)

    def continued_by(self, episodes: list[str]) -> dict[str, str]:
        return continued_by(self.session, episodes)

    def overrides_in_force(self, episode_id: str) -> list[tuple[int, Override]]:
        return overrides_in_force(self.session, episode_id)

    def end_override(self, override_id: int, on: date, reason: str) -> None:
        row = self.session.get(PlanOverrideRow, override_id)
        if row is not None:
            row.ended_on, row.end_reason = on, reason

    def overrides_of(self, episodes: list[str]) -> list[tuple[Override, date | None, str]]:
        """Every override of `episodes` (an episode's chain) in the order they were made, with
        the day a re-assessment ended it and why, or (None, "") while it is in force (a page
        lists both, and replays those in force, from one query)."""
        return [
            (_override(o, name), o.ended_on, o.end_reason or "")
            for o, name in _overrides(self.session, episodes, in_force_only=False)
        ]

    def started(self, episode_ids: list[str]) -> dict[str, date]:
        query = select(EpisodeRow.id, EpisodeRow.started_on).where(EpisodeRow.id.in_(episode_ids))
        return {episode: on for episode, on in self.session.execute(query)}
