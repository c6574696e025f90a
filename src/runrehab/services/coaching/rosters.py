"""The coach's roster: every runner who granted access, most in need of attention first, a page
at a time.

The order, the filters and the page come from one query over the runners' status read model
(`services/status.py` keeps it current in each entry's, import's and questionnaire's own
transaction); only the page's runners are then read further (their 28 days of sessions, their
runs from the watch not scored yet, the sources of their red flags), so a page costs the same
whatever the roster's size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from runrehab.domain.attention import RosterFacts, attention
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.records import RosterSearch
from runrehab.services.accounts import Account
from runrehab.services.coaching.access import require_coach
from runrehab.services.coaching.red_flags import fired_flags
from runrehab.services.ports import UnitOfWork
from runrehab.services.status import watch_spike

WINDOW = timedelta(days=14)
SPARK_DAYS = 28
PAGE = 50
EVERYONE = RosterSearch()


@dataclass(frozen=True, slots=True)
class RosterPage:
    """A page of rows and the cursor of the next one (None on the last page): the last row's
    score and email, as `after` takes it back."""

    rows: list[dict[str, Any]]
    next: str | None


def cursor(after: str) -> tuple[int, str]:
    """`after` ("score:email", as `RosterPage.next` gives it) as the (score, email) it names;
    ValueError when it is not one."""
    score, _, email = after.partition(":")
    if not email or not score.isdigit():
        raise ValueError(f"not a roster cursor: {after!r}")
    return int(score), email


def roster(
    coach: Account,
    today: date,
    kb: KnowledgeBase,
    uow: UnitOfWork,
    search: RosterSearch = EVERYONE,
    limit: int = PAGE,
) -> RosterPage:
    """A page of the runners who granted access, most in need of attention first, each with the
    reasons; `search.text` also finds a condition by its name or body region. A fixed number of
    queries whatever the roster's size."""
    require_coach(coach, uow)
    if search.text:
        search = _with_conditions(search, kb)
    first = today - timedelta(days=SPARK_DAYS - 1)
    with uow:
        rows = uow.coaching.roster_page(coach.user_id, today, search, limit + 1, kb.triage)
        page = rows[:limit]
        episodes = [r["status"].episode_id for r in page]
        continued = uow.continuity.continued_by(episodes)  # a re-assessment keeps the charts
        days = uow.coaching.session_days([*episodes, *continued], first, today)
        episode_of = {r["status"].runner_id: r["status"].episode_id for r in page}
        imported = uow.coaching.unscored_runs(list(episode_of), first, today)
        flagged = uow.coaching.red_flag_sources(
            [r["status"].episode_id for r in page if r["status"].red_flag]
        )
    latest = [(continued.get(e, e), day, worst, distance) for e, day, worst, distance in days]
    pain, km = _activity(latest, first)
    for runner, day, distance in imported:  # not scored yet: km only, no pain, no adherence
        km[episode_of[runner]][(day - first).days // 7] += distance
    listed = [_row(r, pain, km, today, kb) for r in page]
    for row in listed:
        condition = kb.conditions.get(row["condition"] or "")
        row["condition_name"] = condition.name if condition else None
        source = flagged.get(row["episode_id"])
        row["red_flags"] = fired_flags(source, kb) if source else []
    last = page[-1] if len(rows) > limit else None
    return RosterPage(listed, None if last is None else f"{last['score']}:{last['email']}")


def _with_conditions(search: RosterSearch, kb: KnowledgeBase) -> RosterSearch:
    """The search with the conditions whose name or body region holds its text."""
    text = (search.text or "").lower()
    found = tuple(
        slug
        for slug, condition in kb.conditions.items()
        if text
        in f"{condition.name} {' '.join(sorted(condition.regions))}".replace("_", " ").lower()
    )
    return RosterSearch(search.text, found, search.needs_attention, search.after)


def _activity(
    days: list[tuple[str, date, int, float]], first: date
) -> tuple[dict[str, list[int | None]], dict[str, list[float]]]:
    """From (episode, day, worst pain, km) rows of the SPARK_DAYS days from `first`: per episode
    the worst pain of each day (None on a day without a session) and the km of each week
    (oldest first)."""
    pain: defaultdict[str, list[int | None]] = defaultdict(lambda: [None] * SPARK_DAYS)
    km: defaultdict[str, list[float]] = defaultdict(lambda: [0.0] * (SPARK_DAYS // 7))
    for episode, day, worst, distance in days:
        offset = (day - first).days
        before = pain[episode][offset]  # a day of a re-assessment can hold both episodes
        pain[episode][offset] = worst if before is None else max(before, worst)
        km[episode][offset // 7] += distance
    return pain, km


def _row(
    r: dict[str, Any],
    pain: dict[str, list[int | None]],
    km: dict[str, list[float]],
    today: date,
    kb: KnowledgeBase,
) -> dict[str, Any]:
    s = r["status"]
    adherence = min(1.0, r["done"] / r["planned"]) if r["planned"] else None
    facts = RosterFacts(
        red_flag=s.red_flag,
        referred=s.referred,
        recent_checks=tuple(s.recent_checks),
        last_checkin_on=s.last_checkin_on,
        started_on=r["started_on"],
        adherence=adherence,
        spike=s.spike_flag or watch_spike(s, today),
        questionnaire_drop=s.questionnaire_drop,
        unread=r["unread"],
    )
    need = attention(facts, today, kb.triage)
    return {
        "runner_id": s.runner_id,
        "episode_id": s.episode_id,
        "email": r["email"],
        "name": r["name"],
        "condition": r["condition"],
        "stage": s.stage,
        "verdict": s.verdict,
        "attention": {
            "score": need.score,
            "reasons": [r.says for r in need.reasons],
            "action": need.action,
            "why": [asdict(r) for r in need.reasons],
        },
        "adherence_14d": None if adherence is None else round(adherence * 100),
        "last_pain": s.last_pain,
        "last_morning_pain": s.last_morning_pain,
        "last_activity_on": s.last_activity_on.isoformat() if s.last_activity_on else None,
        "failed_checks": sum(not p for p in s.recent_checks),
        "unread": facts.unread,
        "pain_28d": pain.get(s.episode_id, [None] * SPARK_DAYS),
        "weekly_km_4w": km.get(s.episode_id, [0.0] * 4),
    }
