"""The PostgreSQL database the tests use when RUNREHAB_TEST_POSTGRES_URL is set.

`make test` runs the suite in parallel workers (pytest-xdist). Each worker gets a database of its
own beside the one named (`<name>_gw0`, `<name>_gw1`, ...), created empty on first use and dropped
when the worker ends, so workers never see each other's rows or migrations. A run without
workers uses the named database itself.
"""

from __future__ import annotations

import functools
import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

BASE_URL = os.environ.get("RUNREHAB_TEST_POSTGRES_URL", "")


@functools.cache
def postgres_url() -> str:
    """This test process's database URL ("" when PostgreSQL is not configured)."""
    worker = _worker_database()
    if worker is None:
        return BASE_URL
    _admin(f'DROP DATABASE IF EXISTS "{worker.database}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{worker.database}"')
    return worker.render_as_string(hide_password=False)


def drop_worker_database() -> None:
    """Drops this worker's database if the run created one (its engines are closed by now)."""
    worker = _worker_database()
    if worker is not None and postgres_url.cache_info().currsize:
        _admin(f'DROP DATABASE IF EXISTS "{worker.database}" WITH (FORCE)')


def _worker_database() -> URL | None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not BASE_URL or not worker:
        return None
    base = make_url(BASE_URL)
    return base.set(database=f"{base.database}_{worker}")


def _admin(statement: str) -> None:
    """Runs a database-level statement on the named database's server (outside a transaction)."""
    engine = create_engine(BASE_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
