"""Typed settings from the environment (prefix `RUNREHAB_`). Nothing is read at import time:
entry points call `Settings()`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_SCHEMES = ("sqlite", "postgresql+psycopg")


def default_database_url() -> str:
    """A SQLite file in the user's data directory: zero set-up."""
    folder = Path(user_data_dir("runrehab", appauthor=False))
    return f"sqlite:///{folder / 'runrehab.sqlite3'}"


DEV_SECRET = "development-only-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RUNREHAB_", extra="ignore")

    database_url: str = ""
    environment: Literal["development", "test", "production"] = "development"
    secret_key: str = DEV_SECRET
    base_url: str = "http://127.0.0.1:8000"
    smtp_host: str = ""  # empty: reset links are printed to the server log (development)
    smtp_port: int = Field(default=25, ge=1, le=65535)
    mail_from: str = "runrehab <no-reply@runrehab.local>"
    vendor_dir: Path = Path("node_modules")  # front-end libraries installed by `npm ci`
    login_rate_limit: str = "10/minute"
    https_only_cookies: bool = False
    run_worker: bool = True  # the web server sends the notifications outbox in a thread
    worker_interval_s: int = Field(default=30, ge=1)
    reminder_hour_utc: int = Field(default=6, ge=0, le=23)  # daily reminders go out from this hour

    @model_validator(mode="after")
    def _no_default_secret_in_production(self) -> Settings:
        if self.environment == "production" and (
            self.secret_key == DEV_SECRET or len(self.secret_key) < 32
        ):
            raise ValueError(
                "RUNREHAB_SECRET_KEY must be set to a random value of 32+ characters in production"
            )
        return self

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
