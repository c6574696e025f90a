"""Token-free CSRF protection and the login rate limiter (password hashing: adapters/passwords.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from slowapi import Limiter
from slowapi.util import get_remote_address
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CsrfMiddleware:
    """Reject state-changing requests a browser sends from another site.

    Browsers mark every request with `Sec-Fetch-Site` and cross-origin POSTs with `Origin`;
    when either says the request came from elsewhere, it is refused (403). Requests with neither
    header (curl, scripts, tests) cannot be forged by a web page and pass. No tokens to thread
    through forms or htmx (the approach datasette takes). Under /api/ the refusal is the API's
    JSON error body.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE and not _same_site(scope):
            response = _refusal("Cross-site request refused.", 403, _is_api(scope))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _same_site(scope: Scope) -> bool:
    headers = Headers(scope=scope)  # latin-1, as ASGI says header bytes are: never a crash
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:  # `http://[`: no site at all, so not this one
        return False
    return netloc == headers.get("host", "")


def make_limiter() -> Limiter:
    return Limiter(key_func=get_remote_address)


def too_many_requests(*, api: bool = False, retry_after_s: int = 60) -> Response:
    """429 with `Retry-After`: JSON (`{"detail": ...}`) for the API, plain text otherwise."""
    message = "Too many attempts; wait a minute and try again."
    return _refusal(message, 429, api, headers={"Retry-After": str(retry_after_s)})


def _is_api(scope: Scope) -> bool:
    return str(scope.get("path", "")).startswith("/api/")


def _refusal(
    message: str, status: int, api: bool, headers: dict[str, str] | None = None
) -> Response:
    if api:
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return PlainTextResponse(message, status_code=status, headers=headers)
