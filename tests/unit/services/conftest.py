"""The use cases run on the in-memory unit of work (`tests/fakes.py`) and a clock that ticks."""

from __future__ import annotations

import pytest

from tests.fakes import FakeClock, FakeUnitOfWork


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
