"""One page of the coach's roster in one query: the runners ordered by their attention score,
computed in SQL from the status read model alone (no log is read), then by email; keyset paging
from the last row's (score, email).

The score is the stored standing part (`RunnerStatusRow.attention`: red flag, referral, failed
checks, the engine's spike, a questionnaire drop) plus what depends on the day or the coach, from
the same weights `domain.attention` uses: days without a check-in, adherence over 14 days (bit
sets of session days and planned days, counted with integer shifts that SQLite and PostgreSQL
share), a recent run from the watch over the cap, and unread messages. A test holds the SQL score
equal to `domain.attention.attention` for the facts it reads back."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Float, Integer, Select, and_, case, cast, false, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from runrehab.adapters.db.repositories import status_of
from runrehab.adapters.db.tables import (
    CoachAccessRow,
    EpisodeRow,
    MessageRow,
    RunnerStatusRow,
    UserRow,
)
from runrehab.domain.attention import (
    ADHERENCE_WEIGHT,
    LOW_ADHERENCE,
    QUIET_DAYS,
    QUIET_MOST,
    SPIKE_WEIGHT,
    UNREAD_WEIGHT,
    quiet_weight,
)
from runrehab.domain.records import RosterSearch
from runrehab.services.status import DAYS_KEPT, WATCH_SPIKE_DAYS

WINDOW = 14  # adherence days, today included


def roster_page(
    session: Session,
    coach_user_id: str,
    today: date,
    search: RosterSearch,
    limit: int,
) -> list[dict[str, Any]]:
    """Up to `limit` rows after `search.after`, most in need first: each with its status, email,
    start, condition, unread count, session and planned days of the last 14 and its score."""
    counted = _counted(coach_user_id, today, search).subquery()
    score = (
        counted.c.attention
        + _watch_spike(counted.c, today)
        + _adherence(counted.c.done, counted.c.planned)
        + _quiet(func.coalesce(counted.c.last_checkin_on, counted.c.started_on), today)
        + case((counted.c.unread > 0, UNREAD_WEIGHT), else_=0)
    ).label("score")
    scored = select(counted, score).subquery()
    query = select(scored).order_by(scored.c.score.desc(), scored.c.email).limit(limit)
    if search.needs_attention:
        query = query.where(scored.c.score > 0)
    if search.after is not None:
        last_score, last_email = search.after
        query = query.where(
            or_(
                scored.c.score < last_score,
                and_(scored.c.score == last_score, scored.c.email > last_email),
            )
        )
    return [_row(row) for row in session.execute(query)]


def _row(row: Any) -> dict[str, Any]:
    return {
        "status": status_of(row),
        "email": row.email,
        "started_on": row.started_on,
        "condition": row.condition,
        "unread": int(row.unread),
        "done": int(row.done),
        "planned": int(row.planned),
        "score": int(row.score),
    }


def _counted(coach_user_id: str, today: date, search: RosterSearch) -> Select[Any]:
    """The coach's runners with their status, the columns the score needs, and the session and
    planned days of the last WINDOW days counted from the bit sets."""
    status = RunnerStatusRow
    unread = (
        select(MessageRow.runner_id, func.count().label("n"))
        .where(
            MessageRow.coach_user_id == coach_user_id,
            MessageRow.from_coach.is_(False),
            MessageRow.read_at.is_(None),
        )
        .group_by(MessageRow.runner_id)
        .subquery()
    )
    condition = _named_condition()
    windowed = (
        select(
            *[c for c in status.__table__.c],
            UserRow.email,
            EpisodeRow.started_on,
            condition.label("condition"),
            func.coalesce(unread.c.n, 0).label("unread"),
            _done_window(today).label("done_w"),
            _plan_window(today).label("plan_w"),
        )
        .join(
            CoachAccessRow,
            and_(
                CoachAccessRow.runner_id == status.runner_id,
                CoachAccessRow.coach_user_id == coach_user_id,
                CoachAccessRow.revoked_at.is_(None),
            ),
        )
        .join(UserRow, UserRow.runner_id == status.runner_id)
        .join(EpisodeRow, EpisodeRow.id == status.episode_id)
        .outerjoin(unread, unread.c.runner_id == status.runner_id)
    )
    if search.text:
        windowed = windowed.where(
            or_(
                func.lower(UserRow.email).contains(search.text.lower(), autoescape=True),
                condition.in_(search.conditions) if search.conditions else false(),
            )
        )
    inner = windowed.subquery()
    return select(
        inner, _ones(inner.c.done_w).label("done"), _ones(inner.c.plan_w).label("planned")
    )


def _done_window(today: date) -> ColumnElement[int]:
    """The session days of the last WINDOW days as bits (bit j: `today` - j): the stored bits
    (bit i: `done_through` - i) shifted by the days since `done_through`."""
    status = RunnerStatusRow
    shift = literal(today.toordinal()) - status.done_through_day
    mask = (1 << WINDOW) - 1
    return case(
        (status.done_through_day.is_(None), 0),
        (or_(shift >= WINDOW, shift <= -DAYS_KEPT), 0),
        (shift >= 0, status.done_days.op("<<")(shift).op("&")(mask)),
        else_=status.done_days.op(">>")(-shift).op("&")(mask),
    )


def _plan_window(today: date) -> ColumnElement[int]:
    """The first plan's days of the last WINDOW days as bits (bit j: `today` - WINDOW + 1 + j):
    the stored bits (bit i: `plan_from` + i) shifted to the window's first day."""
    status = RunnerStatusRow
    offset = literal(today.toordinal() - WINDOW + 1) - status.plan_from_day
    mask = (1 << WINDOW) - 1
    return case(
        (status.plan_from_day.is_(None), 0),
        (or_(offset >= DAYS_KEPT, offset <= -WINDOW), 0),
        (offset >= 0, status.plan_days.op(">>")(offset).op("&")(mask)),
        else_=status.plan_days.op("<<")(-offset).op("&")(mask),
    )


