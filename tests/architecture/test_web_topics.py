"""The web layer by topic: every page module has its JSON twin under the same name in `web/api/`,
and no page module imports another page module or an API module (what they share lives beside
them in `web/`), so a topic can be read, moved or removed on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import runrehab.web

WEB = Path(runrehab.web.__file__).parent


def _topics(package: str) -> set[str]:
    return {p.stem for p in (WEB / package).glob("*.py") if p.stem != "__init__"}


def _web_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("runrehab.web.")}


def test_every_page_module_has_its_json_twin_of_the_same_name() -> None:
    assert _topics("pages") - _topics("api") == set()


def test_no_page_module_imports_another_page_module_or_the_api() -> None:
    offenders = {
        path.stem: sorted(
            name
            for name in _web_imports(path)
            if name.startswith(("runrehab.web.pages.", "runrehab.web.api."))
        )
        for path in sorted((WEB / "pages").glob("*.py"))
    }
    assert {page: names for page, names in offenders.items() if names} == {}
