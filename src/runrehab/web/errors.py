"""Errors mapped to HTTP in one place: JSON under `/api/`, a styled page with the way back for a
browser, a short fragment for an htmx request (it lands in the form's result area). Page modules
catch no error of the tree themselves (tests/architecture/test_web_errors.py).

    LoginRequired          401 JSON, else the login page (then back where the reader was)
    InvalidInputError      422  every problem, each with its key
    RequestValidationError 422  the same, for input FastAPI refused before a route ran
    NotFoundError          404
    ConflictError          409  (an entry id reused with different content, an e-mail in use)
    RateLimitExceeded      429
    TooManyRequestsError   429  with Retry-After (a per-account limit kept in the database)
    HTTPException          its own status (404 for an unknown page, 405, ...)
    anything else          500, logged with its traceback; the reader gets a page, not a trace

A page that shows a refusal its own way declares how before it calls the use case, with
`refuse_as(request, Refusal(...))`: a heading and the way back for the refused page, or the form
again with what was entered and why (`form`). The status stays the error's (422 for input, 409
for a clash); htmx still gets the fragment unless the page gives a form. The same request under
`/api/` is the JSON body, as ever.

The 500 is answered by `AnswerCrashes`, the outermost middleware under the server's own, not by a
handler for `Exception`: Starlette gives that handler to its ServerErrorMiddleware, which answers
and then raises the error again for the server, and uvicorn closes the connection of a request
whose application raised. Answered here, the error ends with the answer and the client's
keep-alive connection serves its next request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from typing import TypeVar, cast
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from slowapi.errors import RateLimitExceeded
from starlette.exceptions import HTTPException
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runrehab.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    Problem,
    RunrehabError,
    TooManyRequestsError,
)
from runrehab.services.accounts import Account
from runrehab.web.security import too_many_requests
from runrehab.web.state import LoginRequired, current
from runrehab.web.templating import page, templates

log = logging.getLogger("runrehab.web")
T = TypeVar("T")
SESSION_ENDED = (
    "<div class='errors' role='alert'><strong>Not saved: you are logged out</strong> (from another "
    "tab, or the session ended). What you entered is still in this form: "
    "<a href='{target}' target='_blank' rel='opener'>log in again in a new tab</a>, then save it "
    "here.</div>"
)
HEADINGS = {
    400: "That request could not be read",
    404: "Page not found",
    405: "That page does not take this kind of request",
    409: "Not saved",
    422: "Not saved",
    429: "Not now: too many at once",
    500: "Something went wrong on our side",
}
EXPLAINED = {
    404: "There is nothing at this address. The link may be old or mistyped.",
    500: "Nothing you entered before this was lost. Please try again in a moment; if it keeps "
    "happening, tell your coach or the site's administrator.",
}


def field_reasons(exc: RunrehabError) -> list[str]:
    """Each problem as `field: reason` (a problem that names no field as its reason alone); any
    other error as its message."""
    if isinstance(exc, InvalidInputError):
        return [f"{p.where}: {p.reason}" if p.where else p.reason for p in exc.problems]
    return [str(exc)]


def reasons_only(exc: RunrehabError) -> list[str]:
    """Each problem's reason without its field (a form that shows the field itself); any other
    error as its message."""
    if isinstance(exc, InvalidInputError):
        return [p.reason for p in exc.problems]
    return [str(exc)]


@dataclass(frozen=True, slots=True)
class Refusal:
    """How one page shows the errors in `of` (subclasses included): the refused page with
    `heading`, the reasons and the links (`links`, then `back` as "Back"; none at all without
    either), or, when `form` is given, whatever it answers (the form again, with what was entered
    and why)."""

    heading: str = "Not saved"
    back: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    of: tuple[type[RunrehabError], ...] = (InvalidInputError,)
    reasons: Callable[[RunrehabError], list[str]] = field_reasons
    form: Callable[[RunrehabError], Response] | None = None


def refuse_as(request: Request, *refusals: Refusal) -> None:
    """Declare how this page shows a refusal from here on; the first refusal whose `of` matches
    the error is used."""
    request.state.refusals = refusals


@contextmanager
def unreadable_as(reason: str) -> Iterator[None]:
    """A form value that does not read as a number, date or time (ValueError) refused as input,
    in `reason`'s words, as the page's declared refusal shows it."""
    try:
        yield
    except ValueError as exc:
        raise InvalidInputError("form", [Problem("", reason)]) from exc


def found_or_none(read: Callable[[], T]) -> T | None:
    """What `read` returns, or None for NotFoundError: for a page that shows something else
    when the reader has none (not a coach yet, no organisation to administer)."""
    try:
        return read()
    except NotFoundError:
        return None


def install(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(InvalidInputError, _invalid)
    app.add_exception_handler(RequestValidationError, _bad_request)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(ConflictError, _conflict)
    app.add_exception_handler(RateLimitExceeded, _limited)
    app.add_exception_handler(TooManyRequestsError, _too_many)
    app.add_exception_handler(HTTPException, _http)
    app.add_middleware(AnswerCrashes)  # added last: outside every other middleware of the app


class AnswerCrashes:
    """Any error no handler took becomes the 500 answer, and goes no further (see the module
    docstring). An error after the answer began cannot be answered: the server ends that one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            if started:
                raise
            await _crash(Request(scope), exc)(scope, receive, send)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _login_required(request: Request, _: Exception) -> Response:
    """To the login page, then back to a page the reader can open again: the page itself for a
    GET, the page the form was on for a POST (a form's own address only takes posts). A form sent
    by htmx stays where it is, with what was typed in it, and says how to save it after logging
    in again (in another tab); never the login page inside a form's result."""
    if _is_api(request):
        return JSONResponse({"detail": "log in first"}, status_code=401)
    target = f"/login?next={quote(_page_to_return_to(request), safe='/')}"
    if request.headers.get("HX-Request") and request.method != "GET":
        return HTMLResponse(SESSION_ENDED.format(target=target), status_code=401)
    if request.headers.get("HX-Request"):
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _page_to_return_to(request: Request) -> str:
    if request.method == "GET":
        return request.url.path
    referer = urlsplit(request.headers.get("referer", ""))
    same_site = referer.netloc == request.url.netloc and referer.path.startswith("/")
    return referer.path if same_site else "/"


