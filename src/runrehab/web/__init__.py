"""The web app: FastAPI pages (Jinja2 + htmx) and the /api/v1 JSON twin, over the same use cases.
The only package that imports FastAPI or Starlette."""
