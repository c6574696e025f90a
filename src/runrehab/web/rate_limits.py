"""Attempts per client and per account address, for the forms and API routes that guess
passwords or send mail; over the limit the answer is 429 in the reader's format."""

from __future__ import annotations

import ipaddress

from fastapi import Request, Response
from limits import parse

from runrehab.services import accounts
from runrehab.web.security import too_many_requests
from runrehab.web.state import AppState


def rate_limited(request: Request, state: AppState, action: str = "login") -> Response | None:
    """Attempts per client: logging in and changing a password (password guessing,
    `RUNREHAB_LOGIN_RATE_LIMIT`), signing up and asking for a reset (mail floods,
    `RUNREHAB_MAIL_RATE_LIMIT`, each action counted apart). A client is its address, or for IPv6
    its /64 network: whoever holds one address of a /64 usually holds all 2^64 of them. The limit
    is the same whatever address is typed, so it tells nothing about accounts."""
    settings = state.settings
    limit = settings.login_rate_limit if action == "login" else settings.mail_rate_limit
    return _hit(request, state, limit, f"{action}:{_client(request)}")


def login_limited(request: Request, state: AppState, email: str) -> Response | None:
    """`rate_limited` for a login, then the same limit per account address typed: guesses spread
    over many client addresses still stop. Counted from the text alone, whether an account has
    that address or not, so the answer tells nothing about which addresses have one."""
    limited = rate_limited(request, state)
    if limited is not None:
        return limited
    account = accounts.normalise_email(email)
    return _hit(request, state, state.settings.login_rate_limit, f"login-account:{account}")


def _hit(request: Request, state: AppState, limit: str, key: str) -> Response | None:
    if not state.limiter.limiter.hit(parse(limit), key):
        return too_many_requests(api=request.url.path.startswith("/api/"))
    return None


def _client(request: Request) -> str:
    """The client address, an IPv6 one as its /64 network (IPv4 inside IPv6 as the IPv4)."""
    host = request.client.host if request.client else "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host  # no address (a test client, a socket path): counted by its name
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)
