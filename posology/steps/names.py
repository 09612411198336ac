"""Step 4, drug names: which token runs name a drug.

Reads ``mode``, ``doc``, ``covered``, ``mentions``, ``cues``; writes ``names`` (token runs),
``order_named`` (names an order verb governs: ``STOP aspirin``), and ``mentions`` / ``covered``
for the bare numbers right after a name (its unit-less strength: ``Tab Dolo 650``).

The rules and hybrid paths use the rule-side name finder (``posology.fields.medications``:
capitalised or known drug words no rule took); the NER's drug spans invent drugs on text it
was not trained on, so only the ``ner`` path uses them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from posology.dosage import Issue, Medication
from posology.errors import Warnings
from posology.fields.medications import named_before_orders
from posology.fields.mentions import Mention, instruction_mention
from posology.fields.name_neighbours import bare_numbers_after_names, names_after_orders
from posology.fields.strengths import STRENGTH_DIMENSIONS
from posology.fields.switches import SWITCH_TO, SWITCH_VERBS
from posology.linking.common_words import is_common
from posology.linking.drugs_index import edit_distance
from posology.matching.lexicon import token_value
from posology.rendering.lang import evident_lang
from posology.steps.brands import brands_in_parentheses
from posology.steps.hybrid import ner_drug_names
from posology.steps.labels import category_before_brand, label_before_small_drug, named_by_example
from posology.steps.runs import name_runs
from posology.text.tokenizer import doc_text, doc_tokens
from posology.text.words import (
    FIELD_LABELS,
    INSTRUCTION_VERBS,
    ORDER_NAME_STOPS,
    RELEASE_MODIFIERS,
    ZONE_HEADERS,
)
from posology.units.registry import dimension

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine


def step(engine: Engine, analysis: Analysis) -> None:
    doc = analysis.doc
    if analysis.mode == "ner" and engine.ner is not None:
        names = ner_drug_names(engine, analysis)  # the NER path alone: its own drug spans
    else:  # rules and hybrid: the rule-side drug finder (NER drug spans invent drugs)
        ordered = any(c.kind in ("stop", "hold", "do_not", "conditional_stop") for c in analysis.cues)
        names = [
            with_number_word(engine, analysis, after_label(engine, from_drug_word(engine, run), ordered))
            for run in name_runs(analysis)
        ]
    names = [run for run in names if not _misspelt_verb(engine, run)]
    names = label_before_small_drug(engine, analysis, line_label(engine, analysis, names))
    names = category_before_brand(engine, named_by_example(engine, analysis, names))
    names = saline_products(analysis, names)
    names = not_substitutable(analysis, names)
    names = absorb_brand_suffix(analysis, names)
    names = absorb_hyphen_suffix(analysis, names)
    names = form_prefixed(analysis, names)
    tablet_letter(analysis, names)
    names = brands_in_parentheses(analysis, names)
    names = split_switches(analysis, names)
    orders = [c.start for c in analysis.cues if c.kind in ("stop", "hold", "do_not")]
    names = named_before_orders(doc, analysis.covered, names, orders)
    names = trim_order_tails(doc, analysis.cues, names)
    analysis.names, order_named = names_after_orders(doc, analysis.cues, names, analysis.covered)
    analysis.names = lab_results(analysis, analysis.names)
    analysis.names = order_reasons(engine, analysis, analysis.names)
    analysis.names = patient_labels(engine, analysis, analysis.names)
    analysis.names = [run for run in analysis.names if not _denominator(analysis, run)]
    first = {run[0].i: run[0].idx for run in analysis.names if run}
    span = analysis.offsets.span
    analysis.order_named = {span(first[i], first[i] + 1)[0] for i in order_named if i in first}
    analysis.mentions, analysis.covered = bare_numbers_after_names(
        doc, analysis.names, analysis.mentions, analysis.covered
    )


# Saline named as the product ("Lavage de nez au sérum physiologique", "Sérum physiologique :
# 1 dosette"): the lexicon merges these words (a diluent's names, rules/structure.yaml), and a
# merged phrase is never a name run, so one no rule took is the drug. Not "NS": French
# "non substituable" as often.
SALINE_NAMES = frozenset({"serum physiologique", "serum phy", "normal saline"})


def saline_products(analysis: Analysis, names: list[list]) -> list[list]:
    """A saline phrase no rule took (not a diluent "dans 100 mL de sérum physiologique") names
    the product."""
    named = {t.i for run in names for t in run}
    added = [
        [t]
        for t in doc_tokens(analysis.doc)
        if t.norm_ in SALINE_NAMES and t.i not in analysis.covered and t.i not in named
    ]
    return sorted([*names, *added], key=lambda run: run[0].i if run else -1) if added else names


def _misspelt_verb(engine: Engine, run: list) -> bool:
    """``tkae 1 tablet twise a day``: a lone lower-case word one typo from an instruction verb
    (a letter swapped, missing, extra or wrong) and no drug's name is that verb misspelt, never a
    drug; it stays unexplained (W002, a review flag)."""
    if len(run) != 1 or not run[0].is_lower or len(run[0].text) < 4:
        return False
    word = run[0].norm_
    if word in INSTRUCTION_VERBS:
        return False
    # the cheap check first: the drug table is asked only about a word one typo from a verb
    near = any(len(verb) >= 4 and edit_distance(word, verb, 1) == 1 for verb in INSTRUCTION_VERBS)
    return near and not engine.drugs.is_drug_word(run[0].text)


def not_substitutable(analysis: Analysis, names: list[list]) -> list[list]:
    """``ESOMEPRAZOLE 20 MG GELULE NS :``: on a French line a lone ``NS`` is the prescriber's
    "non substituable" (a dispensing mention that changes no field), never a second drug."""
    if not any(_not_substitutable_run(run) for run in names):
        return names  # most lines: no language count
    if evident_lang(analysis.doc.text) != "fr":
        return names  # English "NS" is normal saline
    return [run for run in names if not _not_substitutable_run(run)]


def _not_substitutable_run(run: list) -> bool:
    """``NS``, or ``LP NS`` (a release modifier, then the mention): no drug name."""
    return run[-1].norm_ in ("ns", "nss") and all(t.norm_ in RELEASE_MODIFIERS for t in run[:-1])


BRAND_SUFFIXES = frozenset({"AM", "PM"})
MEAL_SUFFIXES = frozenset({"AC", "PC"})  # Cheratussin AC (+ codeine), Sédatif PC: a meal only after the dose
BARE_STRENGTHS = re.compile(r"\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?")  # "40", "40/5" between the suffix and the slots


def absorb_brand_suffix(analysis: Analysis, names: list[list]) -> list[list]:
    """``Tab Telma AM 1-0-0``: a capital ``AM`` / ``PM`` right after a name is the brand's
    suffix (Telma AM = telmisartan + amlodipine), not a timing, when the rest of the line
    states the time itself (a slot layout, a meal or a time word) and no other AM / PM does
    (``Lantus AM: 10 units, PM: 8 units`` keeps both times), or when the line is French
    (``Telma AM : 1 comprimé le matin``: the English abbreviation is no French timing)."""
    doc, mentions = analysis.doc, analysis.mentions
    if not any(t.text in BRAND_SUFFIXES or t.text in MEAL_SUFFIXES for t in doc_tokens(doc)):
        return names  # most lines: no language count, no scan
    text = doc.text
    french = evident_lang(text) == "fr"
    lone = sum(t.text.upper() in BRAND_SUFFIXES for t in doc_tokens(doc)) == 1
    result = []
    for run in names:
        if not run:
            result.append(run)
            continue
        suffix, hyphen = _suffix(doc, run)
        if suffix is not None and suffix.text in MEAL_SUFFIXES and (run[-1].whitespace_ or hyphen):
            result.append(meal_suffix(analysis, run, suffix))
            mentions = analysis.mentions
            continue
        if suffix is None or suffix.text not in BRAND_SUFFIXES or not (run[-1].whitespace_ or hyphen):
            result.append(run)
            continue
        own = _own_mentions(mentions, suffix)
        later = sorted((m for m in mentions if m.start > suffix.idx), key=lambda m: m.start)
        gap = text[suffix.idx + len(suffix.text) : later[0].start].strip(" :") if later else ""
        states_time = lone and any(m.family == "slot" or m.all("when") for m in later)
        strength_between = not gap or BARE_STRENGTHS.fullmatch(gap)
        if len(own) != 1 or own[0].family != "when" or not (french or states_time) or not strength_between:
            result.append(run)
            continue
        result.append(_absorb(analysis, run, own[0], suffix))
        mentions = analysis.mentions
    return result


def absorb_hyphen_suffix(analysis: Analysis, names: list[list]) -> list[list]:
    """``Cap Doxt-SL 100 1+0+1``: capitals glued by a hyphen to a name (``-SL``, ``-OD``) are
    the brand's suffix, not a route or a timing, when a dose (or a slot layout) follows on the line."""
    doc = analysis.doc
    if "-" not in analysis.clean:  # the Doc's text
        return names
    result = []
    for run in names:
        suffix, hyphen = _suffix(doc, run) if run else (None, False)
        if (
            suffix is None
            or not hyphen
            or not (suffix.text.isupper() and suffix.text.isalpha() and 2 <= len(suffix.text) <= 3)
        ):
            result.append(run)
            continue
        own = _own_mentions(analysis.mentions, suffix)
        later = [m for m in analysis.mentions if m.start > suffix.idx + len(suffix.text)]
        if (
            len(own) != 1
            or own[0].family not in ("route", "when")
            or not any(m.family in ("dose", "slot") for m in later)
        ):
            result.append(run)
            continue
        result.append(_absorb(analysis, run, own[0], suffix))
    return result


