"""Find the drug names of a text and cut it into one segment per medication.

A drug name is a run of tokens that no rule explains, that holds a name-like word (not a
function word or an instruction verb), and that stands where prescriptions put drug names:
before the first posology of the text, or after a separator (``,`` ``;`` ``+``, a line
break) or in capitals, directly followed (nothing but a space or a colon between) by a
strength, a dose, a form word or slot digits. The name is
the text as written (``Pan-D``, ``Amoxicilline acide clavulanique``), without form words
(``Tab.``) and without the strength.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from posology.fields.mentions import DATE_RULES, Mention
from posology.fields.switches import SWITCH_VERBS
from posology.matching.lexicon import token_value
from posology.text.normalize import fold
from posology.text.numbers import NUMBER_WORDS
from posology.text.tokenizer import doc_text, doc_tokens
from posology.text.words import (
    AMOUNT_WORDS,
    CHANGE_WORDS,
    CHART_SECTIONS,
    DEVICE_WORDS,
    DOCTOR_TITLES,
    FIELD_LABELS,
    FUNCTION_WORDS,
    INSTRUCTION_VERBS,
    NAME_FORM_TAILS,
    PRESENTATION_WORDS,
    RELEASE_MODIFIERS,
    ZONE_HEADERS,
    prefilled_prefix,
)

# A bare number after a name is its unit-less strength from 5 on ("Tab Crocin 500 SOS"); below,
# it may be part of the name ("Omega 3", "Mag 2") or a count.
BARE_STRENGTH_MIN = 5
_BARE_NUMBER = re.compile(r"[1-9]\d{0,4}(?:[.,]\d+)?|0[.,]\d+")
SEPARATORS = frozenset({",", ";", "+", "|", "(", ")", "[", "]", "*", "•", "-", "/", "!", "?"})
SPACED_SEPARATORS = frozenset({"-", "/"})  # separators only with a space after them ("Pan-D", "1/2")
NAME_NEXT_FAMILIES = frozenset({"strength", "dose", "form", "slot"})


@dataclass
class MedicationSegment:
    """The mentions of one medication, and its name span (token indices) when it has one."""

    name_tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    start: int = 0  # character span of the segment
    end: int = 0
    # the other ingredients' names of a product named ingredient by ingredient
    # ("hydrochlorothiazide 12.5 MG / lisinopril 20 MG Oral Tablet": posology.steps.combinations)
    more_names: list[list[Token]] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        if not self.name_tokens:
            return None
        doc = self.name_tokens[0].doc
        return " / ".join(
            doc.text[run[0].idx : run[-1].idx + len(run[-1].text)] for run in (self.name_tokens, *self.more_names)
        )


PURPOSE_WORDS = frozenset({"for", "pour", "until", "till", "per"})  # "Novolog per sliding scale"
# "Replace the patch with a new one": a pronoun names no drug.
PRONOUNS = frozenset({"one", "ones", "it", "them"})


def _is_name_word(token: Token) -> bool:
    text = token.norm_
    return (
        any(ch.isalpha() for ch in text)
        and len(text.strip(".")) >= 2
        and text not in FUNCTION_WORDS
        and text not in AMOUNT_WORDS
        and text not in PRESENTATION_WORDS
        and text not in PRONOUNS
        and text not in CHANGE_WORDS
        and text not in NUMBER_WORDS  # "Take 10ml (TWO 5ml spoonfuls)": a count names no drug
        and " " not in text  # a phrase the lexicon merged ("pas plus de", "do not take more than") names nothing
        and not prefilled_prefix(token)  # "SOL INJ SER PRE-REMPLIE"
    )


_POSSESSIVE_PRODUCTS = frozenset({"children", "childrens", "infants", "infant", "junior"})


def _possessive_line(run: list[Token]) -> bool:
    """``Children's Tylenol``, ``Infants' Motrin``: a US product's line, capitalised and
    possessive, before a capitalised name, is part of the name."""
    return (
        len(run) >= 3
        and run[0].norm_ in _POSSESSIVE_PRODUCTS
        and run[0].is_title
        and run[1].text in ("'", "’")
        and any(t.is_title or t.is_upper for t in run[2:4] if t.is_alpha and len(t.text) > 1)
    )


def _letter_prefix(run: list[Token]) -> bool:
    """``T-Bact``, ``D-Rise``: a capital letter glued to a hyphen and a name word is the
    name's first letter, not noise to trim."""
    return (
        len(run) >= 3
        and len(run[0].text) == 1
        and run[0].text.isupper()
        and run[1].text == "-"
        and not run[0].whitespace_
        and not run[1].whitespace_
        and _is_name_word(run[2])
    )


