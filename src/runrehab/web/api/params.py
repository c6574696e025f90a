"""What /api/v1 topics take besides the app state and the signed-in account (`web/state.py`):
the session, the day a request is about, and the strict base of request bodies (no extra keys,
no coercion)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query
from pydantic import BaseModel, ConfigDict

from runrehab.schemas.dates import Day
from runrehab.web.state import this_session

ThisSession = Annotated[str, Depends(this_session)]
OnDay = Annotated[
    Day | None, Query(description="YYYY-MM-DD, from 1900-01-01 to a year from today; default today")
]


class Strict(BaseModel):
    """A request body: no key it does not name, no value of another type (`"1"` is not 1)."""

    model_config = ConfigDict(extra="forbid", strict=True)