def form_prefixed(analysis: Analysis, names: list[list]) -> list[list]:
    """``Gel-larmes``: a form word glued by a hyphen to a lower-case name word is the brand's
    first word, never the form before a drug "larmes" (``Tab-Dolo``, a capital after the
    hyphen, stays the form ``Tab`` and the drug ``Dolo``)."""
    doc = analysis.doc
    if "-" not in analysis.clean:  # the Doc's text
        return names
    result = []
    for run in names:
        first = run[0].i if run else 0
        if first < 2 or not run[0].is_lower or doc[first - 1].text != "-" or doc[first - 2].whitespace_:
            result.append(run)
            continue
        form, hyphen = doc[first - 2], doc[first - 1]
        own = _own_mentions(analysis.mentions, form)
        if hyphen.whitespace_ or len(own) != 1 or own[0].family != "form" or not form.is_title:
            result.append(run)
            continue
        analysis.mentions = [m for m in analysis.mentions if m is not own[0]]
        analysis.covered.difference_update({form.i, hyphen.i})
        result.append([form, hyphen, *run])
    return result


def tablet_letter(analysis: Analysis, names: list[list]) -> None:
    """``T Amlong 5 1-0-0, T Telma 40 0-0-1``: a lone capital ``T`` no rule read, opening an
    item right before a capitalised name, is the tablet form (Indian shorthand, as ``T.``)."""
    doc = analysis.doc
    for run in names:
        if not run or run[0].i < 1 or not (run[0].is_title or run[0].is_upper):
            continue
        letter = doc[run[0].i - 1]
        if letter.text != "T" or not letter.whitespace_ or letter.i in analysis.covered:
            continue
        before = doc[letter.i - 1].text if letter.i >= 1 else ""
        if before and before not in (",", ";", "+", "|", "-", "\n") and not before.isspace():
            continue
        form = Mention("form", letter.idx, letter.idx + 1, "orders.tablet_letter", (("form", "tablet"),))
        analysis.mentions = sorted([*analysis.mentions, form], key=lambda m: m.start)
        analysis.covered.add(letter.i)


