"""The installable app: the web app manifest and the service worker that keeps Today on the phone.

Both live at the root: a service worker controls only the pages under its own address, so the
worker at `/sw.js` controls every page without a `Service-Worker-Allowed` header. The worker's
source is `templates/sw.js`, with the list of files it stores and their fingerprint filled in.
The page side (registering the worker, the queue of entries logged offline) is `static/offline.js`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from runrehab.web.assets import PRECACHE, fingerprint
from runrehab.web.state import State
from runrehab.web.templating import templates

router = APIRouter(include_in_schema=False)
# Chromium installs an app whose manifest has a name, a start URL, a display mode and an icon it
# can draw at 144 px or more: an SVG with `"sizes": "any"` is one (no PNG renderings to keep).
MANIFEST: dict[str, Any] = {
    "id": "/",
    "name": "runrehab",
    "short_name": "runrehab",
    "description": "Your rehab session for today, logged in one tap, even without a connection.",
    "lang": "en",
    "start_url": "/today",
    "scope": "/",
    "display": "standalone",
    "theme_color": "#1b2a41",  # the header's colour (base.html's theme-color)
    "background_color": "#ffffff",  # the page's, while the app opens
    "categories": ["health", "fitness", "medical"],
    "icons": [
        {"src": "/static/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
        {
            "src": "/static/icon-maskable.svg",
            "sizes": "any",
            "type": "image/svg+xml",
            "purpose": "maskable",  # full bleed, the mark inside the central safe circle
        },
    ],
    "shortcuts": [
        {"name": "Today's session", "short_name": "Today", "url": "/today"},
        {"name": "Log an exercise or a run", "short_name": "Log", "url": "/log"},
    ],
}


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return JSONResponse(
        MANIFEST,
        media_type="application/manifest+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/sw.js")
def service_worker(state: State) -> Response:
    """Never cached by the browser (`no-cache`): the browser compares it byte for byte to decide
    whether the phone's stored files are out of date."""
    source = templates.get_template("sw.js").render(
        version=fingerprint(state.settings.vendor_dir), precache=list(PRECACHE)
    )
    return Response(source, media_type="text/javascript", headers={"Cache-Control": "no-cache"})
