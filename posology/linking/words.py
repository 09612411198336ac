"""Unknown words of a prescription, offered to the span linker before the rules run.

Words no alias explains (``2 gellules``, ``au couché``, ``colyre``) are linked to a
terminology concept; a linked span becomes one token carrying that concept, so that the rules
read it like an alias, and the result is kept for provenance and review (warning W007).

- after a number only units are asked for (unit of presentation, unit, time unit), and an
  everyday word may be one (``2 bouffe``: puffs, accents lost); elsewhere only events, routes
  and dose forms, never an everyday word (``merci``, ``Martin``);
- the widest window (up to two words before the unknown one) that links wins; through
  ``SpanLinker.link_in_context`` the unknown word alone must resemble an alias too;
- drug names (a known brand or substance, or a capitalised word not after a number) and the
  rules' own cue words are never offered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from posology.matching.lexicon import is_number, tag_concepts, token_value
from posology.text.readings import NAME_NORMS
from posology.text.tokenizer import doc_text, doc_words
from posology.text.words import AMOUNT_WORDS, FUNCTION_WORDS, lower_case_line

if TYPE_CHECKING:
    from posology.linking.linker import LinkResult

UNIT_TYPES = ("unit_of_presentation", "unit", "time_unit")
_STOPS = frozenset({".", ";", "!", "?"})  # a window never starts on a sentence end (". NOTE" is not "noct.")
OTHER_TYPES = ("when", "route", "dose_form")
MAX_WINDOW = 3  # words
# A negation is never a concept by resemblance ("not" is not "noct."): read by
# posology.fields.orders or reported as not understood (a review flag).
NEGATIONS = frozenset(
    {
        "not",
        "nor",
        "sauf",
        "except",
        "excepte",
        "hors",
        "pas",
        "never",
        "jamais",
        # field labels of structured exports ("Voie : orale"): never a concept themselves
        "voie",
        "dose",
        "frequence",
        "duree",
        "moment",
        "intervalle",
        "posologie",
    }
)


def linkable(token: Token) -> bool:
    """Letters (OCR digits allowed), unknown to the lexicon, not a number, not a function word."""
    norm = token.norm_
    return (
        len(norm) >= 3
        and any(ch.isalpha() for ch in norm)
        and not is_number(token)
        and norm not in FUNCTION_WORDS
        and norm not in NEGATIONS
        and norm not in AMOUNT_WORDS  # "en couche mince" is how to apply, never "au coucher"
        and norm not in NAME_NORMS  # "AC CLAVULANIQUE": a name's word its neighbours read
        and not token_value(token, "is_lex")
    )


def _offered(token: Token, after_number: bool, is_drug_word: Callable[[str], bool], rule_words: frozenset[str]) -> bool:
    """A capitalised word is a name ("Tab. Levera", "Nicopatch") unless it stands where a unit
    does, after a number; upper-case lines (OCR) are still offered."""
    name_like = token.is_title and not after_number
    return linkable(token) and token.norm_ not in rule_words and not name_like and not is_drug_word(token.text)


def link_unknown_words(
    doc: Doc,
    link: Callable[[str, tuple[str, ...], bool], LinkResult | None],
    is_drug_word: Callable[[str], bool],
    rule_words: frozenset[str],
) -> dict[int, LinkResult]:
    """Link and merge the unknown words of ``doc``; returns char start → LinkResult."""
    words = list(doc_words(doc))
    text = doc_text(doc)
    found: list[tuple[int, int, LinkResult]] = []
    free_from = 0  # windows never reach back into a span already linked
    for index, token in enumerate(words):
        after_number = index > 0 and is_number(words[index - 1])
        if not _offered(token, after_number, is_drug_word, rule_words):
            continue
        if index > 0 and _dotted_form(words[index - 1]) and _opens_item(words, index - 1):
            continue  # "CAP. RABLET D": the word after an abbreviated form opening an item is the product's name
        if (
            0 < index < len(words) - 1
            and words[index - 1].text == "("
            and words[index + 1].text == ")"
            and token.is_upper
        ):
            continue  # "BD x 5/7 (ACS)": an abbreviation alone in brackets is a note (acute chest syndrome), never AC
        if index == 0 and token.is_upper and len(token.text) >= 4 and lower_case_line(words):
            continue  # "RABLET D : 1 gélule …": a word in capitals opening a line in lower case is a name
        types = UNIT_TYPES if after_number else OTHER_TYPES
        for first in range(max(free_from, index - MAX_WINDOW + 1), index + 1):
            window = words[first : index + 1]
            if (
                window[0].norm_ in _STOPS
                or any(token_value(w, "is_lex") or is_number(w) for w in window[:-1])
                or any(_vitamin_letter(w) for w in window)
            ):
                continue  # ("Vitamin A solution": the letter names the drug, "A solution" no form)
            if any(is_drug_word(w.text) for w in window[:-1]):
                continue  # "BETADINE DERMIQUE": a drug's name is never part of a route or a form
            if len(window) > 1 and window[0].is_title and _opens_item(words, first):
                continue  # "Colistine aérosol 1 MUI": a capitalised word opening the line is the name's
            result = link(text[window[0].idx : token.idx + len(token.text)], types, after_number)
            if result is not None:
                found.append((window[0].i, token.i + 1, result))
                free_from = index + 1
                break
    return _merge(doc, found)


_ITEM_ENDS = frozenset({"|", ";", ",", ")", "-", "•", ":"})


def _opens_item(words: list[Token], index: int) -> bool:
    """Whether ``words[index]`` opens the line or an item (after a separator, a list's number)."""
    before = words[index - 1] if index > 0 else None
    return (
        before is None
        or before.text in _ITEM_ENDS
        or before.norm_ == "•"
        or (before.text == "." and index > 1 and words[index - 2].norm_ == "•")
    )


def _dotted_form(token: Token) -> bool:
    """``CAP.``, ``TAB.``, ``Inj.``: a form abbreviated with a full stop, which opens an Indian
    slip's item before the brand (``CAP. RABLET D 1-0-0``: never a capsule then a tablet); after a
    name (``SOL. PULV. BUCCALE``) the word may be the presentation's."""
    return token.text.endswith(".") and (
        token_value(token, "lex_dose_form") is not None or token_value(token, "lex_unit_of_presentation") is not None
    )


def _vitamin_letter(token: Token) -> bool:
    """The letter after "vitamin" (read as ``vitamina`` … by ``text.readings``): part of a name."""
    return len(token.text) == 1 and token.norm_.startswith("vitamin")


def _merge(doc: Doc, found: list[tuple[int, int, LinkResult]]) -> dict[int, LinkResult]:
    """One token per linked span, tagged with the linked concept."""
    if not found:
        return {}
    with doc.retokenize() as retokenizer:
        for start, end, _ in found:
            if end - start > 1:
                span = doc[start:end]
                retokenizer.merge(span, attrs={"NORM": " ".join(t.norm_ for t in span)})
    linked: dict[int, LinkResult] = {}
    shift = 0  # tokens removed by the merges before this span
    for start, end, result in found:
        token = doc[start - shift]
        tag_concepts(token, {result.type: result.key})
        linked[token.idx] = result
        shift += end - start - 1
    return linked
