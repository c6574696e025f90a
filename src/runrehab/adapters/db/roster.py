"""One page of the coach's roster in one query: the runners ordered by their attention score,
computed in SQL from the status read model alone (no log is read), then by email; keyset paging
from the last row's (score, email).

The score adds `domain.attention.WEIGHTS` for each triage reason a runner reaches under the
knowledge base's thresholds (bound per request, so a changed `triage.yaml` needs no data
migration): a red flag or referral, failed checks (the count `RunnerStatusRow.attention` stores),
a run over the spike cap (the engine's, or one from the watch in the last week), a questionnaire
drop, days without a check-in, adherence over 14 days (bit sets of session days and planned days,
counted with integer shifts that SQLite and PostgreSQL share). A test holds the SQL score equal to
`domain.attention.attention` for the facts it reads back."""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Integer,
    Select,
    String,
    Subquery,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from runrehab.adapters.db.repositories import status_of
from runrehab.adapters.db.tables import (
    CoachAccessRow,
    MessageRow,
    RunnerStatusRow,
    UserRow,
)
from runrehab.domain.attention import (
    ADHERENCE_DAYS,
    RED_FLAG_WEIGHT,
    WEIGHTS,
    TriageRule,
    rules_by_reason,
)
from runrehab.domain.records import RosterSearch
from runrehab.services.status import DAYS_KEPT, WATCH_SPIKE_DAYS

WINDOW = 14  # adherence days, today included
# The reasons whose threshold SQL compares as a number (a red flag or referral has none that
# matters; days without a check-in compare as the last date that reaches it).
NUMBERS = ("failed_pain_checks", "run_over_spike_cap", "worsening_questionnaire", "low_adherence")


def roster_page(
    session: Session,
    coach_user_id: str,
    today: date,
    search: RosterSearch,
    limit: int,
    triage: tuple[TriageRule, ...],
) -> list[dict[str, Any]]:
    """Up to `limit` rows after `search.after`, most in need first: each with its status, email,
    display name, start, condition, unread count, session and planned days of the last 14 and its
    score under the `triage` thresholds; `search.needs_attention` keeps the rows that reach one."""
    scored = _scored()
    query = select(scored).order_by(scored.c.score.desc(), scored.c.email).limit(limit)
    values: dict[str, Any] = {"coach": coach_user_id, **_days(today), **_thresholds(today, triage)}
    if search.text:
        query = query.where(
            or_(
                func.lower(scored.c.email).like(bindparam("pattern"), escape="/"),
                func.lower(scored.c.display_name).like(bindparam("pattern"), escape="/"),
                scored.c.condition.in_(bindparam("conditions", expanding=True)),
            )
        )
        escaped = "".join(f"/{c}" if c in "/%_" else c for c in search.text.lower())
        values |= {"pattern": f"%{escaped}%", "conditions": list(search.conditions) or [""]}
    if search.needs_attention:
        query = query.where(scored.c.score > 0)
    if search.after is not None:
        last_score = bindparam("last_score", type_=Integer)
        last_email = bindparam("last_email", type_=String)
        query = query.where(
            or_(
                scored.c.score < last_score,
                and_(scored.c.score == last_score, scored.c.email > last_email),
            )
        )
        values |= dict(zip(("last_score", "last_email"), search.after, strict=True))
    return [_row(row) for row in session.execute(query, values)]


@cache
def _scored() -> Subquery:
    """The coach's runners with their score, built once (a tree of some hundred operators took
    longer to build than to run) and bound per request: `coach`, the day numbers and dates of
    `_days` and the thresholds of `_thresholds`."""
    c = _counted().subquery().c
    threshold = {name: bindparam(name, type_=Float) for name in NUMBERS}
    spiked = case((or_(c.spike_flag, c.watch_spike_on > bindparam("spike_since", type_=Date)), 1))
    reached = {
        "red_flag_or_referral": or_(
            c.red_flag, c.verdict == "SEE_CLINICIAN", c.last_decision == "refer"
        ),
        "failed_pain_checks": c.attention >= threshold["failed_pain_checks"],
        "run_over_spike_cap": func.coalesce(spiked, 0) >= threshold["run_over_spike_cap"],
        "worsening_questionnaire": and_(
            c.questionnaire_drop > 0,
            c.questionnaire_drop >= threshold["worsening_questionnaire"],
        ),
        "no_checkin": func.coalesce(c.last_checkin_on, c.started_on)
        <= bindparam("no_checkin", type_=Date),
        "low_adherence": and_(
            c.planned > 0,
            c.started_on <= bindparam("adherence_since", type_=Date),
            cast(c.done, Float) / cast(c.planned, Float) < threshold["low_adherence"],
        ),
    }
    score: ColumnElement[int] = case((c.red_flag, RED_FLAG_WEIGHT), else_=0)
    for name, hit in reached.items():
        score = score + case((hit, WEIGHTS[name]), else_=0)
    return select(*c, score.label("score")).subquery()