def _name_suffix(run: list[Token]) -> bool:
    """``Ciplox D``: a single capital letter after a name word belongs to the name; so does a
    capital ``LA`` (long-acting: ``Zoladex LA``, never the French article)."""
    last = run[-1]
    suffix = (len(last.text) == 1 and last.text.isupper()) or last.text == "LA"
    # "Tab Napa Extra 1+1+1", "Panadol Extra": a brand's capitalised "Extra" (an extra dose is
    # "extra tab", "an extra 40 mg": lower case, a count after it)
    suffix = suffix or last.text in ("Extra", "EXTRA") and not doc_text(last.doc).isupper()
    # on a line typed all in lower case ("pan d 1 cap", "betnovate n cream"), a lone letter too
    suffix = suffix or len(last.text) == 1 and last.text.isalpha() and doc_text(last.doc).islower()
    return len(run) > 1 and suffix and _is_name_word(run[-2])


def _bare_strength_text(text: str) -> bool:
    """``650``, ``2,5``… at least :data:`BARE_STRENGTH_MIN`, or any decimal (``Concor 2.5``: a
    count is never written with decimals): a unit-less strength written bare."""
    if _BARE_NUMBER.fullmatch(text) is None:
        return False
    value = float(text.replace(",", "."))
    return value >= BARE_STRENGTH_MIN or ("." in text or "," in text) and value > 0


def _glued_number(run: list[Token]) -> bool:
    """``D3``, ``B12``, ``Pan-D``: a letter or number glued to the name is part of it; a number
    of two digits or more glued to a name word (``Pan40``, ``Dolo-650``) is its unit-less
    strength, not part of the name (CONVENTIONS §7)."""
    return (
        len(run) > 1
        and run[-1].text.isalnum()
        and not run[-2].whitespace_
        and not _glued_strength(run)
        and run[-1].norm_ not in PRESENTATION_WORDS  # "Ventolin CFC-free": a presentation, hyphened
    )


def _glued_strength(run: list[Token]) -> bool:
    word = run[-3] if len(run) > 2 and run[-2].text == "-" else run[-2]
    # the norm: OCR's letters for digits are read back there ("Dolo65O" → 650)
    return run[-1].norm_.isdigit() and len(run[-1].norm_) >= 2 and word.is_alpha and len(word.text) >= 3


# "… si douleur, en alternance avec ADVIL 400 mg": the alternation opens the run, no part of the name;
# nor a reminder's opener ("Today is Friday: your Fosamax", "Aujourd'hui c'est lundi : votre …") nor
# a controlled drug's total ("Supply 5 (five) patches"), a condition ("If 3 doses missed"), a reminder
# app's status or stock ("| Archived – stopped by doctor", "— Stock : 12 comprimés restants"), "Plus X",
# a monograph's phase labels ("Usual dose: …", "; maintenance 20–40 mg daily", "initially 40 mg")
_LEADING_NON_NAMES = frozenset(
    "alternance alternating alternate rappel reminder today is aujourd hui c' est supply if si archived archive"
    " paused remaining stock plus usual maintenance initially initialement loading entretien"
    " rincer rinse laisser shampooing laver".split()  # "…, laisser 15 min, rincer. Répéter …": a lotion's steps
)
# "Time for your Lantus", "Pensez à votre Lévothyrox" (a spoken reminder): the name starts after the possessive
_POSSESSIVES = frozenset({"your", "votre", "vos"})
# …never a person ("until your GP tells you", "UNLESS TOLD BY YOUR DOCTOR")
_PEOPLE = frozenset(
    "gp pcp doctor doctors dr physician provider nurse pharmacist specialist consultant team medecin docteur"
    " pharmacien infirmiere infirmier cardiologue cardiologist".split()
)


