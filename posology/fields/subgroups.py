"""A dose for a group of patients (CONVENTIONS §8: structure what is safe, and a warning).

``Céfazoline 2 g IV toutes les 8 h, si poids > 120 kg : 3 g/8 h``, ``Vancomycin 1 g IV q12h;
if CrCl < 30: 1 g q24h``, ``Amoxicilline 1 g x3/j, si DFG < 30 : 500 mg x2/j``: a condition on
the patient's weight, renal function, age or body mass is no as-needed reason (nobody becomes
heavier when needed). After an order it heads another regimen, for other patients: that regimen
is not structured (the Dosage fields hold no choice between regimens) and stays an instruction,
as written; the order before it is the line's. A condition of this kind with no order before it
(``si DFG < 30 : 500 mg x2/j``) keeps its order, no as-needed. Only a condition followed by a
colon heads a regimen (``Lasilix 20 mg : 1 cp si poids > 72 kg`` stays as-needed). Either way the cue this module
returns is flagged by ``posology.fields.orders.apply_orders`` (W022).

Reads the tokens (norms) and the mentions of one text; called by ``fields.orders`` for each
condition (``si`` / ``if`` … a comparison).
"""

from __future__ import annotations

import re

from posology.fields.cues import Cue
from posology.fields.mentions import Mention, instruction_mention
from posology.text.tokenizer import doc_text, doc_tokens

# what a dose is chosen by, never a symptom: weight, renal function, age, body mass
PATIENT_MEASURES = frozenset(
    "poids weight wt dfg egfr gfr crcl clcr clairance clearance creatinine creatininemie age imc bmi".split()
)
# a change of the measure, a symptom to watch (an as-needed reason), never a group of patients
_CHANGES = frozenset("prise gain up goes increase increases augmentation hausse rises".split())
_COLON_AFTER = re.compile(r"\s*:")
# where the other regimen ends: a new item, a sentence, a line
_REGIMEN_END = re.compile(r";|\|\s|\.\s|\n")
_DOSED = frozenset({"dose", "slot"})


def for_patient_group(doc, opener, comparison: Cue, limit: int) -> bool:
    """Whether the condition heads a regimen of its own (a colon after it) and the words between
    its opener (``si``, ``if``) and its comparison name a patient measure (``si poids > 120 kg :``,
    ``if CrCl < 30:``, ``si DFG inférieur à 30 :``), not its change (``si prise de poids > 2 kg``,
    ``if weight up > 2 kg``: a diuretic's as-needed reason, as is ``1 cp si poids > 72 kg``, after
    its dose)."""
    if not _COLON_AFTER.match(doc_text(doc), limit):
        return False
    subject = [t.norm_ for t in doc_tokens(doc) if opener.idx < t.idx < comparison.start and not t.is_space]
    words = {word.split(" ")[0] for word in subject[:4]}
    return bool(words & PATIENT_MEASURES) and not words & _CHANGES


def group_regimen(doc, mentions: list[Mention], opener, limit: int) -> tuple[list[Mention], Cue]:
    """The mentions with the condition (``opener`` … ``limit``) kept as an instruction, and the
    other regimen after it too when an order comes before it; and the cue to flag."""
    text = doc_text(doc)
    ordered = any(m.family in _DOSED and m.end <= opener.idx for m in mentions)
    end = limit
    if ordered:  # (the regimen's end is searched from the condition's: never before it)
        found = _REGIMEN_END.search(text, limit)
        end = found.start() if found else len(text)
    said = text[opener.idx : end].rstrip(" ,;:.")
    note = instruction_mention(opener.idx, opener.idx + len(said), "orders.patient_group", said)
    kept = [m for m in mentions if not opener.idx <= m.start < end]
    cue = Cue("patient_group", opener.idx, opener.idx + len(said), ())
    return sorted([*kept, note], key=lambda m: m.start), cue
