"""A drug switched for another (CONVENTIONS §8, a stop): ``Switch atorvastatin to rosuvastatin``,
``Remplacer Inexium par Mopral`` (the verb first: the first drug is stopped) and ``Tritace 5 mg 1 cp
le matin, remplacer par Coversyl …``, ``… -> switch to cetirizine`` (the verb after the drug it
stops: a ``replaced`` cue, read by :func:`replaced_medication`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.matching.lexicon import token_value

if TYPE_CHECKING:
    from posology.dosage import Medication

# "Switch atorvastatin to rosuvastatin …", "Remplacer Inexium par Mopral …": the first drug is
# stopped (a cue only when "to" / "par" / "by" follows within a few words: "remplacer le patch
# tous les 3 jours" is no order)
SWITCH_VERBS = frozenset(
    "switch switched remplacer remplace remplacee replace replaced relayer relaye relayee relais".split()
)
SWITCH = frozenset((w,) for w in SWITCH_VERBS)  # the cue phrases (posology.fields.cues)
SWITCH_TO = frozenset({"to", "par", "by", "with"})


def switches_drugs(words, norms: list[str], i: int) -> bool:
    """``Switch atorvastatin to rosuvastatin``: a word between the verb and ``to`` / ``par``,
    none of them a unit or a form (``Replace patch with a new one``, ``remplacer le patch par un
    nouveau`` change a patch, they stop nothing)."""
    connector = next((k for k in range(i + 2, min(i + 6, len(norms))) if norms[k] in SWITCH_TO), None)
    if connector is None or norms[i + 1] == "par":
        return False
    between = words[i + 1 : connector]
    return not any(token_value(t, "lex_unit_of_presentation") or token_value(t, "lex_dose_form") for t in between)


_NOT_A_NAME_NEXT = frozenset("a an the un une le la les l' de du des new nouveau nouvelle nouveaux oral".split())


def replaced_by(words, norms: list[str], i: int) -> bool:
    """``Tritace 5 mg 1 cp le matin, remplacer par Coversyl``, ``… -> switch to cetirizine``: the
    verb, its connector, then a word that may name a drug (no number, article or lexicon word:
    ``replace with a new patch``, ``switch to PO`` name none); never a later phase (``puis relais
    par …``, ``then switch to …``: the first drug is taken until then)."""
    if i + 2 >= len(words) or norms[i + 1] not in SWITCH_TO or norms[i - 1 : i] in (["puis"], ["then"], ["ensuite"]):
        return False
    following = words[i + 2]
    return (
        following.text[:1].isalpha()
        and norms[i + 2] not in _NOT_A_NAME_NEXT
        and not token_value(following, "is_lex")
        and token_value(following, "num") is None
    )


def replaced_medication(medications: list[Medication], start: int, end: int, text: str) -> int | None:
    """``Tritace 5 mg 1 cp le matin, remplacer par Coversyl …``, ``Chlorphenamine 4 mg TDS PRN ->
    switch to cetirizine``: the medication named last before a switch verb whose connector the
    next drug's name follows, when no order of its own (``Arrêt Tahor, remplacer par …``,
    ``ne pas donner …, remplacé par …``) said what becomes of it."""
    before = [i for i, m in enumerate(medications) if m.name_end is not None and m.name_end <= start]
    after = [m.name_start for m in medications if m.name_start is not None and m.name_start >= end]
    if not before or not after or not _TO_NAME.fullmatch(text[end : min(after)]):
        return None
    med = medications[before[-1]]
    if med.status != "active" or med.do_not_perform:
        return None
    # a planned relay: the first drug's course is counted ("… 5 cp/j le 5e jour, relais par Mayzent
    # 2 mg à partir du 6e jour"), or the new drug starts later: both are taken in turn, none stopped
    if any(d.timing.bounds is not None for d in med.dosages) or _LATER_START.search(text, end):
        return None
    return before[-1]


_TO_NAME = re.compile(r"\s*(?:(?:l'|le |la |les |du |de la |de l'|d'|the )\s*)?", re.IGNORECASE)
_LATER_START = re.compile(r"\b(?:[àa] partir d|d[èe]s (?:le|J)|from day|starting (?:on|from)|on day)", re.IGNORECASE)