def _suffix(doc, run: list) -> tuple:
    """The token right after a name run (``Telma AM``), or after a hyphen glued to both
    (``Telma-AM``), and whether that hyphen is there; None at the end of the line."""
    after = run[-1].i + 1
    glued = not run[-1].whitespace_ and after < len(doc) and not doc[after].whitespace_
    hyphen = after + 1 < len(doc) and doc[after].text == "-" and glued
    return (doc[after + hyphen] if after + hyphen < len(doc) else None), hyphen


def _own_mentions(mentions: list, token) -> list:
    """The mentions that are exactly ``token`` (the suffix read as a timing or a route)."""
    return [m for m in mentions if m.start == token.idx and m.end == token.idx + len(token.text)]


def _absorb(analysis: Analysis, run: list, own, suffix) -> list:
    """The name run with its suffix (and the hyphen before it); the suffix's mention dropped."""
    analysis.mentions = [m for m in analysis.mentions if m is not own]
    analysis.covered.discard(suffix.i)
    return [*run, *analysis.doc[run[-1].i + 1 : suffix.i + 1]]


def meal_suffix(analysis: Analysis, run: list, suffix) -> list:
    """``Cheratussin AC 10 mL po q4h prn cough``, ``Sédatif PC 2 cp 3 fois par jour``: a capital
    ``AC`` (``PC``) right after a name and right before a number (or ``:`` and a number) is the
    brand's suffix (AC = with codeine), when the line states its timing later (a frequency, a slot
    layout, a meal or a time word): a meal relation is written after the dose (``Humalog 5 units
    AC``). It is a guess all the same, so it is flagged (W024)."""
    doc, text = analysis.doc, analysis.doc.text
    own = _own_mentions(analysis.mentions, suffix)
    following = suffix.i + 1 + (suffix.i + 1 < len(doc) and doc[suffix.i + 1].text == ":")  # "Cheratussin AC : 5 mL"
    number_next = following < len(doc) and doc[following].text[:1].isdigit()
    later = [m for m in analysis.mentions if m.start > suffix.idx + len(suffix.text)]
    states_time = any(m.family in ("freq", "period", "slot", "when") for m in later)
    if len(own) != 1 or own[0].family != "when" or not number_next or not states_time:
        return run
    analysis.mentions = [m for m in analysis.mentions if m is not own[0]]
    analysis.covered.discard(suffix.i)
    name = text[run[0].idx : suffix.idx + len(suffix.text)]
    start, end = analysis.offsets.span(suffix.idx, suffix.idx + len(suffix.text))  # the caller's offsets
    analysis.issues.append(
        Issue("warning", "incomplete", Warnings.W024.format(span=suffix.text, name=name), start, end)
    )
    return [*run, *doc[run[-1].i + 1 : suffix.i + 1]]


