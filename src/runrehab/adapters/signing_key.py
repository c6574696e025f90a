"""The key that signs the session cookie when `RUNREHAB_SECRET_KEY` is not set: random, made on
first run and kept in a file beside the database (readable by its owner only), so restarts keep
everyone signed in and no key ever has to be written into a configuration file.

Beside the database means the SQLite file's folder; for PostgreSQL (no local file) the user data
folder runrehab already uses. Two servers starting together on one database agree on one key: the
key is written to a private temporary file and then linked into place, which fails for all but
the first; the others read the winner's complete file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import make_url

KEY_FILE = "runrehab-secret.key"
KEY_BYTES = 48


def signing_key(secret_key: str, database_url: str) -> str:
    """`secret_key` when set; otherwise the key kept beside the database, made on first use."""
    return secret_key or read_or_create(key_folder(database_url) / KEY_FILE)


def key_folder(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    return Path(user_data_dir("runrehab", appauthor=False))


def read_or_create(path: Path) -> str:
    """The key in `path`, creating it (mode 0600) when there is none yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        _create(path, secrets.token_urlsafe(KEY_BYTES))
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise OSError(f"{path} is empty: delete it to have a new key generated")
    return key


def _create(path: Path, key: str) -> None:
    """Publish `key` at `path` unless another process got there first (then theirs stands)."""
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.link(draft, path)  # atomic, and fails if the file exists: never a half-written key
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)
