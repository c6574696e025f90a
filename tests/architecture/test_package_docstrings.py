"""Each package's docstring lists its modules, one line each (`name.py` or `name/` first on the
line), so a newcomer reads the tree from `__init__.py`; a module added, renamed or removed without
its line fails here."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

PACKAGES = [
    "runrehab.cli",
    "runrehab.domain",
    "runrehab.domain.adaptation",
    "runrehab.knowledge",
    "runrehab.schemas",
    "runrehab.services",
    "runrehab.services.coaching",
]


def _tree(folder: Path) -> set[str]:
    modules = {f"{p.name}" for p in folder.glob("*.py") if p.name != "__init__.py"}
    packages = {f"{p.name}/" for p in folder.iterdir() if (p / "__init__.py").exists()}
    return modules | packages


@pytest.mark.parametrize("name", PACKAGES)
def test_the_package_docstring_lists_its_modules(name: str) -> None:
    package = importlib.import_module(name)
    folder = Path(str(package.__file__)).parent
    listed = re.findall(r"^(\w+\.py|\w+/)\s", package.__doc__ or "", re.MULTILINE)
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert {entry for entry in listed if not (folder / entry).exists()} == set(), "not in the tree"
    assert _tree(folder) - set(listed) == set(), "missing from the docstring"
