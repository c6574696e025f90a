"""Database fixtures: every test here runs on SQLite, and on PostgreSQL too when
RUNREHAB_TEST_POSTGRES_URL is set (`.ci/run` sets it to a throw-away database)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from runrehab.adapters.db.engine import make_engine
from runrehab.adapters.db.migrate import downgrade, upgrade
from runrehab.adapters.db.tables import Base
from runrehab.adapters.db.uow import SqlUnitOfWork
from tests.fakes import FakeClock
from tests.postgres import BASE_URL, postgres_url

BACKENDS = ["sqlite"] + (["postgresql"] if BASE_URL else [])


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'runrehab.sqlite3'}"
    return postgres_url()


@pytest.fixture(scope="session")
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    downgrade(engine, "base")  # a clean start even if a previous run was interrupted
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWork:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    return SqlUnitOfWork(engine)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))
