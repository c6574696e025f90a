"""The demo `make run` seeds: a runner six weeks into rehab (with a flare-up and the plan changes
it caused), a second runner just starting, and a coach whose clinic roster mixes hamstring,
Achilles, heel, knee and shin runners. Idempotent: an existing demo account is left alone."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from runrehab.domain.errors import ConflictError
from runrehab.domain.intake import SCREENING_KEYS, IntakeAnswers, ReadinessTests
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.domain.log import CheckIn, Entry, ExerciseLog, RunLog
from runrehab.domain.profile import RunnerProfile
from runrehab.domain.records import UserRecord
from runrehab.schemas.answers import parse_answers
from runrehab.services import accounts, assessment_templates, assignments, coaching
from runrehab.services.episodes import RunnerId, start_episode
from runrehab.services.ports import Clock, UnitOfWork
from runrehab.services.progress import log_entry

DEMO_LOGINS = (
    ("runner@example.com", "demo-runner-1"),
    ("new@example.com", "demo-runner-2"),
    ("coach@example.com", "demo-coach-1"),
)
CLINIC_RUNNERS = 28  # plus the two demo runners: a roster of 30
# The clinic runners who need the coach today (the roster's "needs attention"): runner 0 screens
# a red flag at the assessment, FLARING fail their pain checks in the last week, QUIET stopped
# logging 13 days ago; everyone else logs every other day with their pain in check. FLARING maps a
# runner to the day their flare starts: three failed checks (runner 5) refer, two do not.
FLARING = {5: 16, 15: 18}
QUIET = (6, 18)
# Display names for the clinic's runners, so the roster shows names as real ones do.
FIRST_NAMES = ("Ana", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace")
LAST_NAMES = ("Lima", "Okafor", "Nguyen", "Schmidt")


def _clinic_name(n: int) -> str:
    """A distinct name for each of the first 28 clinic runners."""
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    return f"{first} {LAST_NAMES[n // len(FIRST_NAMES) % len(LAST_NAMES)]}"


SCREEN = {key: key == "can_walk_normally" for key in SCREENING_KEYS}  # nothing alarming
PHT = {
    "region": "buttock_sit_bone",
    "side": "right",
    "onset": "gradual",
    "days_since_onset": 56,
    **SCREEN,
    "weekly_km_now": 20,
    "weekly_km_before_injury": 40,
    "longest_run_30d_km": 8,
    "pain_rest": 1,
    "pain_during_run": 3,
    "baseline_morning_pain": 2,
    "morning_trend": "stable",
    "aggravators": ["sitting", "hills"],
}


BANDS = RunnerProfile(equipment="bands")


def _answers(raw: dict[str, object]) -> IntakeAnswers:
    """The demo's answers, written as an answers file is, parsed as one."""
    return parse_answers(raw, "demo answers")


# The clinic's runners rotate through these, so the roster shows the conditions side by side.
CLINIC_CASES: tuple[dict[str, object], ...] = (
    PHT,
    {
        **PHT,
        "region": "achilles",
        "aggravators": ["long_runs"],
        "morning_stiffness_min": 20,
        "hop_pain": 3,
    },
    {
        **PHT,
        "region": "heel",
        "aggravators": ["first_steps"],
        "morning_first_steps_pain": 5,
        "hop_pain": 1,
    },
    {
        **PHT,
        "region": "outer_knee",
        "aggravators": ["downhill", "long_runs"],
        "noble_test_positive": True,
        "distance_to_symptom_onset_km": 5,
    },
    {
        **PHT,
        "region": "shin",
        "aggravators": ["long_runs"],
        "tender_strip_length_cm": 8,
        "hop_pain": 1,
    },
)


def seed_demo(
    today: date, kb: KnowledgeBase, hasher: accounts.Hasher, uow: UnitOfWork, clock: Clock
) -> bool:
    """True when the demo was created now, False when it was already there."""
    try:
        first = accounts.create_account(DEMO_LOGINS[0][0], DEMO_LOGINS[0][1], hasher, uow, clock)
    except ConflictError:
        return False
    start = today - timedelta(weeks=6)
    episode = start_episode(RunnerId(first.runner_id), _answers(PHT), BANDS, start, kb, uow, clock)
    for entry in six_weeks(start):
        log_entry(episode.episode_id, entry, kb, uow, clock)
    second = accounts.create_account(DEMO_LOGINS[1][0], DEMO_LOGINS[1][1], hasher, uow, clock)
    _seed_clinic(today, [first, second], kb, hasher, uow, clock)
    start_episode(
        RunnerId(second.runner_id),
        _answers({**PHT, "days_since_onset": 14, "weekly_km_now": 0, "pain_during_run": None}),
        None,
        today,
        kb,
        uow,
        clock,
    )
    return True


