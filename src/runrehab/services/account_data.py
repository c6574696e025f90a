"""My data: everything a runner has stored, as JSON or CSV, and deleting it all."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Any

from runrehab.domain.log import CheckIn, ExerciseLog, RunLog
from runrehab.services.ports import UnitOfWork

CSV_COLUMNS = (
    "episode",
    "date",
    "type",
    "id",
    "exercise",
    "sets",
    "reps",
    "hold_s",
    "load_kg",
    "pain",
    "minutes",
    "distance_km",
    "pain_during",
    "pain_after",
    "hills",
    "speedwork",
    "monitoring_pain",
    "muscle_soreness",
    "pain_rest",
    "decision",
    "note",
)


def export(runner_id: str, email: str, uow: UnitOfWork) -> dict[str, Any]:
    with uow:
        episodes = []
        for episode_id in uow.accounts.episode_ids(runner_id):
            episode = uow.episodes.get(episode_id)
            decisions = uow.logs.decisions(episode_id)
            episodes.append(
                {
                    "id": episode_id,
                    "started_on": episode.started_on.isoformat(),
                    "answers": asdict(episode.answers)
                    | {"aggravators": sorted(episode.answers.aggravators)},
                    "entries": [
                        _entry(e) | {"decision": decisions.get(e.id)}
                        for e in uow.logs.entries(episode_id)
                    ],
                    "plan_versions": [
                        asdict(v)
                        | {
                            "created_at": v.created_at.isoformat(),
                            "effective_on": v.effective_on.isoformat(),
                        }
                        for v in uow.plans.versions(episode_id)
                    ],
                    "questionnaires": [
                        asdict(s) | {"on": s.on.isoformat()}
                        for s in uow.questionnaires.scores(episode_id)
                    ],
                    "pauses": [
                        {
                            "paused_on": p.isoformat(),
                            "resumed_on": r.isoformat() if r else None,
                            "reason": why,
                        }
                        for p, r, why in uow.accounts.pauses(episode_id)
                    ],
                }
            )
        race = uow.accounts.race(runner_id)
        imported = uow.activities.listed(runner_id, limit=1_000_000)
        seen = uow.access_log.of_runner(runner_id, limit=1_000_000)
        consents = uow.access_log.consents(runner_id)
    return {
        "email": email,
        "episodes": episodes,
        "activities": imported,
        "access_log": seen,
        "consents": consents,
        "race_result": None
        if race is None
        else {
            "distance_m": race[0],
            "duration_s": race[1],
            "raced_on": race[2].isoformat() if race[2] else None,
        },
    }


def _entry(entry: ExerciseLog | RunLog | CheckIn) -> dict[str, Any]:
    data = asdict(entry)
    data["date"] = data.pop("on").isoformat()
    data["type"] = {ExerciseLog: "exercise", RunLog: "run", CheckIn: "checkin"}[type(entry)]
    if isinstance(entry, CheckIn):
        data["red_flags"] = sorted(entry.red_flags)
    return data


def export_csv(data: dict[str, Any]) -> str:
    """Every log entry as one CSV row (spreadsheet-friendly); the JSON export has the rest."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for episode in data["episodes"]:
        for entry in episode["entries"]:
            decision = (entry.get("decision") or {}).get("decision")
            writer.writerow({**entry, "episode": episode["id"], "decision": decision})
    return out.getvalue()
