"""Print how fast the engine loads its knowledge and answers: `make bench`.

Figures, not pass/fail: knowledge-base load time, assessments per second, and 12-week plans per
second, over a fixed pseudo-random population of runners (seeded, so runs are comparable).
"""

from __future__ import annotations

import random
import time
from datetime import date

from runrehab.domain.assessment import Assessment, assess
from runrehab.domain.intake import AGGRAVATORS, REGIONS, SCREENING_KEYS, IntakeAnswers
from runrehab.domain.planning import build_plan
from runrehab.domain.profile import RunnerProfile
from runrehab.knowledge.loader import load_knowledge_base
from runrehab.schemas.answers import parse_answers

START = date(2026, 11, 30)


NEEDS_ANKLE_ANSWERS = ("ankle", "midfoot")  # the Ottawa rules' questions: not generated here


def _runner(rng: random.Random) -> IntakeAnswers:
    calm = rng.random() < 0.8
    regions = [r for r in REGIONS if r not in NEEDS_ANKLE_ANSWERS]
    raw: dict[str, object] = {
        "region": rng.choice(REGIONS[:3]) if calm else rng.choice(regions),
        "onset": rng.choice(["sudden", "gradual"]),
        "days_since_onset": rng.randint(0, 300),
        **{k: (k == "can_walk_normally") if calm else rng.random() < 0.1 for k in SCREENING_KEYS},
        "weekly_km_now": rng.choice([0, 10, 20, 40]),
        "longest_run_30d_km": rng.choice([None, 5, 10, 16]),
        "pain_rest": rng.randint(0, 6),
        "pain_during_run": rng.randint(0, 6),
        "baseline_morning_pain": rng.randint(0, 4),
        "aggravators": rng.sample(AGGRAVATORS, 2),
    }
    return parse_answers(raw, "bench")


def _timed(label: str, count: int, unit: str, work: object) -> None:
    began = time.perf_counter()
    assert callable(work)
    work()
    elapsed = time.perf_counter() - began
    print(f"{label:<38} {elapsed * 1000:9.1f} ms   {count / elapsed:10.0f} {unit}/s")


def main() -> None:
    began = time.perf_counter()
    kb = load_knowledge_base()
    print(f"{'knowledge base load':<38} {(time.perf_counter() - began) * 1000:9.1f} ms")
    rng = random.Random(2026)
    runners = [_runner(rng) for _ in range(5000)]
    results: list[Assessment] = []
    _timed(
        "assess 5,000 runners",
        5000,
        "assessments",
        lambda: results.extend(assess(r, kb, START) for r in runners),
    )
    pairs = list(zip(runners[:1000], results[:1000], strict=True))
    _timed(
        "build 1,000 plans of 12 weeks",
        1000,
        "plans",
        lambda: [build_plan(a, r, RunnerProfile(), kb, START, 12) for r, a in pairs],
    )


if __name__ == "__main__":
    main()
