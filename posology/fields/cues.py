"""Order cues: the words that make a line something else than a plain order (CONVENTIONS §7-§8).

Reads the tokens (norms) of one text; writes :class:`Cue` s — stop / hold / do-not-give verbs,
open titrations, excepted days and day groups, conditions, cycles, eye abbreviations, field
labels, end-of-course words — that ``posology.fields.orders`` then applies to the mentions and
to the built medications. Each phrase table is a set of token-norm tuples (lower case, accents
folded).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from posology.fields.cue_context import (
    CONDITION_WORDS,
    advice_follows,
    before_procedure,
    colon_after,
    event_follows,
    same_time,
    set_target,
)
from posology.fields.day_windows import day_window as _day_window
from posology.fields.sites import EYE_ABBREVIATIONS, ear_abbreviation, eye_abbreviation
from posology.fields.switches import SWITCH, replaced_by, switches_drugs
from posology.fields.unheld import EVENT_OPENERS, unheld_event
from posology.matching.lexicon import token_value
from posology.text.tokenizer import doc_words
from posology.text.words import EVERY_DAY, FIELD_LABELS, FORM_PREFIX_WORDS

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Each phrase is a tuple of token norms (lower case, accents folded).
STOP = frozenset(
    {(w,) for w in "arreter arretez arret arrete stop stopper stopped discontinue discontinued discontinuer".split()}
    | {(w,) for w in "cesser cessez interrompre interrompez d/c dc cease ceased supprimer".split()}
    | {("d", "/", "c"), ("no", "longer", "take"), ("ne", "plus", "prendre"), ("ne", "plus", "donner")}
    | {("ne", "prenez", "plus"), ("ne", "donnez", "plus")}  # a message to a patient: "Ne prenez plus l'Ibuprofène"
    | {("ne", "prend", "plus"), ("ne", "prends", "plus")}  # an admission list: "Stilnox : ne prend plus depuis 1 mois"
)
HOLD = frozenset(
    {(w,) for w in "suspendre suspendez suspendu suspendue hold withhold suspend suspended held withheld".split()}
    | {(w,) for w in "omit omitted pause paused".split()}
    | {("on", "hold")}
)
DO_NOT = frozenset(
    {
        ("ne", "pas", "donner"),
        ("ne", "pas", "administrer"),
        ("ne", "pas", "injecter"),
        ("ne", "pas", "prendre"),
        ("ne", "pas", "utiliser"),
        ("ne", "pas", "delivrer"),  # a hospital pharmacy's "ne pas délivrer": do not dispense
        ("do", "not", "dispense"),
        ("do", "not", "give"),
        ("do", "not", "take"),
        ("skip",),  # "Skip morning dose on dialysis days" (an advice and a schedule the fields cannot hold)
        ("do", "not", "use"),
        ("do", "not", "administer"),
        ("do", "not", "perform"),  # a FHIR renderer's doNotPerform: "Do not perform: Ibuprofen …"
        ("ne", "pas", "realiser"),
        ("never", "give"),
        ("not", "to", "be", "given"),
        ("do", "not", "restart"),
        ("ne", "pas", "reprendre"),
        ("ne", "prenez", "pas"),  # a patient-facing renderer's "Ne prenez pas ce médicament"
        ("ne", "donnez", "pas"),
        ("contre", "-", "indique"),
        ("contre", "indique"),
        ("contraindicated",),
        ("avoid",),
        ("eviter",),
    }
)
# a follow-up test written beside an order ("check U&Es in 2 weeks", "contrôle INR dans 3 jours"): no course
MONITORING = (
    frozenset(
        (w,)
        for w in "check recheck monitor controle controler bilan surveillance surveiller lithiemie lithemie nfs".split()
    )
    | {
        (lab, link)
        for lab in ("inr", "tsh", "hba1c", "u&es", "lfts", "fbc", "kaliemie", "natremie", "creatininemie")
        for link in ("after", "in", "dans", "a", "apres")
    }
    # "U&Es in 1 week" (the tokenizer cuts U&Es), "GP to review in 4 weeks", "à revoir dans 3 mois"
    | {("u", "&", "es", "in"), ("review", "in"), ("review", "at"), ("revoir", "dans"), ("reevaluer", "dans")}
    | {("reevaluation", "dans"), ("reevaluation", "a")}
    | {("level", "in"), ("levels", "in"), ("level", "due")}  # "Li level in 5 days", "level in 2 days"
    # an EHR's record beside the order: "Last dose given: 4/22 at 2:05 PM", "Next dose due at 9 PM tonight"
    | {("last", "dose"), ("next", "dose"), ("derniere", "prise"), ("prochaine", "prise"), ("prochaine", "injection")}
)  # "lithiémie 12 h après la prise", "NFS plaquettes 2 fois par semaine": a test, never the dose's timing
# "adjust" / "adapter": "adjust dose to target trough 15-20", "à adapter selon l'INR" (an open rule)
TITRATION = frozenset(
    tuple(phrase.split())
    for phrase in (
        "augmenter augmentez augmentation majorer diminuer diminuez diminution reduire reduisez baisser increase "
        "increased increasing decreasing reducing augmentant diminuant decrease reduce taper titrate titrer wean "
        "paliers adjust adjusted ajuster adapter adaptation decroissance degression majoration"
    ).split()
) | {("par", "palier")}
EXCEPT = {"sauf", "excepte", "except", "hors", "pas", "not", "ni", "excluding", "nor", "sf"}
# a comparison only after si / if (see _condition); the lexicon may merge "supérieure à" into one token
COMPARISON = frozenset(
    {(w,) for w in "> >= ≥ < <= ≤ superieur superieure inferieur inferieure above below sup inf over under".split()}
    | {(w, "a") for w in ("superieur", "superieure", "inferieur", "inferieure")}
    | {(w, "than") for w in ("greater", "less", "higher", "lower", "more")}
    | {("plus", "de")}
)
WEEKEND = frozenset(
    {("week", "-", "end"), ("week", "end"), ("weekend",), ("weekends",), ("week", "-", "ends"), ("we",)}
)
WEEKDAYS = frozenset(
    {
        ("en", "semaine"),
        ("weekdays",),
        ("weekday",),
        ("jours", "ouvrables"),
        ("jours", "ouvres"),
        ("week", "days"),
        ("m", "-", "f"),  # US sig shorthand: Monday to Friday
        ("mon", "-", "fri"),
    }
)
# US / French sig shorthand for three days and for two
MWF = frozenset({("mwf",), ("m", "/", "w", "/", "f"), ("m", "-", "w", "-", "f"), ("lmv",)})
TTH = frozenset({("tth",), ("tuth",), ("t", "/", "th"), ("tu", "/", "th")})
DAY_GROUPS = WEEKEND | WEEKDAYS | MWF | TTH
# what a threshold can look like: "> 2 g/l", "more than 2 times a day", "for more than 6 hours"
THRESHOLD_FAMILIES = frozenset({"dose", "strength", "freq", "period", "bounds"})
CYCLE_UNITS = {"jours", "jour", "j", "days", "day", "d", "semaines", "semaine", "sem", "weeks", "week", "wk", "wks"}
SKIPPABLE = {
    "le",
    "la",
    "les",
    "l'",
    "the",
    "on",
    "de",
    "d'",
    "du",
    "et",
    "ou",
    "and",
    "or",
    ",",
    "&",  # "except Sat & Sun"
    "/",  # "not on Tue/Thu/Sat"
    "prendre",
    "take",
    "donner",  # "ne pas donner le mercredi", "do not give on Sundays": an excepted day
    "give",
    "ne",
    "a",
    "au",
    "aux",
}


@dataclass(frozen=True)
class Cue:
    """A wording that changes what an order means; ``start``/``end``: squeezed-text chars."""

    # stop | hold | do_not | conditional_stop | end_of_course | titration | comparison | except |
    # weekend | weekdays | mwf | tth | eye | ear | label | cycle | advice | monitoring | caution
    kind: str
    start: int
    end: int
    tokens: tuple[int, ...]


def _phrase_at(norms: list[str], i: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """Number of tokens from ``i`` that spell a phrase of ``phrases`` (0: none); the lexicon
    may have merged a phrase into one token (``more than``), so words are compared joined."""
    joined = _joined(phrases)
    if norms[i].split(" ", 1)[0] not in joined[1]:
        return 0  # no phrase starts with this word: the common case, decided at once
    best = 0
    for length in range(1, 6):
        if i + length <= len(norms) and " ".join(norms[i : i + length]) in joined[0]:
            best = length
    return best


@lru_cache(maxsize=32)
def _joined(phrases: frozenset[tuple[str, ...]]) -> tuple[frozenset[str], frozenset[str]]:
    """The phrases as joined strings, and their first words."""
    return frozenset(" ".join(p) for p in phrases), frozenset(p[0] for p in phrases)


_ORDER_CUES = (
    ("do_not", DO_NOT),
    ("stop", STOP),
    ("switch", SWITCH),
    ("hold", HOLD),
    ("titration", TITRATION),
    ("comparison", COMPARISON),
    ("monitoring", MONITORING),
    ("weekend", WEEKEND),
    ("weekdays", WEEKDAYS),
    ("mwf", MWF),
    ("tth", TTH),
)
_ORDER_CUE_FIRST_WORDS = frozenset(phrase[0] for _, phrases in _ORDER_CUES for phrase in phrases)


def _brand_after_form(words, norms: list[str], i: int) -> bool:  # "Tab. Pause" ("tab ." merged)
    return i > 0 and norms[i - 1].rstrip(" .") in FORM_PREFIX_WORDS and words[i].text[:1].isupper()


def _recurring_ahead(norms: list[str], index: int) -> bool:
    """A recurring event (``dialysis``, ``chemo``) in the next words: ``… on dialysis days``."""
    return bool({n.split(" ")[0] for n in norms[index : index + 8]} & RECURRING_EVENTS)


def _date_at(words, i: int) -> bool:
    """Whether a date in figures starts at word ``i`` (``23/02/2025``, ``23 / 02``)."""
    return i + 2 < len(words) and words[i].like_num and words[i + 1].text == "/" and words[i + 2].like_num


def find_cues(doc) -> list[Cue]:
    """Every order cue of the text, in order."""
    words = list(doc_words(doc))
    norms = [t.norm_ for t in words]
    cues: list[Cue] = []
    i = 0
    while i < len(words):
        # a word that starts no order phrase (most words) goes straight to the other cues
        kinds = _ORDER_CUES if norms[i].split(" ", 1)[0] in _ORDER_CUE_FIRST_WORDS else ()
        for kind, phrases in kinds:
            length = _phrase_at(norms, i, phrases)
            if length and norms[i] == "we" and words[i].text != "WE":
                length = 0  # "we" is a pronoun; only the capitals "WE" abbreviate week-end
            if length and norms[i] == "skip" and not _recurring_ahead(norms, i + length):
                length = 0  # "skip the evening dose if not eating": unexplained (flagged); only a recurring event's
            if length and kind == "do_not" and _day_follows(words, norms, i + length):
                length = 0  # "ne pas prendre le mardi": an excepted day, not a do-not-give
            if length and kind == "do_not" and _threshold_after(norms, i + length):
                kind = "hold"  # "ne pas donner si FC < 55", "do not give if SBP < 100": a conditional hold
            elif length and kind == "do_not" and norms[i + length - 1] in _RESUME and _until_after(norms, i + length):
                kind = "hold"  # "ne pas reprendre avant 48 h après le scanner": held until then
            elif (
                length
                and kind == "do_not"
                and norms[i] in ("eviter", "avoid")
                and not _capital_next(words, norms, i + 1)
            ):
                kind = "advice"  # "éviter le soleil", "avoid sun exposure"; "éviter Kardégic" names a drug
            elif length and kind == "do_not" and norms[i + length - 1] in _DISPENSE and _if_before(norms, i):
                kind = "advice"  # "if 3 consecutive days missed do not dispense": the pharmacy's rule, no order
            elif length and kind == "do_not" and norms[i + length : i + length + 1] in (["si"], ["if"]):
                kind = "advice"  # "ne pas prendre si enceinte": a contraindication, never an as-needed condition
            elif length and kind == "do_not" and (event_follows(words, i + length) or same_time(norms, i + length)):
                kind = "advice"  # "ne pas prendre au coucher", "do not take at bedtime": never that event
            elif length and kind == "do_not" and advice_follows(norms, i + length, EVERY_DAY):
                kind = "advice"  # "DO NOT TAKE DAILY" (a weekly drug's caution): never the order's frequency
            elif (
                length
                and kind == "do_not"
                and advice_follows(norms, i + length)
                and not before_procedure(norms, i + length)
            ):
                length = 0  # "ne pas prendre plus de 4 cp", "do not take with alcohol": advice, not an order
            if (
                length
                and kind == "stop"
                and norms[i - 1 : i] in (["for"], ["of"])
                and ":" in norms[i + length : i + length + 1]
            ):
                length = 0  # "Reason for Discontinue: Duplicate therapy": a field's label, not an order
            if (
                length
                and kind == "stop"
                and norms[i + length : i + length + 1] == [":"]
                and _date_at(words, i + length + 1)
            ):
                length = 0  # "Start: 17/02/2025 | Cease: 23/02/2025": a chart's planned end date, not an order
            if length and kind == "comparison" and ">" in (norms[i - 1] if i else "", *norms[i + 1 : i + 2]):
                length = 0  # "… >> Seq 2: …": a chart's arrow between phases, never "greater than"
            if length and kind == "hold" and "mouth" in norms[i + length : i + length + 3]:
                length = 0  # "Hold in the mouth for as long as possible": how to take it, never a hold order
            if length and kind in ("stop", "hold") and (_negated(norms, i) or _brand_after_form(words, norms, i)):
                length = 0  # "do not stop abruptly": advice, not an order; "Tab Pause 500": a brand
            if length and kind == "titration" and colon_after(words, norms, i + length):  # "reducing regime:"
                length = 0  # "Prednisone taper: 60 mg …": a label of the plan (a field label), not its rule
            if length and kind == "titration" and set_target(words, norms, i + length):
                length = 0  # "then increase to 0.5 mg once a week": a next phase, stated in full
            if length and kind == "switch":
                # a drug between the verb and "to" / "par"; else ", remplacer par Coversyl": the one
                # replaced was named before (posology.fields.orders stops it), Coversyl is the new order
                if switches_drugs(words, norms, i):
                    kind = "stop"
                elif replaced_by(words, norms, i):
                    kind, length = "replaced", 2
                else:
                    length = 0
            if length and kind in ("stop", "hold") and _cycle_break(norms, i):
                kind = "cycle"  # "puis 7 jours d'arrêt", "1 sem de pause": a cycle's break, no stop order
            if length:
                if kind in ("stop", "hold") and _conditional_after(norms, i + length):
                    kind = "conditional_stop"
                elif kind == "stop" and _course_ends_at(norms, i):
                    kind = "end_of_course"  # "... puis arrêt", "jusqu'à l'arrêt": the course ends, no stop order
                if kind == "stop" and words[i].text == "dc" and not _opens_line(words, i):
                    break  # lower-case "dc" is too short to be an order ("DC", "d/c" are), except "dc lisinopril"
                span = words[i : i + length]
                cues.append(Cue(kind, span[0].idx, span[-1].idx + len(span[-1].text), tuple(t.i for t in span)))
                if kind == "advice" and _recurring_ahead(norms, i + length):
                    cues.insert(-1, replace(cues[-1], kind="unheld"))  # "do not take the morning dose on dialysis days"
                i += length - 1
                break
        else:
            if norms[i] in FIELD_LABELS and i + 1 < len(words) and norms[i + 1] in (":", "|"):
                # "Acute meds:", "Repeat |" (a GP list's item kind): the kind word before the label too
                # ("Prescriber's text:": whose text the label is, its "'s" too)
                k = i - 3 if i >= 3 and norms[i - 2 : i] in (["'", "s"], ["’", "s"]) else i - 1
                first = words[k] if k >= 0 and norms[k] in _ITEM_KINDS | _LABEL_OWNERS else words[i]
                cues.append(Cue("label", first.idx, words[i].idx + len(words[i].text), (first.i, words[i].i)))
            elif norms[i] in EYE_ABBREVIATIONS and eye_abbreviation(words, i):  # its first test, inline
                cues.append(Cue("eye", words[i].idx, words[i].idx + len(words[i].text), (words[i].i,)))
            elif len(norms[i]) <= 4 and ear_abbreviation(words, i):  # AU, A.D.: a norm no longer than the text
                cues.append(Cue("ear", words[i].idx, words[i].idx + len(words[i].text), (words[i].i,)))
            elif norms[i] in EXCEPT and _day_follows(words, norms, i + 1):
                cues.append(Cue("except", words[i].idx, words[i].idx + len(words[i].text), (words[i].i,)))
            elif norms[i] in ("j", "a partir de") and (length := _day_window(words, norms, i)):  # J1-J14
                cues.append(Cue("cycle", words[i].idx, words[i + length - 1].idx + len(words[i + length - 1].text), ()))
                i += length - 1
            elif _is_cycle(words, norms, i):
                # "2 weeks on, 1 week off": the whole on/off phrase is the cycle's
                if token_value(words[i], "num") is not None:
                    span = words[i : i + 4]
                else:  # back to the first number of the phrase ("daily 3 wks on 1 wk off": not "daily")
                    back = words[max(0, i - 6) : i + 1]
                    number = next(
                        (
                            k
                            for k, w in enumerate(back[:-1])
                            if token_value(w, "num") is not None and back[k + 1].norm_ in CYCLE_UNITS
                        ),
                        0,
                    )
                    span = back[number:]
                cues.append(Cue("cycle", span[0].idx, span[-1].idx + len(span[-1].text), ()))
            elif (norms[i] == "as" and norms[i + 1 : i + 2] == ["directed"]) or (
                norms[i] == "follow" and norms[i + 1 : i + 3] in (["package", "directions"], ["pack", "directions"])
            ):
                # "Use As Directed", "Follow package directions": the posology is elsewhere (flagged)
                last = words[i + 1] if norms[i] == "as" else words[i + 2]
                cues.append(Cue("unheld", words[i].idx, last.idx + len(last.text), (words[i].i, last.i)))
            elif norms[i] in EVENT_OPENERS and (length := unheld_event(norms, i)):
                # "entre les repas", "à chaque change": FHIR's when has no code for it (IC is v3 only)
                last = words[i + length - 1]
                cues.append(Cue("unheld", words[i].idx, last.idx + len(last.text), ()))
                i += length - 1
            elif norms[i] in ("sauf", "except", "excepte") and _excepts_no_day(norms, i):
                cues.append(Cue("cycle", words[i].idx, words[i].idx + len(words[i].text), ()))
        i += 1
    return cues


_DISPENSE = frozenset({"dispense", "delivrer"})


def _if_before(norms: list[str], i: int) -> bool:
    """``if 3 consecutive days missed do not dispense``: ``if`` / ``si`` earlier in the clause."""
    before = norms[max(0, i - 8) : i]
    ends = [k for k, n in enumerate(before) if n in (".", ";", ":")]
    return bool({"if", "si"} & set(before[ends[-1] + 1 if ends else 0 :]))


_ITEM_KINDS = frozenset({"acute", "repeat", "current", "regular", "discharge", "home", "jic", "anticipatory"})
_LABEL_OWNERS = frozenset({"prescriber", "prescripteur", "original", "free"})  # "Prescriber's text:", "Free text:"


def _day_follows(words, norms: list[str], i: int) -> bool:
    """A day (or ``week-end`` / ``weekdays``) after over function words: ``sauf le dimanche``."""
    for j in range(i, min(i + 4, len(words))):
        if token_value(words[j], "lex_day_of_week") or _phrase_at(norms, j, DAY_GROUPS):
            return True
        if norms[j] in ("autres", "other") and norms[j + 1 : j + 2] in (["jours"], ["days"]):
            return True  # "ne pas prendre les autres jours": the days not taken
        if norms[j] not in SKIPPABLE and norms[j] not in EXCEPT:
            return False
    return False


# ("dès l'arrêt de la contraception", "après l'arrêt du traitement": a time the order counts from, no stop)
_END_WORDS = frozenset({"puis", "then", "ensuite", "until", "till", "jusqu", "des", "apres", "avant", "depuis"})
_LINKS = frozenset({"'", "a", "l'", "la", "le", "the"})
_RESUME = frozenset({"reprendre", "restart", "resume"})
_COURSE_UNITS = frozenset("days day jours jour j d weeks week semaines semaine sem wk wks".split())


def _until_after(norms: list[str], i: int) -> bool:
    """``avant`` / ``before`` / ``until`` right after (the drug's name may come between)."""
    return any(n.split(" ")[0] in ("avant", "before", "until", "till", "jusqu") for n in norms[i : i + 3])


def _course_ends_at(norms: list[str], i: int) -> bool:
    """A stop word after "puis", "then", "until", "jusqu'à (l')", or before "after N days": the
    end of a course or of a taper ("diminuer … jusqu'à l'arrêt"), not a stop order."""
    j = i - 1
    while j >= 0 and norms[j] in _LINKS:
        j -= 1
    if j >= 0 and norms[j] in _END_WORDS:
        return True
    if (
        j >= 1
        and norms[j] in ("and", "et", ",")
        and norms[j - 1] in _COURSE_UNITS
        and norms[i + 1 : i + 2] in ([], ["."])
    ):
        return True  # "… for 3 days and stop", "pendant 5 jours et arrêter" (nothing named after)
    # "stop after 5 days", "arrêter au bout de 7 jours": the course's end, its length read by the rules
    ahead = norms[i + 1 : i + 5]
    return bool(ahead) and ahead[0].split(" ")[0] in ("after", "apres", "au") and any(n[:1].isdigit() for n in ahead)


def _opens_line(words, i: int) -> bool:
    """The word opens its line and a word follows it (``dc lisinopril``)."""
    first = i == 0 or "\n" in words[i - 1].text
    return first and i + 1 < len(words) and words[i + 1].is_alpha


# "hold for HR < 55", "hold on dialysis days": a threshold or a recurring event, not a day
RECURRING_EVENTS = {"dialysis", "dialyse", "hemodialysis", "hemodialyse", "chemo", "chimio", "chimiotherapie"}


def _negated(norms: list[str], i: int) -> bool:
    """``do not stop``, ``don't stop``, ``ne pas arrêter``, ``never stop``, ``sans arrêt`` (without
    a break): a negated stop verb."""
    before = norms[max(0, i - 3) : i]
    negations = ("not", "pas", "never", "jamais", "dont", "sans", "without")
    return bool(before) and (before[-1] in negations or before[-2:] == ["'", "t"])


def _conditional_after(norms: list[str], i: int) -> bool:
    """``arrêter si éruption``, ``stop if rash``, ``hold for HR<55``, ``hold on dialysis days``:
    an instruction for later, not a stop order."""
    window = norms[i : i + 5]
    reason = next((k for k, n in enumerate(window) if n in _REASON_WORDS), len(window))
    ahead = norms[i : i + min(3, reason)]
    if any(n in ("until", "till", "jusqu") for n in window) and not any(n in CONDITION_WORDS for n in ahead):
        return False  # "Hold ramipril until K+ < 5.0": held now, until the threshold is met
    return any(n in CONDITION_WORDS or n in RECURRING_EVENTS for n in ahead) or any(
        n in _COMPARISONS for n in window[:reason]
    )


# "hold for HR < 55", "HOLD FOR HR LESS THAN 60", "withhold if pulse below 50"
_COMPARISONS = frozenset(
    {"<", ">", "<=", ">=", "≤", "≥", "less", "greater", "below", "above", "inferieur", "superieur"}
)


def _capital_next(words, norms: list[str], i: int) -> bool:
    """Whether the first word from ``i`` past articles (``le``, ``l'``, ``the``) is capitalised."""
    while i < len(norms) and norms[i] in ("le", "la", "les", "l'", "l", "'", "de", "d'", "the", "any"):
        i += 1
    return i < len(words) and words[i].text[:1].isupper()


_THRESHOLD_WORDS = frozenset(
    {"<", ">", "<=", ">=", "≤", "≥", "inferieure", "inferieur", "superieure", "superieur", "below", "above"}
)


def _threshold_after(norms: list[str], i: int) -> bool:
    """``ne pas donner si FC < 55``, ``do not give if SBP < 100``: a condition with a threshold
    right after a do-not verb (``si`` / ``if``, then a comparison within five words)."""
    return norms[i : i + 1] in (["si"], ["if"]) and any(n in _THRESHOLD_WORDS for n in norms[i + 1 : i + 6])


# "Discontinue metformin due to eGFR < 30": a reason for the stop, not a condition of it
_REASON_WORDS = frozenset({"due", "because", "car", "raison", "since", "suite"})


_ALTERNATION = frozenset({"alternate", "alternating", "alternately", "alternance", "alternativement", "alterne"})
_ALTERNATION |= {"on alternate days", "alternate days", "alternate day", "on alternate day", "every alternate day"}
_ALTERNATION |= {"every other day", "a jour alterne"}  # the timing phrases the lexicon merges
_AMOUNT_JOINS = frozenset({"&", "and", "et", "ou", "or", "/"})


def _two_amounts_before(words, norms: list[str], i: int) -> bool:
    """``3mg & 4mg``, ``½ co et ¾ co`` right before ``i`` (``on`` between): two amounts joined
    by ``&``, ``et``, ``or`` — two doses that take turns."""
    j = i - 1
    if j >= 0 and norms[j] in ("on", "en", "every"):
        j -= 1
    for side in (0, 1):
        if j >= 0 and token_value(words[j], "num") is None:
            j -= 1  # the amount's unit
        if j < 0 or token_value(words[j], "num") is None:
            return False
        j -= 1
        if side == 0:
            if j < 0 or norms[j] not in _AMOUNT_JOINS:
                return False
            j -= 1
    return True


def _is_cycle(words, norms: list[str], i: int) -> bool:
    """``21 jours sur 28``, ``1 semaine sur 2``, ``3 weeks out of 4``: a cycle Timing cannot hold
    (``1 jour sur 2`` is every other day: an interval, read by the rules)."""
    if norms[i] in _ALTERNATION and _two_amounts_before(words, norms, i):
        return True  # "3mg & 4mg on alternate days", "½ co et ¾ co en alternance": alternating doses
    if norms[i] in ("cycle", "cycles", "cure", "cures") or (
        norms[i] == "off" and i >= 1 and (norms[i - 1] in CYCLE_UNITS or norms[i - 1] in _HOURS)
    ):  # 28-day cycle; 1 week off; a patch's "12 hrs on and 12 hrs off"
        return True
    if tuple(norms[i + 1 : i + 4]) in _MONTHLY and token_value(words[i], "num") is not None:
        return True  # "10 jours par mois": a monthly cycle (no period of a month, no 10-day course)
    if _consecutive_days_a_week(norms[i + 1 : i + 5]):
        return token_value(words[i], "num") is not None  # "3 jours consécutifs par semaine": which 3?
    if norms[i] in ("reprise", "restart") and "j" in norms[i + 1 : i + 3]:
        return True  # "J1 à J14, reprise J22": the next course's first day, a cycle
    if norms[i] in _BREAKS and _days_before(words, norms, i):
        return True  # "puis 1 semaine sans patch", "then a 7-day break", "7-day ring-free break": a cycle's pause
    if i + 3 < len(words) and norms[i + 2 : i + 4] == ["out", "of"]:
        words, norms = words[: i + 2] + words[i + 3 :], norms[: i + 2] + norms[i + 3 :]
    if (
        i + 3 < len(words)
        and norms[i + 1] in _HOURS
        and norms[i + 2] in ("sur", "of", "/", "out")
        and norms[i + 3] == "24"
        and words[i].text.isdigit()
    ):
        return True  # "à laisser 12 h sur 24" (a patch 12 hours a day): no clock time, a cycle
    if i + 3 >= len(words) or norms[i + 1] not in CYCLE_UNITS or norms[i + 2] not in ("sur", "of", "/", "out"):
        return False  # the words first: each token._ makes an object
    if token_value(words[i], "num") is None or token_value(words[i + 3], "num") is None:
        return False
    day = norms[i + 1] in ("jours", "jour", "j", "days", "day")
    if day and norms[i + 2] in ("/", "sur") and token_value(words[i + 3], "num") == 7:
        return False  # 5 j/7, 5 jours sur 7: days in every week, read by the rules
    return not (day and token_value(words[i], "num") == 1)


def _consecutive_days_a_week(after: list[str]) -> bool:
    """``jours consécutifs par semaine``, ``consecutive days a week`` (the words after a number)."""
    days = after[:2] in (["jours", "consecutifs"], ["j", "consecutifs"], ["consecutive", "days"])
    return days and len(after) == 4 and after[2] in ("par", "/", "chaque", "a", "per", "each") and after[3] in _WEEK


_WEEK = frozenset({"semaine", "sem", "week", "wk"})
_HOURS = frozenset({"h", "hr", "hrs", "hour", "hours", "heure", "heures"})
_BREAKS = frozenset({"break", "sans", "pause", "free"})
_MONTHLY = {(d, p, "mois") for d in ("jours", "j") for p in ("par", "chaque", "/")} | {
    ("days", p, "month") for p in ("a", "each", "every", "per", "/")
}


def _days_before(words, norms: list[str], i: int) -> bool:
    """A number and a unit of days or weeks right before ``i`` (a hyphen or a form word between:
    ``7-day ring-free``)."""
    units = [k for k in range(max(1, i - 4), i) if norms[k] in CYCLE_UNITS]
    if not units:
        return False
    number = units[-1] - (2 if norms[units[-1] - 1] == "-" else 1)  # "7 day", "7-day"
    return number >= 0 and token_value(words[number], "num") is not None


def _cycle_break(norms: list[str], i: int) -> bool:
    """``7 jours d'arrêt``, ``1 sem de pause``: the stop word ends a cycle's break (a number, a
    unit of days or weeks, ``d'`` / ``de``), not the order."""
    return i >= 3 and norms[i - 1] in ("d'", "de") and norms[i - 2] in CYCLE_UNITS and norms[i - 3][:1].isdigit()


def _excepts_no_day(norms: list[str], i: int) -> bool:
    """``sauf les jours de dialyse``: an exception naming no day of the week."""
    ahead = norms[i + 1 : i + 4]
    return "jours" in ahead or "days" in ahead


# the cues read into fields, with no flag (posology.fields.orders.apply_orders skips them)
READ_RIGHT = frozenset(
    "comparison except weekend weekdays mwf tth eye ear label end_of_course advice monitoring caution".split()
)


def covered_by_cues(cues: list[Cue]) -> set[int]:
    """Token indices of order verbs: never part of a drug name, never "not understood"."""
    kinds = {"stop", "hold", "do_not", "conditional_stop", "unheld", "replaced"} | (READ_RIGHT - {"comparison"})
    return {i for cue in cues if cue.kind in kinds for i in cue.tokens}


# --- mentions ---------------------------------------------------------------------------------