def _ones(bits: Any) -> ColumnElement[int]:
    """How many of the WINDOW low bits are set (no portable popcount in SQL)."""
    total: ColumnElement[int] = bits.op("&")(1)
    for k in range(1, WINDOW):  # PostgreSQL shifts a bigint by an integer only
        total = total + bits.op(">>")(literal(k, Integer)).op("&")(1)
    return total


def _watch_spike(c: Any, today: date) -> ColumnElement[int]:
    """A run from the watch over the cap in the last week, unless the engine flagged a spike
    already (the standing score counts that one)."""
    recent = c.watch_spike_on > today - timedelta(days=WATCH_SPIKE_DAYS)
    return case((and_(c.spike_flag.is_(False), recent), SPIKE_WEIGHT), else_=0)


def _adherence(done: Any, planned: Any) -> ColumnElement[int]:
    low = cast(done, Float) / cast(planned, Float) < LOW_ADHERENCE
    return case((and_(planned > 0, low), ADHERENCE_WEIGHT), else_=0)


def _quiet(seen: Any, today: date) -> ColumnElement[int]:
    """`domain.attention.quiet_weight` of the days since `seen`, as one CASE over dates: from
    the first day it reaches QUIET_MOST down to QUIET_DAYS."""
    most = QUIET_DAYS
    while quiet_weight(most) < QUIET_MOST:
        most += 1
    whens = [
        (seen <= today - timedelta(days=days), quiet_weight(days))
        for days in range(most, QUIET_DAYS - 1, -1)
    ]
    return case(*whens, else_=0)


def _named_condition() -> Any:
    """The episode's plan condition, or for a referral (no plan condition) the likeliest one the
    assessment names, so the roster still says what the runner probably has."""
    likely = EpisodeRow.assessment["likely_conditions"][0]["id"].as_string()
    return func.coalesce(EpisodeRow.condition_id, likely)
