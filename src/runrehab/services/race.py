"""The runner's race result: the one the pace zones and the training-load page are read from."""

from __future__ import annotations

from datetime import date

from runrehab.domain.pace import RaceResult
from runrehab.services.ports import UnitOfWork


def record_race(runner_id: str, race: RaceResult, raced_on: date | None, uow: UnitOfWork) -> None:
    """Keep `race` as the runner's race, replacing the one before; `raced_on` None when the
    runner did not say when they ran it."""
    with uow:
        uow.accounts.set_race(runner_id, race.distance_m, race.duration_s, raced_on)
        uow.commit()
