"""The cookie-signing key when none is configured: random, made once, kept beside the database
(owner-only), the same for every server that starts on that database, even at the same moment."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from platformdirs import user_data_dir

from runrehab.adapters.signing_key import KEY_FILE, key_folder, read_or_create, signing_key
from runrehab.config import KNOWN_DEVELOPMENT_KEYS, MIN_SECRET_KEY


def test_a_configured_key_is_used_and_no_file_is_written(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    assert signing_key("k" * 40, url) == "k" * 40
    assert not (tmp_path / KEY_FILE).exists()


def test_without_one_a_random_key_is_made_beside_the_sqlite_file_and_kept(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'app.sqlite3'}"
    first = signing_key("", url)
    assert (tmp_path / "data" / KEY_FILE).read_text().strip() == first
    assert signing_key("", url) == first
    assert len(first) >= MIN_SECRET_KEY
    assert first not in KNOWN_DEVELOPMENT_KEYS


def test_the_key_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    read_or_create(tmp_path / KEY_FILE)
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600


def test_each_database_folder_gets_its_own_key(tmp_path: Path) -> None:
    one = signing_key("", f"sqlite:///{tmp_path / 'a' / 'app.sqlite3'}")
    other = signing_key("", f"sqlite:///{tmp_path / 'b' / 'app.sqlite3'}")
    assert one != other


def test_postgresql_keeps_its_key_in_the_user_data_folder() -> None:
    folder = key_folder("postgresql+psycopg://postgres@127.0.0.1:5432/runrehab")
    assert folder == Path(user_data_dir("runrehab", appauthor=False))


def test_servers_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    path, keys = tmp_path / KEY_FILE, []
    start = threading.Barrier(8)

    def server() -> None:
        start.wait()
        keys.append(read_or_create(path))

    threads = [threading.Thread(target=server) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8
    assert len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [KEY_FILE]  # no drafts left behind