def _trim(run: list[Token]) -> list[Token]:
    """Drop punctuation and function words at both ends of a run, and what follows an
    instruction verb after the name ("Mupirocin apply thin layer" → "Mupirocin")."""
    while run and (not _is_name_word(run[0]) or run[0].norm_ in _LEADING_NON_NAMES) and not _letter_prefix(run):
        if _possessive_line(run):
            break
        run = run[1:]
    if len(run) > 1 and run[0].norm_ in DEVICE_WORDS and _is_name_word(run[1]):
        run = run[1:]  # "Turbuhaler Symbicort 160/4.5": the device before the name, as a form word
    if len(run) > 1 and run[0].norm_ == "as" and run[1].norm_ == "per":
        return []  # "AS PER YELLOW BOOK", "as per protocol": what sets the dose, never a drug
    if len(run) > 1 and run[0].norm_ in DOCTOR_TITLES and run[1].text[:1].isupper():
        return []  # "arrêté par Dr Martin", "as per Dr. Rao": the prescriber, never a drug
    own = max((i for i, t in enumerate(run[:-1]) if t.norm_ in _POSSESSIVES), default=None)
    if own is not None and _is_name_word(run[own + 1]) and run[own + 1].norm_ not in _PEOPLE:
        run = run[own + 1 :]
    verb = next((i for i, t in enumerate(run) if i > 0 and t.norm_ in INSTRUCTION_VERBS), None)
    if verb is not None:
        run = run[:verb]
    # "HOLD Eliquis for procedure": a purpose in lower case after the name is no part of it
    purpose = next(
        (i for i, t in enumerate(run) if i > 0 and t.norm_ in PURPOSE_WORDS and all(w.is_lower for w in run[i + 1 :])),
        None,
    )
    if purpose is not None:
        run = run[:purpose]
    # "Hextril : bains de bouche …", "Morphine : bolus de 2 mg": lower-case words after a colon and
    # a capitalised name describe the use, never a part of the name ("maman : cotareg": the drug)
    colon = next((i for i, t in enumerate(run) if i > 0 and t.text == ":"), None)
    if colon is not None and all(t.norm_ in LABEL_HEADERS for t in run[:colon]):  # "… || Support: folic acid":
        while colon is not None and all(t.norm_ in LABEL_HEADERS for t in run[:colon]):  # an item's labels
            run, colon = run[colon + 1 :], next((i for i, t in enumerate(run[colon + 1 :]) if t.text == ":"), None)
        return _trim(run)  # (no label left: one call deep)
    if (
        colon is not None
        and (run[0].is_title or run[0].is_upper)
        and all(t.is_lower or not t.is_alpha for t in run[colon + 1 :])
    ):
        run = run[:colon]
    if len(run) >= 3 and run[-1].norm_ in DEVICE_WORDS and any(ch.isdigit() for ch in run[-2].text):
        run = run[:-1]  # "Symbicort 200/6 Turbohaler": the device after the strengths is no part of the name
    while run and not _is_name_word(run[-1]) and not _glued_number(run) and not _name_suffix(run):
        run = run[:-1]
    if len(run) >= 3 and run[-1].norm_ in RELEASE_MODIFIERS and _bare_strength_text(run[-2].text):
        run = run[:-2]  # "Tab Mox 250 DT 1 x 3": a bare strength then its release modifier, no part of the name
    while len(run) > 1 and run[-1].norm_ in NAME_FORM_TAILS and run[-1].is_title:
        run = run[:-1]  # "Symbicort Aerosol", "Ceftriaxone Sodium Solution Reconstituted": the product line's form
    if _bare_pair_at_end(run):  # "Symbicort 200/6": the strengths, not the name
        run = run[:-3]
    elif len(run) > 5 and _bare_pair_at_end(run[:-2]) and _glued_slash_number(run[-3:]):
        run = run[:-5]  # "Trimbow 87/5/9": three strengths
    if _letter_pair_at_end(run):  # "Tobrex e/d": eye drops, a form abbreviation
        run = run[:-3]
    if len(run) >= 3 and run[-2].like_num and token_value(run[-1], "lex_time_unit") is not None:
        run = run[:-2]  # "glace 15 min 4x/j": a length of time, no part of the name (left unexplained)
    return run


def _letter_pair_at_end(run: list[Token]) -> bool:
    """``… e/d``, ``… E/O``: two single letters joined by a slash after a name word (eye drops,
    eye ointment): a form abbreviation, never part of the name."""
    if len(run) < 4:
        return False
    first, slash, second = run[-3:]
    return (
        slash.text == "/"
        and len(first.text) == 1
        and len(second.text) == 1
        and first.is_alpha
        and second.is_alpha
        and _is_name_word(run[-4])
    )