def six_weeks(start: date) -> list[Entry]:
    """A realistic log: morning checks, strength every other day, easy runs; a flare in week 3
    (a hilly run, then a worse morning) and a steady recovery after it."""
    entries: list[Entry] = []
    for day in range(42):
        on = start + timedelta(days=day)
        flare = day == 17
        entries.append(
            CheckIn(
                f"demo-c{day}",
                on,
                4 if flare else (2 if day < 24 else 1),
                pain_rest=1 if day < 28 else 0,
                tests=_tests(day),
            )
        )
        if day % 2 == 0:
            reps = 6 + 2 * min(day // 4, 2)
            entries.append(
                ExerciseLog(
                    f"demo-e{day}",
                    on,
                    "single_leg_bridge",
                    1 + min(day // 10, 2),
                    reps,
                    None,
                    0.0,
                    2,
                )
            )
            entries.append(
                ExerciseLog(
                    f"demo-h{day}",
                    on,
                    "hamstring_slides",
                    1 + min(day // 10, 2),
                    reps,
                    None,
                    0.0,
                    1,
                )
            )
        elif day % 7 in (1, 3, 5):
            hills = day == 16
            entries.append(
                RunLog(
                    f"demo-r{day}", on, 40, 6.0, 5 if hills else 2, 4 if hills else 1, hills, False
                )
            )
    return entries


def _tests(day: int) -> ReadinessTests:
    return ReadinessTests(drop_lunge_pain_free=True) if day >= 30 else ReadinessTests()


def _seed_clinic(
    today: date,
    demo_runners: list[accounts.Account],
    kb: KnowledgeBase,
    hasher: accounts.Hasher,
    uow: UnitOfWork,
    clock: Clock,
) -> None:
    """A coach with 30 runners in varied states: one red flag, two flare-ups, two gone quiet."""
    coach = accounts.create_account(DEMO_LOGINS[2][0], DEMO_LOGINS[2][1], hasher, uow, clock)
    coaching.become_coach(coach, "Sam Demo-Coach", "Demo Running Clinic", uow, clock)
    shared_hash = hasher.hash(
        "demo-clinic-runner"
    )  # one hash for all: the clinic runners never log in
    for runner in demo_runners:
        _grant(coach, runner, uow, clock)
    assessment_templates.save_template(
        coach, "PHT follow-up: sitting and hills hurt", _FOLLOW_UP, uow, clock
    )
    assignments.assign(
        coach, demo_runners[0].runner_id, "visa_h", 14, today - timedelta(days=16), kb, uow, clock
    )
    for n in range(CLINIC_RUNNERS):
        runner_id = uuid.uuid4().hex
        with uow:
            uow.episodes.add_runner(runner_id, f"clinic-runner-{n}", clock())
            uow.accounts.add_user(
                UserRecord(
                    uuid.uuid4().hex,
                    f"runner{n:02d}@clinic.example",
                    shared_hash,
                    runner_id,
                    _clinic_name(n),
                ),
                clock(),
            )
            uow.commit()
        case = CLINIC_CASES[n % len(CLINIC_CASES)]
        answers = {**case, "saddle_numbness": n == 0, "days_since_onset": 30 + n}
        start = today - timedelta(days=21)
        started = start_episode(RunnerId(runner_id), _answers(answers), None, start, kb, uow, clock)
        _grant(coach, accounts.Account("", runner_id, ""), uow, clock)
        if n and (condition := started.assessment.condition):
            exercise = _first_strength_exercise(kb.conditions[condition].protocol, kb)
            for entry in _three_weeks(start, n, exercise):
                log_entry(started.episode_id, entry, kb, uow, clock)


_FOLLOW_UP = {"region": "buttock_sit_bone", "onset": "gradual", "aggravators": ["sitting", "hills"]}


def _grant(
    coach: accounts.Account, runner: accounts.Account, uow: UnitOfWork, clock: Clock
) -> None:
    with uow:
        uow.coaching.grant(runner.runner_id, coach.user_id, clock())
        uow.commit()


def _first_strength_exercise(protocol: str | None, kb: KnowledgeBase) -> str:
    """The first exercise with repetitions in the protocol: what a clinic runner logs."""
    assert protocol is not None  # a condition with a plan has one
    return next(
        p.exercise
        for stage in kb.protocols[protocol].stages
        for p in stage.prescriptions
        if kb.exercises[p.exercise].dose.reps is not None
    )


def _three_weeks(start: date, n: int, exercise: str) -> list[Entry]:
    """Runner n's log: FLARING flare in the last days, QUIET stopped logging a while ago."""
    last_day = 9 if n in QUIET else 21
    entries: list[Entry] = []
    for day in range(0, last_day, 2):
        on = start + timedelta(days=day)
        flare = day >= FLARING.get(n, last_day)
        entries.append(CheckIn(f"clinic{n}-c{day}", on, 5 if flare else 2))
        entries.append(
            ExerciseLog(
                f"clinic{n}-e{day}",
                on,
                exercise,
                1,
                6 + (day // 6) * 2,
                None,
                0.0,
                5 if flare else 1 + n % 3,
            )
        )
    return entries
