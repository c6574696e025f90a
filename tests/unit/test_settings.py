"""When the web app refuses to start: a published or short signing key wherever other machines
can reach it (or in production), and production without HTTPS-only cookies. The refusal names
the setting."""

from __future__ import annotations

from typing import Any

import pytest

from runrehab.config import KNOWN_DEVELOPMENT_KEYS, Settings, refusal

PUBLISHED = next(iter(KNOWN_DEVELOPMENT_KEYS))
RANDOM = "x7Hq0s3v" * 6
KEY, HTTPS = "RUNREHAB_SECRET_KEY", "RUNREHAB_HTTPS_ONLY_COOKIES"

CASES: list[tuple[dict[str, Any], str | None, str | None]] = [
    # (settings, host listened on, the setting named in the refusal)
    ({"secret_key": PUBLISHED}, "127.0.0.1", None),  # on loopback a development key is fine
    ({"secret_key": PUBLISHED}, "localhost", None),
    ({"secret_key": PUBLISHED}, "::1", None),
    ({"secret_key": PUBLISHED}, "0.0.0.0", KEY),
    ({"secret_key": PUBLISHED}, "192.168.1.20", KEY),
    ({"secret_key": PUBLISHED}, "runrehab.example.org", KEY),
    ({"secret_key": "short"}, "0.0.0.0", KEY),
    ({"secret_key": ""}, "0.0.0.0", None),  # generated: random, never published
    ({"secret_key": RANDOM}, "0.0.0.0", None),
    (
        {"environment": "production", "secret_key": PUBLISHED, "https_only_cookies": True},
        "127.0.0.1",
        KEY,
    ),
    ({"environment": "production", "secret_key": PUBLISHED, "https_only_cookies": True}, None, KEY),
    ({"environment": "production", "secret_key": RANDOM}, "127.0.0.1", HTTPS),
    (
        {"environment": "production", "secret_key": RANDOM, "https_only_cookies": True},
        "0.0.0.0",
        None,
    ),
    ({"environment": "production", "https_only_cookies": True}, None, None),
]


@pytest.mark.parametrize(("values", "host", "named"), CASES)
def test_unsafe_settings_are_refused_naming_the_setting(
    values: dict[str, Any], host: str | None, named: str | None
) -> None:
    found = refusal(Settings(**values), host)
    assert (found[0] if found else None) == named


def test_no_signing_key_is_read_or_made_when_settings_are_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RUNREHAB_SECRET_KEY", raising=False)
    assert Settings().secret_key == ""
