"""Input no field may hold, refused for every route at once (a dependency of the whole app), 422
naming the field:

- A NUL character (U+0000) is no one's name, note or password, and PostgreSQL cannot store it
  in a text column: it would be a server error deep in a use case. Refused whichever way it
  came: the path, the query string, a JSON body (at any depth) or a form (urlencoded or
  multipart; an uploaded file's content is the file's business, not a field).
- `NaN`, `Infinity` and `-Infinity` are not JSON, though Python's parser reads them as numbers
  that slip past every range check (`NaN >= 0` is false, and so is `NaN < 0`).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

from fastapi import Request
from starlette.datastructures import UploadFile

from runrehab.domain.errors import InvalidInputError, Problem

NUL = "\x00"
REASON = "must not contain the NUL character (U+0000)"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


async def refuse_unreadable(request: Request) -> None:
    """InvalidInputError naming every field that holds a NUL character or a non-JSON number."""
    problems = [
        *(Problem(f"path.{k}", REASON) for k, v in request.path_params.items() if NUL in str(v)),
        *(
            Problem(f"query.{k}", REASON)
            for k, v in request.query_params.multi_items()
            if NUL in k + v
        ),
        *[problem async for problem in _in_body(request)],
    ]
    if NUL in request.url.path and not problems:  # a segment no route names as a parameter
        problems.append(Problem("path", REASON))
    if problems:
        raise InvalidInputError("request", problems)


async def _in_body(request: Request) -> AsyncIterator[Problem]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind.startswith(FORMS):
        form = await request.form()
        for key, value in form.multi_items():
            if NUL in key or (not isinstance(value, UploadFile) and NUL in value):
                yield Problem(key, REASON)
    elif kind == "application/json" or kind.endswith("+json"):
        try:
            document = json.loads(await request.body(), parse_constant=_NotJson)
        except ValueError:
            return  # FastAPI has refused the body already, or the route takes none
        for where, reason in _refused_in(document, ""):
            yield Problem(where or "body", reason)


class _NotJson(str):
    """`NaN` or `Infinity` where a JSON number should be."""


def _refused_in(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(dotted key, why) for each string or key holding a NUL and each non-JSON number; list
    items by index."""
    if isinstance(value, _NotJson):
        yield where, f"{value} is not a number in JSON"
    elif isinstance(value, str) and NUL in value:
        yield where, REASON
    elif isinstance(value, dict):
        for key, item in value.items():
            at = f"{where}.{key}" if where else str(key)
            if NUL in key:
                yield at, REASON
            else:
                yield from _refused_in(item, at)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _refused_in(item, f"{where}.{n}" if where else str(n))
