"""Boundary schemas (pydantic): raw user input in, validated domain values out.

The CLI reads them from JSON files; the web app will read them from forms and API bodies. Every
problem is reported at once with its key, as `InvalidInputError`.
"""
