"""The SQLite database holds health data: runrehab creates it readable by its owner alone, and so
are the write-ahead files SQLite makes beside it. A file that exists keeps its owner's choice."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import text

from runrehab.adapters.db.engine import make_engine


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_wal_files_are_readable_by_their_owner_alone(
    tmp_path: Path,
) -> None:
    database = tmp_path / "new" / "runrehab.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            beside = [Path(f"{database}-wal"), Path(f"{database}-shm")]
            assert [p.exists() for p in beside] == [True, True]
            assert {_mode(p) for p in [database, *beside]} == {0o600}
    finally:
        engine.dispose()


def test_an_existing_database_keeps_its_mode(tmp_path: Path) -> None:
    database = tmp_path / "shared.sqlite3"
    database.touch(mode=0o640)
    database.chmod(0o640)
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    finally:
        engine.dispose()
    assert _mode(database) == 0o640
