"""Pause the plan (illness, travel) and resume it, without losing any history.

A pause and a resume are plan versions authored by the runner, so the timeline shows them."""

from __future__ import annotations

from datetime import date

from runrehab.domain.errors import ConflictError
from runrehab.domain.records import PlanVersion
from runrehab.services.ports import Clock, UnitOfWork


def pause(episode_id: str, on: date, reason: str, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        uow.episodes.lock(episode_id)
        if any(end is None for _, end, _ in uow.accounts.pauses(episode_id)):
            raise ConflictError("the plan is already paused")
        uow.accounts.pause(episode_id, on, reason)
        _version(uow, episode_id, on, f"Paused by the runner: {reason}", clock)
        uow.commit()


def resume(episode_id: str, on: date, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        uow.episodes.lock(episode_id)
        if not uow.accounts.resume(episode_id, on):
            raise ConflictError("the plan is not paused")
        _version(
            uow, episode_id, on, "Resumed by the runner: the plan continues where it was.", clock
        )
        uow.commit()


def _version(uow: UnitOfWork, episode_id: str, on: date, reason: str, clock: Clock) -> None:
    version = uow.plans.latest_version(episode_id) + 1
    uow.plans.add_version(
        episode_id, PlanVersion(version, clock(), on, "runner", reason, None, []), []
    )
