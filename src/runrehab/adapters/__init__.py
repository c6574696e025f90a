"""Adapters around the domain core: files, calendars (later: database, web, importers)."""
