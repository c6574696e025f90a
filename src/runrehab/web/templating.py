"""The Jinja2 environment: templates, filters, and the context every page gets."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from runrehab.adapters.describe import describe_next
from runrehab.web.state import current

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["describe_change"] = describe_next
templates.env.globals["new_id"] = lambda: uuid.uuid4().hex


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("account", current(request))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def logged_response(request: Request, decision: dict[str, Any], duplicate: bool) -> Response:
    """After logging an entry: the decision as a fragment for htmx (and the `logged` event that
    refreshes Today), else back to Today showing it."""
    shown = decision | {"duplicate": duplicate}
    if request.headers.get("HX-Request"):
        response = templates.TemplateResponse(request, "logged.html", {"d": shown})
        response.headers["HX-Trigger"] = "logged"
        return response
    return RedirectResponse(f"/today?logged={json.dumps(shown)}", status_code=303)


def refused(request: Request, heading: str, reasons: list[str], back: str) -> HTMLResponse:
    """The 422 page for a form whose input was refused: what was wrong, and the way back."""
    return page(
        request, "simple.html", 422, heading=heading, paragraphs=reasons, links=[(back, "Back")]
    )
