"""The web app: server-rendered pages (Jinja2 + htmx) and their /api/v1 JSON twin, over the same
use cases. The only package that imports FastAPI or Starlette.

    app.py          `create_app(settings)`, and every router in one list (`ROUTED`)
    pages/          the HTML pages by topic; api/ the JSON twin, module for module
    errors.py       the exception tree mapped to HTTP once: refused page, htmx fragment, JSON
    views.py        the data a page and its twin both show
    templating.py   Jinja2 environment, `page()`, the answer after logging an entry
    state.py        the app's state, the session, the signed-in account
    security.py     the cross-site request check, the rate limiter and its 429 answer
    rate_limits.py  attempts per client and per account address
    refused_input.py input no field may hold, refused for every route
    assessment_form.py, questionnaire_form.py  form fields to answers and back
    imports.py, uploads.py  activity files uploaded from the browser or the API
    assets.py       the front-end files: npm libraries under /static/vendor/, /docs from them
    offline.py      the installable app: the web app manifest and the service worker (/sw.js)
"""
