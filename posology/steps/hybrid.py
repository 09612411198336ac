"""Step 2, the hybrid policy: where the NER model may add to what the rules read.

Reads ``mode``, ``doc``, ``covered``, ``mentions``; writes ``mode`` (lowered to ``rules`` when
the rules explain every word), a re-read of the text with misspelt words repaired
(``spelling``, through :func:`posology.steps.read.analyse`), and the NER mentions added where
no rule matched (``mentions``, ``covered``, ``ner_refused``).

The policy, in order:

1. **Rules first.** A line whose every word the rules (or a drug name) explain never reaches
   the NER model (:func:`has_gap`).
2. **Repair, then read again.** A word inside a non-drug NER span that names no concept and is
   no known word is repaired to the one known word within :data:`SPELLING_MIN` edit
   similarity (``twise``, ``dialy``, ``brekfast``); the rules then read the line again.
3. **Add, never override.** NER mentions overlapping a rule's tokens are dropped (rules win on
   conflict); implausible ones (a value of 0, a bare number alone) are refused and reported
   (W011, W012), never structured (:func:`keep_plausible`).

``mode == "ner"`` is the NER path alone (its own mentions; used for the benchmarks).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from numbers import Real
from typing import TYPE_CHECKING

from posology.errors import Warnings
from posology.fields.cues import HOLD, STOP
from posology.fields.mentions import Mention
from posology.fields.switches import SWITCH
from posology.linking.common_words import is_common
from posology.linking.drugs_index import similarity_at_least
from posology.matching.lexicon import has_concept
from posology.steps.read import analyse
from posology.steps.runs import name_runs
from posology.text.normalize import fold
from posology.text.tokenizer import doc_tokens
from posology.text.words import (
    AMOUNT_WORDS,
    DEVICE_WORDS,
    FUNCTION_WORDS,
    INSTRUCTION_VERBS,
    NEEDED_WORDS,
    PRESENTATION_WORDS,
    lower_case_line,
)

if TYPE_CHECKING:
    from posology.analysis import Analysis
    from posology.engine import Engine

# Words the name finder already knows for what they are ("thin layer", "poudre"): never repaired.
# the words of a stop, a hold or a switch: a misspelling is never repaired into one of them
ORDER_WORDS = frozenset(phrase[0] for phrase in STOP | HOLD | SWITCH)
NOT_REPAIRED = FUNCTION_WORDS | AMOUNT_WORDS | PRESENTATION_WORDS | INSTRUCTION_VERBS | DEVICE_WORDS
SPELLING_MIN = 0.75  # edit similarity of a repaired word (one edit in four letters)
MAX_SLOT = 9  # the slot rules read one digit (or a half) per slot
CLOCK = ("tod.", "bounds.day_")  # a clock time (07h00: minute 0) and a day of a cycle may be 0


def step(engine: Engine, analysis: Analysis) -> None:
    if analysis.mode == "hybrid" and not reaches_ner(analysis):
        analysis.mode = "rules"  # the rules explain every word: nothing for the NER model to fill
    if analysis.mode == "hybrid" and engine.ner is not None:
        spelling = ner_spelling(engine, analysis)
        if spelling:  # the rules read the text again, misspelt words repaired
            analyse(engine, analysis, spelling)
    if analysis.mode != "rules" and engine.ner is not None:
        merge_ner(engine, analysis)


def reaches_ner(analysis: Analysis) -> bool:
    """Whether a hybrid line, once read, has a gap for the NER model (policy 1)."""
    return analysis.mode == "hybrid" and has_gap(analysis.doc, analysis.covered, name_runs(analysis))


def has_gap(doc, covered: set[int], names) -> bool:
    """Whether the rules left a word or a number unexplained (not a rule's, not a drug name,
    not a function word; a number inside a name run counts: ``Dacryoserum 1 unidose``, where
    the rules missed the dose): the hybrid engine runs the NER model only on such lines."""
    named = {token.i for run in names for token in run if not token.like_num}
    return any(
        token.i not in covered
        and token.i not in named
        and (token.like_num or (token.is_alpha and token.norm_ not in FUNCTION_WORDS))
        for token in doc_tokens(doc)
    )


def ner_spelling(engine: Engine, analysis: Analysis) -> dict[int, str]:
    """Misspelt posology words the NER model puts inside a span (policy 2).

    The NER model finds where a frequency, a timing or a route is written even when a word
    of it is misspelt (``twise a day``, ``twice dialy``, ``before brekfast``,
    ``sou cutané``); the rules cannot read such a span. Each word of a non-DRUG span that
    no rule used, that names no concept and that is not a known word, a drug word or a
    number is repaired to the one known word within :data:`SPELLING_MIN` edit similarity
    (a tie between two words: no repair). Returns clean start → repaired norm.
    """
    spans = [(start, end) for start, end, label in engine.ner.spans(analysis.clean) if label != "DRUG"]
    vocabulary, known = engine.vocabulary, engine.known_words
    spelling = {}
    mixed_case = lower_case_line(analysis.doc)
    for token in doc_tokens(analysis.doc):
        if token.i in analysis.covered or not token.is_alpha or len(token.norm_) < 3 or has_concept(token):
            continue
        if mixed_case and token.is_upper:  # "via OPAT": an acronym in a line in lower case, no misspelling
            continue
        if token.norm_ in known or token.norm_ in NOT_REPAIRED or engine.drugs.is_drug_word(token.text):
            continue
        if len(token.norm_) >= 4 and is_common(token.text):  # "same" is no "sam"(edi); "sou" may be "sous"
            continue
        if not any(start <= token.idx < end for start, end in spans):
            continue
        repaired = nearest_word(token.norm_, vocabulary)
        if repaired and repaired not in ORDER_WORDS:  # a guess never makes an order ("top" is no "stop")
            spelling[token.idx] = repaired
    return spelling


def nearest_word(word: str, vocabulary: dict[int, list[str]]) -> str | None:
    """The one vocabulary word closest to ``word`` (edit similarity ≥ SPELLING_MIN), or None
    when none is that close or two are equally close.

    >>> vocab = {5: ["daily", "twice"], 4: ["sous"], 9: ["breakfast"]}
    >>> nearest_word("dialy", vocab), nearest_word("sou", vocab), nearest_word("brekfast", vocab)
    ('daily', 'sous', 'breakfast')
    >>> nearest_word("dolo", vocab) is None
    True
    """
    best: list[tuple[float, str]] = []
    for length in range(len(word) - 2, len(word) + 3):
        for candidate in vocabulary.get(length, ()):
            score = similarity_at_least(word, candidate, SPELLING_MIN)
            if score is not None:
                best.append((score, candidate))
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None
    return best[0][1]


def merge_ner(engine: Engine, analysis: Analysis) -> None:
    """NER mentions alone (``ner``) or added where no rule matched (``hybrid``, policy 3)."""
    doc, clean = analysis.doc, analysis.clean
    ner_mentions = engine.ner.mentions(clean, doc)
    if analysis.mode == "ner":
        kept, analysis.ner_refused = keep_plausible(ner_mentions)
        spans = [(m.start, m.end) for m in kept]
        analysis.mentions = sorted(kept, key=lambda m: m.start)
        analysis.covered = {t.i for t in doc_tokens(doc) for start, end in spans if start <= t.idx < end}
        return
    # the rules' tokens as sorted, disjoint character spans: one bisection per NER mention
    rule_chars = sorted((doc[i].idx, doc[i].idx + len(doc[i].text)) for i in analysis.covered)
    starts, ends = [start for start, _ in rule_chars], [end for _, end in rule_chars]
    candidates = [
        m
        for m in ner_mentions
        if not _overlaps(starts, ends, m.start, m.end)
        and not (m.start > 0 and clean[m.start - 1].isalpha())  # "K1", "B12": part of a name
        and (m.family != "as_needed" or _says_as_needed(clean[m.start : m.end]))
        and (m.family != "phase" or _says_next(clean[m.start : m.end]))  # never a lone "(" nor "PDR"
        and not (m.family == "dose" and _article_dose(m, clean, analysis.mentions))
        and not (m.family == "dose" and _ORDINAL.match(clean, m.start))  # "1re injection 6 h après": which one
    ]
    added, analysis.ner_refused = keep_plausible(candidates, analysis.mentions)
    added_tokens = {t.i for t in doc_tokens(doc) for m in added if m.start <= t.idx < m.end}
    analysis.mentions = sorted(analysis.mentions + added, key=lambda m: m.start)
    analysis.covered = analysis.covered | added_tokens


# Words without which a span is no as-needed clause: the NER model otherwise spreads as-needed
# to "(planned surgery)" or "not on the same day as methotrexate" (left unexplained instead: W002).
AS_NEEDED_WORDS = NEEDED_WORDS | frozenset(
    "si if necessary necessaire when whenever lorsque quand cas demande onset douleur pain fievre fever".split()
)


_ORDINAL = re.compile(r"\d+\s?(?:re|ère|er|ere|e|ème|eme|st|nd|rd|th)\b", re.IGNORECASE)


def _article_dose(mention: Mention, clean: str, rule_mentions: list[Mention]) -> bool:
    """``… en respectant un intervalle de 4 heures``: a unit-less NER dose that is an article
    (``un``, ``a``) on a line whose rules read a dose already is no second dose."""
    words = clean[mention.start : mention.end].lower().split()
    return (
        mention.get("dose.unit") is None
        and bool(words)
        and words[0] in ("un", "une", "a", "an")  # an article; "one" may well be the dose ("insert one")
        and any(m.family in ("dose", "slot") for m in rule_mentions)
    )


# Words without which a span is no next phase (the model read "PDR", a powder's abbreviation, as one)
PHASE_WORDS = frozenset(
    "puis ensuite then thereafter followed after apres next subsequently suivi relais relayer continue".split()
)


def _says_next(text: str) -> bool:
    return any(word in PHASE_WORDS for word in fold(text).replace(",", " ").split())


def _says_as_needed(text: str) -> bool:
    return any(word in AS_NEEDED_WORDS for word in re.findall(r"[^\W\d_]+", fold(text)))


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint spans ``zip(starts, ends)``:
    the first span ending after ``start`` is the only one that can.

    >>> _overlaps([0, 5], [3, 8], 3, 5), _overlaps([0, 5], [3, 8], 2, 4), _overlaps([0, 5], [3, 8], 7, 9)
    (False, True, True)
    """
    index = bisect_right(ends, start)
    return index < len(starts) and starts[index] < end


