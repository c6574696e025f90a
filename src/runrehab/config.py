"""Typed settings from the environment (prefix `RUNREHAB_`). Nothing is read at import time:
entry points call `Settings()`."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_SCHEMES = ("sqlite", "postgresql+psycopg")


def default_database_url() -> str:
    """A SQLite file in the user's data directory: zero set-up."""
    folder = Path(user_data_dir("runrehab", appauthor=False))
    return f"sqlite:///{folder / 'runrehab.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RUNREHAB_", extra="ignore")

    database_url: str = ""

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
