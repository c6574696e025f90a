"""Text no field may hold, refused for every route at once (a dependency of the whole app).

A NUL character (U+0000) is no one's name, note or password, and PostgreSQL cannot store it in
a text column: it would be a server error deep in a use case. It is refused first, 422 naming the
field, whichever way it came: the path, the query string, a JSON body (at any depth) or a form
(urlencoded or multipart; an uploaded file's content is the file's business, not a field).
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


async def refuse_nul(request: Request) -> None:
    """InvalidInputError naming every field that holds a NUL character."""
    fields = [
        *(f"path.{k}" for k, v in request.path_params.items() if NUL in str(v)),
        *(f"query.{k}" for k, v in request.query_params.multi_items() if NUL in k + v),
        *[where async for where in _in_body(request)],
    ]
    if NUL in request.url.path and not fields:  # a segment no route names as a parameter
        fields.append("path")
    if fields:
        raise InvalidInputError("request", [Problem(field, REASON) for field in fields])


async def _in_body(request: Request) -> AsyncIterator[str]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind.startswith(FORMS):
        form = await request.form()
        for key, value in form.multi_items():
            if NUL in key or (not isinstance(value, UploadFile) and NUL in value):
                yield key
    elif kind == "application/json" or kind.endswith("+json"):
        try:
            document = json.loads(await request.body())
        except ValueError:
            return  # FastAPI has refused the body already, or the route takes none
        for where in _nul_in(document, ""):
            yield where or "body"


def _nul_in(value: object, where: str) -> Iterator[str]:
    """The dotted keys (list items by index) of strings, and of keys, holding a NUL."""
    if isinstance(value, str) and NUL in value:
        yield where
    elif isinstance(value, dict):
        for key, item in value.items():
            at = f"{where}.{key}" if where else str(key)
            if NUL in key:
                yield at
            else:
                yield from _nul_in(item, at)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _nul_in(item, f"{where}.{n}" if where else str(n))
