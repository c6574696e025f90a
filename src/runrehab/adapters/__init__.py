"""Adapters around the domain core, implementing the ports of `services/ports.py`: the database
(db/), activity files and archives (activities/), mail, password hashing, JSON files, iCalendar,
the illustration files and the signing key."""
