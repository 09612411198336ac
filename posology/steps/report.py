"""The issue logic: what the steps report for a reader (severities: CONVENTIONS §8,
``posology.review`` for which issues are review flags).

Two steps live here:

- :func:`notes` (after *adjust*) reads ``linked``, ``spelling``, ``ner_refused`` and the NER
  mentions; it reports the words the linker read (W007), the words repaired (W010), the NER
  mentions refused (W011, W012) and the values only the NER saw (W008).
- :func:`step` (last) reads ``doc``, ``covered``, ``names``, ``rejected`` and ``medications``;
  it reports the words and numbers no rule read (W002), the counts FHIR cannot hold (W009), a
  slot layout of zeros or at odds with its moment (W023), a maximum over regular and as-needed
  doses (W023), a ``pr`` after a unit-less count (W023) and a line with no dosage (W001,
  first), and gives a line without any medication its empty one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from posology.dosage import Issue, Medication, Timing
from posology.errors import Warnings
from posology.fields.medications import LABEL_HEADERS, class_header_end
from posology.fields.plausibility import value_issue
from posology.matching.lexicon import has_concept, token_value
from posology.matching.matcher import WHOLE_FIELDS
from posology.text.tokenizer import doc_tokens
from posology.text.words import (
    AMOUNT_WORDS,
    CHANGE_LABELS,
    CHART_SECTIONS,
    DEVICE_WORDS,
    FUNCTION_WORDS,
    PRESENTATION_WORDS,
    prefilled_prefix,
)

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine

# A content word no rule read may change the order (a verb, a negation, a day): review (§8).
CONTENT_WORD_SEVERITY = "warning"
# "NEW:", "REGULAR |" ("dose variable selon l'INR" is no noise)
NOISE_WORDS = PRESENTATION_WORDS | AMOUNT_WORDS | DEVICE_WORDS | CHANGE_LABELS | (CHART_SECTIONS - {"variable"})


def notes(engine: Engine, analysis: Analysis) -> None:
    """Fields a reviewer should look at: words read by the linker, fields only the NER saw."""
    doc, text, span = analysis.doc, analysis.text, analysis.offsets.span
    issues = analysis.issues
    cautioned = {i for cue in analysis.cues or () if cue.kind == "caution" for i in cue.tokens}
    for at, result in sorted(analysis.linked.items()):
        token = next(t for t in doc_tokens(doc) if t.idx == at)
        if token.i in cautioned:  # "Discard 28 days after opening": a label's advice, whatever it resembles
            continue
        start, end = span(at, at + len(token.text))
        concept = f"{result.type} {result.key}"
        message = Warnings.W007.format(span=text[start:end], concept=concept, score=result.score)
        issues.append(Issue("information", "informational", message, start, end))
    for at, (written, repaired) in sorted(analysis.spelling.items()):
        start, end = span(at, at + len(written))
        message = Warnings.W010.format(span=text[start:end], word=repaired)
        issues.append(Issue("information", "informational", message, start, end))
    for mention, warning in analysis.ner_refused:
        start, end = span(mention.start, mention.end)
        message = warning.format(span=text[start:end], field=mention.family)
        issues.append(Issue("warning", "informational", message, start, end))
    for mention in analysis.mentions:
        if mention.rule_id == "ner":
            start, end = span(mention.start, mention.end)
            message = Warnings.W008.format(span=text[start:end], field=mention.family)
            issues.append(Issue("warning", "informational", message, start, end))


def step(engine: Engine, analysis: Analysis) -> None:
    analysis.issues.extend(unexplained(analysis))
    analysis.issues.extend(empty_slots(analysis))
    analysis.issues.extend(slots_against_moments(analysis))
    analysis.issues.extend(rejected_issues(analysis))
    analysis.issues.extend(shared_maxima(analysis))
    analysis.issues.extend(press_or_rectum(analysis))
    analysis.issues.extend(concentration_without_dose(analysis))
    if not any(d.dose or d.timing != Timing() or d.as_needed for med in analysis.medications for d in med.dosages):
        analysis.issues.insert(0, Issue("warning", "incomplete", Warnings.W001, 0, len(analysis.text)))
    if not analysis.medications:
        analysis.medications.append(Medication())


def shared_maxima(analysis: Analysis) -> list[Issue]:
    """``Symbicort 200/6 1 puff bd + 1 puff prn, max 8 puffs/day``: a maximum per period on a phase
    with regular and as-needed doses caps the day's total (maintenance and reliever) or the
    as-needed doses only; FHIR holds it per Dosage, so neither reading is sure (blind writers put
    it on both, or on the as-needed one): flagged (W023)."""
    issues = []
    for medication in analysis.medications:
        for sequence in {d.sequence for d in medication.dosages}:
            phase = [d for d in medication.dosages if d.sequence == sequence]
            needed = [d for d in phase if d.as_needed]
            if needed and len(needed) < len(phase) and any(d.max_per_period for d in phase):
                capped = (
                    next(d for d in needed if d.max_per_period) if any(d.max_per_period for d in needed) else needed[0]
                )
                issues.append(
                    value_issue(
                        analysis.text,
                        capped.start,
                        capped.end,
                        "a maximum on regular and as-needed doses: the day's total, or the as-needed doses'?",
                    )
                )
    return issues


_NO_DOSE = "a concentration and no dose: how much is given (the whole vial, a volume, an amount)?"


def concentration_without_dose(analysis: Analysis) -> list[Issue]:
    """``Ohtuvayre 3 mg/2.5 mL neb BID``, ``Amoxicilline 250 mg/5 ml 3 fois par jour``: a strength per
    volume and a rhythm with no dose leaves the amount to give unsaid (the Dosage would claim the
    product's usual unit): flagged (W023)."""
    concentration = next((m for m in analysis.mentions if m.get("strength.per.value") is not None), None)
    if concentration is None or concentration.get("strength.per.time") is not None:  # "25 µg/h": a patch's rate
        return []
    undosed = any(
        d.dose is None and d.timing != Timing() and med.status == "active" and not med.do_not_perform
        for med in analysis.medications
        for d in med.dosages
    )
    return [analysis.value_issue(concentration.start, concentration.end, _NO_DOSE)] if undosed else []


_PR_AFTER_COUNT = "'pr' after a count with no unit: per rectum, or a press?"
_SLOTS_AGAINST_MOMENT = "the slots and the moment of the day disagree"


def press_or_rectum(analysis: Analysis) -> list[Issue]:
    """``STALORAL 10 IR/ml | J1: 1 pr | J2: 2 pr``: a lower-case ``pr`` right after a count with no
    unit is a press of a sublingual pump (French ``pression``) as much as *per rectum* (``Voltaren
    supp 100mg 1 pr``, where the form gives the unit): the rectal route of drops was silent.
    Flagged (W023), the route kept."""
    mentions = analysis.mentions
    if any(m.family == "form" for m in mentions):  # "Voltaren supp 100mg 1 pr": the form's unit
        return []
    for before, route in zip(mentions, mentions[1:], strict=False):
        written = analysis.clean[route.start : route.end]
        if route.family != "route" or written not in ("pr", "pr.") or before.family != "dose":
            continue
        if before.get("dose.unit") is None and not analysis.clean[before.end : route.start].strip():
            return [analysis.value_issue(before.start, route.end, _PR_AFTER_COUNT)]
    return []


def empty_slots(analysis: Analysis) -> list[Issue]:
    """``Tab. Stugeron 25 0-0-0 x 5 Days``: a slot layout with 0 in every slot orders no dose at
    all (a zero dose, CONVENTIONS §8): never silent (W023)."""
    issues = []
    for mention in analysis.mentions:
        if mention.family == "slot" and all(value == 0 for value in mention.all("slot")):
            issues.append(analysis.value_issue(mention.start, mention.end, "a dose of 0 in every slot"))
    return issues


# the moments each slot of a layout stands for (three slots: morning, noon, evening; four: … night)
_SLOT_MOMENTS = {
    3: ({"MORN"}, {"NOON", "AFT"}, {"EVE", "NIGHT", "HS"}),
    4: ({"MORN"}, {"NOON", "AFT"}, {"EVE"}, {"NIGHT", "HS"}),
}
_MOMENTS = frozenset({"MORN", "NOON", "AFT", "EVE", "NIGHT", "HS"})


def slots_against_moments(analysis: Analysis) -> list[Issue]:
    """``ATARAX 25 MG : 1-0-0 le soir``: a moment of the day right after a slot layout that none
    of its taken slots stands for (the morning slot, then "in the evening"): which one is meant?
    Both are kept (the Dosage says what the text says), flagged (W023)."""
    issues = []
    mentions = analysis.mentions
    for at, slot in enumerate(mentions):
        values = slot.all("slot") if slot.family == "slot" else []
        if len(values) not in _SLOT_MOMENTS:
            continue
        taken = set().union(*(m for m, v in zip(_SLOT_MOMENTS[len(values)], values, strict=True) if v))
        for after in mentions[at + 1 :]:
            if after.family in ("dose", "slot") or after.start - slot.end > 30:
                break  # another dosage
            moments = {code for code in after.all("when") if code in _MOMENTS} if after.family == "when" else set()
            if moments and taken and not moments & taken:
                issues.append(analysis.value_issue(slot.start, after.end, _SLOTS_AGAINST_MOMENT))
                break
        # "AMLOR 5 mg : 1 cp le matin 0-0-1": the moment right before the slots, the same question
        before = mentions[at - 1] if at else None
        if before is None or before.family != "when" or slot.start - before.end > 3:
            continue
        moments = {code for code in before.all("when") if code in _MOMENTS}
        if moments and taken and not moments & taken:
            issues.append(analysis.value_issue(before.start, slot.end, _SLOTS_AGAINST_MOMENT))
    return issues


def unexplained(analysis: Analysis) -> list[Issue]:
    """Words no rule explains and that are not a drug name: reported, never guessed."""
    named = {token.i for run in analysis.names for token in run}
    span = analysis.offsets.span
    issues = []
    header = class_header_end(analysis.doc)  # "LABA+LAMA : …": a class of drugs heads the line
    brands = _bracketed_brands(analysis.clean, named_ends={run[-1].idx + len(run[-1].text) for run in analysis.names})
    for token in doc_tokens(analysis.doc):
        if token.i in analysis.covered or token.i in named or token.i < header:
            continue
        if (
            token.like_num
            or token_value(token, "is_num")
            and token_value(token, "is_digit_num")
            or any(ch.isdigit() for ch in token.text)
        ):
            # a number no rule read is a value lost (a dose, a clock time: "à 26h"): review
            start, end = span(token.idx, token.idx + len(token.text))
            issues.append(Issue("warning", "value", Warnings.W002.format(span=token.text), start, end))
            continue
        if (
            not _is_word(token)
            or token.norm_ in FUNCTION_WORDS
            or len(token.norm_) < 2
            and token.norm_ not in _DOSE_LETTERS
        ):
            continue  # a letter of no meaning; a lone dose unit ("Paracetamol x g") is a value lost
        if len(token.norm_) == 2 and not has_concept(token) and token.norm_ not in _SHORT_EVENTS:
            continue  # a short word the lexicon does not know ("as", "be"); a known one ("PM", "AU") is a value lost
        start, end = span(token.idx, token.idx + len(token.text))
        # a presentation or amount word ("poudre", "shampoo", "thin layer") changes no field: noise
        noise = (
            any(a <= token.idx < b for a, b in brands)  # "atorvastatin 40 mg tablet [Lipitor]": the brand
            or token.norm_ in NOISE_WORDS
            or (" " in token.norm_ and _noise_phrase(token.norm_))
            or prefilled_prefix(token)  # "ser pré-remplie"
            or (token.norm_ in LABEL_HEADERS and analysis.clean[token.idx + len(token.text) :].lstrip()[:1] == ":")
            or (token.norm_ in _REMINDER_WORDS and _opens_before_a_name(analysis, token))
        )  # "… || Support: folic acid": an item's label; "Rappel DOLIPRANE 1000mg: …": an SMS reminder's opening
        severity = "information" if noise else CONTENT_WORD_SEVERITY
        issues.append(Issue(severity, "informational", Warnings.W002.format(span=token.text), start, end))
    return issues


_REMINDER_WORDS = frozenset({"rappel", "reminder"})  # a reminder service's first word (dev_fr_ic)


def _opens_before_a_name(analysis: Analysis, token) -> bool:
    """``Rappel DOLIPRANE 1000mg: …``: the line's first word, right before a name in capitals (never
    ``Rappel du soir :`` or ``Reminder: take …``, whose other words may be all that flags the line)."""
    following = next((t for t in doc_tokens(analysis.doc) if t.i > token.i and not t.is_space), None)
    return (
        not analysis.clean[: token.idx].strip()
        and following is not None
        and following.is_upper
        and following.is_alpha
        and len(following.text) >= 3
    )


# a brand in square brackets after a product ("atorvastatin 40 mg tablet [Lipitor] | Dose: …"): capitalised words
_BRACKETED_BRAND = re.compile(r"\[(?:[A-Z][a-z][\w-]*)(?:\s+(?:with|[A-Z][\w-]*)){0,3}\]")  # never "[WAKE]"


def _bracketed_brands(text: str, named_ends: set[int]) -> list[tuple[int, int]]:
    """The spans of the brands in square brackets that follow a drug name within its product line
    (its strength and form between, no bar or semicolon): an EHR's or a chart's brand column, noise
    (every line of an aged-care chart was flagged on its brand)."""
    spans, ends = [], sorted(named_ends)
    for found in _BRACKETED_BRAND.finditer(text):
        at = bisect_right(ends, found.start())  # the last name ending before the bracket
        if at and not any(c in text[ends[at - 1] : found.start()] for c in "|;[]"):
            spans.append(found.span())
    return spans


# "q HD", "post HD", "after PD": a dialysis session, a time FHIR has no code for; "1 mg IO": the
# intraosseous route, which no route key holds (never noise)
_SHORT_EVENTS = frozenset({"hd", "pd", "io"})
_DOSE_LETTERS = frozenset({"g", "u"})  # gram, unit: never "H. pylori", "Vitamin D", "l'"


def _is_word(token) -> bool:
    """A word, or a phrase the lexicon merged into one token (``sérum physiologique``, ``do not
    take more than``) that is not only function words ("dans la"): a merged phrase no rule read
    is as much a word lost as a single one (it never names a drug either)."""
    if token.is_alpha:
        return True
    words = _words(token.norm_)
    return len(words) > 1 and all(w.isalpha() for w in words) and not all(w in FUNCTION_WORDS for w in words)


def _noise_phrase(norm: str) -> bool:
    """A merged phrase whose every word is a function or noise word ("to be taken")."""
    return all(w in FUNCTION_WORDS or w in NOISE_WORDS or len(w) < 2 for w in _words(norm))


def _words(norm: str) -> list[str]:
    return norm.replace("'", " ").replace("’", " ").replace("-", " ").split()


def rejected_issues(analysis: Analysis) -> list[Issue]:
    """A warning for each rule match that named a count FHIR cannot hold (``0 fois par jour``)."""
    issues = []
    for match in analysis.rejected:
        field = next(f for t, f in match.tokens if f in WHOLE_FIELDS and token_value(t, "num") is not None)
        start, end = analysis.offsets.span(match.start_char, match.end_char)
        span = analysis.doc.text[match.start_char : match.end_char]
        name = {"freq.n": "frequency", "freq.max": "frequency", "split": "number of intakes"}.get(field, field)
        issues.append(Issue("warning", "value", Warnings.W009.format(span=span, field=name), start, end))
    return issues