def split_switches(analysis: Analysis, names: list[list]) -> list[list]:
    """``Switch atorvastatin to rosuvastatin 10 mg daily``, ``Remplacer Inexium par Mopral 20 mg``:
    the name run after a switch verb is two drugs, the one stopped and the one started."""
    verbs = [
        c for c in analysis.cues if c.kind == "stop" and c.tokens and analysis.doc[c.tokens[0]].norm_ in SWITCH_VERBS
    ]
    if not verbs:
        return names
    result = []
    for run in names:
        cut = next((k for k, t in enumerate(run) if k and t.norm_ in SWITCH_TO), None)
        follows_verb = any(0 <= run[0].idx - cue.end <= 4 for cue in verbs) if run else False
        if cut is None or not follows_verb or cut + 1 >= len(run):
            result.append(run)
            continue
        result.extend([run[:cut], run[cut + 1 :]])
    return result


def from_drug_word(engine: Engine, run: list) -> list:
    """A name run that reaches a known drug word through lower-case everyday words starts
    at the drug word ("fine couche de Diprosone" → "Diprosone"); the words before it stay
    unexplained (W002), never part of the name. A capitalised word may belong to the name
    ("Human Actrapid"), so it stops the trimming."""
    for index, token in enumerate(run[1:], 1):
        if engine.drugs.is_drug_word(token.text):
            before = run[:index]
            if all(t.is_lower and is_common(t.text) and not engine.drugs.is_drug_word(t.text) for t in before):
                return run[index:]
            break
    return run


