"""Run the Alembic migrations from code: entry points call `upgrade` before touching the data."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrates to `revision`. A database already at the head is left alone after one read of its
    version: every start of the app, the CLI and each test's app would otherwise load Alembic's
    environment and every migration script only to find nothing to do."""
    if revision == "head" and current_revision(engine) == _head():
        return
    command.upgrade(_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    command.downgrade(_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@functools.cache
def _head() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()
