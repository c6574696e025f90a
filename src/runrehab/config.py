"""Typed settings from the environment (prefix `RUNREHAB_`). Nothing is read at import time:
entry points call `Settings()`, and `runrehab serve` asks `refusal` whether it may start."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_SCHEMES = ("sqlite", "postgresql+psycopg")


def default_database_url() -> str:
    """A SQLite file in the user's data directory: zero set-up."""
    folder = Path(user_data_dir("runrehab", appauthor=False))
    return f"sqlite:///{folder / 'runrehab.sqlite3'}"


# Every signing key ever published with runrehab (the repository's history included): whoever has
# read the repository could sign a cookie with one, so none of them is ever good enough to serve on
# a network or in production.
KNOWN_DEVELOPMENT_KEYS = frozenset({"development-only-secret-change-me"})
MIN_SECRET_KEY = 32
UNSET_IT = "set a random one, or unset it to have one generated and kept beside the database"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RUNREHAB_", extra="ignore")

    database_url: str = ""
    environment: Literal["development", "test", "production"] = "development"
    secret_key: str = ""  # empty: a random key kept in a file beside the database (0600)
    base_url: str = "http://127.0.0.1:8000"
    smtp_host: str = ""  # empty: reset links are printed to the server log (development)
    smtp_port: int = Field(default=25, ge=1, le=65535)
    mail_from: str = "runrehab <no-reply@runrehab.local>"
    vendor_dir: Path = Path("node_modules")  # front-end libraries installed by `npm ci`
    login_rate_limit: str = "10/minute"  # logins and password changes, per client and per account
    mail_rate_limit: str = "20/hour"  # sign-up and reset requests (each sends mail) per address
    https_only_cookies: bool = False
    session_idle_days: int = Field(default=14, ge=1)  # signed out after this long unused
    session_max_days: int = Field(default=90, ge=1)  # and after this long whatever happens
    trusted_proxies: str = ""  # comma-separated addresses or CIDRs whose X-Forwarded-For counts
    run_worker: bool = True  # the web server sends the notifications outbox in a thread
    worker_interval_s: int = Field(default=30, ge=1)
    reminder_hour_utc: int = Field(default=6, ge=0, le=23)  # daily reminders go out from this hour

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: str) -> str:
        for item in _items(value):
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"{item!r} is not an IP address or network") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _supported(cls, value: str) -> str:
        if value and not value.startswith(tuple(f"{s}://" for s in SUPPORTED_SCHEMES)):
            raise ValueError(
                f"RUNREHAB_DATABASE_URL must start with one of {', '.join(SUPPORTED_SCHEMES)}:// "
                f"(got {value.split('://', maxsplit=1)[0]!r})"
            )
        return value

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()

    @property
    def proxies(self) -> list[str]:
        """The trusted proxies as a list (empty: no forwarded header is believed)."""
        return _items(self.trusted_proxies)


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def refusal(settings: Settings, host: str | None = None) -> tuple[str, str] | None:
    """Why the web app must not start with these settings on `host` (None: not listening yet),
    as (setting, reason); None when it may.

    A published development key, or a short one, lets anyone who has read the repository sign a
    cookie: refused whenever other machines can reach the server (anything but loopback) and
    always in production, where cookies must also be `Secure` (sent over HTTPS only)."""
    exposed = settings.environment == "production" or (host is not None and not _loopback(host))
    key = settings.secret_key
    if exposed and key in KNOWN_DEVELOPMENT_KEYS:
        return "RUNREHAB_SECRET_KEY", f"is a development key published with runrehab; {UNSET_IT}"
    if exposed and key and len(key) < MIN_SECRET_KEY:
        return "RUNREHAB_SECRET_KEY", f"must be {MIN_SECRET_KEY}+ random characters; {UNSET_IT}"
    if settings.environment == "production" and not settings.https_only_cookies:
        return "RUNREHAB_HTTPS_ONLY_COOKIES", "must be true in production (cookies only over HTTPS)"
    return None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may well resolve to a public address
