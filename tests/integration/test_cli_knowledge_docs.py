"""`runrehab knowledge docs` as a user runs it: print, write atomically, and check for drift."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from runrehab.cli.app import app
from runrehab.domain.knowledge import KnowledgeBase
from runrehab.knowledge.loader import default_data_dir
from runrehab.render.kb_docs import DOCS_PATH, render_knowledge_base

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_OF_DATE = (
    "docs/knowledge-base.md is out of date: "
    "run `runrehab knowledge docs --output docs/knowledge-base.md`"
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["knowledge", "docs", *args], env={"COLUMNS": "120"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _copy_of_the_docs(tmp_path: Path) -> Path:
    copy = tmp_path / DOCS_PATH
    copy.parent.mkdir()
    shutil.copyfile(REPO_ROOT / DOCS_PATH, copy)
    return copy


def test_without_output_the_document_is_printed(kb: KnowledgeBase) -> None:
    code, out, _ = _run()
    assert code == 0
    assert out == render_knowledge_base(kb)


def test_output_writes_the_document_and_leaves_no_temporary_file(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    target = tmp_path / "kb.md"
    target.write_text("an older version\n")
    code, out, err = _run("--output", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == render_knowledge_base(kb)
    assert f"wrote {target}" in out
    assert [p.name for p in tmp_path.iterdir()] == ["kb.md"]


def test_check_passes_on_the_committed_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    code, out, err = _run("--check")
    assert code == 0, err
    assert f"{DOCS_PATH} is up to date" in out


def test_check_fails_on_a_modified_copy_and_says_how_to_regenerate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy_of_the_docs(tmp_path)
    copy.write_text(copy.read_text(encoding="utf-8") + "\nA hand edit.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = _run("--check")
    assert code == 1
    assert OUT_OF_DATE in err


def test_check_after_output_passes(tmp_path: Path) -> None:
    target = tmp_path / "kb.md"
    assert _run("--output", str(target))[0] == 0
    assert _run("--check", "--output", str(target))[0] == 0


def test_check_fails_when_the_document_is_missing(tmp_path: Path) -> None:
    code, _, err = _run("--check", "--output", str(tmp_path / "kb.md"))
    assert code == 1
    assert "kb.md does not exist: run `runrehab knowledge docs --output" in err


def test_an_unwritable_output_is_a_clear_error_with_exit_code_2(tmp_path: Path) -> None:
    code, _, err = _run("--output", str(tmp_path / "no" / "such" / "dir.md"))
    assert code == 2
    assert "cannot write" in err


def test_a_broken_knowledge_base_is_exit_code_3(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (data / "manifest.yaml").write_text("version: [not a string]\n")
    code, _, err = _run("--data", str(data))
    assert code == 3
    assert "manifest.yaml" in err
