"""A browser's User-Agent header in plain words ("Chrome on Android"), for the list of signed-in
devices. Only the first words that tell a device apart are read; anything else is "an unknown
device" rather than a guess."""

from __future__ import annotations

# Order matters: Edge and Opera also say "Chrome/", Chrome also says "Safari/", Chrome and Firefox
# on an iPhone say "CriOS" and "FxiOS"; Android also says "Linux", an iPhone "Mac OS X".
BROWSERS = (
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
PROGRAMS = (
    ("curl/", "curl"),
    ("python-httpx/", "a Python program"),
    ("python-requests/", "a Python program"),
    ("testclient", "a test client"),
)
UNKNOWN = "an unknown device"


def describe_device(user_agent: str) -> str:
    """ "Firefox on Windows", "Safari on iPhone", "curl", or "an unknown device"."""
    browser = _first(BROWSERS, user_agent)
    system = _first(SYSTEMS, user_agent)
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return browser or f"a browser on {system}"
    return _first(PROGRAMS, user_agent) or UNKNOWN


def _first(table: tuple[tuple[str, str], ...], user_agent: str) -> str:
    return next((name for marker, name in table if marker in user_agent), "")
