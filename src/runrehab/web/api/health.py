"""/api/v1/health: liveness, and the framework's own ceiling in the benchmark (no page twin)."""

from __future__ import annotations

from fastapi import APIRouter

from runrehab.render.view_models.health import Health
from runrehab.web.api.contract import ContractRoute

router = APIRouter(prefix="/api/v1", tags=["api"], route_class=ContractRoute)


@router.get("/health")
def health() -> Health:
    """A trivial endpoint: the framework's own ceiling in the benchmark, and a liveness check."""
    return Health(status="ok")