def _bare_pair_at_end(run: list[Token]) -> bool:
    """``… 200/6``, ``… 37,5/325``: two numbers joined by a slash after a name word, the first
    spaced from it."""
    if len(run) < 4:
        return False
    first, slash, second = run[-3:]
    return (
        _BARE_NUMBER.fullmatch(first.text) is not None  # "IXPRIM 37,5/325"
        and slash.text == "/"
        and not first.whitespace_
        and not slash.whitespace_
        and _BARE_NUMBER.fullmatch(second.text) is not None
        and bool(run[-4].whitespace_)
        and (_is_name_word(run[-4]) or (len(run) > 4 and _name_suffix(run[:-3])))  # "Jalra M 50/500"
        and float(first.text.replace(",", ".")) >= BARE_STRENGTH_MIN
    )


def _glued_slash_number(tokens: list[Token]) -> bool:
    """``9`` then ``/`` then a number, glued (``…/5/9``)."""
    before, slash, number = tokens
    return slash.text == "/" and not before.whitespace_ and not slash.whitespace_ and number.text.isdigit()


def _sentence_end(doc: Doc, token: Token) -> bool:
    """A full stop after a word of four letters or more, then a space, ends a sentence ("Stop
    Simvastatin. Start Atorvastatin …"); after a short word it is an abbreviation ("Vit. D3")."""
    if token.text != "." or not token.whitespace_ or token.i == 0:
        return False
    before = doc[token.i - 1]
    return before.is_alpha and len(before.text) >= 4 and not before.whitespace_