# a lab or a vital sign written with its value beside an order ("INR 4.6", "BP 92/60", "TA 90/60")
LAB_NAMES = frozenset(
    "inr bp sbp dbp hr pulse tsh crp hba1c egfr dfg ta pas fc spo2 sats cbg rbs fbs glycemie kaliemie natremie"
    " creatinine ferritine ferritin albumine albumin".split()
)  # not "K", "Na", "Cr", "Hb": a salt, a brand's suffix ("Tegretol CR 200") as often
_LAB_LINKS = frozenset({":", "=", "a", "at", "of", "de"})


def _denominator(analysis: Analysis, run: list) -> bool:
    """``100 mg/12,5 mg/ml``: a unit right after a ``/`` (a strength's denominator) names no drug."""
    first = run[0] if len(run) == 1 else None
    if first is None or first.i == 0 or analysis.doc[first.i - 1].text != "/" or token_value(first, "lex_unit") is None:
        return False
    analysis.covered.add(first.i)
    return True


def lab_results(analysis: Analysis, names: list[list]) -> list[list]:
    """``Hold Coumadin tonight - INR 4.6``, ``Amlodipine 5 mg OD, BP 150/90``: a lab's (or a vital
    sign's) name and its value no rule read are no drug, no strength and no unexplained words; they
    are kept as an instruction, as written."""
    doc, found = analysis.doc, set()
    if not any(t.norm_ in LAB_NAMES for t in doc_tokens(doc)):
        return names
    for token in doc_tokens(doc):
        if token.norm_ not in LAB_NAMES or token.i in analysis.covered or (len(token) <= 3 and not token.is_upper):
            continue  # the short ones in capitals only ("PAS 95", never "pas 2")
        after = [t for t in doc[token.i + 1 : token.i + 3] if not t.is_space]
        after = after[1:] if after and after[0].norm_ in _LAB_LINKS else after
        if not after or not after[0].text[:1].isdigit() or after[0].i in analysis.covered:
            continue
        end = after[0].i + 1
        while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].text == "/" or doc[end].text[:1].isdigit()):
            end += 1  # "92/60" cut in three
        first, last = token.idx, doc[end - 1].idx + len(doc[end - 1].text)
        note = instruction_mention(first, last, "orders.not_a_dose", doc.text[first:last])
        analysis.mentions = sorted([*analysis.mentions, note], key=lambda m: m.start)
        analysis.covered.update(range(token.i, end))
        found.add(token.i)
    return [run for run in names if not any(t.i in found for t in run)]


_DATE_ARTICLES = frozenset({"le", "la", "du", "au", "on", "from"})


