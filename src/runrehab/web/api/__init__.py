"""/api/v1: everything the pages do, as JSON, documented in /openapi.json; one module per topic,
named as its page module in `web/pages/`.

    account       sign-up by link, session, password reset, devices, password, reminders, export
    activities    activity files imported, listed, sport confirmed, scored; training load
    assessment    an assessment: answers in, verdict and plan out
    log           today, log entries (idempotent by id) with their decisions, history
    plan          the plan, pause and resume, calendar address, easy pace and race result
    progress      the charts' data, outcome questionnaires and scores
    library       the exercise library
    coaching      the coach's roster, runner files, messages, notes; invites, organisations
    coach_tools   assessment templates, re-assessment, questionnaire schedules
    health        liveness (no page twin)
    params.py, contract.py  what operations take, and their errors (what they answer:
                            `render/view_models/`, by the same topic names)

A runner's endpoints work on the signed-in runner's own records: none takes a runner or episode
id, so one runner can never address another's data; client-chosen ids (log entries,
questionnaire responses) that belong to someone else are refused with 409, never revealed.
"""
