"""Typed view models: the JSON twin of each page. The /api/v1 operations answer with them
(FastAPI documents and checks each answer against its model), and the pages render the same
values, so a page and its JSON cannot drift apart. One module per topic, named as its page module
in `web/pages/` and its API module in `web/api/`; next to a topic's models, the pure functions
that shape domain values into them.

    common        the closed base (`ViewModel`), a rule with its evidence label, a citation
    account       address, message, signed-in devices, reminders, race result, data export
    activities    imported, listed and awaiting runs; the import report; the training load
    assessment    an assessment's verdict, likely conditions and reasons; a re-assessment
    log           today, a logged entry's decision, the history
    plan          the plan, its versions and overrides; the easy pace and zones; calendar address
    progress      the charts' series, questionnaire trends, a response's score
    library       an exercise
    coaching      the roster, a runner's file and timeline, messages, invitations, organisations
    coach_tools   assessment templates, questionnaire schedules
    health        liveness (no page twin)

Models are closed (`extra="forbid"`): a field the code adds without declaring it fails the tests
instead of reaching clients undocumented. Where an answer passes on a large structure built by
another layer (a plan, an assessment, an export), its top level is declared field by field and
the values deeper down as objects and arrays; `log.HistoryEntry` alone stays open, since a log
entry carries the fields of its `type`.
"""
