"""Every /api/v1 operation answers with a typed view model (`render/view_models/`), never a bare
`dict[str, Any]` or `Any`: the model is what /openapi.json states and what the page renders, so
an endpoint that returns an untyped dict would answer with a shape nothing checks."""

from __future__ import annotations

import types
import typing
from pathlib import Path

from fastapi import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

import runrehab.render.view_models
from runrehab.web.app import ROUTED

API = [m for m in ROUTED if m.__name__.startswith("runrehab.web.api.")]
VIEW_MODELS = Path(runrehab.render.view_models.__file__).parent


def _typed(annotation: object) -> bool:
    """A view model, a list of them, a Response, None (no body), or a union of those."""
    if annotation is type(None):
        return True
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel | Response)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        return all(isinstance(a, type) and issubclass(a, BaseModel) for a in args)
    if origin in (typing.Union, types.UnionType):
        return all(_typed(a) for a in args)
    return False


def test_every_api_route_returns_a_view_model() -> None:
    routes = [r for m in API for r in m.router.routes if isinstance(r, APIRoute)]
    assert len(routes) > 50
    untyped = [
        f"{r.endpoint.__module__}.{r.endpoint.__name__}"
        for r in routes
        if not _typed(typing.get_type_hints(r.endpoint).get("return"))
    ]
    assert untyped == [], "return a model from render/view_models/, not a dict"


def test_the_check_refuses_untyped_answers() -> None:
    assert not _typed(dict[str, typing.Any])
    assert not _typed(typing.Any)
    assert not _typed(list[dict[str, typing.Any]])
    assert not _typed(None.__class__ | dict[str, str])


def test_view_models_are_named_as_the_api_topics() -> None:
    api = {m.__name__.rsplit(".", 1)[1] for m in API}
    models = {p.stem for p in VIEW_MODELS.glob("*.py")} - {"__init__", "common"}
    assert models - api == set()
