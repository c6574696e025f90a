"""Use cases: plain functions over the ports (a unit of work, a clock), one transaction each.

accounts.py              sign up, log in, reset or change a password
sessions.py              signed-in sessions kept on the server, so signing out ends them
account_data.py          a runner's data: exported as JSON or CSV, or deleted
episodes.py              start an injury episode: assess, store the answers, plan version 1
progress.py              log an entry and let the engine decide; where the runner has got to
snapshots.py             the engine's state from the newest valid stored snapshot and the
                         entries after it, instead of a replay of the whole log
pages.py                 what Today, Plan and Progress show, each read in one unit of work
status.py                each runner's roster status, kept current after every entry
continuity.py            a runner's history across re-assessments
pauses.py                pause the plan (illness, travel) and resume it
activities.py            import runs from watch files, skipping duplicates
training_load.py         weekly volume with pain over it and the ramp, for the charts
charts.py                the series behind the progress charts
questionnaires.py        record a questionnaire response with its score
assignments.py           questionnaires a coach assigns on a schedule
assessment_templates.py  a coach's re-assessment, and reusable sets of answers
coaching/                the coach and clinic use cases, one module per topic
invitations.py           an organisation admin's invitations to coach with it
referral_notice.py       whether the runner is referred now, for every runner page's notice
notifications.py         e-mail notifications through the outbox
reminders.py             the daily reminder e-mail, and whether a runner wants it
race.py                  the runner's race result, which pace zones are read from
demo.py                  the demo `make run` seeds
ports.py                 what the use cases need from outside, as protocols (adapters implement
                         them; services import no adapter)
"""
