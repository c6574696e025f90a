"""The pure domain core: standard library only, no I/O, no framework.

Everything here takes values and returns values; adapters (files, database, importers) and the
entry points (CLI, web) sit around it. `tests/architecture` enforces the import rule.

intake.py          the intake answers, their vocabularies, and the facts rules read
rules.py           the predicate language clinical rules are written in
text.py            `{fact}` placeholders in rule texts
knowledge.py       the knowledge base's types
verdicts.py        the five triage verdicts
screening.py       the red-flag screen on answers still coming in
assessment.py      "Is it OK to run?": red flags first, then the likely condition's verdict
referral.py        a referred runner is seen by a clinician before the plan loosens
profile.py         the runner's availability, equipment and volumes
planning.py        an assessment into a dated, staged plan
plan.py            the values a plan is made of
schedule.py        which weekdays get which session
dosing.py          how much of an exercise in a given week of its stage
running.py         running volume per week: walk/run, then easy runs
stressors.py       what a stage adds that stresses the tissue, and in which week
adaptation/        the engine: progress, hold, regress or refer after each entry
log.py             what a runner logs: sets, runs, check-ins
episode.py         an injury episode as the use cases see it
records.py         read models of stored history
activity.py        a recorded activity, read from a watch file
sport_guess.py     the likely sport of a file that does not name it
load.py            training load: volume, pace zones, ramp, spikes
pace.py            a rehab run's pace, from a race or the talk test
questionnaires.py  outcome questionnaires: definitions and scoring
assignments.py     when an assigned questionnaire is next due
attention.py       who needs the coach's attention first, and why
units.py           conversions every screen shares
errors.py          the one exception hierarchy
"""