def _declared(request: Request, exc: RunrehabError, status: int) -> Response | None:
    """The answer the page declared for `exc` (`refuse_as`); None when it declared none, or under
    `/api/`, where the JSON body is the answer."""
    declared: tuple[Refusal, ...] = getattr(request.state, "refusals", ())
    refusal = next((r for r in declared if isinstance(exc, r.of)), None)
    if refusal is None or _is_api(request):
        return None
    if refusal.form is not None:
        return refusal.form(exc)
    lines = [_encodable(line) for line in refusal.reasons(exc)]
    if request.headers.get("HX-Request"):
        return _page(request, status, lines)
    back = [(refusal.back, "Back")] if refusal.back else []
    links = [*refusal.links, *back]
    return page(
        request, "simple.html", status, heading=refusal.heading, paragraphs=lines, links=links
    )


def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InvalidInputError)
    if (declared := _declared(request, exc, 422)) is not None:
        return declared
    problems = [{"loc": p.where, "msg": p.reason} for p in exc.problems]
    return _answer(request, 422, problems, [str(p) for p in exc.problems])


def _bad_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"loc": ".".join(str(p) for p in e["loc"] if p != "body"), "msg": e["msg"]}
        for e in exc.errors()
    ]
    return _answer(request, 422, problems, [f"{p['loc']}: {p['msg']}" for p in problems])


def _not_found(request: Request, exc: Exception) -> Response:
    return _answer(request, 404, str(exc), [str(exc)])


def _conflict(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ConflictError)
    if (declared := _declared(request, exc, 409)) is not None:
        return declared
    return _answer(request, 409, str(exc), [str(exc)])


def _limited(request: Request, _: Exception) -> Response:
    return too_many_requests(api=_is_api(request))


def _too_many(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TooManyRequestsError)
    answer = _answer(request, 429, str(exc), [str(exc)])
    answer.headers["Retry-After"] = str(exc.retry_after_s)
    return answer


def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = exc.headers
    if exc.status_code == 405 and _is_api(request):
        headers = {**(headers or {}), "Allow": _allowed(request)}
    if _is_api(request) or exc.status_code < 400:
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=headers)
    return _page(request, exc.status_code, [EXPLAINED.get(exc.status_code, str(exc.detail))])


def _allowed(request: Request) -> str:
    """Every method of the path as /openapi.json states it, from the first path there that
    matches, as routing does (`/coaching/accept` before `/coaching/{coach_id}`). Starlette's own
    `Allow` names only the methods of the first route that matched, though `GET /me` and
    `DELETE /me` are two routes."""
    for template, operations in request.app.openapi()["paths"].items():
        if compile_path(template)[0].match(request.url.path):
            return ", ".join(method.upper() for method in operations)
    return ""


def _crash(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _answer(request, 500, "internal error", [EXPLAINED[500]])


def _answer(request: Request, status: int, detail: object, lines: list[str]) -> Response:
    """The answer in the reader's format. Messages may quote input, and input may hold what UTF-8
    cannot encode (a lone surrogate from a JSON escape): it is written as its escape, so the
    answer is never the next crash."""
    detail, lines = _encodable(detail), [_encodable(line) for line in lines]
    if _is_api(request):
        return JSONResponse({"detail": detail}, status_code=status)
    return _page(request, status, lines)


def _encodable(value: T) -> T:
    """`value` with every string (in lists and dicts too) made encodable as UTF-8."""
    if isinstance(value, str):
        return cast(T, value.encode("utf-8", "backslashreplace").decode("utf-8"))
    if isinstance(value, list):
        return cast(T, [_encodable(item) for item in value])
    if isinstance(value, dict):
        return cast(T, {_encodable(k): _encodable(v) for k, v in value.items()})
    return value


def _page(request: Request, status: int, lines: list[str]) -> Response:
    if request.headers.get("HX-Request"):  # a fragment for the form's result area
        body = "<br>".join(escape(line) for line in lines)
        return HTMLResponse(f"<div class='errors' role='alert'>{body}</div>", status_code=status)
    read_only = status == 422 and request.method == "GET"  # nothing was being saved
    heading = HEADINGS[400] if read_only else HEADINGS.get(status, "That did not work")
    context = {
        "heading": heading,
        "paragraphs": lines,
        "links": _ways_back(request),
        "account": _reader(request),
    }
    return templates.TemplateResponse(request, "simple.html", context, status_code=status)


def _ways_back(request: Request) -> list[tuple[str, str]]:
    referer = request.headers.get("referer", "")
    back = (
        [(referer, "Back to the page you came from")]
        if referer.startswith(str(request.base_url))
        else []
    )
    return [*back, ("/", "Home")]


def _reader(request: Request) -> Account | None:
    """The signed-in account for the page header; none when the session cannot be read (a crash
    before the session middleware ran)."""
    try:
        return current(request)
    except Exception:
        return None
