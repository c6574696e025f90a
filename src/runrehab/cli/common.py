"""Shared CLI pieces: consoles, option types, dates, and the database a command works on.

Light by design: every command module imports it to declare its options, so what it needs at
run time (schemas, the database) is imported inside the function that needs it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from runrehab.cli.errors import bad_option
from runrehab.domain.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from runrehab.domain.profile import RunnerProfile
    from runrehab.services.ports import UnitOfWork

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
RunnerOption = Annotated[
    str, typer.Option("--runner", help="Whose records (a local name).", envvar="RUNREHAB_RUNNER")
]
DateOption = Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD; default today.")]
ProfileOption = Annotated[Path | None, typer.Option("--profile", help="Runner profile JSON.")]
DEFAULT_RUNNER = "me"


def consoles() -> tuple[Console, Console]:
    return Console(), Console(stderr=True)


def parse_date(text: str | None, option: str, stderr: Console) -> date:
    from runrehab.schemas.dates import day_or_problem

    if text is None:
        return date.today()
    day = day_or_problem(text, option)
    if isinstance(day, Problem):
        raise bad_option(stderr, option, day.reason)
    return day


def read_profile(path: Path | None) -> tuple[dict[str, object], RunnerProfile]:
    from runrehab.adapters.json_files import read_json
    from runrehab.domain.profile import RunnerProfile
    from runrehab.schemas.profile import parse_profile

    if path is None:
        return {}, RunnerProfile()
    raw = read_json(path)
    assert isinstance(raw, dict)
    return raw, parse_profile(raw, str(path))


def open_store() -> UnitOfWork:
    """The configured database, migrated to the current schema.

    Imported here, not at the top: SQLAlchemy and Alembic take about a second to import, which
    commands that never touch the database should not pay.
    """
    from pydantic import ValidationError

    from runrehab.adapters.db.engine import make_engine
    from runrehab.adapters.db.migrate import upgrade
    from runrehab.adapters.db.uow import SqlUnitOfWork
    from runrehab.config import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise InvalidInputError("environment", [Problem("RUNREHAB_DATABASE_URL", reason)]) from None
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    return SqlUnitOfWork(engine)


def utc_now() -> datetime:
    return datetime.now(UTC)
