"""The roster's attention order: urgent first, and every row says why."""

from __future__ import annotations

from datetime import date

from runrehab.domain.attention import (
    ADHERENCE_WEIGHT,
    UNREAD_WEIGHT,
    RosterFacts,
    attention,
    quiet_weight,
    standing,
)

TODAY = date(2026, 12, 10)
CALM = RosterFacts(
    red_flag=False,
    referred=False,
    recent_checks=(True,) * 7,
    last_checkin_on=TODAY,
    started_on=date(2026, 11, 1),
    adherence=1.0,
    spike=False,
    questionnaire_drop=None,
    unread=0,
)


def _with(**changes: object) -> RosterFacts:
    from dataclasses import replace

    return replace(CALM, **changes)  # type: ignore[arg-type]


def test_a_calm_runner_needs_no_attention() -> None:
    assert attention(CALM, TODAY).score == 0
    assert attention(CALM, TODAY).reasons == ()


def test_a_red_flag_outranks_everything_else() -> None:
    flagged = attention(_with(red_flag=True), TODAY)
    busy = attention(
        _with(
            recent_checks=(False,) * 3 + (True,) * 4,
            unread=4,
            adherence=0.2,
            last_checkin_on=date(2026, 12, 5),
        ),
        TODAY,
    )
    assert flagged.score > busy.score
    assert flagged.reasons[0] == "Red flag reported"


def test_every_reason_is_spelled_out() -> None:
    result = attention(
        _with(
            recent_checks=(False, True, False),
            unread=2,
            adherence=0.5,
            spike=True,
            questionnaire_drop=12.0,
            last_checkin_on=date(2026, 12, 4),
        ),
        TODAY,
    )
    assert set(result.reasons) == {
        "Pain check failed 2 of the last 3",
        "2 unread messages",
        "Missed planned sessions (50% done in 14 days)",
        "A run more than 10% over the 30-day longest",
        "Questionnaire score dropped 12 points",
        "No check-in for 6 days",
    }


def test_a_red_flag_outranks_a_referral_with_every_other_reason_at_its_worst() -> None:
    flagged = attention(_with(red_flag=True), TODAY)
    worst = attention(
        _with(
            referred=True,
            recent_checks=(False,) * 7,
            spike=True,
            questionnaire_drop=20.0,
            adherence=0.0,
            last_checkin_on=None,
            started_on=date(2026, 9, 1),
            unread=9,
        ),
        TODAY,
    )
    assert flagged.score > worst.score


def test_the_standing_score_is_the_score_without_what_depends_on_the_day_or_the_coach() -> None:
    checks = (False, True, False)
    stored = standing(True, True, checks, True, 12.0)
    dated = _with(
        red_flag=True,
        referred=True,
        recent_checks=checks,
        spike=True,
        questionnaire_drop=12.0,
        last_checkin_on=date(2026, 12, 1),  # 9 quiet days
        adherence=0.1,
        unread=2,
    )
    assert (
        stored == attention(dated, TODAY).score - quiet_weight(9) - ADHERENCE_WEIGHT - UNREAD_WEIGHT
    )


def test_quiet_days_weigh_nothing_before_three_then_grow_to_a_ceiling() -> None:
    assert [quiet_weight(days) for days in range(11)] == [0, 0, 0, 15, 20, 25, 30, 35, 40, 40, 40]