def order_reasons(engine: Engine, analysis: Analysis, names: list[list]) -> list[list]:
    """``HOLD furosemide - AKI``, ``DO NOT GIVE Ibuprofen - AKI``: on a stop / hold / do-not
    line, a word after the drug and a dash or a colon, with no posology after it and no drug's
    name, is the order's reason, never a second (active) drug; it stays unexplained (W002)."""
    if len(names) < 2 or not any(c.kind in ("stop", "hold", "do_not") for c in analysis.cues):
        return names
    text = analysis.doc.text
    kept = [names[0]]
    for run in names[1:]:
        previous = kept[-1]
        if not run or not previous:
            kept.append(run)
            continue
        # "IBUPROFEN (NSAID) - ACTIVE GI BLEED", "Ramipril 5mg OD - AKI": a note in brackets or
        # the drug's own posology may stand before the dash
        gap = _BRACKETED.sub("", text[previous[-1].idx + len(previous[-1].text) : run[0].idx]).strip()
        brackets = [b.span() for b in _BRACKETED.finditer(text, run[-1].idx)]  # "AKI (creat 212)": its note
        after = [
            m for m in analysis.mentions if m.start >= run[-1].idx and not any(a <= m.start < b for a, b in brackets)
        ]
        known = any(engine.drugs.is_drug_word(t.text) for t in run)
        if (gap in ("-", "–", "—", ":") or gap.endswith((" -", " –", " —"))) and not after and not known:
            continue
        if all(t.norm_ in _REASON_WORDS for t in run) and not known:
            continue  # "HOLD (NBM for surgery)", "HOLD while NBM": why it is held, never a drug
        kept.append(run)
    return kept


_BRACKETED = re.compile(r"\([^()]*\)")
_REASON_WORDS = frozenset({"nbm", "npo", "nil", "by", "mouth", "while", "pending", "for", "surgery", "theatre"})


def trim_order_tails(doc, cues: list, names: list[list]) -> list[list]:
    """``Arrêt AUGMENTIN le 14/03``, ``Suspendre le Xarelto 48 h avant l'intervention``, ``Ne pas
    donner de Lovenox avant avis du chirurgien``: the name an order verb names ends before
    ``avant`` / ``until`` (ORDER_NAME_STOPS), a date (``le 14/03``) or a delay (``48 h``)."""
    orders = [c for c in cues if c.kind in ("stop", "hold", "do_not", "conditional_stop")]
    if not orders:
        return names
    trimmed = []
    for run in names:
        if len(run) > 1 and any(c.end <= run[0].idx for c in orders):
            run = _cut_tail(doc, run)
        trimmed.append(run)
    return trimmed


def _cut_tail(doc, run: list) -> list:
    for index, token in enumerate(run[1:], 1):
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        dated = token.norm_ in _DATE_ARTICLES and following is not None and following.text[:1].isdigit()
        # a merged phrase counts by its first word ("pendant la durée de l'antibiothérapie")
        stop = token.norm_ in ORDER_NAME_STOPS or token.norm_.split(" ", 1)[0] in ORDER_NAME_STOPS
        if stop or dated or (token.text[:1].isdigit() and _is_delay(doc, token)):
            return run[:index]
        if token.text == ":":  # "Ne pas donner d'ibuprofène : allergie": the reason after the colon
            return run[:index]
    return run


def _is_delay(doc, token) -> bool:
    """``48 h avant``: a number then a time unit (a delay, never part of a name)."""
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and token_value(following, "lex_time_unit") is not None


def with_number_word(engine: Engine, analysis: Analysis, run: list) -> list:
    """``UN ALFA 1 µg``: a number word right before a name run, when the two are a known drug
    name together, is the name's first word, never a count; its mention is dropped."""
    if not run or run[0].i == 0:
        return run
    word = analysis.doc[run[0].i - 1]
    if word.tag_ != "WORDNUM" or engine.drugs.name_length([word.text, *(t.text for t in run)]) < 2:
        return run
    own = _own_mentions(analysis.mentions, word)
    analysis.mentions = [m for m in analysis.mentions if m not in own]
    analysis.covered.discard(word.i)
    return [word, *run]


