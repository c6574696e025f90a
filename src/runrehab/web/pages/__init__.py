"""The HTML pages, one module per topic; `web/api/` has the JSON twin under the same name.

    account       home, sign up, log in and out, password reset, the account page (devices,
                  password, reminders, download or delete my data)
    activities    runs from the watch: upload, training load, "was it a run?", pain scores
    assessment    the assessment wizard and its result
    log           today, and logging exercises, runs and check-ins
    plan          the plan, pausing it, the calendar feed, the easy pace and race result
    progress      the charts, outcome questionnaires
    library       the exercise library with illustrations, education cards (public)
    coaching      the coach's roster and a runner's file; the runner's coaching page
    coach_tools   re-assessing a runner (templates), questionnaire schedules

Page modules catch no error of the tree: `web/errors.py` maps it, and a page that shows a
refusal its own way declares it there (`refuse_as`).
"""
