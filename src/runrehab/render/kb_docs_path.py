"""Where the knowledge base's Markdown document lives in the repository.

A module of its own so that `runrehab --help`, which names the path, need not import the renderer
and the knowledge base's types with it.
"""

from __future__ import annotations

__all__ = ["DOCS_PATH"]

DOCS_PATH = "docs/knowledge-base.md"
