"""Adapters around the domain core: the database (db/), activity files and archives
(activities/), mail, password hashing, JSON files, iCalendar, the illustration files and the
signing key."""
