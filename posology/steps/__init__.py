"""The steps of the engine, in the order ``Engine.prescription`` runs them.

Each step is a function ``step(engine, analysis)`` that reads some fields of the
:class:`~posology.analysis.Analysis` record and writes others (its module docstring says which);
``engine`` gives the loaded parts (tokenizer, lexicon, matcher, linkers, NER model).
``docs/architecture.md`` explains the record, the layers below the steps and where to add what.
"""

from __future__ import annotations

from posology.steps import adjust, assemble, hybrid, names, orders, read, report

STEPS = (
    ("read", read.step),  # tokens, lexicon, linked words, rule matches, mentions, cues
    ("hybrid", hybrid.step),  # the NER model where the rules left a gap (spelling repair, added mentions)
    ("adjust", adjust.step),  # mentions rewritten by the order cues; clock times; OD on eye lines
    ("notes", report.notes),  # what the linker, the spelling repair and the NER alone read
    ("names", names.step),  # drug name runs
    ("assemble", assemble.step),  # segments → Medications with Dosages; drug names coded
    ("orders", orders.step),  # stop / hold / titration / cycles; impossible values
    ("report", report.step),  # unexplained words, refused counts, no dosage
)
