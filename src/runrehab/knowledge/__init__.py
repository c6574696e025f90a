"""The clinical knowledge base: YAML data files (`data/`) and the loader that validates them.

data/                   the YAML files: one topic per folder or file, each rule with its citation
schema.py               the shape of every file, as pydantic models
reading.py              read one YAML file against its schema
predicates.py           parse the `when:` language of the rules
loader.py               `load_knowledge_base`: every file in cross-reference order, or one error
load_context.py         what the topic loaders share: the file being read, citations, rules
load_library.py         citations, education cards, equipment levels
load_exercises.py       the exercise library
load_dosage.py          the dosage and adaptation numbers and rules
load_protocols.py       protocols and stages, return-to-run gates, maintenance
load_conditions.py      conditions, and the words of each verdict
load_safety.py          red flags, pause rules, advisories
load_questionnaires.py  outcome questionnaires
load_questions.py       the intake interview's questions
invariants.py           checks that span files: the dosage and safety rules
"""
