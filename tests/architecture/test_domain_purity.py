"""The domain core imports only the standard library and itself (STYLE.md practice 1)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import runrehab.domain

DOMAIN = Path(runrehab.domain.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_modules_import_only_the_standard_library_and_the_domain() -> None:
    offenders = {}
    for path in sorted(DOMAIN.rglob("*.py")):
        bad = {
            name
            for name in _imports(path)
            if name.split(".")[0] not in sys.stdlib_module_names
            and not name.startswith("runrehab.domain")
        }
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_the_purity_check_would_notice_a_framework_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("import yaml\nfrom sqlalchemy import select\nfrom runrehab.cli import app\n")
    found = _imports(sneaky)
    assert {"yaml", "sqlalchemy", "runrehab.cli"} <= found
