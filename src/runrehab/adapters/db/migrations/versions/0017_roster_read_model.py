"""The roster's read model holds everything a roster row shows and orders by, so a page of the
roster reads no log: the questionnaire drop, the last imported run over the 30-day cap, this
plan's session days and the first plan's days as bit sets anchored at a day number, the
standing part of the attention score, and the episode's start and condition (so the roster's
scan reads no episode row). Existing runners are backfilled from their rows.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

from runrehab.domain.activity import RUN_SPORTS
from runrehab.domain.attention import failed_checks
from runrehab.domain.load import Run, spike
from runrehab.knowledge.loader import load_knowledge_base

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

DAYS_KEPT = 63
WATCH_SPIKE_DAYS = 7
SPIKE_WINDOW_DAYS = 30

_status = sa.table(
    "runner_status",
    sa.column("runner_id", sa.String()),
    sa.column("episode_id", sa.String()),
    sa.column("verdict", sa.String()),
    sa.column("last_decision", sa.String()),
    sa.column("red_flag", sa.Boolean()),
    sa.column("recent_checks", sa.JSON()),
    sa.column("spike_flag", sa.Boolean()),
    sa.column("questionnaire_drop", sa.Float()),
    sa.column("watch_spike_on", sa.Date()),
    sa.column("done_through_day", sa.Integer()),
    sa.column("done_days", sa.BigInteger()),
    sa.column("plan_from_day", sa.Integer()),
    sa.column("plan_days", sa.BigInteger()),
    sa.column("attention", sa.Integer()),
    sa.column("started_on", sa.Date()),
    sa.column("condition", sa.String()),
)
_episodes = sa.table(
    "episodes",
    sa.column("id", sa.String()),
    sa.column("previous_episode_id", sa.String()),
    sa.column("started_on", sa.Date()),
    sa.column("condition_id", sa.String()),
    sa.column("assessment", sa.JSON()),
)
_scores = sa.table(
    "questionnaire_responses",
    sa.column("episode_id", sa.String()),
    sa.column("questionnaire", sa.String()),
    sa.column("answered_on", sa.Date()),
    sa.column("score", sa.Float()),
    sa.column("recorded_at", sa.DateTime(timezone=True)),
)
_runs = sa.table(
    "run_logs",
    sa.column("id", sa.String()),
    sa.column("episode_id", sa.String()),
    sa.column("logged_on", sa.Date()),
    sa.column("distance_km", sa.Float()),
)
_exercises = sa.table(
    "exercise_logs", sa.column("episode_id", sa.String()), sa.column("logged_on", sa.Date())
)
_versions = sa.table(
    "plan_versions",
    sa.column("id", sa.Integer()),
    sa.column("episode_id", sa.String()),
    sa.column("version", sa.Integer()),
)
_planned = sa.table(
    "planned_sessions",
    sa.column("plan_version_id", sa.Integer()),
    sa.column("session_date", sa.Date()),
    sa.column("kind", sa.String()),
)
_activities = sa.table(
    "activities",
    sa.column("id", sa.String()),
    sa.column("runner_id", sa.String()),
    sa.column("sport", sa.String()),
    sa.column("local_date", sa.Date()),
    sa.column("distance_m", sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table("runner_status", schema=None) as batch_op:
        batch_op.add_column(sa.Column("questionnaire_drop", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("watch_spike_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("done_through_day", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("done_days", sa.BigInteger(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(sa.Column("plan_from_day", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("plan_days", sa.BigInteger(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(
            sa.Column("attention", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("condition", sa.String(length=64), nullable=True))
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("runner_status", schema=None) as batch_op:
        for name in (
            "condition",
            "started_on",
            "attention",
            "plan_days",
            "plan_from_day",
            "done_days",
            "done_through_day",
            "watch_spike_on",
            "questionnaire_drop",
        ):
            batch_op.drop_column(name)


def _backfill(bind: Any) -> None:
    """Each runner's new columns from their stored rows, as the use cases would have kept them."""
    statuses = list(bind.execute(sa.select(_status)))
    if not statuses:
        return
    drops = _drops(bind)
    done = _done_days(bind)
    planned = _plan_days(bind)
    spikes = _watch_spikes(bind, {s.runner_id: s.episode_id for s in statuses})
    episodes = _starts_and_conditions(bind)
    updates = []
    for s in statuses:
        through, days = done.get(s.episode_id, (None, 0))
        start, plan = planned.get(s.episode_id, (None, 0))
        drop = drops.get(s.episode_id)
        checks = tuple(bool(c) for c in s.recent_checks)
        updates.append(
            {
                "id": s.runner_id,
                "questionnaire_drop": drop,
                "watch_spike_on": spikes.get(s.runner_id),
                "done_through_day": through,
                "done_days": days,
                "plan_from_day": start,
                "plan_days": plan,
                "attention": failed_checks(checks),  # a score before 0020
                "started_on": episodes[s.episode_id][0],
                "condition": episodes[s.episode_id][1],
            }
        )
    statement = (
        sa.update(_status)
        .where(_status.c.runner_id == sa.bindparam("id"))
        .values({k: sa.bindparam(k) for k in updates[0] if k != "id"})
    )
    bind.execute(statement, updates)


