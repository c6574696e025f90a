"""The web layer maps the exception tree in one place, `web/errors.py` (STYLE.md practice 8): no
page or API module catches an error of the tree itself, by `except` or `contextlib.suppress`. A
page that shows a refusal its own way declares it with `errors.refuse_as`."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import runrehab.domain.errors
import runrehab.web

WEB = Path(runrehab.web.__file__).parent
ROUTE_PACKAGES = (WEB / "pages", WEB / "api")
TREE = {
    name
    for name, value in vars(runrehab.domain.errors).items()
    if inspect.isclass(value) and issubclass(value, Exception)
}
CAUGHT_BY_NAME = TREE | {"Exception", "BaseException"}


def _names(node: ast.expr | None) -> set[str]:
    """The class names an `except` clause or a `suppress(...)` call names (a bare `except:` as
    `BaseException`)."""
    if node is None:
        return {"BaseException"}
    return {
        n.id if isinstance(n, ast.Name) else n.attr
        for n in ast.walk(node)
        if isinstance(n, ast.Name | ast.Attribute)
    }


def _caught(source: str) -> list[tuple[int, str]]:
    """(line, error name) for each error of the tree (or everything) caught in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler):
            names = _names(node.type)
        elif isinstance(node, ast.Call) and "suppress" in _names(node.func):
            names = set().union(*(_names(arg) for arg in node.args))
        else:
            continue
        found += [(node.lineno, name) for name in sorted(names & CAUGHT_BY_NAME)]
    return found


def test_no_page_or_api_module_catches_an_error_of_the_tree() -> None:
    offenders = {
        f"{path.relative_to(WEB)}:{line}": name
        for package in ROUTE_PACKAGES
        for path in sorted(package.glob("*.py"))
        for line, name in _caught(path.read_text(encoding="utf-8"))
    }
    assert offenders == {}, "map it in web/errors.py (a page declares its own with refuse_as)"


def test_the_check_would_notice_a_hand_written_refusal() -> None:
    sneaky = """
import contextlib
from runrehab.domain import errors
try:
    pass
except (ValueError, errors.InvalidInputError) as exc:
    pass
except NotFoundError:
    pass
except:
    pass
with contextlib.suppress(ConflictError):
    pass
"""
    assert _caught(sneaky) == [
        (6, "InvalidInputError"),
        (8, "NotFoundError"),
        (10, "BaseException"),
        (12, "ConflictError"),
    ]
    assert _caught("try:\n    pass\nexcept ValueError:\n    pass\n") == []
