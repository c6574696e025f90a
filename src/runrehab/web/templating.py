"""The Jinja2 environment: templates, filters, and the context every page gets."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pydantic_core import to_jsonable_python

from runrehab.domain.units import minutes_from_s
from runrehab.render.dates import day_words
from runrehab.render.describe import describe_next
from runrehab.render.evidence_labels import LABELS
from runrehab.render.serialize import text_parts
from runrehab.services.accounts import Account
from runrehab.services.episodes import episode_of
from runrehab.services.progress import Logged
from runrehab.services.referral_notice import referral_notice
from runrehab.web.state import AppState, app_state, current

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["describe_change"] = describe_next
templates.env.filters["minutes"] = minutes_from_s  # seconds -> the minutes every screen shows
templates.env.globals["new_id"] = lambda: uuid.uuid4().hex
templates.env.filters["when"] = lambda iso: datetime.fromisoformat(iso).strftime(
    "%-d %b %Y, %H:%M UTC"  # app.js shows it in the reader's time zone and locale
)
templates.env.filters["day"] = lambda iso: Markup('<time datetime="{}" data-day>{}</time>').format(
    str(iso)[:10], day_words(iso)
)
templates.env.filters["num"] = lambda value, fmt="%g": Markup(
    '<data value="{}" data-num>{}</data>'  # app.js writes it in the reader's locale ("8,8")
).format(value, fmt % value)
templates.env.policies["json.dumps_kwargs"] = {  # `tojson` of a view model: its JSON, as the API's
    "sort_keys": True,
    "default": to_jsonable_python,
}
templates.env.globals["evidence_legend"] = [
    (tag.value, label.label, label.explained) for tag, label in LABELS.items()
]


@pass_context
def _parts(context: Context, text: str, condition: str | None = None) -> list[dict[str, Any]]:
    """A free text as plain words and the rules it quotes, each with its evidence label."""
    return text_parts(text, app_state(context["request"]).kb, condition)


templates.env.filters["parts"] = _parts
FORM_KEY = re.compile(
    r"[a-z0-9][a-z0-9-]{0,59}"
)  # a log form's key: its id input is `<key>-entry-id`


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A whole page. Never stored by the browser's cache: Back then asks again, so a form comes
    with fresh entry ids (not the ones already used) and a shared phone keeps no one's health
    data in its cache."""
    account = context.setdefault("account", current(request))
    if account is not None and "referral" not in context:
        state = app_state(request)
        context["referral"] = referral_notice(account.runner_id, state.kb, state.uow())
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def form_key(form: Mapping[str, Any]) -> str | None:
    """The key a log form sends in its `form` field (which id input to renew), if well formed."""
    key = form.get("form")
    return key if isinstance(key, str) and FORM_KEY.fullmatch(key) else None


def logged_response(request: Request, logged: Logged, key: str | None = None) -> Response:
    """After logging an entry: for htmx, the decision as a fragment that also hands the form it
    came from (`key`) a fresh entry id, so the next save from that form is a new entry, not a
    repeat of this one, and the `logged` event; without JavaScript, back to Today with the stored
    entry's id, whose decision Today reads back from the database (never from the URL)."""
    shown = logged.stored | {"duplicate": logged.duplicate}
    if request.headers.get("HX-Request"):
        context = {"d": shown, "forms": [key] if key else []}
        response = templates.TemplateResponse(request, "logged.html", context)
        response.headers["HX-Trigger"] = "logged"
        return response
    again = "&again=1" if logged.duplicate else ""
    return RedirectResponse(f"/today?entry={quote(logged.entry_id)}{again}", status_code=303)


def needs_assessment(state: AppState, who: Account) -> Response | None:
    """To the assessment for a runner who has taken none yet (there is no plan to show); a coach
    who is not a runner to their roster, not to a wizard they never asked for."""
    if who.coach_only:
        return RedirectResponse("/coach", status_code=303)
    if episode_of(who.runner_id, state.uow()) is None:
        return RedirectResponse("/assess", status_code=303)
    return None