def free_runs(doc: Doc, covered: set[int]) -> list[list[Token]]:
    """Maximal runs of tokens no rule explains, cut at separators."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in doc_tokens(doc):
        separator = (
            token.norm_ in SEPARATORS and (token.norm_ not in SPACED_SEPARATORS or bool(token.whitespace_))
        ) or _sentence_end(doc, token)
        if token.i in covered or token.is_space or separator or token.norm_ in _START_VERBS:
            if current:  # "discontinue metformin and start Januvia": the verb opens a new item
                runs.append(current)
            current = []
            continue
        current.append(token)
    if current:
        runs.append(current)
    return runs


def _next_mention(mentions: list[Mention], position: int) -> Mention | None:
    following = [m for m in mentions if m.start >= position]
    return min(following, key=lambda m: m.start) if following else None


def _preceded_by_separator(doc: Doc, token: Token, forms: set[int], breaks: frozenset[int]) -> bool:
    """Whether a run starts a new item: after a separator, a line break or the text start,
    skipping a form word before it ("…; Tab. Pan 40 mg")."""
    index = token.i - 1
    # ("…; start mirtazapine 15mg ON": a verb that opens the item stands before its name as a form word does)
    while index >= 0 and (
        doc[index].is_space or doc[index].i in forms or doc[index].norm_ == "." or doc[index].norm_ in _START_VERBS
    ):
        if doc[index].idx + len(doc[index].text) in breaks:
            return True
        if doc[index].norm_ == "." and index >= 1 and doc[index - 1].i not in forms and doc[index - 1].is_alpha:
            return True  # a sentence's end ("… as needed for pain. ibuprofen 600 MG …"), not "Tab."
        index -= 1
    if index >= 0 and doc[index].idx + len(doc[index].text) in breaks:
        return True
    if index >= 1 and doc[index].norm_ in ("to", "with") and doc[index - 1].norm_ in SWITCH_VERBS:
        return True  # "-> switch to cetirizine 10 mg OD", "replaced with …": the drug that takes over
    if (
        index >= 1
        and doc[index].norm_ in ("par", "by")
        and SWITCH_VERBS & {t.norm_ for t in doc[max(0, index - 4) : index]}
    ):
        return True  # "puis relais per os par ofloxacine 200 mg": the drug that takes over
    return index < 0 or doc[index].norm_ in SEPARATORS or doc[index].norm_ in {":", "puis", "then"}


def _after_and(doc: Doc, token: Token) -> bool:
    """``… four times a day for seven days and ibuprofen 600 mg …``: a run right after ``and`` /
    ``et`` (a dictated list: the next drug, its dose or strength right after it)."""
    index = token.i - 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return index >= 0 and doc[index].norm_ in ("and", "et")


_ITEM_SEPARATORS = (",", ";", "|", "+")
_UNNAMED = frozenset(
    "non renseigne renseignee precise precisee specifie not specified unknown inconnu on dm free text".split()
)
_START_VERBS = frozenset({"start", "begin", "commencer", "debuter", "introduire", "restart", "resume", "reprendre"})
_DRINKS = frozenset({"water", "milk", "juice", "food", "eau", "lait", "jus", "repas", "nourriture"})


def _form_named_routes(doc: Doc, mentions: list[Mention]) -> set[int]:
    """The starts of the route mentions whose first token is also a dose form (``eye drops``,
    ``collyre``)."""
    starts = {m.start for m in mentions if m.family == "route"}
    tokens = _tokens_starting_in(doc, [(start, start + 1) for start in starts])
    return {doc[i].idx for i in tokens if doc[i].idx in starts and token_value(doc[i], "lex_dose_form") is not None}


def _new_item(doc: Doc, token: Token, breaks: frozenset[int]) -> bool:
    """Whether a run opens a new item of a list of drugs: after ``;`` or a line break only (after
    ``,`` ``|`` ``-`` a capitalised word before a colon is an EHR's label: ``Freq: BD``, ``TTO:``)."""
    index = token.i - 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return index >= 0 and (doc[index].text == ";" or doc[index].idx + len(doc[index].text) in breaks)


def _tokens_starting_in(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens whose first character lies in one of ``spans`` (by bisection over
    the token offsets: a span costs its own tokens, not the line's)."""
    if not spans:
        return set()
    offsets = doc.to_array(IDX)
    found: set[int] = set()
    for start, end in spans:
        found.update(range(int(offsets.searchsorted(start)), int(offsets.searchsorted(end))))
    return found


# therapeutic classes a line opens with before its colon ("LABA+LAMA : Duaklir …", "AVK : Préviscan")
# what the regimen treats or is ("PEP – Truvada …", "LGV: doxycycline …", "Cross-taper: sertraline …"),
# a prescription's "advised", a pill organiser, a list's "Changes:": labels, never what an order names
LABEL_HEADERS = frozenset(
    "pep prep lgv uti itu sti ist tb hiv cross taper regimen protocole protocol eradication"
    " adv advised advice blister pack pilulier changes therapy support premed premedication"
    " h pylori helicobacter".split()  # "H. pylori: amoxicillin …", "Eradication H. pylori : …"
)
CLASS_HEADERS = LABEL_HEADERS | frozenset(
    "laba lama saba sama csi ics ocs bpco copd ains nsaid nsaids ipp ppi avk aod doac naco hbpm lmwh atb "
    "antibiotique antibiotiques antalgique antalgiques".split()  # a class of drugs ("AINS : NE PAS DONNER")
)


_BRACKET_ZONES = ZONE_HEADERS | {"non", "reserve", "new", "nouveau", "nouvelle"}


def class_header_end(doc: Doc) -> int:
    """The index of the first token after a line-opening class header and its colon (or a
    spaced dash), or after a bracketed zone (``[Hors livret] Circadin …``), else 0."""
    if len(doc) > 2 and doc[0].text == "[" and doc[1].norm_ in _BRACKET_ZONES:
        close = next((t.i for t in doc_tokens(doc) if t.text == "]"), None)
        return close + 1 if close is not None and close + 1 < len(doc) else 0
    for token in doc_tokens(doc):
        spaced_dash = token.text in ("–", "—") or (token.text == "-" and bool(token.whitespace_))
        if token.text == ":" or (spaced_dash and token.i > 0 and bool(doc[token.i - 1].whitespace_)):
            return token.i + 1 if token.i > 0 else 0
        if (
            token.is_space
            or token.norm_ in CLASS_HEADERS
            or token.text in ("+", "/", ",", "&", "-", ".")
            or token.norm_ == "et"
        ):
            continue
        return 0
    return 0


# what may stand before a drug's name without being its posology: the count before a name, a
# date in figures ("Arrêté le 12/03 : OMEPRAZOLE")
_NOT_POSOLOGY = DATE_RULES | {"orders.count_before_name"}


def find_drug_names(
    doc: Doc, covered: set[int], mentions: list[Mention], breaks: frozenset[int] = frozenset()
) -> list[list[Token]]:
    """The token runs that are drug names, in text order (``breaks``: clean offsets of line
    breaks, which separate drugs like a comma)."""
    text = doc_text(doc)
    # a route named by a form's name ("EYE DROPS MOXICIP") stands before a name as a form word does
    form_routes = _form_named_routes(doc, mentions)
    forms = _tokens_starting_in(
        doc, [(m.start, m.end) for m in mentions if m.family == "form" or m.start in form_routes]
    )
    # the count before a name ("2 Doliprane") is the name's posology, not before it
    first_posology = min(
        (
            m.start
            for m in mentions
            if m.family != "form" and m.rule_id not in _NOT_POSOLOGY and m.start not in form_routes
        ),
        default=len(text) + 1,
    )
    names = []
    header = class_header_end(doc)
    for run in free_runs(doc, covered):
        # "LABA+LAMA : Duaklir", "LGV: doxycycline …": a class of drugs or what it treats heads the line
        run = _trim([t for t in run if t.i >= header])
        after = doc[run[-1].i + 1].text if run and run[-1].i + 1 < len(doc) else ""
        if (run and run[0].norm_ in ZONE_HEADERS and after in (":", "-", "]", "|")) or (
            run and all(t.norm_ in CHART_SECTIONS or not t.is_alpha for t in run) and after in (":", "-", "|", "(", ")")
        ):
            continue  # "Hors ALD - INEXIUM", "REGULAR | atorvastatin": a zone's or a chart's header names no drug
        if not run or all(t.norm_ in RELEASE_MODIFIERS | PRESENTATION_WORDS | DEVICE_WORDS for t in run):
            continue  # "400mcg MR capsules", "Capsule Delayed Release": release or presentation words name no drug
        if all(t.norm_ in _UNNAMED or t.is_punct for t in run):
            continue  # "[médicament non renseigné]", "(free-text medication - not on dm+d)": a form's empty name
        start = run[0].idx
        following = _next_mention(mentions, start)
        next_family = following.family if following else None
        end = run[-1].idx + len(run[-1].text)
        gap = (
            text[end : following.start].strip(" :|-–—") if following is not None else ""
        )  # "| 1-0-1 |", "-- 1-0-1 --" columns
        gap = _PARENTHESES.sub("", gap).strip(" :")  # a brand in parentheses: "ibuprofen (ADVIL) 600 MG"
        # a presentation word after the strength changes nothing ("Tab Limcee 500 chewable 1 OD")
        gap = " ".join(w for w in gap.split() if fold(w) not in PRESENTATION_WORDS | RELEASE_MODIFIERS | DEVICE_WORDS)
        # a bare number between the name and its posology is its unit-less strength (Tab Dolo 650 1-0-1)
        adjacent = following is not None and (
            not gap or _bare_strength_text(gap) or (next_family == "slot" and gap.isdigit() and len(gap) <= 2)
        )  # "Tab Glimy 1 1-0-0": a small strength right before the slots
        # "Zelitrex …; Aciclovir : 5 fois par jour": after a first drug, a capitalised item before a
        # colon and its posology names the next drug
        labelled = following is not None and text[end : following.start].strip() == ":"
        if start < first_posology or _dosed_of(text, run, mentions) or _owned(doc, run):
            names.append(run)
        elif (
            # a bare strength between the name and any posology says it is a name ("; Plavix 75 : 1 fois par jour")
            (
                next_family in NAME_NEXT_FAMILIES
                or (bool(gap) and _bare_strength_text(gap) and any(t.is_title or t.is_upper for t in run))
                or (
                    labelled
                    and bool(names)
                    and (run[0].is_title or run[0].is_upper)
                    and _new_item(doc, run[0], breaks)
                    and " ".join(t.norm_ for t in run) not in FIELD_LABELS  # "When: before breakfast"
                )
            )
            and adjacent
            and (
                _preceded_by_separator(doc, run[0], forms, breaks)
                or any(t.is_title or t.is_upper for t in run)
                or (next_family in ("strength", "dose") and _after_and(doc, run[0]))
            )
            and not (len(run) == 1 and run[0].norm_ in _DRINKS)  # "with food and water 2 tabs"
        ):
            names.append(run)
    return names


def _owned(doc: Doc, run: list[Token]) -> bool:
    """``Aujourd'hui c'est lundi : votre Méthotrexate, 4 comprimés``: a capitalised run right after
    ``your`` / ``votre`` names the drug a reminder is about, wherever the posology stands."""
    before = next((t for t in reversed(doc[: run[0].i]) if not t.is_space), None)
    return (
        before is not None
        and before.norm_ in _POSSESSIVES
        and (run[0].is_title or run[0].is_upper)
        and run[0].norm_ not in _PEOPLE
    )


def _dosed_of(text: str, run: list[Token], mentions: list[Mention]) -> bool:
    """``Deux comprimés de Spasfon trois fois par jour``, ``2 tablets of Tylenol q6h``: a
    capitalised run right after a counted dose and ``de`` / ``of`` names the drug dosed."""
    if not (run[0].is_title or run[0].is_upper):
        return False
    start = run[0].idx
    doses = [m for m in mentions if m.family == "dose" and m.end <= start]
    return bool(doses) and text[max(m.end for m in doses) : start].strip().lower() in _DOSE_OF


def named_before_orders(doc: Doc, covered: set[int], names: list[list[Token]], orders: list[int]) -> list[list[Token]]:
    """``Amlodipine 5mg OD. Atenolol: DO NOT GIVE``: a capitalised run opening an item (the line,
    or after ``.`` ``;`` ``,`` ``|``) and followed only by ``:`` or a dash before an order
    (``orders``: the order cues' first characters) names the drug that order is about."""
    if not orders:
        return names
    text = doc.text
    taken = {run[0].i for run in names if run}
    added = []
    for run in free_runs(doc, covered):
        run = _trim(run)
        if not run or run[0].i in taken or not any(t.is_title or t.is_upper for t in run):
            continue
        if all(t.norm_ in LABEL_HEADERS or not t.is_alpha for t in run):
            continue  # "Changes: STOP Ramipril": a label (a class of drugs, "AINS : NE PAS DONNER", is named)
        end = run[-1].idx + len(run[-1].text)
        opens = not text[: run[0].idx].strip() or text[: run[0].idx].rstrip()[-1] in ".;,|"
        if opens and any(text[end:start].strip(" :-–") == "" and start > end for start in orders):
            added.append(run)
    names = sorted([*names, *added], key=lambda run: run[0].i) if added else names
    # "Heparin: DO NOT ADMINISTER (HIT)": once the order's drug is named before it, the words in
    # parentheses after the order are its reason, never a second drug
    named = [
        start
        for run in names
        for start in orders
        if start > run[-1].idx and text[run[-1].idx + len(run[-1].text) : start].strip(" :-–|") == ""
    ]
    if named:
        names = [r for r in names if not (r[0].idx > min(named) and _in_parentheses(text, r))]
    return names


def _in_parentheses(text: str, run: list[Token]) -> bool:
    return text[: run[0].idx].rstrip().endswith("(") and text[run[-1].idx + len(run[-1].text) :].lstrip()[:1] == ")"


_DOSE_OF = {"de", "d'", "d’", "of", "du", "des"}
_PARENTHESES = re.compile(r"\([^\W\d_][^()]{0,59}\)")


def segment(doc: Doc, mentions: list[Mention], names: list[list[Token]]) -> list[MedicationSegment]:
    """One segment per drug name (a form word just before a name belongs to it, and so does a
    counted dose joined to it by "de" / "of": "… et 1 comprimé de Bisoprolol 2,5 mg")."""
    text = doc_text(doc)
    if not names:
        return [MedicationSegment([], list(mentions), 0, len(text))]
    starts = []
    for run in names:
        start = run[0].idx
        before = [m for m in mentions if m.family == "form" and m.end <= start]
        if before and not text[before[-1].end : start].strip(" .:,;-"):
            start = before[-1].start
        routes = [m for m in mentions if m.family == "route" and m.end <= start]
        if (
            routes
            and not text[routes[-1].end : start].strip()
            and text[: routes[-1].start].rstrip()[-1:] in _ITEM_SEPARATORS
        ):
            start = routes[-1].start  # "…, S/C Actrapid 6u TDS": the route written before the next name is its
        doses = [m for m in mentions if m.family == "dose" and m.end <= start]
        if doses and text[doses[-1].end : start].strip().lower() in _DOSE_OF:
            start = doses[-1].start
        starts.append(start)
    starts[0] = 0
    segments = []
    for index, run in enumerate(names):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        inside = [m for m in mentions if starts[index] <= m.start < end]
        segments.append(MedicationSegment(run, inside, starts[index], end))
    return segments
