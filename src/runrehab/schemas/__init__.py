"""Boundary schemas (pydantic): raw user input in, validated domain values out.

The CLI reads them from JSON files and arguments, the web app from forms and API bodies. Every
problem is reported at once with its key, as `InvalidInputError`.

answers.py     the intake answers, and a coach's template of them
log.py         log entries: exercise sets, runs, check-ins
profile.py     the runner's profile
race.py        a race's distance and time, as typed
distance.py    a distance, as typed on the command line
dates.py       days as `YYYY-MM-DD`, within a runner's record
numbers.py     numbers as typed into a form
validation.py  pydantic's errors as `Problem`s with plain messages
"""