def plausible(mention: Mention) -> bool:
    """Whether an NER-only mention's numbers can be a posology: every number it carries but a
    clock time is positive (a dose, strength, frequency or duration of 0 is noise: ``[0m``), and
    slot doses are what the slot rules accept (0 to 9, one of them at least 1 — a date
    ``12-01-2024`` is not three doses)."""
    numbers = [
        (field, value)
        for field, value in mention.items
        if isinstance(value, Real) and not isinstance(value, bool) and not field.startswith(CLOCK)
    ]
    if mention.family == "slot":
        return all(0 <= float(value) <= MAX_SLOT for _, value in numbers) and any(
            float(value) > 0 for _, value in numbers
        )
    return all(float(value) > 0 for _, value in numbers)


def keep_plausible(
    mentions: list[Mention], others: list[Mention] | tuple = ()
) -> tuple[list[Mention], list[tuple[Mention, str]]]:
    """The NER mentions that can be structured, and the refused ones with the warning that
    reports them (never structured): a value of 0 or less (W011: ``[0m``, ``0 0``), and bare
    numbers read as doses when nothing else of a posology is on the line (W012: ``42``,
    ``123 456``; ``others`` are the rule mentions of the line)."""
    refused = [(m, Warnings.W011) for m in mentions if not plausible(m)]
    kept = [m for m in mentions if plausible(m)]
    if kept and not others and all(_bare_number(m) for m in kept):
        refused += [(m, Warnings.W012) for m in kept]
        kept = []
    return kept, refused


def _bare_number(mention: Mention) -> bool:
    return mention.family == "dose" and all(field in ("dose.low", "dose.high") for field, _ in mention.items)


def ner_drug_names(engine: Engine, analysis: Analysis) -> list[list]:
    """The drug names the NER model finds, as token runs of the engine's doc (the ``ner`` path)."""
    names = []
    for start, end in engine.ner.drug_spans(analysis.clean):
        run = [t for t in doc_tokens(analysis.doc) if start <= t.idx < end and not t.is_space]
        if run:
            names.append(run)
    return names
