"""What a scheduled dose is given for, read while the mentions are adjusted (``posology.steps.adjust``).

A US MAR (and many an EHR) writes the indication after the posology: ``Give 1 tablet by mouth one
time a day for HTN``, ``… two times a day for A-fib``, ``… at bedtime for depression (F32.9)``. No
rule knows those words, so each was a word not understood (W002: a review flag on most MAR lines).
After a posology the rules read, ``for`` and the rest of its clause, when that is only words (and
an ICD-10 code), names why the dose is given: an instruction, as written, that changes no field.
Never when the clause holds a number (``for 5 days``, ``for SBP < 100``), a duration no rule read
(``for a fortnight``), a word the lexicon knows (a site, a unit, a moment: ``for the knees``), a
negation, a condition or a comparison, and never after an order verb (``Hold for …``): those stay
for the rules or are flagged."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.fields.mentions import Mention, instruction_mention
from posology.matching.lexicon import has_concept, is_number
from posology.text.tokenizer import doc_tokens

if TYPE_CHECKING:
    from posology.analysis import Analysis

# the posology the indication follows (a dose's own words, its timing, its route, an instruction: "(12.5 mg),")
_POSOLOGY = frozenset({"dose", "freq", "period", "when", "tod", "route", "dow", "bounds", "count", "instruction"})
# words that make the clause more than an indication: it stays unexplained (flagged)
_NOT_INDICATION = frozenset(
    "not no never hold stop unless except if until than less greater above below over under more max maximum "
    "when whenever then after before every each per daily".split()
    # a duration no rule read ("for a fortnight", "for several weeks"): a value lost, flagged
    + "day days week weeks wk wks month months year years fortnight fortnights hour hours minute minutes night "
    "nights dose doses time times course courses several few couple next first last remaining".split()
)
_ICD10 = re.compile(r"[A-Z]\d{2}(?:\.\d{1,4})?")
_CLAUSE_END = frozenset({".", ";", ",", "|"})


def named_indications(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """Each ``for …`` clause after a read posology that only names an indication becomes an
    instruction, its words read."""
    if "for" not in analysis.clean.lower():
        return mentions  # most lines: no Doc pass on the hot path
    doc = analysis.doc
    ends = {m.end for m in mentions if m.family in _POSOLOGY}
    added = []
    for token in doc_tokens(doc):
        if token.norm_ != "for" or token.i in analysis.covered or token.i == 0:
            continue
        before = doc[token.i - 1]
        if before.text == "," and token.i > 1:  # "… twice a day, for diabetic neuropathy" (a rendering's comma)
            before = doc[token.i - 2]
        if before.idx + len(before.text) not in ends:
            continue  # "Hold for HTN", "Reason for …": not right after a posology
        run = _clause(doc, token.i + 1, analysis.covered)
        if run:
            end = run[-1].idx + len(run[-1].text)
            written = analysis.clean[token.idx : end]
            added.append(instruction_mention(token.idx, end, "orders.indication", written))
            analysis.cover(token.idx, end)
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _clause(doc, at: int, covered: set[int]) -> list:
    """The tokens from ``at`` to the clause's end when they only name an indication, else []."""
    run: list = []
    for token in doc[at:]:
        if token.is_space:
            continue
        if token.text in _CLAUSE_END or (run and token.norm_ in ("and", "et", "&") and _next_drug(doc, token.i)):
            break  # "… x 7 days for UTI and Florastor 250 mg PO BID": the next drug, not the indication's
        code = bool(run) and _ICD10.fullmatch(run[-1].text + run[-1].whitespace_ + token.text) is not None  # "F" "32.9"
        if code or _ICD10.fullmatch(token.text):
            run.append(token)
            continue
        if token.i in covered or token.norm_ in _NOT_INDICATION or has_concept(token) or is_number(token):
            return []  # a word the lexicon knows (a site, a unit, a moment) or a number word: a value lost
        if not (token.is_alpha or token.text in ("-", "/", "(", ")")):
            return []  # a number, a comparison: more than a name
        run.append(token)
    while run and run[-1].text in ("-", "/", "("):
        run.pop()
    return run if any(t.is_alpha for t in run) else []


def _next_drug(doc, at: int) -> bool:
    """Whether a capitalised word after ``doc[at]`` has a number right after it (a drug and its
    strength or dose: ``and Florastor 250 mg``; ``for HTN and DM`` names two indications)."""
    after = [t for t in doc[at + 1 : at + 4] if not t.is_space]
    return len(after) >= 2 and (after[0].is_title or after[0].is_upper) and after[0].is_alpha and after[1].like_num