def _starts_and_conditions(bind: Any) -> dict[str, tuple[date, str | None]]:
    """Each episode's first day and condition: the plan's, or for a referral the likeliest one
    its assessment names."""
    query = sa.select(
        _episodes.c.id, _episodes.c.started_on, _episodes.c.condition_id, _episodes.c.assessment
    )
    found = {}
    for episode, started_on, condition, assessment in bind.execute(query):
        likely = (assessment or {}).get("likely_conditions") or [{}]
        found[episode] = (started_on, condition or likely[0].get("id"))
    return found


def _chains(bind: Any) -> dict[str, list[str]]:
    """Each episode with those it continues, oldest first."""
    previous = dict(bind.execute(sa.select(_episodes.c.id, _episodes.c.previous_episode_id)).all())
    chains: dict[str, list[str]] = {}
    for episode in previous:
        chain, current = [], episode
        while current is not None and current not in chain:
            chain.append(current)
            current = previous.get(current)
        chains[episode] = chain[::-1]
    return chains


def _drops(bind: Any) -> dict[str, float]:
    """The largest drop of a questionnaire's last score below its previous one, per episode over
    its chain."""
    query = sa.select(
        _scores.c.episode_id, _scores.c.questionnaire, _scores.c.answered_on, _scores.c.score
    ).order_by(_scores.c.answered_on, _scores.c.recorded_at)
    by_episode: defaultdict[str, list[tuple[str, date, float]]] = defaultdict(list)
    for episode, name, on, score in bind.execute(query):
        by_episode[episode].append((name, on, score))
    found: dict[str, float] = {}
    for episode, chain in _chains(bind).items():
        last: defaultdict[str, list[float]] = defaultdict(list)
        scores = sorted((s for e in chain for s in by_episode.get(e, [])), key=lambda s: s[1])
        for name, _, score in scores:
            last[name].append(score)
        drops = [v[-2] - v[-1] for v in last.values() if len(v) >= 2 and v[-1] < v[-2]]
        if drops:
            found[episode] = max(drops)
    return found


def _done_days(bind: Any) -> dict[str, tuple[int, int]]:
    """Per episode: the day number of its last session, and its session days of the DAYS_KEPT
    before as bits (bit i: that day - i)."""
    sessions = sa.union(
        sa.select(_runs.c.episode_id, _runs.c.logged_on),
        sa.select(_exercises.c.episode_id, _exercises.c.logged_on),
    ).subquery()
    days: defaultdict[str, list[int]] = defaultdict(list)
    for episode, on in bind.execute(sa.select(sessions)):
        days[episode].append(on.toordinal())
    found = {}
    for episode, ordinals in days.items():
        through = max(ordinals)
        ages = {through - d for d in ordinals if through - d < DAYS_KEPT}
        found[episode] = (through, sum(1 << age for age in ages))
    return found


def _plan_days(bind: Any) -> dict[str, tuple[int, int]]:
    """Per episode: the day number of its first plan's first day, and that plan's days with a
    session (not rest) as bits from it."""
    query = sa.select(_versions.c.episode_id, _planned.c.session_date, _planned.c.kind).join(
        _versions, _versions.c.id == _planned.c.plan_version_id
    )
    sessions: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for episode, on, kind in bind.execute(query.where(_versions.c.version == 1)):
        sessions[episode].append((on.toordinal(), kind))
    found = {}
    for episode, days in sessions.items():
        start = min(d for d, _ in days)
        offsets = {d - start for d, kind in days if kind != "rest" and d - start < DAYS_KEPT}
        found[episode] = (start, sum(1 << offset for offset in offsets))
    return found


def _watch_spikes(bind: Any, episode_of: dict[str, str]) -> dict[str, date]:
    """The latest run from the watch of the last WATCH_SPIKE_DAYS, not scored yet, over the cap
    of the runner's runs of the 30 days before (the knowledge base is only loaded when some
    runner has such a run)."""
    since = date.today() - timedelta(days=WATCH_SPIKE_DAYS - 1)
    scored = sa.select(_runs.c.id).where(_runs.c.id == sa.literal("activity-") + _activities.c.id)
    imported = sa.select(
        _activities.c.runner_id, _activities.c.local_date, _activities.c.distance_m
    ).where(_activities.c.sport.in_(RUN_SPORTS))
    recent = list(
        bind.execute(imported.where(_activities.c.local_date >= since, ~sa.exists(scored)))
    )
    if not recent:
        return {}
    ratio = load_knowledge_base().dosage.single_run_cap
    first = since - timedelta(days=SPIKE_WINDOW_DAYS)
    history: defaultdict[str, list[Run]] = defaultdict(list)
    for runner, on, metres in bind.execute(imported.where(_activities.c.local_date >= first)):
        history[runner].append(Run(on, metres / 1000, 0.0))
    runner_of = {episode: runner for runner, episode in episode_of.items()}
    logged = sa.select(_runs.c.episode_id, _runs.c.logged_on, _runs.c.distance_km).where(
        _runs.c.logged_on >= first
    )
    for episode, on, km in bind.execute(logged):
        if km and episode in runner_of:
            history[runner_of[episode]].append(Run(on, km, 0.0))
    found: dict[str, date] = {}
    for runner, on, metres in recent:
        if runner in episode_of and spike(history[runner], on, metres / 1000, ratio).over:
            found[runner] = max(on, found.get(runner, on))
    return found
