"""Input no field may hold, refused for every route at once (a dependency of the whole app), 422
naming the field:

- A NUL character (U+0000) is no one's name, note or password, and PostgreSQL cannot store it
  in a text column: it would be a server error deep in a use case. Refused whichever way it
  came: the path, the query string, a JSON body (at any depth) or a form (urlencoded or
  multipart; an uploaded file's content is the file's business, not a field).
- A lone surrogate (`"\\ud800"` in JSON, in a string or a key) is not text: it cannot be encoded
  as UTF-8, so it could be neither answered back nor stored in PostgreSQL.
- `NaN`, `Infinity` and `-Infinity` are not JSON, though Python's parser reads them as numbers
  that slip past every range check (`NaN >= 0` is false, and so is `NaN < 0`).

A JSON body that cannot be read at all (not JSON, or nested too deep for the parser) is left to
the route: FastAPI answers 400 where the route takes a body, and a route that takes none never
reads it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

from fastapi import Request
from starlette.datastructures import UploadFile

from runrehab.domain.errors import InvalidInputError, Problem

NUL = "\x00"
REASON = "must not contain the NUL character (U+0000)"
NOT_TEXT = "must be valid Unicode text (it holds a lone surrogate)"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


async def refuse_unreadable(request: Request) -> None:
    """InvalidInputError naming every field that holds a NUL character, a lone surrogate or a
    non-JSON number."""
    problems = [
        *(
            Problem(f"path.{k}", why)
            for k, v in request.path_params.items()
            if (why := _refused_text(str(v)))
        ),
        *(
            Problem(_printable(f"query.{k}"), why)
            for k, v in request.query_params.multi_items()
            if (why := _refused_text(k + v))
        ),
        *[problem async for problem in _in_body(request)],
    ]
    why = _refused_text(request.url.path)
    if why and not problems:  # a segment no route names as a parameter
        problems.append(Problem("path", why))
    if problems:
        raise InvalidInputError("request", problems)


async def _in_body(request: Request) -> AsyncIterator[Problem]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind.startswith(FORMS):
        form = await request.form()
        for key, value in form.multi_items():
            why = _refused_text(key + ("" if isinstance(value, UploadFile) else value))
            if why:
                yield Problem(_printable(key), why)
    elif kind == "application/json" or kind.endswith("+json"):
        try:
            document = json.loads(await request.body(), parse_constant=_NotJson)
        except (ValueError, RecursionError):
            return  # unreadable: FastAPI refuses it where the route takes a body (docstring)
        for where, reason in _refused_in(document):
            yield Problem(_printable(where) or "body", reason)


class _NotJson(str):
    """`NaN` or `Infinity` where a JSON number should be."""


def _refused_in(document: object) -> Iterator[tuple[str, str]]:
    """(dotted key, why) for each string or key holding a NUL or a lone surrogate and each
    non-JSON number; list items by index. Walked with a stack of its own, not by recursion: a
    document as deep as the parser allows would exhaust Python's recursion limit here."""
    stack: list[tuple[object, str]] = [(document, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, _NotJson):
            yield where, f"{value} is not a number in JSON"
        elif isinstance(value, str) and (why := _refused_text(value)):
            yield where, why
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                at = f"{where}.{key}" if where else str(key)
                if why := _refused_text(key):
                    yield at, why
                else:
                    stack.append((item, at))
        elif isinstance(value, list):
            stack.extend(
                (item, f"{where}.{n}" if where else str(n))
                for n, item in reversed(list(enumerate(value)))
            )


def _refused_text(text: str) -> str | None:
    """Why no field may hold `text`, or None when it may."""
    if NUL in text:
        return REASON
    if not text.isascii() and not _encodes(text):
        return NOT_TEXT
    return None


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """`text` with any lone surrogate written as its escape (`\\ud800`), so the answer that
    names the field can be encoded."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