def after_label(engine: Engine, run: list, ordered: bool = False) -> list:
    """``Antalgie : PARACETAMOL 1 g``, ``Traitement habituel : AMLOR 5``: what stands before a
    ``:`` inside a name run is a label when the words after it start a known drug and the words
    before it do not; ``Clopidogrel: Acute coronary syndrome: …`` (a monograph's indication): what
    stands after it is one when the words before it name a known drug and the words after it none."""
    if run and run[0].norm_ in ZONE_HEADERS:  # "Prescriptions relatives au traitement de l'ALD : KARDEGIC"
        ends = [i for i, t in enumerate(run) if t.text.endswith(":")]  # "durée :" is one word (a label)
        if ends and ends[-1] < len(run) - 1:
            return run[ends[-1] + 1 :]
    arrow = next((i for i, t in enumerate(run) if t.text in _ARROWS), None)
    if arrow is not None and 0 < arrow < len(run) - 1 and _names_a_drug(engine, run[arrow + 1]):
        return run[arrow + 1 :]  # "Allergie pénicilline … → CEFPODOXIME 100 mg": what leads to the drug
    colon = next((i for i, t in enumerate(run) if t.text == ":"), None)
    if colon is None or colon == 0 or colon == len(run) - 1:
        return run
    known_before = any(engine.drugs.is_drug_word(t.text) for t in run[:colon])
    # (an order's reason after the colon, "Ne pas administrer d'amoxicilline : allergie …", is read by
    # order_reasons, which needs the whole run)
    if known_before and not ordered and not any(engine.drugs.is_drug_word(t.text) for t in run[colon + 1 :]):
        return run[:colon]  # "Clopidogrel: Acute coronary syndrome: loading dose …": the indication's label
    if not _names_a_drug(engine, run[colon + 1]) or known_before:
        return run
    return run[colon + 1 :]


_ARROWS = frozenset({"→", "->", "=>", "⇒"})


def _names_a_drug(engine: Engine, token) -> bool:
    """A known drug word, or a capitalised word no language uses (``Compazine``, ``NaCl``,
    ``Paracetemol``): what a label's colon is followed by when it heads an order."""
    if engine.drugs.is_drug_word(token.text):
        return True
    word = token.text
    return (
        len(word) >= 3
        and word[:1].isupper()
        and word.isalpha()
        and token.norm_ not in INSTRUCTION_VERBS
        and token.norm_ not in FIELD_LABELS
        and not is_common(word)
    )


# what may stand between a line's label and its first drug: a parenthesised note
# ("Anticipatory meds (GP 21/01):"), the colon, an item's number ("1)") and a form ("Tab.")
_LABEL_END = re.compile(r":|\s[—–-]\s")  # "Loading: …", "URGENT — ADRENALINE …", "SMART - Symbicort"
_LABEL_GAP = re.compile(
    r"(?:\s+[^\W\d_]+){0,3}\s*(?:\([^()]*\)\s*)?"
    r"(?:(?:x|for)\s*\d{1,2}\s*(?:days?|weeks?)\s*)?"  # "H. pylori triple therapy x 7 days: …" (every drug's)
    r"(?:\d{1,2}\s?h\s?\d{0,2}\s*)?"  # "Distribution 18h00 : …" (a plan's round and its clock time)
    r"(?::|[—–-])\s*(?:\d{1,2}[.)]\s*)?$"
)
# what a kit or a tray is called before its drugs ("H.pylori pack - …", "Dosette tray - MORNING: …")
_KIT_WORDS = frozenset({"pack", "pak", "kit", "tray", "regimen", "regime", "protocol", "dosette", "blister", "therapy"})
_KIT_END = re.compile(r"\s-\s")
_KIT_GAP = re.compile(r"\s*-\s*[^\W\d_]+\s*:\s*")  # a moment heading the kit's first drugs
_INITIAL = re.compile(r"^\s*[A-Z]\.\s*$")  # "H." of "H.pylori"


