"""Watch files in, `Activity` values out: FIT (fitdecode, CRC checked), GPX and TCX (hardened
lxml), one at a time or in bulk from folders and account-export archives. Everything that cannot
be read raises `ActivityFileError` ("NAME: reason", one line).

    reading.py   read_activity(name, data): size cap, gzip, sniffing, dispatch
    fit.py       FIT sessions, laps and records
    fit_crc.py   FIT CRCs checked in one pass, before decoding
    gpx.py       GPX tracks (distance from positions)
    tcx.py       TCX laps and trackpoints
    track.py     shared arithmetic: distance, the moving rule, pace histogram, heart rate, ascent
    safe_xml.py  the hardened XML parser
    sports.py    sport names, one vocabulary
    summary.py   the JSON summary
    archive.py   bulk import: the files in paths, folders and export zips, walked safely
    decode.py    bulk import: many files decoded on every core, in order
"""

from runrehab.adapters.activities.errors import ActivityFileError
from runrehab.adapters.activities.reading import (
    MAX_FILE_BYTES,
    read_activity,
    read_activity_file,
)
from runrehab.adapters.activities.summary import activity_summary

__all__ = [
    "MAX_FILE_BYTES",
    "ActivityFileError",
    "activity_summary",
    "read_activity",
    "read_activity_file",
]
