"""The `runrehab` command line: Typer commands, Rich rendering, the interactive intake.

app.py                     the Typer app, with every command registered
common.py                  consoles, option types, dates, and the database a command works on
errors.py                  runrehab errors to exit codes and one clear line on stderr
files.py                   writing a file the user named, never half of one
assess_commands.py         `assess` and `replay`
interview.py               the interactive intake, one question group at a time
progress_commands.py       `plan`, `today` and `history`
history_view.py            the log with its decisions, and pain over time as a chart
log_commands.py            `log exercise|run|checkin`
questionnaire_commands.py  `questionnaire ID`
activity_commands.py       `activity show FILE`
import_commands.py         `import PATH...`
pace_commands.py           `pace`
library_commands.py        `exercises`, `learn`, `demo`, `knowledge check`, `knowledge docs`
library.py                 Rich views of the exercise library and the education cards
knowledge_docs.py          the knowledge base as one Markdown document
demo.py                    the sample runner of `demo`, assessed and planned
render.py                  Rich rendering of assessments and plans
serve_commands.py          `serve`: the web app
worker_commands.py         `worker`: send the notifications outbox
samples/                   sample answers files
"""