def line_label(engine: Engine, analysis: Analysis, names: list[list]) -> list[list]:
    """``Loading: Tab. Clopilet 300 mg stat``, ``Adv on discharge: 1) Tab. Ecosprin …``,
    ``Anticipatory meds (GP 21/01): Paracetemol 1g QDS``: a first run that opens the line and
    ends at its first colon, with only a note, an item's number or a form before the next
    name, is the line's label when no word of it is a known drug (its words stay unexplained,
    a review flag). A spaced dash ends a label as a colon does (``URGENT — ADRENALINE …``)."""
    text = doc_text(analysis.doc)
    separator = _LABEL_END.search(text)
    if names and all(names) and names[0][-1].norm_ in _KIT_WORDS:  # "H.pylori pack - Lansoprazole …"
        separator = _KIT_END.search(text, names[0][-1].idx) or separator
    colon = separator.start() if separator else -1
    if len(names) < 2 or colon < 0 or not all(names):
        return names
    first = names[0]
    after = next((k for k, run in enumerate(names) if run[0].idx > colon), None)
    if after is None or first[-1].idx > colon or _INITIAL.sub("", text[: first[0].idx]).strip(" -*•"):
        return names
    second = names[after]
    between = text[first[-1].idx + len(first[-1].text) : second[0].idx]
    # the form before the second name is a form mention ("Tab.", "Inj."): cut it off the gap
    forms = [m for m in analysis.mentions if m.family == "form" and m.start < second[0].idx]
    cut = max((m.start for m in forms if m.start >= first[-1].idx), default=None)
    if cut is not None:
        between = text[first[-1].idx + len(first[-1].text) : cut]
    kit = first[-1].norm_ in _KIT_WORDS and _KIT_GAP.fullmatch(between) is not None  # "Dosette tray - MORNING: "
    if not (kit or _LABEL_GAP.match(between)) or any(engine.drugs.is_drug_word(t.text) for t in first):
        return names
    if not _names_a_drug(engine, second[0]) and cut is None:
        return names
    if first[-1].norm_ in _KIT_WORDS:  # "H.pylori pack", "Webster pak": what the kit is, read
        analysis.cover(0, first[-1].idx + len(first[-1].text))
    return names[after:]


def keep_real_names(medications: list[Medication], ordered: set[int]) -> tuple[list[Medication], list[Issue]]:
    """A name with nothing else structured is kept only when it is a known drug or looks
    like one (a capitalised word or two): never turn a sentence or junk into a drug.
    ``ordered``: the (caller's) start offsets of names an order verb governs, always kept."""
    kept, issues = [], []
    for med in medications:
        named_by_order = med.name_start in ordered  # "STOP aspirin": the drug an order verb names
        bare = not med.dosages and not med.strengths and not med.codings
        if med.name and bare and not named_by_order and not _looks_like_a_name(med.name):
            message = Warnings.W002.format(span=med.name)
            issues.append(Issue("warning", "not-found", message, med.name_start, med.name_end))
            med = Medication()
        kept.append(med)
    return kept, issues


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 3 and name[:1].isupper() and any(len(w) >= 3 for w in words)


def patient_labels(engine: Engine, analysis: Analysis, names: list[list]) -> list[list]:
    """``ZYLORIC 100 mg cp. Insuffisance rénale sévère : 1 comprimé un jour sur deux``, ``… Sujet
    âgé : 1/2 comprimé au coucher`` (a monograph's patient group or indication): everyday words
    before a colon, right after a drug whose only quantity so far is its strength, name no second
    drug (they took the posology from it); they stay unexplained, flagged."""
    if len(names) < 2:
        return names
    kept = [names[0]]
    for run in names[1:]:
        following = next((t for t in analysis.doc[run[-1].i + 1 :] if not t.is_space), None)
        previous = kept[-1]
        between = [m for m in analysis.mentions if previous and run and previous[-1].idx < m.start < run[0].idx]
        bare = all(
            m.family in ("form", "strength")
            or (m.family == "dose" and dimension(m.get("dose.unit")) in STRENGTH_DIMENSIONS)
            for m in between
        )
        label = (
            following is not None
            and following.text == ":"
            and bare
            and all(t.is_alpha and is_common(t.text) and not engine.drugs.is_drug_word(t.text) for t in run)
        )
        if not label:
            kept.append(run)
    return kept
