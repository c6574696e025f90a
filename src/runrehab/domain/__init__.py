"""The pure domain core: standard library only, no I/O, no framework.

Everything here takes values and returns values; adapters (files, CLI, later the web app and the
database) sit around it. `tests/architecture` enforces the import rule.
"""
