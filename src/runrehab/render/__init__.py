"""Presentation: pure functions from domain values to view models, words, SVG and Markdown.

No I/O, no framework: the CLI, the web pages and the API all render through here.

- `serialize.py`: JSON views of assessments, plans and decisions (the shape the API serves).
- `describe.py`: the engine's "next dose" in plain words.
- `dates.py`: days in words ("Mon 7 Dec"), never ISO.
- `plan_calendar.py`: the plan as a week strip and a month grid, and the days it shows.
- `evidence_labels.py`: a rule's evidence tag as a label a runner reads.
- `rule_quotes.py`: rule sentences quoted in free text, found to show their evidence labels.
- `view_models/`: the pages' JSON twins, the models /api/v1 answers with, one module per topic.
- `kb_docs.py`: the knowledge base as one Markdown document.
- `kb_docs_path.py`: where that document lives (light, for the CLI's help).
- `user_agents.py`: a browser's User-Agent header in plain words, for the devices list.
- `illustrations/`: exercise stick figures, checked from parsed data and drawn as SVG.
"""
