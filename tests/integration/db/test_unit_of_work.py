"""The unit of work turns what the database refused into a conflict the use case can retry, in
plain words: the database's text goes to the log, never into the error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runrehab.adapters.db.uow import SqlUnitOfWork
from runrehab.domain.errors import ConcurrentWriteError

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_uniqueness_violation_at_a_flush_is_a_concurrent_write_without_sql(
    uow: SqlUnitOfWork, caplog: pytest.LogCaptureFixture
) -> None:
    with uow:
        uow.episodes.add_runner("r1", "Ana", NOW)
        uow.commit()
    with pytest.raises(ConcurrentWriteError) as raised, uow:
        uow.episodes.add_runner("r1", "Ana again", NOW)  # flushes: the database refuses here
    message = str(raised.value).lower()
    assert "try again" in message
    assert not any(word in message for word in ("unique", "constraint", "runners", "insert"))
    assert "runners" in caplog.text.lower()  # the operator still sees which table said no
