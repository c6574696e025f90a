"""The front-end files: the app's own under `static/`, the npm libraries under `/static/vendor/`
(installed by `npm ci`, never loaded from a CDN, so every page, `/docs` included, works offline),
and the fingerprint of what the service worker keeps on the phone."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

STATIC = Path(__file__).parent / "static"
VENDOR_FILES = {  # the address under /static/vendor/ -> the file in the npm install
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css"}
# What the service worker stores when it is installed: enough to draw Today and log without a
# connection. Chart.js and Swagger UI stay online-only (large, and not needed in a gym).
PRECACHE = (
    "/static/app.css",
    "/static/app.js",
    "/static/offline.js",
    "/static/icon.svg",
    "/static/icon-maskable.svg",
    "/static/vendor/htmx.min.js",
    "/manifest.webmanifest",
)


def mount_vendor(app: FastAPI, vendor_dir: Path) -> None:
    """Each npm file at its /static/vendor/ address (before the /static mount, which would shadow
    it); a missing file says how to install it."""
    for name, relative in VENDOR_FILES.items():
        path = (vendor_dir / relative).resolve()

        def serve(path: Path = path) -> Response:
            if not path.is_file():
                return Response("missing front-end asset: run `npm ci`", status_code=404)
            return Response(
                path.read_bytes(),
                media_type=MEDIA_TYPES[path.suffix],
                headers={"Cache-Control": "public, max-age=86400"},
            )

        app.add_api_route(f"/static/vendor/{name}", serve, include_in_schema=False)


def mount_docs(app: FastAPI) -> None:
    """`/docs`: Swagger UI from the npm install. FastAPI's own `/docs` and `/redoc` load their
    scripts from a CDN (a blank page offline, and a third party told who reads the docs); the
    app is built with both switched off, and ReDoc is not served (Swagger UI covers it)."""
    openapi_url = app.openapi_url or "/openapi.json"

    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/icon.svg",
        )

    app.add_api_route("/docs", docs, include_in_schema=False)


def fingerprint(vendor_dir: Path) -> str:
    """A short hash of every file under static/ and of the vendored files the worker keeps: it
    changes whenever one of them does, so the phone drops its stored copies for fresh ones."""
    digest = hashlib.sha256()
    files = sorted(p for p in STATIC.rglob("*") if p.is_file())
    files += [
        vendor_dir / VENDOR_FILES[url.rsplit("/", 1)[1]] for url in PRECACHE if "/vendor/" in url
    ]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()[:16]
