"""Liveness: the one view model with no page twin."""

from __future__ import annotations

from typing import Literal

from runrehab.render.view_models.common import ViewModel


class Health(ViewModel):
    status: Literal["ok"]