def _thresholds(today: date, triage: tuple[TriageRule, ...]) -> dict[str, Any]:
    """The values `_scored` binds for the thresholds: numbers, and for days without a check-in
    the last day of a check-in that reaches it."""
    rule = rules_by_reason(triage)
    quiet = today - timedelta(days=math.ceil(rule["no_checkin"].threshold))
    return {**{name: float(rule[name].threshold) for name in NUMBERS}, "no_checkin": quiet}


def _days(today: date) -> dict[str, Any]:
    """The values the day binds: day numbers for the bit sets, dates for the rest."""
    return {
        "today_day": today.toordinal(),
        "window_day": today.toordinal() - WINDOW + 1,
        "spike_since": today - timedelta(days=WATCH_SPIKE_DAYS),
        "adherence_since": today - timedelta(days=ADHERENCE_DAYS),
    }


def _row(row: Any) -> dict[str, Any]:
    return {
        "status": status_of(row),
        "email": row.email,
        "name": row.display_name,
        "started_on": row.started_on,
        "condition": row.condition,
        "unread": int(row.unread),
        "done": int(row.done),
        "planned": int(row.planned),
        "score": int(row.score),
    }


def _counted() -> Select[Any]:
    """The coach's runners with their status, the columns the score needs, and the session and
    planned days of the last WINDOW days counted from the bit sets."""
    status, coach = RunnerStatusRow, bindparam("coach", type_=String)
    unread = (
        select(MessageRow.runner_id, func.count().label("n"))
        .where(
            MessageRow.coach_user_id == coach,
            MessageRow.from_coach.is_(False),
            MessageRow.read_at.is_(None),
        )
        .group_by(MessageRow.runner_id)
        .subquery()
    )
    windowed = (
        select(
            *[c for c in status.__table__.c],
            UserRow.email,
            UserRow.display_name,
            func.coalesce(unread.c.n, 0).label("unread"),
            _done_window().label("done_w"),
            _plan_window().label("plan_w"),
        )
        .join(
            CoachAccessRow,
            and_(
                CoachAccessRow.runner_id == status.runner_id,
                CoachAccessRow.coach_user_id == coach,
                CoachAccessRow.revoked_at.is_(None),
            ),
        )
        .join(UserRow, UserRow.runner_id == status.runner_id)
        .outerjoin(unread, unread.c.runner_id == status.runner_id)
    )
    inner = windowed.subquery()
    unplanned = inner.c.plan_w == 0  # most runners past their first plan: nothing to count
    return select(
        inner,
        case((unplanned, 0), else_=_ones(inner.c.done_w)).label("done"),
        case((unplanned, 0), else_=_ones(inner.c.plan_w)).label("planned"),
    )


def _done_window() -> ColumnElement[int]:
    """The session days of the last WINDOW days as bits (bit j: `today` - j): the stored bits
    (bit i: `done_through` - i) shifted by the days since `done_through`."""
    status = RunnerStatusRow
    shift = bindparam("today_day", type_=Integer) - status.done_through_day
    mask = (1 << WINDOW) - 1
    return case(
        (status.done_through_day.is_(None), 0),
        (or_(shift >= WINDOW, shift <= -DAYS_KEPT), 0),
        (shift >= 0, status.done_days.op("<<")(shift).op("&")(mask)),
        else_=status.done_days.op(">>")(-shift).op("&")(mask),
    )


def _plan_window() -> ColumnElement[int]:
    """The first plan's days of the last WINDOW days as bits (bit j: `today` - WINDOW + 1 + j):
    the stored bits (bit i: `plan_from` + i) shifted to the window's first day."""
    status = RunnerStatusRow
    offset = bindparam("window_day", type_=Integer) - status.plan_from_day
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
