"""The /api/v1 contract for errors: the bodies `errors.py` sends, and a route class that documents
them on every operation from what the operation takes, so an endpoint added later is documented
for its errors without anyone remembering to.

    every operation                  422 ValidationErrorBody (FastAPI's or a use case's refusal;
                                     input no field may hold, `refused_input.py`, is refused on
                                     every route, one that takes no input included)
    every operation with a body      400 ErrorBody (a body that cannot be read as JSON)
    every write (POST, PUT, DELETE)  403 ErrorBody (a cross-site request, refused by CsrfMiddleware)
    every signed-in operation        401 ErrorBody (no session), 404 ErrorBody (no assessment yet, or
                                     a record that is not the reader's: never 403, nobody learns
                                     what exists)
    every signed-in write            409 ErrorBody (it clashes with what is stored, a concurrent
                                     write included)
    per operation, where it applies  `CONFLICT`, `NOT_FOUND`, `RATE_LIMITED` (429), `UNAUTHORIZED`

An operation's own `responses=` win over these defaults.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from runrehab.web.security import UNSAFE
from runrehab.web.state import signed_in


class ErrorBody(BaseModel):
    """Every refusal but a validation one: `{"detail": "why, in words"}`."""

    detail: str


class Problem(BaseModel):
    loc: str = Field(description="where: a dotted key ('answers.age', 'query.on'); '' for the body")
    msg: str = Field(description="what is wrong, in words")


class ValidationErrorBody(BaseModel):
    """422: every problem with the input at once, each with where it is."""

    detail: list[Problem]


Responses = dict[int | str, dict[str, Any]]


def _error(description: str, model: type[BaseModel] = ErrorBody) -> dict[str, Any]:
    return {"model": model, "description": description}


UNREADABLE: Responses = {400: _error("The body could not be read (not JSON, or cut short).")}
UNAUTHORIZED: Responses = {401: _error("Not signed in (or the session ended).")}
FORBIDDEN: Responses = {403: _error("A cross-site request, refused.")}
NOT_FOUND: Responses = {404: _error("Nothing here that the signed-in account may see.")}
CONFLICT: Responses = {409: _error("It clashes with what is stored.")}
INVALID: Responses = {
    422: _error("The input was refused; every problem listed.", ValidationErrorBody)
}
RATE_LIMITED: Responses = {
    429: {
        **_error("Too many attempts from this address; wait and try again."),
        "headers": {"Retry-After": {"description": "seconds", "schema": {"type": "integer"}}},
    }
}


class ContractRoute(APIRoute):
    """An API route that documents the errors the central handlers give it (module docstring)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        methods = frozenset(m.upper() for m in kwargs.get("methods") or ["GET"])
        defaults = _endpoint_errors(path, endpoint, methods)
        kwargs["responses"] = defaults | dict(kwargs.get("responses") or {})
        super().__init__(path, endpoint, **kwargs)


@functools.cache
def _endpoint_errors(path: str, endpoint: Callable[..., Any], methods: frozenset[str]) -> Responses:
    """Worked out once per endpoint: each app built (one per test) copies every route again."""
    return default_errors(get_dependant(path=path, call=endpoint), set(methods))


def default_errors(dependant: Dependant, methods: set[str]) -> Responses:
    writes = bool(methods & UNSAFE)
    member = any(d.call is signed_in for d in _all(dependant))
    takes_body = any(d.body_params for d in _all(dependant))
    return (
        INVALID
        | (UNREADABLE if takes_body else {})
        | (FORBIDDEN if writes else {})
        | (UNAUTHORIZED | NOT_FOUND if member else {})
        | (CONFLICT if member and writes else {})
    )


def _all(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _all(sub)
