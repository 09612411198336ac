"""The name finder's runs, found once per state of the record (the hybrid step's gap check and
the names step ask for them; on a line the NER does not change, the answer is the same).

Reads ``doc``, ``mentions``, ``covered``, ``offsets``; writes ``name_runs`` (its memo).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from posology.fields.medications import find_drug_names

if TYPE_CHECKING:
    from posology.analysis import Analysis


def name_runs(analysis: Analysis) -> list[list]:
    """``find_drug_names`` over the record as it is now (memoised on doc, mentions, covered)."""
    key = (id(analysis.doc), tuple(analysis.mentions), frozenset(analysis.covered))
    if analysis.name_runs is not None and analysis.name_runs[0] == key:
        return analysis.name_runs[1]
    breaks = analysis.offsets.breaks if analysis.offsets is not None else frozenset()  # Engine.analyse: none
    runs = find_drug_names(analysis.doc, analysis.covered, analysis.mentions, breaks)
    analysis.name_runs = (key, runs)
    return runs
