"""The adaptation engine: after every log entry, progress, hold, regress or refer, with reasons.

state.py         what the engine remembers (doses, running, mornings, pain checks)
history.py       the windows of the past the engine keeps, and no more
doses.py         one step up or down for an exercise dose or the running load
monitoring.py    baseline, weekly trend, and the referral criteria
engine.py        `step` (one entry), `replay` (a whole log) and `advance` (on from a state)
overrides.py     a coach's overrides, applied in date order between entries
reassessment.py  a re-assessment continues the runner's history
reasons.py       the rule ids the engine gives as reasons
"""
